/**
 * The permission-test fixtures: test/fixtures/testing/project is a small
 * clinic (role module, application, generated role classes); each folder of
 * test/fixtures/testing/cases holds a test file, its snapshots, a
 * `case.json` (which sources, extra arguments, the exit code) and the
 * expected output of every format under `expected/`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** Whether `xmllint` (Debian's libxml2-utils) is installed. */
export function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Validates an XML text against the checked-in JUnit schema with `xmllint --schema`; "" when valid, else its complaint. */
export function junitSchemaErrors(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rolecraft-junit-"));
  const file = join(dir, "report.xml");
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", join(testingFixtures, "junit.xsd"), file], { stdio: "pipe" });
    return "";
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    return stderr.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
