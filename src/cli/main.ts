/** The `rolecraft` executable: runs the CLI on the process's arguments and streams. */
import { runCli } from "./program.js";

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  streams: { input: process.stdin, output: process.stdout },
});
process.exitCode = code;
