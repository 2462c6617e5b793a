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
