/**
 * The benchmark (issues 6 and 17): `npm run bench [-- --presets S,M,L,XL --runs 3]`.
 *
 * Measures side by side, as whole fresh processes, CPU time (user + system,
 * every thread) and wall time, idle and with one busy loop per core beside
 * the command (a shared CI runner):
 * - startup: `rolecraft check` and `show user-types` on the bundled example
 *   (`npm start`'s configuration) against `node -e 0` and `tsgo --noEmit`;
 * - analyzer, per preset: `rolecraft check` against the parse floor (plain
 *   TypeScript's createSourceFile on every file, bench/parse-floor.mjs), its
 *   variants (model thread, no skimmer), `tsgo --noEmit` and, up to L,
 *   `tsc --noEmit`; and at L and XL a CPU profile of check by owner;
 * - compile: import + loadRoleModel + emitProject through the built library,
 *   one fresh process of plain `node` per run (bench/compile.mjs), C3 for all roles alone;
 * - runtime: hasRequiredRoles against a bitset, the bitset specialised as
 *   rolecraft specialises, @casl/ability (also with allow-lists), casbin and
 *   accesscontrol on one query list (bench/runtime.ts);
 * - watch: `rolecraft check --watch`, the time from changing one file to the
 *   new result;
 * - lsp: `rolecraft lsp --stdio` driven by an LSP client, from an unsaved
 *   edit to its fresh diagnostics, for a leaf file, a file every actor file
 *   imports and a role module (bench/lsp.ts);
 * - tests: `rolecraft test` on a seeded suite of 1,000 assertions plus a full
 *   snapshot (bench/tests.ts) against `rolecraft check` alone, wall and CPU
 *   time, interleaved; at S, M and L only (the target is at L; at XL the
 *   snapshot would be about a gigabyte, more than rolecraft writes).
 * Prints the goals and tables (ratios first) and writes bench/out/results.json;
 * a full run (every preset and section, both loads) also rewrites the
 * generated sections of bench/README.md and README.md.
 *
 * Busy load is measured where a goal names it (start-up and L); XL measures
 * only check against the floor (idle) and compile.
 *
 * Options: --presets S,M,L,XL (default all four), --runs N (default 2),
 * --seed N (default 1), --queries N (runtime query list, default 1e6),
 * --slow-queries N (queries timed per round for the libraries, default 1e5),
 * --only startup,analyzer,compile,runtime,watch,tests,lsp, --loads idle,busy,
 * --reuse (keep an already generated tree of the same preset, seed and
 * generator version), --write-docs / --no-write-docs; --docs-from [FILE]
 * rewrites the generated sections from a saved full run (default
 * bench/out/full-results.json, which only a full run writes).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { benchLsp, type LspResult } from "./lsp.js";
import { GENERATOR_VERSION, defaultOutDir, generateInto, repoRoot, type Manifest } from "./generate.js";
import { PRESETS, PRESET_NAMES, isPresetName, type PresetName } from "./gen/presets.js";
import { formatKb, formatMs, formatRate, formatRatio, pairedRatios, renderTable, summarize, type Summary } from "./lib/stats.js";
import { gnuTimeAvailable, runProcess, type ProcessSample } from "./lib/spawn.js";
import type { RuntimeResult } from "./runtime.js";
import { SUITE_FILE, generateSuite, type SuiteInfo } from "./tests.js";

/** What bench/compile.mjs prints (plain JavaScript, so that no loader hook inflates the import). */
interface CompileResult {
  readonly roles: number;
  readonly userTypes: number;
  readonly files: number;
  /** Importing dist/index.js. */
  readonly importMs: number;
  /** loadRoleModel: read + parse YAML, validate, build the model (references, C3). */
  readonly loadMs: number;
  /** emitProject: generate and syntax-check every file. */
  readonly emitMs: number;
  readonly c3FirstMs: number;
  readonly c3Ms: number;
}

type Section = "startup" | "analyzer" | "compile" | "runtime" | "watch" | "tests" | "lsp";
const SECTIONS: readonly Section[] = ["startup", "analyzer", "compile", "runtime", "watch", "tests", "lsp"];

interface Options {
  readonly presets: readonly PresetName[];
  readonly runs: number;
  readonly seed: number;
  readonly queries: number;
  readonly slowQueries: number;
  readonly sections: ReadonlySet<Section>;
  readonly loads: readonly Load[];
  readonly reuse: boolean;
  readonly writeDocs: boolean;
  /** Every preset, section and load, seed 1: the run the docs quote. */
  readonly full: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let presets: PresetName[] = [...PRESET_NAMES];
  let runs = 2;
  let seed = 1;
  let queries = 1_000_000;
  let slowQueries = 100_000;
  let sections = new Set<Section>(SECTIONS);
  let loads: Load[] = [...LOADS];
  let reuse = false;
  let writeDocs: boolean | undefined;
  const list = <T extends string>(raw: string, allowed: readonly T[], what: string): T[] =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => {
        if (!(allowed as readonly string[]).includes(s)) throw new Error(`unknown ${what} ${s} (${allowed.join(", ")})`);
        return s as T;
      });
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
          if (!isPresetName(p)) throw new Error(`unknown preset ${p} (${PRESET_NAMES.join(", ")})`);
          return p;
        });
    } else if (arg === "--runs") runs = count();
    else if (arg === "--seed") seed = count();
    else if (arg === "--queries") queries = count();
    else if (arg === "--slow-queries") slowQueries = count();
    else if (arg === "--only") sections = new Set(list(value(), SECTIONS, "section"));
    else if (arg === "--loads") loads = list(value(), LOADS, "load");
    else if (arg === "--reuse") reuse = true;
    else if (arg === "--write-docs") writeDocs = true;
    else if (arg === "--no-write-docs") writeDocs = false;
    else throw new Error(`unknown argument ${arg}`);
  }
  const full = presets.length === PRESET_NAMES.length && sections.size === SECTIONS.length && loads.length === LOADS.length && seed === 1;
  return { presets, runs, seed, queries, slowQueries, sections, loads, reuse, full, writeDocs: writeDocs ?? full };
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

