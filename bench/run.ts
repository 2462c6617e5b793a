/**
 * The benchmark (issue 6): `npm run bench [-- --presets S,M,L --runs 5]`.
 *
 * For each preset, generates the synthetic application (bench/generate.ts),
 * then measures side by side:
 * - analyzer: `rolecraft check` as a whole fresh process, against the raw
 *   parse floor (bench/parse-floor.mjs), `tsc --noEmit` and, when
 *   @typescript/native-preview is installed, TypeScript 7's native `tsgo
 *   --noEmit`; wall time and peak memory (GNU time's %M), runs interleaved
 *   and the order rotated each round, ratios computed per round;
 * - compile: loadRoleModel + emitProject through the built library, one fresh
 *   process per run (bench/compile.ts), and C3 for all roles alone;
 * - runtime: rolecraft's hasRequiredRoles against a bitset, @casl/ability,
 *   casbin and accesscontrol on one query list (bench/runtime.ts);
 * - watch: `rolecraft check --watch`, the time from changing one file to the
 *   new result, when the CLI has --watch (a placeholder row otherwise);
 * - tests: `rolecraft test` on a seeded suite of 1,000 assertions plus a full
 *   snapshot (bench/tests.ts) against `rolecraft check` alone, wall and CPU
 *   time, interleaved.
 * Prints tables (ratios first) and writes bench/out/results.json.
 *
 * Options: --presets S,M,L (default all three), --runs N (default 5),
 * --seed N (default 1), --queries N (runtime query list, default 1e6),
 * --slow-queries N (queries timed per round for the three libraries, default 1e5),
 * --only analyzer,compile,runtime,watch,tests, --reuse (keep an already generated
 * tree of the same preset, seed and generator version).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { CompileResult } from "./compile.js";
import { GENERATOR_VERSION, defaultOutDir, generateInto, repoRoot, type Manifest } from "./generate.js";
import { PRESETS, isPresetName, type PresetName } from "./gen/presets.js";
import { formatKb, formatMs, formatRate, formatRatio, pairedRatios, renderTable, summarize, type Summary } from "./lib/stats.js";
import { gnuTimeAvailable, runProcess, type ProcessSample } from "./lib/spawn.js";
import type { RuntimeResult } from "./runtime.js";
import { SUITE_FILE, generateSuite, type SuiteInfo } from "./tests.js";

type Section = "analyzer" | "compile" | "runtime" | "watch" | "tests";
const SECTIONS: readonly Section[] = ["analyzer", "compile", "runtime", "watch", "tests"];

interface Options {
  readonly presets: readonly PresetName[];
  readonly runs: number;
  readonly seed: number;
  readonly queries: number;
  readonly slowQueries: number;
  readonly sections: ReadonlySet<Section>;
  readonly reuse: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let presets: PresetName[] = ["S", "M", "L"];
  let runs = 5;
  let seed = 1;
  let queries = 1_000_000;
  let slowQueries = 100_000;
  let sections = new Set<Section>(SECTIONS);
  let reuse = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const count = (): number => {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${arg} needs a positive integer`);
      return n;
    };
    if (arg === "--presets") {
      presets = value()
        .split(",")
        .map((p) => p.trim().toUpperCase())
        .filter((p) => p !== "")
        .map((p) => {
          if (!isPresetName(p)) throw new Error(`unknown preset ${p} (S, M or L)`);
          return p;
        });
    } else if (arg === "--runs") runs = count();
    else if (arg === "--seed") seed = count();
    else if (arg === "--queries") queries = count();
    else if (arg === "--slow-queries") slowQueries = count();
    else if (arg === "--only") {
      sections = new Set(
        value()
          .split(",")
          .map((s) => {
            if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s} (${SECTIONS.join(", ")})`);
            return s as Section;
          }),
      );
    } else if (arg === "--reuse") reuse = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { presets, runs, seed, queries, slowQueries, sections, reuse };
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

// ------------------------------------------------------------------ tools

const BIN = join(repoRoot, "bin", "rolecraft.js");
const TSC = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
const FLOOR = join(repoRoot, "bench", "parse-floor.mjs");
const TSGO = join(repoRoot, "node_modules", "@typescript", `native-preview-${process.platform}-${process.arch}`, "lib", process.platform === "win32" ? "tsgo.exe" : "tsgo");

interface Tool {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

interface ToolStatus {
  readonly available: boolean;
  readonly detail: string;
}

async function tsgoStatus(): Promise<ToolStatus> {
  if (!existsSync(TSGO)) return { available: false, detail: "@typescript/native-preview is not installed (its native binary is missing)" };
  const run = await runProcess(TSGO, ["--version"], { cwd: repoRoot });
  return run.code === 0 ? { available: true, detail: run.stdout.trim() } : { available: false, detail: `tsgo --version failed: ${run.stderr.trim()}` };
}

async function watchAvailable(): Promise<boolean> {
  const help = await runProcess(process.execPath, [BIN, "check", "--help"], { cwd: repoRoot });
  return help.stdout.includes("--watch");
}

// ------------------------------------------------------------------ analyzer

interface CommandSamples {
  readonly wallMs: number[];
  readonly maxRssKb: (number | null)[];
}

interface AnalyzerResult {
  readonly commands: Record<string, CommandSamples>;
  /** The last line check printed (its summary). */
  readonly checkSummary: string;
  readonly floorSummary: string;
}

