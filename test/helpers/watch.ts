/** What the watch-mode tests share: a compiled copy of the Noi example, and waiting for the watcher's output. */
import { cpSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { cli } from "./cli.js";
import { freshDir, repoRoot } from "./generated.js";

/** A new folder holding the Noi example's sources (`src`) and role module (`user-types`), compiled into `generated`. */
export async function compiledNoiCopy(prefix: string): Promise<string> {
  const dir = freshDir(prefix);
  cpSync(join(repoRoot, "examples", "noi-app", "src"), join(dir, "src"), { recursive: true });
  cpSync(join(repoRoot, "user-types", "noi"), join(dir, "user-types"), { recursive: true });
  expect((await cli(["compile", "user-types", "--out", "generated"], { cwd: dir })).code).toBe(0);
  return dir;
}

/** Waits until `predicate` holds; the deadline only ends a broken run (a busy machine may take long). */
export async function until(predicate: () => boolean, what = "watch output", ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
