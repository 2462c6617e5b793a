/**
 * Which folders `compile --out` and `docs --out` write into: never the
 * file-system root, the home folder or a folder holding the working
 * directory (refused before anything is listed), and never a folder holding
 * files rolecraft did not generate, decided from names and sizes without
 * reading those files (FIFOs stand in for them here: reading one would
 * block). What an earlier write could not remove never blocks a later one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, openSync, closeSync, ftruncateSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_MARKER } from "../../src/host/output-dir.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { runCliProcess } from "./child-cli.js";
import { noStackTrace } from "./helpers.js";

const MODULE = 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n';

/** A project folder with `main.yaml`. */
function project(): string {
  const dir = freshDir("out-folder");
  writeFileSync(join(dir, "main.yaml"), MODULE);
  return dir;
}

function fifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** A file of `bytes` bytes that takes no room on disk. */
function sparse(path: string, bytes: number): void {
  const fd = openSync(path, "w");
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Diagnostic codes (and their paths) in a text report, in order. */
const codes = (stderr: string): string[] => [...stderr.matchAll(/^(\S+):\d+:\d+: (?:error|warning) (RC\d+)/gm)].map((m) => `${m[2]} ${m[1]}`);

describe("folders rolecraft never writes into", () => {
  it.each([
    ["compile", ["compile", "main.yaml", "--out", "/"]],
    ["docs", ["docs", "main.yaml", "--out", "/"]],
  ])("%s --out / is refused (RC4010) before anything is listed", (_command, args) => {
    const run = runCliProcess(args, { cwd: project(), killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    noStackTrace(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\S+:1:1: error RC4010: refusing to write into \S+: it is the root of the file system$/m);
  });

  it("--out at the home folder is refused, whatever it holds", () => {
    const dir = project();
    const home = join(dir, "home");
    mkdirSync(home);
    fifo(join(home, "index.ts"));
    writeFileSync(join(home, ".bashrc"), "export PATH\n");
    const run = runCliProcess(["compile", "main.yaml", "--out", "home"], { cwd: dir, killAfterMs: 60_000, env: { HOME: home } });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(codes(run.stderr)).toEqual(["RC4010 home"]);
    expect(run.stderr).toContain("it is the home folder");
    expect(readdirSync(home).sort()).toEqual([".bashrc", "index.ts"]);
  });

  it("--out at the project root (the working directory, or above it) is refused with one diagnostic", async () => {
    const dir = project();
    mkdirSync(join(dir, "node_modules", "pkg"), { recursive: true });
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, "node_modules", "pkg", `f${i}.ts`), "x\n");
    for (const out of [".", ".."]) {
      const run = await cli(["compile", "main.yaml", "--out", out], { cwd: dir });
      expect(run.code).toBe(1);
      expect(codes(run.stderr)).toEqual([`RC4010 ${out}`]);
      expect(run.stderr).toContain("it holds the working directory");
    }
  });
});

describe("a folder holding what rolecraft did not generate", () => {
  it("is refused from names and sizes: foreign files are never opened, and at most 20 are named", () => {
    const dir = project();
    const out = join(dir, "gen");
    mkdirSync(join(out, "roles"), { recursive: true });
    mkdirSync(join(out, "node_modules", "pkg"), { recursive: true });
    // FIFOs: opening one to read it would block the run.
    fifo(join(out, "package.json"));
    fifo(join(out, "index.ts"));
    fifo(join(out, "roles", "app.ts"));
    for (let i = 0; i < 3000; i++) writeFileSync(join(out, "node_modules", "pkg", `f${i}.js`), "x\n");
    const run = runCliProcess(["compile", "main.yaml", "--out", "gen"], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    noStackTrace(run);
    expect(run.code).toBe(1);
    const found = codes(run.stderr);
    expect(found.filter((c) => c.startsWith("RC4001"))).toHaveLength(20);
    expect(found).toContain("RC4010 gen");
    expect(run.stderr).toContain("more files rolecraft did not generate than the 20 named");
    expect(found).toContain("RC4001 gen/index.ts");
    expect(found).toContain("RC4001 gen/package.json");
  });

  it("a 600 MB file in the output folder is foreign by its size, not an internal error", async () => {
    const dir = project();
    expect((await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir })).code).toBe(0);
    sparse(join(dir, "gen", "roles", "big.ts"), 600 * 1024 * 1024);
    sparse(join(dir, "gen", "dump.bin"), 600 * 1024 * 1024);
    for (const args of [["compile", "main.yaml", "--out", "gen"], ["compile", "main.yaml", "--out", "gen", "--check"]]) {
      const run = await cli(args, { cwd: dir });
      noStackTrace(run);
      expect(run.code).toBe(1);
      expect(codes(run.stderr)).toEqual(["RC4001 gen/dump.bin", "RC4001 gen/roles/big.ts"]);
    }
  });

  it("a folder of more than 10,000 entries is refused without going through all of it", async () => {
    const dir = project();
    for (let i = 0; i <= 10_000; i++) mkdirSync(join(dir, "gen", `d${i}`), { recursive: true });
    const run = await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(codes(run.stderr)).toEqual(["RC4010 gen"]);
    expect(run.stderr).toContain("it holds more than 10000 entries");
  });

  it("every output holds a marker naming its files; a legacy folder without it is still recognized by its layout and headers", async () => {
    const dir = project();
    expect((await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir })).code).toBe(0);
    const marker = readFileSync(join(dir, "gen", OUTPUT_MARKER), "utf8").split("\n");
    expect(marker.slice(1)).toEqual(["index.ts", "roles/app.ts", "roles/core.ts", "user-types.ts", ""]);
    // A folder written before the marker existed: recognized, and given one.
    const legacy = join(dir, "legacy");
    cpSync(join(dir, "gen"), legacy, { recursive: true });
    execFileSync("rm", [join(legacy, OUTPUT_MARKER)]);
    expect((await cli(["compile", "main.yaml", "--out", "legacy", "--check"], { cwd: dir })).stderr).toContain(`legacy/${OUTPUT_MARKER} is missing`);
    const again = await cli(["compile", "main.yaml", "--out", "legacy"], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(legacy, OUTPUT_MARKER))).toBe(true);
    expect((await cli(["compile", "main.yaml", "--out", "legacy", "--check"], { cwd: dir })).code).toBe(0);
  });
});

