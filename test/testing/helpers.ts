/**
 * The permission-test fixtures: test/fixtures/testing/project is a small
 * clinic (role module, application, generated role classes); each folder of
 * test/fixtures/testing/cases holds a test file, its snapshots, a
 * `case.json` (which sources, extra arguments, the exit code) and the
 * expected output of every format under `expected/`.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";
import { cli, type CliRun } from "../helpers/cli.js";
import { repoRoot } from "../helpers/generated.js";

export const testingFixtures = join(repoRoot, "test", "fixtures", "testing");
export const casesDir = join(testingFixtures, "cases");
export const MODULE = "project/roles.yaml";

export interface TestCase {
  readonly description: string;
  /** The application sources, relative to test/fixtures/testing. */
  readonly src: string;
  /** Arguments after the test file and the module and sources. */
  readonly args: readonly string[];
  readonly exit: number;
}

export function testCases(): string[] {
  return readdirSync(casesDir)
    .filter((name) => existsSync(join(casesDir, name, "case.json")))
    .sort();
}

export function readTestCase(name: string): TestCase {
  return JSON.parse(readFileSync(join(casesDir, name, "case.json"), "utf8")) as TestCase;
}

/** The test file of a case, relative to test/fixtures/testing. */
export function testFileOf(name: string): string {
  const file = readdirSync(join(casesDir, name)).find((f) => f.endsWith(".rolecraft-test.yaml"));
  if (file === undefined) throw new Error(`case ${name} has no test file`);
  return `cases/${name}/${file}`;
}

/** `rolecraft test <case's file> --module … --src … <args> [extra]`, in test/fixtures/testing. */
export function runTestCase(name: string, extra: readonly string[] = []): Promise<CliRun> {
  const testCase = readTestCase(name);
  return cli(["test", testFileOf(name), "--module", MODULE, "--src", testCase.src, ...testCase.args, ...extra], { cwd: testingFixtures });
}

/**
 * Validates an XML text against the checked-in JUnit schema with libxml2's
 * xmllint built to WebAssembly (the npm package xmllint-wasm, so `npm ci`
 * brings it); "" when valid, else its complaints, one a line.
 */
export async function junitSchemaErrors(xml: string): Promise<string> {
  const result = await validateXML({
    xml: { fileName: "report.xml", contents: xml },
    schema: { fileName: "junit.xsd", contents: readFileSync(join(testingFixtures, "junit.xsd"), "utf8") },
  });
  return result.valid ? "" : result.errors.map((error) => error.rawMessage).join("\n");
}