// ------------------------------------------------------------------ load

/** Idle: nothing else of ours runs. Busy: one busy loop per core runs beside the measured command. */
type Load = "idle" | "busy";
const LOADS: readonly Load[] = ["idle", "busy"];

/**
 * Starts one busy-loop process per core (a shared CI runner's neighbours) and
 * returns what stops them. They run at normal priority, as a neighbour would.
 */
function startLoad(): () => void {
  const loops = cpus().map(() => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  return () => {
    for (const child of loops) child.kill("SIGKILL");
  };
}

async function underLoad<T>(load: Load, run: () => Promise<T>): Promise<T> {
  if (load === "idle") return run();
  const stop = startLoad();
  try {
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the loops get going
    return await run();
  } finally {
    stop();
  }
}

// ------------------------------------------------------------------ whole processes side by side

interface CommandSamples {
  readonly wallMs: number[];
  readonly cpuMs: (number | null)[];
  readonly maxRssKb: (number | null)[];
}

interface ProcessTool extends Tool {
  readonly env?: Readonly<Record<string, string>>;
  /** Measured without load only (variants and slow references). */
  readonly idleOnly?: boolean;
}

interface SideBySide {
  /** Samples per load, then per command. */
  readonly loads: Partial<Record<Load, Record<string, CommandSamples>>>;
  /** The last line each command printed in the warm-up (stderr, else stdout). */
  readonly lastLines: Record<string, string>;
}

/**
 * Runs the commands interleaved, the order rotated every round, after one
 * unmeasured round that warms the file cache and checks every command works;
 * then the same under load. Ratios are computed per round (same load).
 */
async function sideBySide(label: string, cwd: string, tools: readonly ProcessTool[], runs: number, loads: readonly Load[]): Promise<SideBySide> {
  const baseEnv = { ...process.env, NO_COLOR: "1", CI: "true" };
  const lastLines: Record<string, string> = {};
  for (const tool of tools) {
    const run = await runProcess(tool.command, tool.args, { cwd, env: { ...baseEnv, ...tool.env } });
    if (run.code !== 0) throw new Error(`${tool.name} failed on ${label} (exit ${run.code}):\n${run.stderr.slice(-2000)}${run.stdout.slice(-2000)}`);
    const last = (text: string): string => text.trim().split("\n").pop() ?? "";
    lastLines[tool.name] = last(run.stderr) || last(run.stdout);
    log(`  ${label} warm-up: ${tool.name} ${Math.round(run.wallMs)} ms wall, ${Math.round(run.cpuMs ?? Number.NaN)} ms CPU`);
  }
  const result: SideBySide = { loads: {}, lastLines };
  for (const load of loads) {
    const active = tools.filter((t) => load === "idle" || t.idleOnly !== true);
    const commands: Record<string, CommandSamples> = {};
    for (const tool of active) commands[tool.name] = { wallMs: [], cpuMs: [], maxRssKb: [] };
    await underLoad(load, async () => {
      for (let round = 0; round < runs; round++) {
        for (let k = 0; k < active.length; k++) {
          const tool = active[(k + round) % active.length];
          if (tool === undefined) continue;
          const run: ProcessSample = await runProcess(tool.command, tool.args, { cwd, env: { ...baseEnv, ...tool.env } });
          if (run.code !== 0) throw new Error(`${tool.name} failed on ${label} in round ${round + 1} (exit ${run.code})`);
          commands[tool.name]?.wallMs.push(run.wallMs);
          commands[tool.name]?.cpuMs.push(run.cpuMs ?? null);
          commands[tool.name]?.maxRssKb.push(run.maxRssKb ?? null);
        }
        const line = active.map((t) => `${t.name} ${Math.round(commands[t.name]?.wallMs[round] ?? 0)}/${Math.round(commands[t.name]?.cpuMs[round] ?? 0)} ms`).join(", ");
        log(`  ${label} ${load} round ${round + 1}/${runs} (wall/CPU): ${line}`);
      }
    });
    result.loads[load] = commands;
  }
  return result;
}

// ------------------------------------------------------------------ cold start

const NODE_BIN = process.execPath;

/** The bundled example (`npm start`'s configuration): check and show user-types against node's and tsgo's start-up. */
async function benchStartup(runs: number, tsgo: ToolStatus, loads: readonly Load[]): Promise<SideBySide> {
  const tools: ProcessTool[] = [
    { name: "rolecraft check", command: NODE_BIN, args: [BIN, "check"] },
    { name: "rolecraft show user-types", command: NODE_BIN, args: [BIN, "show", "user-types"] },
    { name: "node -e 0", command: NODE_BIN, args: ["-e", "0"] },
    { name: "check, no code cache", command: NODE_BIN, args: [BIN, "check"], env: { NODE_DISABLE_COMPILE_CACHE: "1" }, idleOnly: true },
    { name: "check, model thread", command: NODE_BIN, args: [BIN, "check"], env: { ROLECRAFT_THREADS: "2" }, idleOnly: true },
  ];
  if (tsgo.available) tools.push({ name: "tsgo --noEmit", command: TSGO, args: ["--noEmit", "-p", "examples/noi-app/tsconfig.json"] });
  return sideBySide("example", repoRoot, tools, runs, loads);
}

// ------------------------------------------------------------------ analyzer

/** Presets where `tsc --noEmit` (a reference, no goal) is still measured: at XL it alone would take minutes a run. */
const TSC_PRESETS: ReadonlySet<PresetName> = new Set(["S", "M", "L"]);

/**
 * What a preset measures, to keep a full run in bounds: the busy load where
 * a goal names it (start-up and L); at XL only what its goal needs (check
 * against the floor, idle, the model thread beside it, and compile).
 */
const PRESET_LOADS: Readonly<Record<PresetName, readonly Load[]>> = { S: ["idle"], M: ["idle"], L: ["idle", "busy"], XL: ["idle"] };
const PRESET_SECTIONS: Readonly<Record<PresetName, readonly Section[]>> = {
  S: SECTIONS,
  M: SECTIONS,
  L: SECTIONS,
  XL: ["analyzer", "compile"],
};

/** Why `tests` is not run at XL (said in its table): the target is at L, and the full snapshot at XL would not fit in one string. */
const TESTS_NOT_RUN_AT_XL = "–, not run at XL: its snapshot would be about a gigabyte (more than rolecraft writes); the target is at L";

async function benchAnalyzer(dir: string, manifest: Manifest, runs: number, tsgo: ToolStatus, loads: readonly Load[]): Promise<SideBySide> {
  const check = [BIN, "check", manifest.userTypesModule, "--src", "app/src"];
  const tools: ProcessTool[] = [
    { name: "rolecraft check", command: NODE_BIN, args: check },
    { name: "parse floor", command: NODE_BIN, args: [FLOOR, "app/src", "app/generated"] },
    { name: "check, model thread", command: NODE_BIN, args: check, env: { ROLECRAFT_THREADS: "2" } },
  ];
  if (manifest.preset !== "XL") tools.push({ name: "check, no skimmer", command: NODE_BIN, args: check, env: { ROLECRAFT_SKIM: "0" }, idleOnly: true });
  if (tsgo.available && manifest.preset !== "XL") tools.push({ name: "tsgo --noEmit", command: TSGO, args: ["--noEmit", "-p", "app/tsconfig.json"], idleOnly: true });
  if (TSC_PRESETS.has(manifest.preset)) tools.push({ name: "tsc --noEmit", command: NODE_BIN, args: [TSC, "--noEmit", "-p", "app/tsconfig.json"], idleOnly: true });
  return sideBySide(manifest.preset, dir, tools, runs, loads.filter((l) => PRESET_LOADS[manifest.preset].includes(l)));
}

// ------------------------------------------------------------------ profile

/** Where `rolecraft check`'s main thread spends its CPU time: self time of one --cpu-prof run, by owner. */
interface ProfileShare {
  readonly owner: string;
  readonly ms: number;
}

async function profileCheck(dir: string, manifest: Manifest): Promise<ProfileShare[]> {
  const scratch = mkdtempSync(join(tmpdir(), "rolecraft-prof-"));
  try {
    const run = await runProcess(NODE_BIN, ["--cpu-prof", "--cpu-prof-dir", scratch, BIN, "check", manifest.userTypesModule, "--src", "app/src"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", CI: "true" },
    });
    if (run.code !== 0) throw new Error(`profiled check failed on ${manifest.preset}`);
    const totals = new Map<string, number>();
    for (const file of readdirSync(scratch)) {
      const profile = JSON.parse(readFileSync(join(scratch, file), "utf8")) as CpuProfile;
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      for (const node of profile.nodes) {
        const owner = ownerOf(node.callFrame.url, node.callFrame.functionName);
        if (owner === undefined) continue;
        totals.set(owner, (totals.get(owner) ?? 0) + (self.get(node.id) ?? 0) / 1000);
      }
    }
    return [...totals].map(([owner, ms]) => ({ owner, ms })).sort((a, b) => b.ms - a.ms);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly url: string; readonly functionName: string } }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A profile node's owner: a package, a part of rolecraft, Node's module loader, GC; undefined for idle time. */
function ownerOf(url: string, functionName: string): string | undefined {
  if (functionName === "(idle)") return undefined;
  if (functionName === "(garbage collector)") return "garbage collection";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg !== null) return pkg[1] === "@ts-morph/common" ? "TypeScript (ts-morph's bundle)" : (pkg[1] ?? "?");
  const part = /\/dist\/([^/]+)\//.exec(url);
  if (part !== null) return `rolecraft ${part[1] ?? "?"}/`;
  if (url.startsWith("node:internal/modules") || url.startsWith("node:internal/bootstrap") || url === "node:vm") return "Node: loading modules";
  if (url.startsWith("node:")) return "Node: other";
  return functionName === "(program)" ? "V8: compiling, other" : `native: ${functionName}`;
}

