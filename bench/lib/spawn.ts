/**
 * Runs a command as a fresh process and measures its wall time (in this
 * process, around spawn → exit), its peak memory and its CPU time: the
 * child runs under GNU time (`/usr/bin/time -f "%M %U %S"`: the maximum
 * resident set size in KB, and the user and system CPU seconds, of the
 * process and the children it waited for), which writes to a file of its
 * own so the command's output stays untouched. Without /usr/bin/time,
 * memory and CPU are not measured (reported as missing).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GNU_TIME = "/usr/bin/time";

/** One run of a command. */
export interface ProcessSample {
  readonly wallMs: number;
  /** Peak RSS in KB, undefined when it could not be measured. */
  readonly maxRssKb: number | undefined;
  /** User + system CPU time in ms, undefined when it could not be measured. */
  readonly cpuMs: number | undefined;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME);
}

const KEEP = 64 * 1024;

export function runProcess(command: string, args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv }): Promise<ProcessSample> {
  const measureMemory = gnuTimeAvailable();
  const scratch = mkdtempSync(join(tmpdir(), "rolecraft-bench-"));
  const timeFile = join(scratch, "time");
  const [file, argv] = measureMemory ? [GNU_TIME, ["-f", "%M %U %S", "-o", timeFile, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // Keep the tail only: a run may print a lot, and only the last lines (summaries) matter.
    child.stdout.on("data", (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-KEEP);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-KEEP);
    });
    child.on("error", (error) => {
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      let maxRssKb: number | undefined;
      let cpuMs: number | undefined;
      if (measureMemory) {
        try {
          const lines = readFileSync(timeFile, "utf8").trim().split("\n");
          const [rss, user, system] = (lines[lines.length - 1] ?? "").trim().split(/\s+/).map(Number);
          maxRssKb = rss !== undefined && Number.isFinite(rss) ? rss : undefined;
          cpuMs = user !== undefined && system !== undefined && Number.isFinite(user) && Number.isFinite(system) ? (user + system) * 1000 : undefined;
        } catch {
          maxRssKb = undefined;
        }
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, maxRssKb, cpuMs, code: code ?? -1, stdout, stderr });
    });
  });
}
