/** Runs the CLI in-process and captures what it prints. */
import { runCli } from "../../src/cli/program.js";
import { repoRoot } from "./generated.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    cwd: options.cwd ?? repoRoot,
    env: { NO_COLOR: "1", ...options.env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}