async function benchAnalyzer(dir: string, manifest: Manifest, runs: number, tsgo: ToolStatus): Promise<AnalyzerResult> {
  const tools: Tool[] = [
    { name: "rolecraft check", command: process.execPath, args: [BIN, "check", manifest.userTypesModule, "--src", "app/src"] },
    { name: "parse floor", command: process.execPath, args: [FLOOR, "app/src", "app/generated"] },
    { name: "tsc --noEmit", command: process.execPath, args: [TSC, "--noEmit", "-p", "app/tsconfig.json"] },
  ];
  if (tsgo.available) tools.push({ name: "tsgo --noEmit", command: TSGO, args: ["--noEmit", "-p", "app/tsconfig.json"] });
  const env = { ...process.env, NO_COLOR: "1", CI: "true" };

  // One unmeasured round: warms the file cache and checks every command works on this tree.
  let checkSummary = "";
  let floorSummary = "";
  for (const tool of tools) {
    const run = await runProcess(tool.command, tool.args, { cwd: dir, env });
    const lastLine = (text: string): string => text.trim().split("\n").pop() ?? "";
    if (run.code !== 0) {
      throw new Error(`${tool.name} failed on ${manifest.preset} (exit ${run.code}):\n${run.stderr.slice(-2000)}${run.stdout.slice(-2000)}`);
    }
    if (tool.name === "rolecraft check") checkSummary = lastLine(run.stderr);
    if (tool.name === "parse floor") floorSummary = lastLine(run.stdout);
    log(`  ${manifest.preset} warm-up: ${tool.name} ${Math.round(run.wallMs)} ms${tool.name === "rolecraft check" ? ` (${checkSummary})` : ""}`);
  }

  const commands: Record<string, CommandSamples> = {};
  for (const tool of tools) commands[tool.name] = { wallMs: [], maxRssKb: [] };
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[(k + round) % tools.length];
      if (tool === undefined) continue;
      const run: ProcessSample = await runProcess(tool.command, tool.args, { cwd: dir, env });
      if (run.code !== 0) throw new Error(`${tool.name} failed on ${manifest.preset} in round ${round + 1} (exit ${run.code})`);
      commands[tool.name]?.wallMs.push(run.wallMs);
      commands[tool.name]?.maxRssKb.push(run.maxRssKb ?? null);
    }
    const line = tools.map((t) => `${t.name} ${Math.round(commands[t.name]?.wallMs[round] ?? 0)} ms`).join(", ");
    log(`  ${manifest.preset} analyzer round ${round + 1}/${runs}: ${line}`);
  }
  return { commands, checkSummary, floorSummary };
}

