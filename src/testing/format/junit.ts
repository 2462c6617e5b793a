/**
 * `rolecraft test --format junit`: JUnit XML as CI dashboards read it (the
 * Ant/Jenkins schema, `junit-10.xsd`; test/testing/junit.test.ts validates
 * it): one `<testsuite>` per test file, one `<testcase>` per test, invariant
 * and snapshot. A failed or unknown verdict is a `<failure>` (type: its
 * code), a test naming something that does not exist an `<error>`; a file
 * that could not be read is a suite with one erroring case. With
 * `--min-coverage`, a `coverage` suite holds one case that fails when
 * coverage is below it. No times: the same run gives the same bytes.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { coverageDiagnostic, failureDiagnostic } from "../messages.js";
import type { CaseResult, TestRun } from "../results.js";

/** An XML element as text; `children` already rendered. */
function element(name: string, attributes: Readonly<Record<string, string | number | undefined>>, children?: string): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  return children === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/**
 * Escapes text for XML 1.0 content and attributes: `& < > " '` as
 * entities, line breaks kept in content (as character references in
 * attributes would be normalized away), and the characters XML 1.0 cannot
 * hold (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/FFFF)
 * as U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `file:line:col: message`, then the hint: the text of a failure or error element. */
function detail(d: Diagnostic): string {
  return `${d.span.file}:${d.span.line}:${d.span.column}: ${d.code}: ${d.message}${d.hint === undefined ? "" : `\nhint: ${d.hint}`}`;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

function testcase(classname: string, testCase: CaseResult): string {
  const name = testCase.kind === "snapshot" ? "snapshot" : testCase.name;
  const parts: string[] = [];
  for (const d of testCase.diagnostics) parts.push(element("error", { message: firstLine(d.message), type: d.code }, escapeXml(detail(d))));
  if (testCase.failures.length > 0) {
    const ds = testCase.failures.map((f) => failureDiagnostic(testCase, f));
    const more = testCase.omittedFailures === undefined ? "" : `\n… and ${testCase.omittedFailures} more`;
    const type = testCase.status === "unknown" ? "unknown verdict" : ds[0]!.code;
    parts.push(element("failure", { message: firstLine(ds[0]!.message), type }, escapeXml(ds.map(detail).join("\n\n") + more)));
  }
  return `    ${element("testcase", { name, classname }, parts.length === 0 ? undefined : `\n      ${parts.join("\n      ")}\n    `)}`;
}

/** Renders a run as a JUnit XML document (UTF-8, trailing newline). */
export function formatTestJunit(run: TestRun, options: { readonly minimum?: number } = {}): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const file of run.files) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    if (file.diagnostics.length > 0) {
      suiteErrors++;
      const body = file.diagnostics.map((d) => element("error", { message: firstLine(d.message), type: d.code }, escapeXml(detail(d)))).join("\n      ");
      cases.push(`    ${element("testcase", { name: "(test file)", classname: file.name }, `\n      ${body}\n    `)}`);
    }
    for (const testCase of file.cases) {
      if (testCase.status === "error") suiteErrors++;
      else if (testCase.status !== "passed") suiteFailures++;
      cases.push(testcase(file.name, testCase));
    }
    const count = cases.length;
    tests += count;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(`  ${element("testsuite", { name: file.name, tests: count, failures: suiteFailures, errors: suiteErrors, skipped: 0, file: file.file }, `\n${cases.join("\n")}\n  `)}`);
  }
  if (options.minimum !== undefined && run.coverage !== undefined) {
    const below = coverageDiagnostic(run, options.minimum);
    const name = `at least ${options.minimum}% of cells decided (${run.coverage.percent}%)`;
    const body = below === undefined ? undefined : element("failure", { message: firstLine(below.message), type: below.code }, escapeXml(below.message));
    const testcase = element("testcase", { name, classname: "coverage" }, body === undefined ? undefined : `\n      ${body}\n    `);
    suites.push(`  ${element("testsuite", { name: "coverage", tests: 1, failures: below === undefined ? 0 : 1, errors: 0, skipped: 0 }, `\n    ${testcase}\n  `)}`);
    tests++;
    if (below !== undefined) failures++;
  }
  const root = element("testsuites", { name: "rolecraft test", tests, failures, errors }, suites.length === 0 ? "" : `\n${suites.join("\n")}\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/** A JUnit document for a run that could not start: one erroring case per error of the model or the application. */
export function formatStoppedJunit(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const cases = errors.map(
    (d) => `    ${element("testcase", { name: `${d.span.file}:${d.span.line}:${d.span.column} ${d.code}`, classname: "analysis" }, `\n      ${element("error", { message: firstLine(d.message), type: d.code }, escapeXml(detail(d)))}\n    `)}`,
  );
  const suite = `  ${element("testsuite", { name: "analysis", tests: cases.length, failures: 0, errors: cases.length, skipped: 0 }, `\n${cases.join("\n")}\n  `)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element("testsuites", { name: "rolecraft test", tests: cases.length, failures: 0, errors: cases.length }, `\n${suite}\n`)}\n`;
}
