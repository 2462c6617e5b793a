/**
 * Asked to (ROLECRAFT_THREADS=2, `createNodeHost({ modelThread: true })`), the
 * built package loads the role model on a worker thread while it parses the
 * sources (the Node host's model thread, src/host/model-thread.ts): the
 * worker answers, and whatever the input, the CLI prints exactly what the
 * same command prints with everything in one thread (the default, and
 * ROLECRAFT_THREADS=1) —
 * and what the in-process CLI of the other tests prints, which runs from the
 * TypeScript sources and so never uses a worker.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type * as Library from "../../src/index.js";
import { cli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/generated.js";

const main = join(repoRoot, "dist", "cli", "main.js");

function run(args: readonly string[], threads: "1" | "2" | undefined, extra: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", CI: "true", ...extra };
  delete env["FORCE_COLOR"];
  if (threads === undefined) delete env["ROLECRAFT_THREADS"];
  else env["ROLECRAFT_THREADS"] = threads;
  const result = spawnSync(process.execPath, [main, ...args], { cwd: repoRoot, env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cases: readonly (readonly string[])[] = [
  // A clean module and application.
  ["check", "user-types/noi", "--src", "examples/noi-app/src"],
  ["check", "user-types/noi", "--src", "examples/noi-app/src", "--format", "sarif"],
  // Module errors stop the analysis; their code frames come from the worker.
  ["check", "test/fixtures/compiler/diagnostics/inconsistent-mro", "--src", "examples/noi-app/src"],
  ["check", "test/fixtures/compiler/diagnostics/reserved-identifier", "--src", "examples/noi-app/src", "--format", "json"],
  // Analyzer findings with code frames from the sources.
  ["check", "user-types/noi", "--src", "test/fixtures/analyzer/rc5003-unknown-role/src"],
  ["show", "actors", "user-types/noi", "--src", "examples/noi-app/src", "--format", "csv"],
  ["visible-for", "tickets.Tickets", "user-types/noi", "--src", "examples/noi-app/src"],
  ["explain", "tickets.Tickets", "user-types/noi", "--src", "examples/noi-app/src", "--user-type", "900"],
  // The module itself unreadable: a usage error either way.
  ["show", "actors", "test/fixtures/compiler/diagnostics/empty-file/missing.yaml", "--src", "examples/noi-app/src"],
];

/** The built library (the model thread needs the compiled worker script). */
const built = async (): Promise<typeof Library> => (await import(pathToFileURL(join(repoRoot, "dist", "index.js")).href)) as typeof Library;

describe("the model thread of the built package", () => {
  const options = { module: "user-types/noi", sources: { src: "examples/noi-app/src" } };

  it("answers with the model: the worker loaded it, not the waiting thread", async () => {
    const { check, createNodeHost } = await built();
    // No grace limit: the waiting thread never loads the model itself, so only the worker can answer.
    const threaded = await check(options, createNodeHost({ cwd: repoRoot, modelThread: true, modelGraceMs: Infinity }));
    expect(threaded.model.loadedBy).toBe("worker");
    const single = await check(options, createNodeHost({ cwd: repoRoot }));
    expect(single.model.loadedBy).toBe("caller");
    expect({ ...threaded, model: { ...threaded.model, loadedBy: "caller" } }).toEqual(single);
  });

  it("answers for a module with errors too, with the code generator's diagnostics", async () => {
    const { check, createNodeHost } = await built();
    const host = createNodeHost({ cwd: repoRoot, modelThread: true, modelGraceMs: Infinity });
    const result = await check({ ...options, module: "test/fixtures/compiler/diagnostics/reserved-identifier/main.yaml" }, host);
    expect(result.model.loadedBy).toBe("worker");
    // (RC3014: the reserved names `delete` and `string` are in lower case too.)
    expect(result.diagnostics.map((d) => d.code)).toEqual(["RC3014", "RC4003", "RC3014", "RC4003"]);
  });
});

describe("the model loaded on a worker thread", () => {
  it.each(cases.map((args) => [args.join(" "), args] as const))("%s: the same output as in one thread and in-process", async (_, args) => {
    const threaded = run(args, "2");
    const single = run(args, "1");
    expect(threaded).toEqual(single);
    expect(run(args, undefined)).toEqual(single);
    const inProcess = await cli(args, { env: { CI: "true" } });
    expect({ code: threaded.code, stdout: threaded.stdout, stderr: threaded.stderr }).toEqual(inProcess);
  });
});

describe("a worker that does not answer in time", () => {
  // With no grace at all, the waiting thread loads the model itself at once and the first answer wins.
  it.each(cases.slice(0, 5).map((args) => [args.join(" "), args] as const))("%s: the same output when this thread loads the model too", (_, args) => {
    const raced = run(args, "2", { ROLECRAFT_MODEL_GRACE_MS: "0" });
    expect(raced).toEqual(run(args, "1"));
  });
});
