/** The `rolecraft` executable: runs the CLI on the process's arguments and streams. */
import { enableCompileCache } from "../host/compile-cache.js";
import { runCli } from "./program.js";

// V8's code cache for TypeScript's bundle (and, on Node ≥ 22.1, every module): see host/compile-cache.ts.
enableCompileCache({ env: process.env });

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  streams: { input: process.stdin, output: process.stdout },
});
process.exitCode = code;
