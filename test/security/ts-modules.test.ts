/**
 * Loading TypeScript role modules runs user code: it runs in worker
 * processes, with a time limit per module, and a module that hangs, exits or
 * throws fails alone while the others of the same load are loaded. What a
 * worker answers is checked like any untrusted input.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TsModuleOutcome } from "../../src/compiler/host.js";
import { createNodeHost, sanitizeOutcome } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";

const FINE = 'export default { module: "fine", roles: { Worker: ["core.SiteUser"] } };\n';
const HANGS = "setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport default {};\n";
const SPINS = "while (Date.now() > 0) {}\nexport default {};\n";

function project(files: Record<string, string>): string {
  const dir = freshDir("ts-modules");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("loading TypeScript role modules", () => {
  it("isolates stuck modules: the fine ones load, the stuck ones time out side by side, each alone", async () => {
    // a.ts hangs and leaves its worker's pid; b.ts, loaded by a second worker, notes whether a.ts's worker still runs, then spins.
    const notePid = 'import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("a.pid", import.meta.url), String(process.pid));\n';
    const noteA = [
      'import { existsSync, readFileSync, writeFileSync } from "node:fs";',
      'const pidFile = new URL("a.pid", import.meta.url);',
      "while (!existsSync(pidFile)) {}",
      "let state = \"gone\";",
      'try { state = readFileSync(`/proc/${readFileSync(pidFile, "utf8")}/stat`, "utf8").split(") ")[1]?.[0] === "Z" ? "gone" : "running"; } catch {}',
      'writeFileSync(new URL("b.saw", import.meta.url), state);',
      "",
    ].join("\n");
    const dir = project({ "a.ts": notePid + HANGS, "b.ts": noteA + SPINS, "c.ts": FINE, "d.ts": FINE, "e.ts": "throw new Error('boom');\n" });
    const host = createNodeHost({ cwd: dir, tsTimeoutMs: 5000 });
    const outcomes = await host.loadTsModules(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts"].map((f) => join(dir, f)));
    const kinds = Object.fromEntries([...outcomes].map(([path, outcome]) => [path.slice(dir.length + 1), outcome.kind]));
    expect(kinds).toEqual({ "a.ts": "timeout", "b.ts": "timeout", "c.ts": "ok", "d.ts": "ok", "e.ts": "error" });
    // Two workers: the second stuck module began while the first one's worker still ran, not after it was given up.
    expect(readFileSync(join(dir, "b.saw"), "utf8")).toBe("running");
  });

  it("counts a module's time limit from the moment its worker has started, not while the worker starts", async () => {
    // Every worker process first sleeps 2.5 s (a busy machine, made certain); the module then has its 2 s.
    const dir = project({ "fine.ts": FINE, "slow-start.cjs": 'if (require("node:worker_threads").isMainThread) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);\n' });
    const saved = process.env["NODE_OPTIONS"];
    process.env["NODE_OPTIONS"] = `${saved ?? ""} --require ${join(dir, "slow-start.cjs")}`;
    try {
      const started = Date.now();
      const outcomes = await createNodeHost({ cwd: dir, tsTimeoutMs: 2000 }).loadTsModules([join(dir, "fine.ts")]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
      expect(outcomes.get(join(dir, "fine.ts"))?.kind).toBe("ok");
    } finally {
      if (saved === undefined) delete process.env["NODE_OPTIONS"];
      else process.env["NODE_OPTIONS"] = saved;
    }
  });

  it("reports process.exit at its call, and the next module still loads", async () => {
    const dir = project({ "exits.ts": "export default {};\n\nprocess.exit(7);\n", "fine.ts": FINE });
    const outcomes = await createNodeHost({ cwd: dir }).loadTsModules([join(dir, "exits.ts"), join(dir, "fine.ts")]);
    expect(outcomes.get(join(dir, "exits.ts"))).toEqual({ kind: "error", reason: "the module called process.exit(7)", line: 3, column: 9 });
    expect(outcomes.get(join(dir, "fine.ts"))?.kind).toBe("ok");
  });

  it("takes its time limit from the host's options, which the CLI takes from ROLECRAFT_TS_TIMEOUT", async () => {
    const dir = project({ "hangs.ts": HANGS });
    const outcomes = await createNodeHost({ cwd: dir, tsTimeoutMs: 700 }).loadTsModules([join(dir, "hangs.ts")]);
    expect(outcomes.get(join(dir, "hangs.ts"))).toEqual({ kind: "timeout", ms: 700 });
    const run = await cli(["check", "hangs.ts", "--format", "json"], { cwd: dir, env: { ROLECRAFT_TS_TIMEOUT: "700" } });
    expect(JSON.parse(run.stdout)).toMatchObject({ diagnostics: [{ code: "RC1008", message: expect.stringContaining("700 ms") as unknown }] });
  });
});

describe("answers from a worker are untrusted", () => {
  it.each<[string, unknown, TsModuleOutcome]>([
    ["nothing", undefined, { kind: "error", reason: "the module loader returned nothing" }],
    ["an unknown kind", { kind: "pwned" }, { kind: "error", reason: "the module loader answered something unexpected" }],
    ["a multi-line reason (esbuild's details follow its first line)", { kind: "error", reason: "one\ntwo" }, { kind: "error", reason: "one\ntwo" }],
    ["a reason of very many lines", { kind: "error", reason: Array.from({ length: 40 }, (_, i) => String(i)).join("\n") }, { kind: "error", reason: `${Array.from({ length: 12 }, (_, i) => String(i)).join("\n")}\n…` }],
    ["a reason that is not text", { kind: "error", reason: { toString: 1 } }, { kind: "error", reason: "unknown" }],
    ["negative and fractional positions", { kind: "error", reason: "x", line: -1, column: 2.5 }, { kind: "error", reason: "x" }],
    ["a column without a line", { kind: "error", reason: "x", column: 3 }, { kind: "error", reason: "x" }],
    ["a path that is not a data path", { kind: "notPlainData", reason: "x", path: [{}, -1] }, { kind: "notPlainData", reason: "x" }],
    ["a too-deep answer with a bad path", { kind: "tooDeep", path: "roles" }, { kind: "tooDeep", path: [] }],
    ["ok without a value", { kind: "ok" }, { kind: "noDefaultExport" }],
  ])("copes with %s", (_what, raw, expected) => {
    expect(sanitizeOutcome(raw)).toEqual(expected);
  });

  it("cuts a very long reason", () => {
    const outcome = sanitizeOutcome({ kind: "error", reason: "x".repeat(10_000) });
    expect(outcome.kind === "error" && outcome.reason.length).toBe(2001);
  });

  it("refuses data that unfolds into too many values (shared references)", () => {
    let bomb: unknown = "lol";
    for (let i = 0; i < 40; i++) bomb = [bomb, bomb];
    expect(sanitizeOutcome({ kind: "ok", value: { doc: bomb } })).toEqual({ kind: "notPlainData", reason: "default holds more than 2000000 values", path: [] });
  });
});