// ------------------------------------------------------------------ compile

interface CompileSection {
  readonly library: CompileResult[];
  /** `rolecraft compile --check` as a whole process. */
  readonly cli: CommandSamples;
}

async function benchCompile(dir: string, manifest: Manifest, runs: number): Promise<CompileSection> {
  const library: CompileResult[] = [];
  const cli: CommandSamples = { wallMs: [], maxRssKb: [] };
  for (let round = 0; round < runs; round++) {
    const run = await runProcess(process.execPath, ["--import", "tsx", join(repoRoot, "bench", "compile.ts"), "--dir", dir], { cwd: repoRoot });
    if (run.code !== 0) throw new Error(`compile benchmark failed on ${manifest.preset}:\n${run.stderr}`);
    library.push(JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as CompileResult);
    const whole = await runProcess(process.execPath, [BIN, "compile", manifest.userTypesModule, "--out", "app/generated", "--check"], { cwd: dir });
    if (whole.code !== 0) throw new Error(`rolecraft compile --check failed on ${manifest.preset}:\n${whole.stderr}`);
    cli.wallMs.push(whole.wallMs);
    cli.maxRssKb.push(whole.maxRssKb ?? null);
  }
  const last = library[library.length - 1];
  log(`  ${manifest.preset} compile: load ${Math.round(last?.loadMs ?? 0)} ms, emit ${Math.round(last?.emitMs ?? 0)} ms, C3 ${last?.c3Ms.toFixed(1) ?? "?"} ms`);
  return { library, cli };
}

// ------------------------------------------------------------------ runtime

async function benchRuntime(dir: string, manifest: Manifest, options: Options): Promise<RuntimeResult> {
  const args = [
    "--expose-gc",
    "--import",
    "tsx",
    join(repoRoot, "bench", "runtime.ts"),
    "--dir",
    dir,
    "--queries",
    String(options.queries),
    "--runs",
    String(options.runs),
    "--seed",
    String(options.seed),
    "--slow-queries",
    String(options.slowQueries),
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  if (code !== 0) throw new Error(`runtime benchmark failed on ${manifest.preset} (exit ${code})`);
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as RuntimeResult;
}

// ------------------------------------------------------------------ watch

interface WatchResult {
  readonly available: boolean;
  readonly note: string;
  /** From spawning `check --watch` to its first result. */
  readonly initialMs?: number;
  /** From writing the changed file to the new result line, per change. */
  readonly latencyMs?: number[];
  /** What the watcher itself reported for each change. */
  readonly reportedMs?: number[];
  readonly file?: string;
}

async function benchWatch(dir: string, manifest: Manifest, runs: number, available: boolean): Promise<WatchResult> {
  if (!available) return { available: false, note: "`rolecraft check --watch` does not exist yet: no measurement (placeholder)" };
  const target = manifest.actors[Math.floor(manifest.actors.length / 2)];
  if (target === undefined) return { available: true, note: "no actor to change" };
  const path = join(dir, "app", "src", target.file);
  const original = readFileSync(path, "utf8");
  const parent = /^export class (\w+) extends/m.exec(original)?.[1];
  if (parent === undefined) return { available: true, note: `no class in ${target.file}` };
  const probe = `${original}\n/** Added by the watch benchmark. */\nexport class BenchWatchProbe extends ${parent} {}\n`;

  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "check", manifest.userTypesModule, "--src", "app/src", "--watch"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", CI: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const waiters: { pattern: RegExp; resolve: (m: { match: RegExpExecArray; at: number }) => void }[] = [];
  createInterface({ input: child.stderr }).on("line", (line) => {
    const at = performance.now();
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i];
      const match = waiter?.pattern.exec(line);
      if (waiter !== undefined && match !== null && match !== undefined) {
        waiters.splice(i, 1);
        waiter.resolve({ match, at });
        return;
      }
    }
  });
  const ROUND = /\[watch\] (\d+) actors.*\((\d+) ms\)\s*$/;
  const next = (timeoutMs: number): Promise<{ match: RegExpExecArray; at: number }> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no \`[watch] N actors … (N ms)\` line within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({
        pattern: ROUND,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  const latencyMs: number[] = [];
  const reportedMs: number[] = [];
  let changed = false;
  try {
    const first = await next(15 * 60_000);
    const initialMs = first.at - started;
    const actors = Number(first.match[1]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let round = 0; round < runs + (runs % 2); round++) {
      const adding = round % 2 === 0;
      const waiting = next(120_000);
      const writeAt = performance.now();
      writeFileSync(path, adding ? probe : original);
      changed = adding;
      const seen = await waiting;
      const count = Number(seen.match[1]);
      if (count !== actors + (adding ? 1 : 0)) throw new Error(`watch reported ${count} actors after the change, expected ${actors + (adding ? 1 : 0)}`);
      if (round < runs) {
        latencyMs.push(seen.at - writeAt);
        reportedMs.push(Number(seen.match[2]));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return { available: true, note: `change: add/remove one actor class in ${target.file}`, initialMs, latencyMs, reportedMs, file: target.file };
  } catch (error) {
    return { available: true, note: `watch measurement failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    if (changed) writeFileSync(path, original);
    child.kill("SIGTERM");
  }
}

