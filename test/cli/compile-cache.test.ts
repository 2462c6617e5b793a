/**
 * The command line's code cache (src/host/compile-cache.ts): a fresh
 * `rolecraft check` writes V8's cached data for TypeScript's bundle once,
 * reuses it with the same output, rewrites a corrupt entry, and writes
 * nothing with Node's off switch.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/generated.js";

const bin = join(repoRoot, "bin", "rolecraft.js");
const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "rolecraft-cc-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function check(env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, "check"], { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1", ...env }, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const nodeHasItsOwn = (): boolean => {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 1);
};

describe("the CLI's compile cache", () => {
  it("writes the cache once and gives the same answer from it", () => {
    const cache = scratch();
    const first = check({ NODE_COMPILE_CACHE: cache });
    expect(first.code).toBe(0);
    const entries = readdirSync(cache, { recursive: true });
    expect(entries.length).toBeGreaterThan(0);
    const second = check({ NODE_COMPILE_CACHE: cache });
    expect(second).toEqual(first);
    if (!nodeHasItsOwn()) {
      // The large-file hook: one entry, TypeScript's bundle, not rewritten when it was accepted.
      const [entry] = readdirSync(cache);
      expect(readdirSync(cache)).toHaveLength(1);
      const path = join(cache, entry ?? "");
      const written = statSync(path).mtimeMs;
      check({ NODE_COMPILE_CACHE: cache });
      expect(statSync(path).mtimeMs).toBe(written);
      // A corrupt entry is rejected by V8, compiled as usual and rewritten.
      writeFileSync(path, "not V8's cached data");
      expect(check({ NODE_COMPILE_CACHE: cache })).toEqual(first);
      expect(statSync(path).size).toBeGreaterThan(100_000);
    }
  });

  it.skipIf(nodeHasItsOwn() || process.getuid === undefined)("neither reads nor writes a cache folder that others can write to (V8 runs what it finds there)", () => {
    const cache = scratch();
    chmodSync(cache, 0o777);
    const run = check({ NODE_COMPILE_CACHE: cache });
    expect(run.code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
    // The same folder made private again is used.
    chmodSync(cache, 0o700);
    expect(check({ NODE_COMPILE_CACHE: cache })).toEqual(run);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it("writes nothing with NODE_DISABLE_COMPILE_CACHE=1", () => {
    const cache = scratch();
    const run = check({ NODE_COMPILE_CACHE: join(cache, "sub"), NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(run.code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });
});

/** A fresh process that imports the built library, creates a node host (with `hostOptions`, an object's source text), loads, emits and checks the example (the check loads TypeScript); prints the emitted files' names and sizes and whether TypeScript's bundle is the one `require` gives. */
function libraryCompile(hostOptions: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const library = pathToFileURL(join(repoRoot, "dist", "index.js")).href;
  const script = `
    import { createRequire } from "node:module";
    const lib = await import(${JSON.stringify(library)});
    const host = lib.createNodeHost({ cwd: process.cwd(), ...${hostOptions} });
    const loaded = await lib.loadRoleModel(host, "user-types/noi");
    const emitted = lib.emitProject(loaded.value.model);
    // The emit checks its plain output without TypeScript: the analysis of the example's sources loads it.
    const checked = await lib.check({ module: "user-types/noi", sources: { src: "examples/noi-app/src" } }, host);
    if (checked.diagnostics.length !== 0) throw new Error("the example has diagnostics");
    const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
    const file = fromTsMorph.resolve("@ts-morph/common/dist/typescript.js");
    // Loaded by the analysis and entered in require's cache, so that require gives the same module.
    const registered = createRequire(import.meta.url).cache[file]?.loaded === true;
    const bundle = fromTsMorph(file);
    const ts = typeof bundle.createSourceFile === "function" && bundle.version;
    process.stdout.write(JSON.stringify({ registered, ts, diagnostics: emitted.diagnostics.length, files: emitted.value.map((f) => [f.path, f.content.length]) }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the library's compile cache (the node host's compileCache)", () => {
  const inFolder = (dir: string): string => `{ compileCache: ${JSON.stringify(dir)} }`;

  it("writes TypeScript's entry once and gives the same answer from it, the bundle shared with require", () => {
    const cache = scratch();
    const first = libraryCompile(inFolder(cache));
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ registered: true, ts: expect.stringMatching(/^\d+\.\d+/), diagnostics: 0 });
    expect(readdirSync(cache)).toHaveLength(1);
    const [entry] = readdirSync(cache);
    const path = join(cache, entry ?? "");
    const written = statSync(path).mtimeMs;
    expect(libraryCompile(inFolder(cache))).toEqual(first);
    expect(statSync(path).mtimeMs).toBe(written);
    // A corrupt entry is rejected by V8, compiled as usual and rewritten.
    writeFileSync(path, "not V8's cached data");
    expect(libraryCompile(inFolder(cache))).toEqual(first);
    expect(statSync(path).size).toBeGreaterThan(100_000);
    // Without a cache: the same answer, TypeScript required as usual.
    expect(libraryCompile("{ compileCache: false }")).toEqual(first);
  });

  it.skipIf(process.getuid === undefined)("neither reads nor writes a cache folder that others can write to", () => {
    const cache = scratch();
    chmodSync(cache, 0o777);
    expect(libraryCompile(inFolder(cache)).code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });

  it("reads no environment: NODE_COMPILE_CACHE is the command line's, compileCache: false writes nothing", () => {
    const cache = scratch();
    expect(libraryCompile("{ compileCache: false }", { NODE_COMPILE_CACHE: cache }).code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
  });
});
