/**
 * `rolecraft test` end to end on every case of test/fixtures/testing/cases:
 * the exit code, and the output of each format equal to its golden file
 * (`UPDATE_GOLDENS=1` rewrites them; review the diff). JUnit output is
 * validated against the JUnit schema with libxml2 (xmllint-wasm), SARIF against the
 * official SARIF 2.1.0 schema, JSON parsed.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sarifErrors } from "../helpers/sarif.js";
import { expectGolden } from "../report/golden.js";
import { casesDir, junitSchemaErrors, readTestCase, runTestCase, testCases } from "./helpers.js";

const FORMATS = [
  ["text", "text.txt"],
  ["json", "json.json"],
  ["junit", "junit.xml"],
  ["github", "github.txt"],
  ["sarif", "sarif.json"],
] as const;


describe("rolecraft test (golden outputs of test/fixtures/testing/cases)", () => {
  it("has the cases the issue asks for: passing, failing, unknown and stale-snapshot suites", () => {
    expect(testCases()).toEqual(expect.arrayContaining(["passing", "failing", "unknown", "stale-snapshot"]));
  });

  describe.each(testCases())("%s", (name) => {
    const testCase = readTestCase(name);
    const expected = (file: string): string => join(casesDir, name, "expected", file);

    it.each(FORMATS)(`exits ${testCase.exit} and prints the expected %s`, async (format, golden) => {
      const run = await runTestCase(name, ["--format", format]);
      expect(run.code, run.stderr).toBe(testCase.exit);
      expectGolden(expected(golden), run.stdout);
      if (format === "text") expectGolden(expected("text.stderr.txt"), run.stderr);
      else expect(run.stderr).toBe("");
      if (format === "json") expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, passed: testCase.exit === 0 });
      if (format === "sarif") expect(sarifErrors(JSON.parse(run.stdout))).toBe("");
    });

    it("writes JUnit XML that the JUnit schema accepts", async () => {
      const run = await runTestCase(name, ["--format", "junit"]);
      expect(await junitSchemaErrors(run.stdout)).toBe("");
    });
  });

  it("the JUnit schema check rejects what the schema does not allow (it is not a no-op)", async () => {
    expect(await junitSchemaErrors('<?xml version="1.0"?>\n<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>\n')).toMatch(/attribute 'tests' is required/);
    expect(await junitSchemaErrors('<?xml version="1.0"?>\n<testsuites><testsuite name="x" tests="-1" failures="0" errors="0"/></testsuites>\n')).toMatch(/'-1' is not a valid value/);
    expect(await junitSchemaErrors("<testsuites><testsuite")).toMatch(/parser error/);
    expect(await junitSchemaErrors('<?xml version="1.0"?>\n<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a"/></testsuite></testsuites>\n')).toBe("");
  });
});