// ------------------------------------------------------------------ tests

interface TimedCommand {
  readonly wallMs: number[];
  readonly cpuMs: (number | null)[];
}

interface TestsResult {
  readonly suite: SuiteInfo;
  readonly check: TimedCommand;
  readonly test: TimedCommand;
  /** The last line `rolecraft test` printed (its counts). */
  readonly testSummary: string;
}

/**
 * `rolecraft test` on a seeded suite of 1,000 assertions plus a full
 * snapshot, against `rolecraft check` alone on the same tree: both as fresh
 * processes, interleaved, the order swapped every round.
 */
async function benchTests(dir: string, manifest: Manifest, runs: number, seed: number): Promise<TestsResult> {
  const suite = await generateSuite(dir, seed, 1000);
  const env = { ...process.env, NO_COLOR: "1", CI: "true" };
  const commands = {
    check: [BIN, "check", manifest.userTypesModule, "--src", "app/src"],
    test: [BIN, "test", SUITE_FILE, "--module", manifest.userTypesModule, "--src", "app/src"],
  } as const;
  const results = { check: { wallMs: [], cpuMs: [] } as TimedCommand, test: { wallMs: [], cpuMs: [] } as TimedCommand };
  let testSummary = "";
  for (const name of ["check", "test"] as const) {
    const run = await runProcess(process.execPath, commands[name], { cwd: dir, env });
    if (run.code !== 0) throw new Error(`rolecraft ${name} failed on ${manifest.preset} (exit ${run.code}):\n${run.stderr.slice(-2000)}${run.stdout.slice(-2000)}`);
    if (name === "test") testSummary = run.stdout.trim().split("\n").pop() ?? "";
  }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? (["check", "test"] as const) : (["test", "check"] as const);
    for (const name of order) {
      const run = await runProcess(process.execPath, commands[name], { cwd: dir, env });
      if (run.code !== 0) throw new Error(`rolecraft ${name} failed on ${manifest.preset} in round ${round + 1} (exit ${run.code})`);
      results[name].wallMs.push(run.wallMs);
      results[name].cpuMs.push(run.cpuMs ?? null);
    }
    log(`  ${manifest.preset} tests round ${round + 1}/${runs}: check ${Math.round(results.check.wallMs[round] ?? 0)} ms, test ${Math.round(results.test.wallMs[round] ?? 0)} ms`);
  }
  return { suite, ...results, testSummary };
}

