/**
 * Runs the CLI from the sources in a child process (under tsx): for what an
 * in-process run can't show (what reaches the process's own stdout and
 * stderr, such as console output and Node's warnings) or must not risk
 * (a read that would block the test's own thread).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../helpers/generated.js";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `rolecraft ...args` in `cwd`. `killAfterMs` only ends a run that
 * would otherwise never end (the failure the test is about): a run that
 * works ends long before it.
 */
export function runCliProcess(args: readonly string[], options: { cwd: string; killAfterMs?: number; env?: Record<string, string> }): ChildRun {
  const run = spawnSync(process.execPath, ["--import", tsx, join(repoRoot, "src", "cli", "main.ts"), ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    timeout: options.killAfterMs ?? 120_000,
    killSignal: "SIGKILL",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}