describe("a failed cleanup", () => {
  /**
   * Makes a file impossible to delete, if this machine can (root: the
   * immutable attribute; others: a read-only folder); the function returned
   * undoes it on the file at its place then.
   */
  function pin(file: string): ((now: string) => void) | undefined {
    const isRoot = process.getuid?.() === 0;
    const run = isRoot ? spawnSync("chattr", ["+i", file]) : spawnSync("chmod", ["a-w", join(file, "..")]);
    if (run.status !== 0) return undefined;
    return (now) => void (isRoot ? spawnSync("chattr", ["-i", now]) : spawnSync("chmod", ["u+w", join(now, "..")]));
  }
  const unpin: (() => void)[] = [];
  afterAll(() => unpin.forEach((f) => f()));

  it("never blocks a later run: the leftover is set aside as .<out>.rolecraft-stale-*, said once, and removed once it can be", async (context) => {
    const dir = project();
    const first = await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir });
    expect(first.code).toBe(0);
    const release = pin(join(dir, "gen", "roles", "app.ts"));
    if (release === undefined) {
      context.skip(); // the deterministic variant with the write's hook is in output.test.ts
      return;
    }
    // The pinned file moves with the retired output: undo it wherever it is.
    const pinned = (): string => {
      const stale = readdirSync(dir).find((n) => n.startsWith(".gen.rolecraft-"));
      return join(dir, stale ?? "gen", "roles", "app.ts");
    };
    unpin.push(() => release(pinned()));
    // A change, so that the next compile swaps in a new output and retires the old one, which can't be removed.
    writeFileSync(join(dir, "main.yaml"), MODULE.replace("text: User", "text: Users"));
    const second = await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(codes(second.stderr)).toEqual([expect.stringMatching(/^RC4011 \.gen\.rolecraft-stale-/)]);
    expect(second.stderr).toMatch(/could not remove \.gen\.rolecraft-stale-\S+, left by an earlier write: [^\n]+ \(E[A-Z]+\)$/m);
    expect(readdirSync(dir).filter((n) => n.startsWith(".gen.rolecraft-"))).toEqual([expect.stringMatching(/^\.gen\.rolecraft-stale-/)]);
    // Later runs are not poisoned, and do not repeat the warning.
    for (const text of [MODULE, MODULE.replace("text: User", "text: Folks")]) {
      writeFileSync(join(dir, "main.yaml"), text);
      const later = await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir });
      noStackTrace(later);
      expect(later.code, later.stderr).toBe(0);
      expect(codes(later.stderr)).toEqual([]);
      expect((await cli(["compile", "main.yaml", "--out", "gen", "--check"], { cwd: dir })).code).toBe(0);
    }
    release(pinned());
    writeFileSync(join(dir, "main.yaml"), MODULE);
    expect((await cli(["compile", "main.yaml", "--out", "gen"], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.startsWith(".gen.rolecraft-"))).toEqual([]);
  });
});

describe("docs --out", () => {
  it("is held to the same rules", async () => {
    const dir = project();
    for (const out of [".", ".."]) {
      const run = await cli(["docs", "main.yaml", "--out", out], { cwd: dir });
      expect(run.code).toBe(1);
      expect(codes(run.stderr)).toEqual([`RC4010 ${out}`]);
    }
    mkdirSync(join(dir, "site"));
    writeFileSync(join(dir, "site", "conf.py"), "project = 'x'\n");
    const run = await cli(["docs", "main.yaml", "--out", "site"], { cwd: dir });
    expect(codes(run.stderr)).toEqual(["RC4001 site/conf.py"]);
    const ok = await cli(["docs", "main.yaml", "--out", "docs"], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(dir, "docs", OUTPUT_MARKER))).toBe(true);
  });
});

