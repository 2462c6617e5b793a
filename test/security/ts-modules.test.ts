/**
 * Loading TypeScript role modules runs user code: it runs in worker
 * processes, with a time limit per module, and a module that hangs, exits or
 * throws fails alone while the others of the same load are loaded. What a
 * worker answers is checked like any untrusted input.
 */
import { writeFileSync } from "node:fs";
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
  it("isolates a hanging module: the fine ones load, the hanging one times out, and the load takes one time limit", async () => {
    const dir = project({ "a.ts": HANGS, "b.ts": FINE, "c.ts": SPINS, "d.ts": FINE, "e.ts": "throw new Error('boom');\n" });
    const host = createNodeHost({ cwd: dir, tsTimeoutMs: 3000 });
    const started = Date.now();
    const outcomes = await host.loadTsModules(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts"].map((f) => join(dir, f)));
    const elapsed = Date.now() - started;
    const kinds = Object.fromEntries([...outcomes].map(([path, outcome]) => [path.slice(dir.length + 1), outcome.kind]));
    expect(kinds).toEqual({ "a.ts": "timeout", "b.ts": "ok", "c.ts": "timeout", "d.ts": "ok", "e.ts": "error" });
    // Two workers: the two stuck modules wait side by side, not one after the other.
    expect(elapsed).toBeLessThan(2 * 3000 + 1500);
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
