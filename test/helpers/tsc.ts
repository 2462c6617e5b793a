/** Type-checks a project with the repository's tsc, as the golden and fuzz tests do for generated code. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./generated.js";

const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");

/**
 * Runs `tsc -p tsconfig` and returns what it complained about: "" only when
 * it exited 0. A tsc that fails without printing anything on stdout (killed,
 * out of memory, a crash reported on stderr) still yields a complaint.
 */
export function typeScriptComplaints(tsconfig: string): string {
  const run = spawnSync(process.execPath, [tsc, "-p", tsconfig], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status === 0) return "";
  const printed = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  return printed !== "" ? printed : `tsc ended with ${run.error?.message ?? (run.signal !== null ? `signal ${run.signal}` : `exit code ${String(run.status)}`)}`;
}
