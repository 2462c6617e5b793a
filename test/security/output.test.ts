/**
 * Safe output: `compile` replaces its output folder all or nothing. Failures
 * injected at every step of the write, and a compile process killed with
 * SIGKILL at every point of it, leave the previous output byte for byte or
 * the new one, never a mix (killed between the two renames, the old output
 * is set aside whole and put back by the next run); nothing is ever written
 * over a file rolecraft did not generate; two writers never interleave.
 */
import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { emitProject, type GeneratedFile } from "../../src/emit/emit.js";
import { isGeneratedText } from "../../src/emit/escape.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { lockPathOf, OUTPUT_MARKER, recoverInterruptedSwap, writeOutputDirectory as write, type WriteOptions, type WriteStep } from "../../src/host/output-dir.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

/**
 * Every file of a folder with its bytes, or undefined when it does not
 * exist. The marker file is checked, not listed: it must name exactly the
 * other files (a folder without it is one rolecraft did not write whole).
 */
function snapshot(dir: string): Map<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, string>();
  let marker: string | undefined;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      const rel = relative(dir, path).split(sep).join("/");
      if (entry.isDirectory()) walk(path);
      else if (rel === OUTPUT_MARKER) marker = readFileSync(path, "utf8");
      else out.set(rel, readFileSync(path, "latin1"));
    }
  };
  walk(dir);
  for (const listed of marker?.split("\n").slice(1, -1) ?? []) expect(out.has(listed), `${dir}/${OUTPUT_MARKER} names ${listed}`).toBe(true);
  return out;
}

/** What a write may leave beside the output folder: nothing. */
function leftovers(outDir: string): string[] {
  const name = outDir.split(sep).pop()!;
  return readdirSync(join(outDir, "..")).filter((n) => n.startsWith(`.${name}.rolecraft-`));
}

