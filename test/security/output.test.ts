/**
 * Safe output: `compile` replaces its output folder all or nothing. Failures
 * injected at every step of the write, and a real `rolecraft compile` killed
 * with SIGKILL in the middle of it, leave the previous output byte for byte
 * (or, killed between the two renames, put back by the next run); nothing is
 * ever written over a file rolecraft did not generate; two writers never
 * interleave.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { lockPathOf, recoverInterruptedSwap, writeOutputDirectory, type FailureInjector } from "../../src/cli/output-dir.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { emitProject, type GeneratedFile } from "../../src/emit/emit.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

/** Every file of a folder with its bytes, or undefined when it does not exist. */
function snapshot(dir: string): Map<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join("/"), readFileSync(path, "latin1"));
    }
  };
  walk(dir);
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

type Step = Parameters<FailureInjector>[0];

/** Fails the `n`-th time `step` is reached. */
function failAt(step: Step, n = 1): FailureInjector {
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
    const failures: FailureInjector[] = [...v2.map((_, i) => failAt("write", i + 1)), failAt("staged"), failAt("retire"), failAt("swap")];
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
    for (const inject of [...v1.map((_, i) => failAt("write", i + 1)), failAt("staged"), failAt("retire"), failAt("swap")]) {
      expect(() => writeOutputDirectory(out, "fresh", v1, inject)).toThrow(/injected failure/);
      expect(existsSync(out)).toBe(false);
      expect(leftovers(out)).toEqual([]);
    }
  });

  it("keeps the new output when only removing the old copy fails, and tidies up on the next write", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    expect(writeOutputDirectory(out, "out", v2, failAt("cleanup"))).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toHaveLength(1);
    expect(writeOutputDirectory(out, "out", v2)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v2));
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
      const busy = writeOutputDirectory(out, "out", v1, undefined, undefined, 200);
      expect(busy.map((d) => [d.code, d.data["pid"]])).toEqual([["RC4009", String(sleeper.pid)]]);
      expect(existsSync(out)).toBe(false);
    } finally {
      sleeper.kill("SIGKILL");
    }
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(lockPathOf(out), `${dead}\n`);
    expect(writeOutputDirectory(out, "out", v1, undefined, undefined, 200)).toEqual([]);
    expect(snapshot(out)).toEqual(asMap(v1));
    expect(existsSync(lockPathOf(out))).toBe(false);
  });
});

describe("a real rolecraft compile killed with SIGKILL", () => {
  const bin = join(repoRoot, "bin", "rolecraft.js");

  /** Starts `rolecraft compile noi --out out` slowed down by the test-only hooks. */
  function slowCompile(dir: string, env: Record<string, string>): ChildProcess {
    return spawn(process.execPath, [bin, "compile", "noi", "--out", "out"], { cwd: dir, env: { ...process.env, ...env, NO_COLOR: "1" }, stdio: "ignore" });
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  const staged = (dir: string, files: number): boolean => {
    const staging = readdirSync(dir).find((n) => n.startsWith(".out.rolecraft-new-"));
    if (staging === undefined) return false;
    return (snapshot(join(dir, staging))?.size ?? 0) >= files;
  };

  it.each([1, 5, 12])("leaves the old output intact when killed after %i of 16 staged files, and the next run finishes the job", async (files) => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    const before = snapshot(out);
    const child = slowCompile(dir, { ROLECRAFT_TEST_WRITE_DELAY_MS: "150" });
    await until(() => staged(dir, files), `${files} staged files`);
    await kill(child);
    expect(snapshot(out)).toEqual(before);
    const again = await cli(["compile", "noi", "--out", "out"], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([]);
    expect(existsSync(lockPathOf(out))).toBe(false);
  });

  it("killed at any moment of a normal run, leaves exactly the old or exactly the new output (or the old one set aside whole)", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    for (const delay of [50, 150, 250, 350, 450, 550, 650, 800]) {
      rmSync(out, { recursive: true, force: true });
      writeOutputDirectory(out, "out", v1);
      const child = slowCompile(dir, {});
      await new Promise((r) => setTimeout(r, delay));
      await kill(child);
      const now = snapshot(out);
      if (now === undefined) {
        const retired = readdirSync(dir).find((n) => n.startsWith(".out.rolecraft-old-"));
        expect(retired, `killed after ${delay} ms: no output and nothing set aside`).toBeDefined();
        recoverInterruptedSwap(out);
        expect(snapshot(out)).toEqual(asMap(v1));
      } else {
        expect([asMap(v1), asMap(v2)], `killed after ${delay} ms`).toContainEqual(now);
      }
      rmSync(lockPathOf(out), { force: true });
    }
  });

  it("killed between the two renames, the next run puts the old output back before writing", async () => {
    const { dir, v1, v2 } = await twoVersions();
    const out = join(dir, "out");
    writeOutputDirectory(out, "out", v1);
    const before = snapshot(out);
    const child = slowCompile(dir, { ROLECRAFT_TEST_SWAP_DELAY_MS: "20000" });
    await until(() => !existsSync(out) && readdirSync(dir).some((n) => n.startsWith(".out.rolecraft-old-")), "the old output moved aside");
    await kill(child);
    // The old tree is whole, under its hidden name; recovery (the start of every write) puts it back.
    const retired = readdirSync(dir).find((n) => n.startsWith(".out.rolecraft-old-"))!;
    expect(snapshot(join(dir, retired))).toEqual(before);
    const check = await cli(["compile", "noi", "--out", "out", "--check"], { cwd: dir });
    expect(check.code).toBe(1);
    const again = await cli(["compile", "noi", "--out", "out"], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(out)).toEqual(asMap(v2));
    expect(leftovers(out)).toEqual([]);
  });
});