// ------------------------------------------------------------------ compile

interface CompileSection {
  readonly library: CompileResult[];
  /** `rolecraft compile --check` as a whole process. */
  readonly cli: CommandSamples;
}

async function benchCompile(dir: string, manifest: Manifest, runs: number): Promise<CompileSection> {
  const library: CompileResult[] = [];
  const cli: CommandSamples = { wallMs: [], cpuMs: [], maxRssKb: [] };
  for (let round = 0; round < runs; round++) {
    const run = await runProcess(process.execPath, [join(repoRoot, "bench", "compile.mjs"), "--dir", dir], { cwd: repoRoot });
    if (run.code !== 0) throw new Error(`compile benchmark failed on ${manifest.preset}:\n${run.stderr}`);
    library.push(JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as CompileResult);
    const whole = await runProcess(process.execPath, [BIN, "compile", manifest.userTypesModule, "--out", "app/generated", "--check"], { cwd: dir });
    if (whole.code !== 0) throw new Error(`rolecraft compile --check failed on ${manifest.preset}:\n${whole.stderr}`);
    cli.wallMs.push(whole.wallMs);
    cli.cpuMs.push(whole.cpuMs ?? null);
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
  analyzer?: SideBySide;
  profile?: ProfileShare[];
  compile?: CompileSection;
  runtime?: RuntimeResult;
  watch?: WatchResult;
  lsp?: LspResult;
  tests?: TestsResult;
}

type Measure = "wallMs" | "cpuMs" | "maxRssKb";

function samplesOf(result: SideBySide | undefined, load: Load, name: string, what: Measure): number[] {
  const values: readonly (number | null)[] = result?.loads[load]?.[name]?.[what] ?? [];
  return values.filter((v): v is number => v !== null);
}

function ratioOf(result: SideBySide | undefined, load: Load, a: string, b: string, what: Measure): Summary {
  return pairedRatios(samplesOf(result, load, a, what), samplesOf(result, load, b, what));
}

/** One goal of the benchmark, as measured in this run. */
interface Goal {
  readonly goal: string;
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly holds: boolean | undefined;
}

function goal(text: string, value: Summary, limit: number, direction: "at most" | "at least" | "below", unit: "×" | " ms"): Goal {
  if (Number.isNaN(value.median)) return { goal: text, measured: "not measured", holds: undefined };
  const holds = direction === "at most" ? value.median <= limit : direction === "at least" ? value.median >= limit : value.median < limit;
  const shown = unit === "×" ? formatRatio(value) : formatMs(value);
  const far = holds ? "" : unit === "×" ? ` (${(value.median / limit).toFixed(2)}× the goal)` : ` (${Math.round(value.median - limit)} ms over)`;
  return { goal: text, measured: `${shown}${far}`, holds };
}

function goalsOf(results: readonly PresetResult[], startup: SideBySide | undefined, totalSeconds: number): Goal[] {
  const goals: Goal[] = [];
  const at = (name: PresetName): PresetResult | undefined => results.find((r) => r.preset === name);
  if (startup !== undefined) {
    for (const load of LOADS) {
      if (startup.loads[load] === undefined) continue;
      goals.push(
        goal(`example, ${load}: check ≤ 3× \`node -e 0\`, wall`, ratioOf(startup, load, "rolecraft check", "node -e 0", "wallMs"), 3, "at most", "×"),
        goal(`example, ${load}: check ≤ 3× \`node -e 0\`, CPU`, ratioOf(startup, load, "rolecraft check", "node -e 0", "cpuMs"), 3, "at most", "×"),
        goal(`example, ${load}: check faster than \`tsgo --noEmit\`, wall`, ratioOf(startup, load, "rolecraft check", "tsgo --noEmit", "wallMs"), 1, "below", "×"),
        goal(`example, ${load}: show user-types ≤ 2× \`node -e 0\`, wall`, ratioOf(startup, load, "rolecraft show user-types", "node -e 0", "wallMs"), 2, "at most", "×"),
        goal(`example, ${load}: show user-types ≤ 2× \`node -e 0\`, CPU`, ratioOf(startup, load, "rolecraft show user-types", "node -e 0", "cpuMs"), 2, "at most", "×"),
      );
    }
  }
  const l = at("L");
  const xl = at("XL");
  if (l?.analyzer !== undefined) {
    goals.push(
      goal("L, idle: check ≤ 1.3× the parse floor, CPU", ratioOf(l.analyzer, "idle", "rolecraft check", "parse floor", "cpuMs"), 1.3, "at most", "×"),
      goal("L, busy: check ≤ 1.5× the parse floor, wall", ratioOf(l.analyzer, "busy", "rolecraft check", "parse floor", "wallMs"), 1.5, "at most", "×"),
    );
  }
  if (l?.analyzer !== undefined && xl?.analyzer !== undefined) {
    const lRatio = ratioOf(l.analyzer, "idle", "rolecraft check", "parse floor", "cpuMs");
    goals.push(goal(`XL, idle: check / floor CPU no worse than at L (${lRatio.median.toFixed(2)}×)`, ratioOf(xl.analyzer, "idle", "rolecraft check", "parse floor", "cpuMs"), lRatio.median, "at most", "×"));
  }
  if (l?.compile !== undefined) {
    const whole = summarize(l.compile.library.map((c) => c.importMs + c.loadMs + c.emitMs));
    goals.push(goal("L: compile (import, load, validate, C3, emit) < 1 s", whole, 1000, "below", " ms"));
    goals.push(goal("L: C3 for all roles < 25 ms, first call in a fresh process", summarize(l.compile.library.map((c) => c.c3FirstMs)), 25, "below", " ms"));
  }
  for (const r of results) {
    const rt = r.runtime;
    if (rt === undefined) continue;
    const rates = (name: string): readonly number[] => rt.implementations.find((i) => i.name === name)?.rates ?? [];
    goals.push(goal(`${r.preset}: hasRequiredRoles ≥ 0.8× the specialised bitset`, pairedRatios(rates("rolecraft hasRequiredRoles"), rates("bitset, specialised")), 0.8, "at least", "×"));
    if (rates("@casl/ability, allow-lists").length > 0) {
      goals.push(goal(`${r.preset}: hasRequiredRoles ≥ 25× CASL with allow-lists`, pairedRatios(rates("rolecraft hasRequiredRoles"), rates("@casl/ability, allow-lists")), 25, "at least", "×"));
    }
  }
  if (l?.watch?.latencyMs !== undefined) goals.push(goal("L: watch, one file changed → result < 150 ms", summarize(l.watch.latencyMs), 150, "below", " ms"));
  if (l?.lsp?.leafMs !== undefined) goals.push(goal("L: language server, leaf edit → diagnostics < 50 ms", summarize(l.lsp.leafMs), 50, "below", " ms"));
  if (l?.lsp?.hubMs !== undefined) goals.push(goal("L: language server, hub edit → diagnostics < 150 ms", summarize(l.lsp.hubMs), 150, "below", " ms"));
  if (l?.lsp?.roleModuleMs !== undefined) goals.push(goal("L: language server, role-module edit → diagnostics < 300 ms", summarize(l.lsp.roleModuleMs), 300, "below", " ms"));
  if (results.length === PRESET_NAMES.length) goals.push(goal("a full run (S, M, L, XL, every section) < 10 min", summarize([totalSeconds * 1000]), 600_000, "below", " ms"));
  return goals;
}

function goalsTable(goals: readonly Goal[]): string {
  return renderTable([["goal", "measured: median (min–max)", "holds"], ...goals.map((g) => [g.goal, g.measured, g.holds === undefined ? "–" : g.holds ? "yes" : "NO"])]);
}

function sideBySideTable(result: SideBySide, load: Load, reference: string, names: readonly string[]): string {
  const present = names.filter((n) => result.loads[load]?.[n] !== undefined);
  const rows: string[][] = [["command", "wall", "CPU", `wall / ${reference}`, `CPU / ${reference}`, "peak RSS"]];
  for (const name of present) {
    rows.push([
      name,
      formatMs(summarize(samplesOf(result, load, name, "wallMs"))),
      formatMs(summarize(samplesOf(result, load, name, "cpuMs"))),
      name === reference ? "1" : formatRatio(ratioOf(result, load, name, reference, "wallMs")),
      name === reference ? "1" : formatRatio(ratioOf(result, load, name, reference, "cpuMs")),
      formatKb(summarize(samplesOf(result, load, name, "maxRssKb"))),
    ]);
  }
  return renderTable(rows);
}

const ANALYZER_COMMANDS = ["rolecraft check", "parse floor", "check, model thread", "check, no skimmer", "tsgo --noEmit", "tsc --noEmit"] as const;
const STARTUP_COMMANDS = ["rolecraft check", "rolecraft show user-types", "node -e 0", "tsgo --noEmit", "check, no code cache", "check, model thread"] as const;

function report(results: readonly PresetResult[], startup: SideBySide | undefined, options: Options, tsgo: ToolStatus, watchExists: boolean, goals: readonly Goal[]): string {
  const out: string[] = [];
  const head = ["", ...results.map((r) => r.preset)];
  const row = (label: string, cell: (r: PresetResult) => string): string[] => [label, ...results.map(cell)];
  out.push(
    `rolecraft benchmark: presets ${results.map((r) => r.preset).join(", ")}, ${options.runs} interleaved runs per load (${options.loads.join(", ")}), seed ${options.seed}; median (min–max), ratios per round.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at the end ${loadavg().map((v) => v.toFixed(2)).join(" ")}. Busy: one busy loop per core beside the command.`,
    `CPU: user + system time of the process and its threads (GNU time). tsgo: ${tsgo.detail}.`,
    "",
    "Goals",
    goalsTable(goals),
    "",
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

  if (startup !== undefined) {
    for (const load of options.loads) {
      if (startup.loads[load] === undefined) continue;
      out.push(
        `Cold start, ${load}: the bundled example (\`npm start\`'s configuration; goals: check ≤ 3× \`node -e 0\` and faster than tsgo, show user-types ≤ 2×)`,
        sideBySideTable(startup, load, "node -e 0", STARTUP_COMMANDS),
        "",
      );
    }
  }

  if (options.sections.has("analyzer")) {
    for (const load of options.loads) {
      out.push(`Analyzer, ${load}: rolecraft check / the parse floor (plain TypeScript's createSourceFile on every file); goals: CPU ≤ 1.3× at L and XL no worse, wall ≤ 1.5× busy at L`);
      out.push(
        renderTable([
          head,
          row("check / floor, CPU", (r) => formatRatio(ratioOf(r.analyzer, load, "rolecraft check", "parse floor", "cpuMs"))),
          row("check / floor, wall", (r) => formatRatio(ratioOf(r.analyzer, load, "rolecraft check", "parse floor", "wallMs"))),
          row("check / floor, peak RSS", (r) => formatRatio(ratioOf(r.analyzer, load, "rolecraft check", "parse floor", "maxRssKb"))),
          row("check, model thread / check, CPU", (r) => formatRatio(ratioOf(r.analyzer, load, "check, model thread", "rolecraft check", "cpuMs"))),
          row("check, model thread / check, wall", (r) => formatRatio(ratioOf(r.analyzer, load, "check, model thread", "rolecraft check", "wallMs"))),
          ...(load === "idle"
            ? [
                row("check, no skimmer / check, CPU", (r) => formatRatio(ratioOf(r.analyzer, load, "check, no skimmer", "rolecraft check", "cpuMs"))),
                row("check / tsgo --noEmit, wall", (r) => formatRatio(ratioOf(r.analyzer, load, "rolecraft check", "tsgo --noEmit", "wallMs"))),
                row("check / tsc --noEmit, wall", (r) => formatRatio(ratioOf(r.analyzer, load, "rolecraft check", "tsc --noEmit", "wallMs"))),
              ]
            : []),
          ...ANALYZER_COMMANDS.flatMap((name) =>
            load === "busy" && !["rolecraft check", "parse floor", "check, model thread"].includes(name)
              ? []
              : [row(`${name}: wall; CPU`, (r) => `${formatMs(summarize(samplesOf(r.analyzer, load, name, "wallMs")))}; ${formatMs(summarize(samplesOf(r.analyzer, load, name, "cpuMs")))}`)],
          ),
        ]),
        "",
      );
    }
    out.push(`check printed: ${results.map((r) => `${r.preset}: ${r.analyzer?.lastLines["rolecraft check"] ?? "–"}`).join("; ")}`, "");
    for (const r of results) {
      if (r.profile === undefined) continue;
      const total = r.profile.reduce((sum, p) => sum + p.ms, 0);
      out.push(
        `Where check's CPU time goes at ${r.preset} (self time of one --cpu-prof run, every thread, by owner; ${Math.round(total)} ms profiled)`,
        renderTable([["owner", "ms", "share"], ...r.profile.slice(0, 12).map((p) => [p.owner, String(Math.round(p.ms)), `${((100 * p.ms) / total).toFixed(0)}%`])]),
        "",
      );
    }
  }

  if (options.sections.has("compile")) {
    const lib = (r: PresetResult, pick: (c: CompileResult) => number): Summary => summarize((r.compile?.library ?? []).map(pick));
    out.push(
      "Compile: built library, one fresh process per run (goals at L: import + load + validate + C3 + emit < 1 s; C3 < 25 ms, first call)",
      renderTable([
        head,
        row("import + loadRoleModel + emitProject", (r) => formatMs(lib(r, (c) => c.importMs + c.loadMs + c.emitMs))),
        row("  import dist/index.js", (r) => formatMs(lib(r, (c) => c.importMs))),
        row("  loadRoleModel (load, validate, model, C3)", (r) => formatMs(lib(r, (c) => c.loadMs))),
        row("  emitProject", (r) => formatMs(lib(r, (c) => c.emitMs))),
        row("C3 for all roles, first call", (r) => formatMs(lib(r, (c) => c.c3FirstMs))),
        row("C3 for all roles, warm", (r) => formatMs(lib(r, (c) => c.c3Ms))),
        row("rolecraft compile --check: wall; CPU", (r) => `${formatMs(summarize(r.compile?.cli.wallMs ?? []))}; ${formatMs(summarize((r.compile?.cli.cpuMs ?? []).filter((v): v is number => v !== null)))}`),
      ]),
      "",
    );
  }

  if (options.sections.has("runtime")) {
    for (const r of results) {
      const rt = r.runtime;
      if (rt === undefined) continue;
      const rates = (name: string): readonly number[] => rt.implementations.find((i) => i.name === name)?.rates ?? [];
      const rolecraft = rates("rolecraft hasRequiredRoles");
      const rows: string[][] = [["implementation", "rolecraft is … × faster", "throughput", "ns/query", "timed queries"]];
      for (const impl of rt.implementations) {
        const rate = summarize(impl.rates);
        rows.push([impl.name, impl.name === "rolecraft hasRequiredRoles" ? "1" : formatRatio(pairedRatios(rolecraft, impl.rates)), formatRate(rate), (1e9 / rate.median).toFixed(1), String(impl.timedQueries)]);
      }
      const alloc = rt.allocation.map((a) => `${a.name}: ${a.bytesPerCall.toFixed(4)} B/call, ${a.gcs} GCs over ${a.calls} calls`).join("; ");
      out.push(
        `Runtime ${r.preset}: ${rt.queries} queries (${rt.userTypes} user types × ${rt.actors} actors, ${(rt.granted * 100).toFixed(1)}% granted); goals ≥ 0.8× the specialised bitset, ≥ 25× CASL with allow-lists`,
        renderTable(rows),
        `Answers checked against rolecraft's: ${rt.verified.join(", ")}.`,
        `Allocation (heap growth over 3 passes after warm-up, --expose-gc): ${alloc}.`,
        "",
      );
    }
  }

  if (options.sections.has("watch")) {
    out.push(
      "Watch: `rolecraft check --watch`, one leaf file changed → new result printed (goal at L: < 150 ms)",
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
    const testsRow = (label: string, cell: (r: PresetResult) => string): string[] => row(label, (r) => (r.tests === undefined && r.preset === "XL" ? TESTS_NOT_RUN_AT_XL : cell(r)));
    out.push(
      "Permission tests: `rolecraft test` on 1,000 assertions plus a full snapshot / `rolecraft check` alone (target at L: < 1.5×)",
      renderTable([
        head,
        testsRow("test / check, wall time", (r) => formatRatio(pairedRatios(r.tests?.test.wallMs ?? [], r.tests?.check.wallMs ?? []))),
        testsRow("test / check, CPU time (user + system)", (r) => formatRatio(pairedRatios(cpu(r.tests?.test), cpu(r.tests?.check)))),
        testsRow("rolecraft test (wall; CPU)", (r) => `${formatMs(summarize(r.tests?.test.wallMs ?? []))}; ${formatMs(summarize(cpu(r.tests?.test)))}`),
        testsRow("rolecraft check (wall; CPU)", (r) => `${formatMs(summarize(r.tests?.check.wallMs ?? []))}; ${formatMs(summarize(cpu(r.tests?.check)))}`),
        testsRow("suite: targets × user types", (r) => (r.tests === undefined ? "–" : `${r.tests.suite.targets} × ${r.tests.suite.userTypes}`)),
      ]),
      `test printed: ${results.map((r) => `${r.preset}: ${r.tests?.testSummary ?? "–"}`).join("; ")}`,
      "",
    );
  }
  if (options.sections.has("lsp")) {
    const cell = (r: PresetResult, pick: (l: LspResult) => number[] | undefined): string => {
      const values = r.lsp === undefined ? undefined : pick(r.lsp);
      return values === undefined ? (r.lsp?.note ?? "–") : formatMs(summarize(values));
    };
    out.push(
      "Language server: `rolecraft lsp --stdio` and an LSP client, unsaved edit → its file's fresh diagnostics (targets at L: hub < 150 ms, leaf < 50 ms, role module < 300 ms)",
      renderTable([
        head,
        row("leaf file: Enter / Backspace in an actor file", (r) => cell(r, (l) => l.leafMs)),
        row("hub file: Enter / Backspace in common/requirements.ts", (r) => cell(r, (l) => l.hubMs)),
        row("role module: a role added / removed", (r) => cell(r, (l) => l.roleModuleMs)),
        row("first diagnostics after start", (r) => (r.lsp?.initialMs === undefined ? "–" : formatMs(summarize([r.lsp.initialMs])))),
      ]),
      "",
    );
  }
  return out.join("\n");
}

// ------------------------------------------------------------------ the generated sections of the docs

const BEGIN = "<!-- bench:results:begin (written by `npm run bench`; do not edit) -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated section of a Markdown file; throws when its markers are missing. */
function writeSection(path: string, body: string): void {
  const text = readFileSync(path, "utf8");
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path} has no generated section (${BEGIN} … ${END})`);
  writeFileSync(path, `${text.slice(0, from + BEGIN.length)}\n${body}\n${text.slice(to)}`);
}

function writeDocs(text: string, goals: readonly Goal[], date: string, load: readonly number[]): void {
  const heading = `Run of ${date.slice(0, 10)}, load average ${load.map((v) => v.toFixed(2)).join(" ")} at its end (${cpus().length} cores, Node ${process.version}).`;
  const table = renderMarkdown([["goal", "measured: median (min–max)", "holds"], ...goals.map((g) => [g.goal, g.measured, g.holds === undefined ? "–" : g.holds ? "yes" : "**no**"])]);
  writeSection(join(repoRoot, "bench", "README.md"), `${heading}\n\n${table}\n\nThe whole report of that run:\n\n\`\`\`text\n${text}\n\`\`\``);
  const unmet = goals.filter((g) => g.holds === false);
  const held = goals.filter((g) => g.holds === true).length;
  const short = renderMarkdown([["goal not met", "measured: median"], ...frontPageRows(unmet)]);
  writeSection(
    join(repoRoot, "README.md"),
    `${heading} ${held} of ${goals.length} goals hold; [bench/README.md](bench/README.md#goals-and-the-latest-run) lists them all.${unmet.length === 0 ? "" : `\n\n${short}`}`,
  );
}

/**
 * The README's rows: one per goal, whatever the preset, load (idle, busy)
 * or measure (wall, CPU) it was taken at, with their medians in one cell,
 * so that the front page stays short; bench/README.md keeps every row with
 * its spread.
 */
function frontPageRows(goals: readonly Goal[]): string[][] {
  const rows = new Map<string, string[]>();
  for (const g of goals) {
    const parts = /^(?<subject>[^,:]+)(?:, (?<load>idle|busy))?: (?<rest>.*?)(?:, (?<metric>wall|CPU))?$/.exec(g.goal)?.groups;
    const base = parts?.["rest"] ?? g.goal;
    const label = parts === undefined ? "" : `${[parts["subject"], parts["load"], parts["metric"]].filter((x) => x !== undefined).join(", ")} `;
    const median = g.measured.split(" (")[0] ?? g.measured;
    rows.set(base, [...(rows.get(base) ?? []), `${label}${median}`]);
  }
  return [...rows].map(([goal, cells]) => [goal, cells.join("; ")]);
}

function renderMarkdown(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  if (header === undefined) return "";
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}

// ------------------------------------------------------------------ main

/** `--docs-from [bench/out/full-results.json]`: rewrites the generated sections from a saved full run, measuring nothing. */
function docsFrom(path: string): void {
  const saved = JSON.parse(readFileSync(path, "utf8")) as { date: string; report: string; goals: Goal[]; machine: { loadavg: number[] }; full?: boolean };
  // The docs quote a full run; a partial one (--only, --presets …) would put a few goals in their place.
  if (saved.full !== true) throw new Error(`${path} is not a full run (every preset, section and load, seed 1): the docs quote only a full one`);
  writeDocs(saved.report, saved.goals, saved.date, saved.machine.loadavg);
  log(`wrote the generated sections of bench/README.md and README.md from ${path}`);
}

async function main(): Promise<void> {
  const from = process.argv.indexOf("--docs-from");
  if (from >= 0) return docsFrom(process.argv[from + 1] ?? join(repoRoot, "bench", "out", "full-results.json"));
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(repoRoot, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  const tsgo = await tsgoStatus();
  const watchExists = await watchAvailable();
  log(`tsgo: ${tsgo.detail}; check --watch: ${watchExists ? "available" : "not available"}; GNU time: ${gnuTimeAvailable() ? "yes" : "no"}`);
  const results: PresetResult[] = [];
  const benchStarted = performance.now();
  const startup = options.sections.has("startup") ? await benchStartup(options.runs, tsgo, options.loads) : undefined;
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
    const sections = new Set(PRESET_SECTIONS[preset].filter((section) => options.sections.has(section)));
    if (sections.has("analyzer")) {
      result.analyzer = await benchAnalyzer(dir, manifest, options.runs, tsgo, options.loads);
      if (preset === "L" || preset === "XL") result.profile = await profileCheck(dir, manifest);
    }
    if (sections.has("compile")) result.compile = await benchCompile(dir, manifest, options.runs);
    if (sections.has("runtime")) result.runtime = await benchRuntime(dir, manifest, options);
    if (sections.has("watch")) result.watch = await benchWatch(dir, manifest, options.runs, watchExists);
    if (sections.has("tests")) result.tests = await benchTests(dir, manifest, options.runs, options.seed);
    if (sections.has("lsp")) result.lsp = await benchLsp(dir, manifest, Math.max(options.runs, 10));
    log(`${preset}: done after ${Math.round((performance.now() - benchStarted) / 1000)} s`);
  }

  const totalSeconds = (performance.now() - benchStarted) / 1000;
  const goals = goalsOf(results, startup, totalSeconds);
  const text = report(results, startup, options, tsgo, watchExists, goals);
  process.stdout.write(`\n${text}\n`);
  const outDir = join(repoRoot, "bench", "out");
  mkdirSync(outDir, { recursive: true });
  const date = new Date().toISOString();
  const document = {
    date,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, memoryGiB: totalmem() / 2 ** 30, node: process.version, platform: `${process.platform}-${process.arch}`, loadavg: loadavg() },
    options: { ...options, sections: [...options.sections] },
    measurement: gnuTimeAvailable() ? "GNU time: %M max RSS (KB), %U + %S CPU seconds" : null,
    tsgo,
    watch: { available: watchExists },
    startup,
    presets: Object.fromEntries(results.map((r) => [r.preset, r])),
    presetSizes: Object.fromEntries(results.map((r) => [r.preset, PRESETS[r.preset]])),
    goals,
    totalSeconds,
    report: text,
    full: options.full,
  };
  writeFileSync(join(outDir, "results.json"), `${JSON.stringify(document, null, 2)}\n`);
  // A later partial run overwrites results.json; the last full one stays here for --docs-from.
  if (options.full) writeFileSync(join(outDir, "full-results.json"), `${JSON.stringify(document, null, 2)}\n`);
  if (options.writeDocs) {
    writeDocs(text, goals, date, loadavg());
    log("wrote the generated sections of bench/README.md and README.md");
  }
  log(`wrote bench/out/results.json (${Math.round(totalSeconds)} s in all)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
