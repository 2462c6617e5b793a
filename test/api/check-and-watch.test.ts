/**
 * `check` and `check --watch` share every step: on every diagnostic fixture
 * and on the bundled example, a watch round reports exactly the diagnostics
 * of a one-shot check (the code generator's included, and no analysis
 * against a model with errors), and so does a later round of the session
 * with nothing changed.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/api/session.js";
import { checkCommand } from "../../src/cli/commands/check.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/generated.js";

/** One `check` to run: a role module and sources (else the configuration's), relative to the repository. */
interface Case {
  readonly module?: string;
  readonly src?: string;
  readonly project?: string;
}

/** The arguments of `rolecraft check` for a case. */
const args = (c: Case): string[] => [
  ...(c.module === undefined ? [] : [c.module]),
  ...(c.src === undefined ? [] : ["--src", c.src]),
  ...(c.project === undefined ? [] : ["--project", c.project]),
];

const compilerFixtures = join(repoRoot, "test", "fixtures", "compiler", "diagnostics");
const analyzerFixtures = join(repoRoot, "test", "fixtures", "analyzer");
const at = (...parts: string[]): string => relative(repoRoot, join(...parts)).split("\\").join("/");
/** The fixture folders (cases) of a fixture area. */
const folders = (dir: string): string[] => readdirSync(dir).filter((name) => existsSync(join(dir, name, "expected.json")));

const cases: [string, Case][] = [
  // Each role-module fixture with the configuration's sources (examples/noi-app): the model's problems stop the analysis.
  ...folders(compilerFixtures).map((name): [string, Case] => {
    const target = existsSync(join(compilerFixtures, name, "main.ts")) ? "main.ts" : "main.yaml";
    return [`compiler/diagnostics/${name}`, { module: at(compilerFixtures, name, target) }];
  }),
  // Each application fixture against the bundled Noi module.
  ...folders(analyzerFixtures).map((name): [string, Case] => {
    const dir = join(analyzerFixtures, name);
    const input = (JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as { input?: { srcDir?: string; project?: string } }).input;
    const sources = input?.project !== undefined ? { project: at(dir, input.project) } : { src: at(dir, input?.srcDir ?? "src") };
    return [`analyzer/${name}`, { module: "user-types/noi", ...sources }];
  }),
  // The bundled example as rolecraft.config.yaml names it.
  ["the bundled example (rolecraft.config.yaml)", {}],
];

/** A hanging TypeScript module (ts-hangs) times out quickly. */
const env = { ROLECRAFT_TS_TIMEOUT: "1500" };

/** The diagnostics of one `check --watch` round, as its JSON output prints them. */
async function watchRound(c: Case): Promise<unknown> {
  let stdout = "";
  const code = await checkCommand(
    { cwd: repoRoot, env: { NO_COLOR: "1", ...env }, stdout: (t) => (stdout += t), stderr: () => {}, stderrIsTTY: false },
    c.module,
    {
      format: "json",
      watch: true,
      until: Promise.resolve(),
      ...(c.src === undefined ? {} : { src: c.src }),
      ...(c.project === undefined ? {} : { project: c.project }),
    },
  );
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe("check and check --watch report the same diagnostics", () => {
  it.each(cases)("%s", async (_, c) => {
    const once = await cli(["check", ...args(c), "--format", "json"], { env });
    expect(once.code).not.toBe(2);
    const checked: unknown = JSON.parse(once.stdout);
    expect(await watchRound(c)).toEqual(checked);
  });

  it("reports RC4003 for reserved identifiers in watch mode too, and no analysis against the broken model", async () => {
    const session = new Session({ module: at(compilerFixtures, "reserved-identifier", "main.yaml"), sources: { src: "examples/noi-app/src" } }, createNodeHost({ cwd: repoRoot }));
    const first = await session.run();
    // (RC3014: the reserved names `delete` and `string` are in lower case too.)
    expect(first.diagnostics.map((d) => d.code)).toEqual(["RC3014", "RC4003", "RC3014", "RC4003"]);
    expect(first.analysis).toBeUndefined();
    expect((await session.update([])).diagnostics).toEqual(first.diagnostics);
  });

  it("keeps reporting what check reports in later rounds of a session", async () => {
    const host = createNodeHost({ cwd: repoRoot });
    const options = { module: "user-types/noi", sources: { src: at(analyzerFixtures, "rc5003-unknown-role", "src") } };
    const session = new Session(options, host);
    const first = await session.run();
    expect(first.diagnostics.some((d) => d.code === "RC5003")).toBe(true);
    const again = await session.update([join(analyzerFixtures, "rc5003-unknown-role", "src", "tickets.ts"), join(repoRoot, "user-types", "noi", "noi.yaml")]);
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(again.texts).toEqual(first.texts);
  });
});
