/**
 * Run as a child process by output.test.ts: compiles a role module as
 * `rolecraft compile` does and writes the output folder, but stops at one
 * point of the write, writes a marker file to say so, and blocks until it is
 * killed.
 *
 *   node --import tsx stop-in-write.ts <dir> <module> <out> <step> <n> <marker>
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { compile, isGeneratedText } from "../../src/api/compile.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { writeOutputDirectory } from "../../src/host/output-dir.js";

const [dir = ".", module = "", out = "", step = "", n = "1", marker = ""] = process.argv.slice(2);
const host = createNodeHost({ cwd: dir });
const compiled = await compile({ module, out }, host);
let seen = 0;
writeOutputDirectory(resolve(dir, out), out, compiled.files, {
  isGenerated: isGeneratedText,
  onStep(at) {
    if (at !== step || ++seen !== Number(n)) return;
    writeFileSync(marker, "");
    // The write is synchronous: blocking here keeps everything after this point from happening.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