// ------------------------------------------------------------------ report

interface PresetResult {
  readonly preset: PresetName;
  readonly counts: Manifest["counts"];
  analyzer?: AnalyzerResult;
  compile?: CompileSection;
  runtime?: RuntimeResult;
  watch?: WatchResult;
  tests?: TestsResult;
}

function samples(result: AnalyzerResult | undefined, name: string, what: "wallMs" | "maxRssKb"): number[] {
  const values = result?.commands[name]?.[what] ?? [];
  return values.filter((v): v is number => v !== null);
}

function report(results: readonly PresetResult[], options: Options, tsgo: ToolStatus, watchExists: boolean): string {
  const out: string[] = [];
  const head = ["", ...results.map((r) => r.preset)];
  const row = (label: string, cell: (r: PresetResult) => string): string[] => [label, ...results.map(cell)];
  out.push(
    `rolecraft benchmark: presets ${results.map((r) => r.preset).join(", ")}, ${options.runs} interleaved runs, seed ${options.seed}; median (min–max).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}.`,
    "",
  );
  out.push(
    "Sizes",
    renderTable([
      head,
      row("roles (+8 core)", (r) => String(r.counts.roles)),
      row("user types", (r) => String(r.counts.userTypes)),
      row("actors / actions", (r) => `${r.counts.actors} / ${r.counts.actions}`),
      row("application files", (r) => String(r.counts.appFiles)),
      row("max inheritance depth", (r) => String(r.counts.maxDepth)),
    ]),
    "",
  );

  if (options.sections.has("analyzer")) {
    const ratio = (r: PresetResult, a: string, b: string, what: "wallMs" | "maxRssKb"): string => formatRatio(pairedRatios(samples(r.analyzer, a, what), samples(r.analyzer, b, what)));
    const abs = (r: PresetResult, name: string): string => {
      const t = summarize(samples(r.analyzer, name, "wallMs"));
      const m = summarize(samples(r.analyzer, name, "maxRssKb"));
      return `${formatMs(t)}, ${formatKb(m)}`;
    };
    const tsgoRows = tsgo.available
      ? [row("check / tsgo --noEmit, time", (r) => ratio(r, "rolecraft check", "tsgo --noEmit", "wallMs"))]
      : [row("check / tsgo --noEmit, time", () => "tsgo not available")];
    out.push(
      "Analyzer: whole processes (ratios per round; targets: ≤1.5× floor at L, ≤2× at M, memory ≤1.6× floor, < tsc, < tsgo at L)",
      renderTable([
        head,
        row("check / parse floor, time", (r) => ratio(r, "rolecraft check", "parse floor", "wallMs")),
        row("check / parse floor, peak RSS", (r) => ratio(r, "rolecraft check", "parse floor", "maxRssKb")),
        row("check / tsc --noEmit, time", (r) => ratio(r, "rolecraft check", "tsc --noEmit", "wallMs")),
        row("check / tsc --noEmit, peak RSS", (r) => ratio(r, "rolecraft check", "tsc --noEmit", "maxRssKb")),
        ...tsgoRows,
        row("rolecraft check (time, peak RSS)", (r) => abs(r, "rolecraft check")),
        row("parse floor", (r) => abs(r, "parse floor")),
        row("tsc --noEmit", (r) => abs(r, "tsc --noEmit")),
        row("tsgo --noEmit", (r) => (tsgo.available ? abs(r, "tsgo --noEmit") : "–")),
      ]),
      `tsgo: ${tsgo.detail}. Peak RSS: ${gnuTimeAvailable() ? "GNU time %M (max resident set size)" : "not measured (/usr/bin/time missing)"}.`,
      `check printed: ${results.map((r) => `${r.preset}: ${r.analyzer?.checkSummary ?? "–"}`).join("; ")}`,
      "",
    );
  }

  if (options.sections.has("compile")) {
    const lib = (r: PresetResult, pick: (c: CompileResult) => number): Summary => summarize((r.compile?.library ?? []).map(pick));
    out.push(
      "Compile: built library, one fresh process per run (targets at L: load+validate+linearize+emit < 1 s, C3 < 25 ms)",
      renderTable([
        head,
        row("loadRoleModel + emitProject", (r) => formatMs(lib(r, (c) => c.loadMs + c.emitMs))),
        row("  loadRoleModel (load, validate, model, C3)", (r) => formatMs(lib(r, (c) => c.loadMs))),
        row("  emitProject", (r) => formatMs(lib(r, (c) => c.emitMs))),
        row("C3 for all roles (linearizeHierarchy), warm", (r) => formatMs(lib(r, (c) => c.c3Ms))),
        row("C3 for all roles, first call", (r) => formatMs(lib(r, (c) => c.c3FirstMs))),
        row("import dist/index.js", (r) => formatMs(lib(r, (c) => c.importMs))),
        row("rolecraft compile --check (process)", (r) => formatMs(summarize(r.compile?.cli.wallMs ?? []))),
      ]),
      "",
    );
  }

  if (options.sections.has("runtime")) {
    for (const r of results) {
      const rt = r.runtime;
      if (rt === undefined) continue;
      const bitset = rt.implementations.find((i) => i.name === "bitset (limit)")?.rates ?? [];
      const rows: string[][] = [["implementation", "ratio to bitset", "throughput", "ns/query", "timed queries"]];
      for (const impl of rt.implementations) {
        const rate = summarize(impl.rates);
        rows.push([impl.name, formatRatio(pairedRatios(impl.rates, bitset)), formatRate(rate), (1e9 / rate.median).toFixed(1), String(impl.timedQueries)]);
      }
      const alloc = rt.allocation.map((a) => `${a.name}: ${a.bytesPerCall.toFixed(4)} B/call, ${a.gcs} GCs over ${a.calls} calls`).join("; ");
      const rolecraft = rt.implementations.find((i) => i.name === "rolecraft hasRequiredRoles")?.rates ?? [];
      const casl = rt.implementations.find((i) => i.name === "@casl/ability")?.rates ?? [];
      out.push(
        `Runtime ${r.preset}: ${rt.queries} queries (${rt.userTypes} user types × ${rt.actors} actors, ${(rt.granted * 100).toFixed(1)}% granted); targets ≥0.8× bitset, ≥20× @casl/ability at M`,
        renderTable(rows),
        `rolecraft / @casl/ability: ${formatRatio(pairedRatios(rolecraft, casl))}. All answers verified against rolecraft: ${rt.verified.join(", ")}.`,
        `Allocation (heap growth over 3 passes after warm-up, --expose-gc): ${alloc}.`,
        "",
      );
    }
  }

  if (options.sections.has("watch")) {
    out.push(
      "Watch: `rolecraft check --watch`, one file changed → new result printed (target at L: < 150 ms)",
      renderTable([
        head,
        row("change → result (measured here)", (r) =>
          !watchExists ? "PLACEHOLDER: no --watch yet" : r.watch?.latencyMs === undefined ? (r.watch?.note ?? "–") : formatMs(summarize(r.watch.latencyMs)),
        ),
        row("as reported by the watcher", (r) => (r.watch?.reportedMs === undefined ? "–" : formatMs(summarize(r.watch.reportedMs)))),
        row("first result after start", (r) => (r.watch?.initialMs === undefined ? "–" : formatMs(summarize([r.watch.initialMs])))),
      ]),
      "",
    );
  }
  if (options.sections.has("tests")) {
    const cpu = (t: TimedCommand | undefined): number[] => (t?.cpuMs ?? []).filter((v): v is number => v !== null);
    out.push(
      "Permission tests: `rolecraft test` on 1,000 assertions plus a full snapshot / `rolecraft check` alone (target at L: < 1.5×)",
      renderTable([
        head,
        row("test / check, wall time", (r) => formatRatio(pairedRatios(r.tests?.test.wallMs ?? [], r.tests?.check.wallMs ?? []))),
        row("test / check, CPU time (user + system)", (r) => formatRatio(pairedRatios(cpu(r.tests?.test), cpu(r.tests?.check)))),
        row("rolecraft test (wall; CPU)", (r) => `${formatMs(summarize(r.tests?.test.wallMs ?? []))}; ${formatMs(summarize(cpu(r.tests?.test)))}`),
        row("rolecraft check (wall; CPU)", (r) => `${formatMs(summarize(r.tests?.check.wallMs ?? []))}; ${formatMs(summarize(cpu(r.tests?.check)))}`),
        row("suite: targets × user types", (r) => (r.tests === undefined ? "–" : `${r.tests.suite.targets} × ${r.tests.suite.userTypes}`)),
      ]),
      `test printed: ${results.map((r) => `${r.preset}: ${r.tests?.testSummary ?? "–"}`).join("; ")}`,
      "",
    );
  }
  return out.join("\n");
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(repoRoot, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  const tsgo = await tsgoStatus();
  const watchExists = await watchAvailable();
  log(`tsgo: ${tsgo.detail}; check --watch: ${watchExists ? "available" : "not available"}; GNU time: ${gnuTimeAvailable() ? "yes" : "no"}`);
  const results: PresetResult[] = [];
  const benchStarted = performance.now();
  for (const preset of options.presets) {
    const dir = defaultOutDir(preset);
    let manifest: Manifest | undefined;
    const manifestPath = join(dir, "manifest.json");
    if (options.reuse && existsSync(manifestPath)) {
      const old = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
      if (old.generator === GENERATOR_VERSION && old.seed === options.seed && existsSync(join(dir, "app", "generated", "index.ts"))) manifest = old;
    }
    if (manifest === undefined) {
      const started = performance.now();
      manifest = await generateInto(preset, options.seed, dir);
      log(`${preset}: generated and compiled in ${Math.round(performance.now() - started)} ms (${JSON.stringify(manifest.counts)})`);
    } else log(`${preset}: reusing ${dir}`);
    const result: PresetResult = { preset, counts: manifest.counts };
    results.push(result);
    if (options.sections.has("analyzer")) result.analyzer = await benchAnalyzer(dir, manifest, options.runs, tsgo);
    if (options.sections.has("compile")) result.compile = await benchCompile(dir, manifest, options.runs);
    if (options.sections.has("runtime")) result.runtime = await benchRuntime(dir, manifest, options);
    if (options.sections.has("watch")) result.watch = await benchWatch(dir, manifest, options.runs, watchExists);
    if (options.sections.has("tests")) result.tests = await benchTests(dir, manifest, options.runs, options.seed);
    log(`${preset}: done after ${Math.round((performance.now() - benchStarted) / 1000)} s`);
  }

  const text = report(results, options, tsgo, watchExists);
  process.stdout.write(`\n${text}\n`);
  const outDir = join(repoRoot, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const document = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, memoryGiB: totalmem() / 2 ** 30, node: process.version, platform: `${process.platform}-${process.arch}` },
    options: { ...options, sections: [...options.sections] },
    memoryMeasurement: gnuTimeAvailable() ? "GNU time %M (max RSS, KB)" : null,
    tsgo,
    watch: { available: watchExists },
    presets: Object.fromEntries(results.map((r) => [r.preset, r])),
    presetSizes: Object.fromEntries(results.map((r) => [r.preset, PRESETS[r.preset]])),
    report: text,
  };
  writeFileSync(join(outDir, "results.json"), `${JSON.stringify(document, null, 2)}\n`);
  log(`wrote bench/out/results.json (${Math.round((performance.now() - benchStarted) / 1000)} s in all)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