/** A copy of the noi example and the files it compiles to, before and after a change of one text. */
async function twoVersions(): Promise<{ dir: string; v1: GeneratedFile[]; v2: GeneratedFile[] }> {
  const dir = freshDir("output");
  cpSync(join(repoRoot, "user-types", "noi"), join(dir, "noi"), { recursive: true });
  const emit = async (): Promise<GeneratedFile[]> => {
    const loaded = await loadRoleModel(createNodeHost({ cwd: dir }), "noi");
    expect(loaded.diagnostics).toEqual([]);
    const out = join(dir, "out");
    return emitProject(loaded.value.model, { sourceName: (f) => relative(out, resolve(dir, f)).split(sep).join("/") }).value;
  };
  const v1 = await emit();
  const file = join(dir, "noi", "noi.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace('text: "Developer"', 'text: "Entwickler"'));
  const v2 = await emit();
  expect(v2).not.toEqual(v1);
  return { dir, v1, v2 };
}

const asMap = (files: readonly GeneratedFile[]): Map<string, string> => new Map(files.map((f) => [f.path, Buffer.from(f.content, "utf8").toString("latin1")]));

type FailureInjector = NonNullable<WriteOptions["onStep"]>;

/** Writes as `compile` does, with a failure injected (or another lock wait). */
function writeOutputDirectory(out: string, shown: string, files: readonly GeneratedFile[], inject?: FailureInjector, lockWaitMs?: number): ReturnType<typeof write> {
  return write(out, shown, files, { isGenerated: isGeneratedText, ...(inject === undefined ? {} : { onStep: inject }), ...(lockWaitMs === undefined ? {} : { lockWaitMs }) });
}

/** Fails the `n`-th time `step` is reached. */
function failAt(step: WriteStep, n = 1): FailureInjector {
  let seen = 0;
  return (at) => {
    if (at === step && ++seen === n) throw new Error(`injected failure at ${step} #${n}`);
  };
}

describe("writeOutputDirectory with injected failures", () => {
  it("leaves the previous output intact and no staging folder, at every step that comes before the swap", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    expect(writeOutputDirectory(out, "out", v1)).toEqual([]);
    const before = snapshot(out);
    expect(before).toEqual(asMap(v1));
    const failures: FailureInjector[] = [failAt("begin"), ...v2.map((_, i) => failAt("write", i + 1)), failAt("staged"), failAt("retire"), failAt("swap")];
    for (const inject of failures) {
      expect(() => writeOutputDirectory(out, "out", v2, inject)).toThrow(/injected failure/);
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
      expect(existsSync(lockPathOf(out))).toBe(false);
    }
    // And then a write that is let through replaces everything.
    expect(writeOutputDirectory(out, "out", v2)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([]);
  });

  it("writes nothing at all when the first write fails at any step", async () => {
    const { dir, v1 } = await twoVersions();
    const out = join(dir, "fresh");
    for (const inject of [failAt("begin"), ...v1.map((_, i) => failAt("write", i + 1)), failAt("staged"), failAt("retire"), failAt("swap")]) {
      expect(() => writeOutputDirectory(out, "fresh", v1, inject)).toThrow(/injected failure/);
      expect(existsSync(out)).toBe(false);
      expect(leftovers(out)).toEqual([]);
    }
  });

  it("keeps the new output when only removing the old copy fails, says so once (RC4011), and tidies up on the next write", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    const written = writeOutputDirectory(out, "out", v2, failAt("cleanup"));
    expect(written.map((d) => [d.code, d.severity, d.data["reason"]])).toEqual([["RC4011", "warning", "injected failure at cleanup #1"]]);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([expect.stringMatching(/^\.out\.rolecraft-stale-/)]);
    expect(writeOutputDirectory(out, "out", v2)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([]);
  });

  it("never lets a leftover it can't remove block a later write: set aside as stale and said once, then retried without a word", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    // A retired copy left by a killed run, beside the output: removing it fails.
    cpSync(out, join(dir, ".out.rolecraft-old-1-x"), { recursive: true });
    const failTidy: FailureInjector = (at) => {
      if (at === "tidy") throw Object.assign(new Error("EACCES: permission denied, rmdir"), { code: "EACCES" });
    };
    const first = writeOutputDirectory(out, "out", v2, failTidy);
    expect(first.map((d) => [d.code, d.data["path"], d.data["reason"]])).toEqual([["RC4011", ".out.rolecraft-stale-1-x", "permission denied (EACCES)"]]);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([".out.rolecraft-stale-1-x"]);
    for (const files of [v1, v2]) {
      expect(writeOutputDirectory(out, "out", files, failTidy)).toEqual([]);
      expect(snapshot(out)).toEqual(asMap(files));
      expect(leftovers(out)).toEqual([".out.rolecraft-stale-1-x"]);
    }
    // The stale copy is never put back as the output, even when the output is gone.
    rmSync(out, { recursive: true });
    expect(writeOutputDirectory(out, "out", v1, failTidy)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v1));
    expect(writeOutputDirectory(out, "out", v1)).toEqual([]);
    expect(leftovers(out)).toEqual([]);
  });

  it("puts back the output of a write interrupted between its two renames", async () => {
    const { dir, v1 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    const before = snapshot(out);
    // What a run killed between the renames leaves: the old tree aside, the new one staged, no output.
    cpSync(out, join(dir, ".out.rolecraft-old-1-x"), { recursive: true });
    cpSync(out, join(dir, ".out.rolecraft-new-1-x"), { recursive: true });
    writeFileSync(join(dir, ".out.rolecraft-new-1-x", "index.ts"), "// half");
    rmSync(out, { recursive: true });
    recoverInterruptedSwap(out);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe("refusals", () => {
  it("never overwrites or deletes a file without the generated header (RC4001), wherever it is", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    for (const [path, content] of [
      ["notes.md", "my notes"],
      ["roles/noi.ts", "export const mine = 1;\n"],
      ["roles/extra/deep.ts", "// not // @generated by rolecraft\n"],
      ["index.ts", "\n// @generated by rolecraft from x. Do not edit.\n"],
    ] as const) {
      const before = snapshot(out)!;
      mkdirSync(join(out, path, ".."), { recursive: true });
      writeFileSync(join(out, path), content);
      const withForeign = snapshot(out);
      const refused = writeOutputDirectory(out, "out", v2);
      expect(refused.map((d) => [d.code, d.data["path"]])).toEqual([["RC4001", `out/${path}`]]);
      expect(snapshot(out)).toEqual(withForeign);
      rmSync(out, { recursive: true });
      writeOutputDirectory(out, "out", v1);
      expect(snapshot(out)).toEqual(before);
    }
  });

  it("treats a symbolic link inside the output as foreign, and refuses an output that is a file or a link", async () => {
    const { dir, v1 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    symlinkSync("/etc/hostname", join(out, "link.ts"));
    expect(writeOutputDirectory(out, "out", v1.slice(1)).map((d) => d.code)).toEqual(["RC4001"]);
    writeFileSync(join(dir, "file"), "x");
    expect(writeOutputDirectory(join(dir, "file"), "file", v1).map((d) => d.code)).toEqual(["RC4007"]);
    symlinkSync(out, join(dir, "linked"));
    expect(writeOutputDirectory(join(dir, "linked"), "linked", v1).map((d) => d.code)).toEqual(["RC4007"]);
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("x");
  });

  it("waits for another writer's lock, then reports RC4009; a dead writer's lock is taken over", async () => {
    const { dir, v1 } = await twoVersions();
    const out = join(dir, "out");
    const sleeper: ChildProcess = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(lockPathOf(out), `${sleeper.pid}\n`);
      const busy = writeOutputDirectory(out, "out", v1, undefined, 200);
      expect(busy.map((d) => [d.code, d.data["pid"]])).toEqual([["RC4009", String(sleeper.pid)]]);
      expect(existsSync(out)).toBe(false);
    } finally {
      sleeper.kill("SIGKILL");
    }
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(lockPathOf(out), `${dead}\n`);
    expect(writeOutputDirectory(out, "out", v1, undefined, 200)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v1));
    expect(existsSync(lockPathOf(out))).toBe(false);
  });
});

describe("a compile process killed with SIGKILL at each point of its write", () => {
  const child = join(import.meta.dirname, "stop-in-write.ts");

  /**
   * Runs `compile noi --out out` in a child process that stops at the `n`-th
   * `step` of its write (nothing of the write happens after it), and kills
   * it there. False when the write never reached that point.
   */
  async function killAt(dir: string, step: WriteStep, n: number): Promise<boolean> {
    const marker = join(dir, "stopped");
    rmSync(marker, { force: true });
    const run: ChildProcess = fork(child, [dir, "noi", "out", step, String(n), marker], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    const exited = new Promise<void>((r) => run.once("exit", () => r()));
    // The child blocks right after writing the marker, so the state seen after the kill is the state at that point.
    while (!existsSync(marker) && run.exitCode === null && run.signalCode === null) await new Promise((r) => setTimeout(r, 10));
    const stopped = existsSync(marker);
    run.kill("SIGKILL");
    await exited;
    return stopped;
  }

  /** Every point of a write of `files` files: which output a kill there leaves. */
  const points = (files: number): [WriteStep, number, "old" | "set aside" | "new"][] => [
    ["begin", 1, "old"],
    ...Array.from({ length: files }, (_, i): [WriteStep, number, "old"] => ["write", i + 1, "old"]),
    ["staged", 1, "old"],
    ["retire", 1, "set aside"],
    ["swap", 1, "set aside"],
    ["cleanup", 1, "new"],
  ];

  it("leaves exactly the old output, or the old one set aside whole, or exactly the new one; the next run always ends with the new output", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    const stages = points(v2.length);
    for (const [step, n, expected] of stages) {
      const at = `killed at ${step} #${n}`;
      rmSync(out, { recursive: true, force: true });
      writeOutputDirectory(out, "out", v1);
      expect(await killAt(dir, step, n), `${at}: the write reached the point`).toBe(true);
      const now = snapshot(out);
      if (expected === "set aside") {
        expect(now, at).toBeUndefined();
        const retired = readdirSync(dir).find((name) => name.startsWith(".out.rolecraft-old-"));
        expect(retired, `${at}: the old output is set aside`).toBeDefined();
        expect(snapshot(join(dir, retired!)), at).toEqual(asMap(v1));
        // Until a write puts it back, the output is missing: --check says so.
        expect((await cli(["compile", "noi", "--out", "out", "--check"], { cwd: dir })).code, at).toBe(1);
      } else {
        expect(now, at).toEqual(asMap(expected === "old" ? v1 : v2));
      }
      const again = await cli(["compile", "noi", "--out", "out"], { cwd: dir });
      expect(again.code, `${at}: ${again.stderr}`).toBe(0);
      expect(snapshot(out), at).toEqual(asMap(v2));
      expect(leftovers(out), at).toEqual([]);
      expect(existsSync(lockPathOf(out)), at).toBe(false);
    }
    // Past the last point the write is done.
    expect(await killAt(dir, "write", v2.length + 1)).toBe(false);
  });

  it("puts the old output back before writing, when a run was killed between the two renames", async () => {
    const { dir, v1 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    expect(await killAt(dir, "swap", 1)).toBe(true);
    recoverInterruptedSwap(out);
    expect(snapshot(out)).toEqual(asMap(v1));
    // Only the killed writer's lock is left, for the next write to take over.
    expect(leftovers(out)).toEqual([".out.rolecraft-lock"]);
  });
});
