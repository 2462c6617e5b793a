/**
 * Failed expectations as diagnostics (codes RC61xx of the catalogue): one
 * per failure, at its YAML node, its message rendered from the catalogue
 * with the failure's data and, for a cell, the explanation `rolecraft
 * explain` prints. The text, GitHub and SARIF reports show these; JSON and
 * JUnit carry the failures' data too.
 */
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderExplanation } from "../report/explanation.js";
import type { Explanation } from "../runtime/semantics/index.js";
import type { CaseResult, Failure, SnapshotChange, TestRun, TestUserType, UnresolvedExpression } from "./results.js";
import { renderChange } from "./snapshot.js";
import { WHOLE_REQUIREMENT } from "./table.js";

/** Lines of a snapshot diff shown in a message; JSON lists every change. */
export const MAX_DIFF_LINES = 40;

/** A failure as a diagnostic of its case. */
export function failureDiagnostic(testCase: Pick<CaseResult, "name">, failure: Failure): Diagnostic {
  const name = testCase.name;
  switch (failure.kind) {
    case "cell": {
      const data = { case: name, userType: userTypeText(failure.userType), target: failure.target, actual: failure.actual, explanation: explanationText([failure.explanation]) };
      if (failure.actual === "unknown") {
        return diagnostic("cellUnknown", { ...data, expected: failure.expected === "visible" ? "to see it" : "not to see it", why: whyUnknown(failure.unresolved) }, failure.span);
      }
      return diagnostic(failure.expected === "visible" ? "cellNotVisible" : "cellVisible", data, failure.span);
    }
    case "visibleFor": {
      const data = { case: name, target: failure.target, expected: failure.expected, actual: failure.actual, explanation: explanationText(failure.explanations) };
      if (failure.unknown) return diagnostic("visibleForUnknown", { ...data, why: whyUnknown(failure.unresolved) }, failure.span);
      return diagnostic("visibleForMismatch", data, failure.span);
    }
    case "snapshot": {
      if (failure.reason === "missing") return diagnostic("snapshotMissing", { path: failure.file }, failure.span);
      if (failure.reason === "unknown") {
        const targets = listed(failure.unknownTargets.map((t) => `  ? ${t}`));
        return diagnostic("snapshotUnknown", { path: failure.file, count: failure.unknownTargets.length, targets, why: whyUnknown(failure.unresolved) }, failure.span);
      }
      const count = (test: (c: SnapshotChange) => boolean): number => failure.changes.filter(test).length;
      const changed = count((c) => c.recorded !== undefined && c.actual !== undefined);
      const added = count((c) => c.recorded === undefined);
      const removed = count((c) => c.actual === undefined);
      const changes = [
        [changed, "changed"],
        [added, "new"],
        [removed, "removed"],
      ]
        .filter(([n]) => n !== 0)
        .map(([n, word]) => `${n} ${word}`)
        .join(", ");
      return diagnostic("snapshotStale", { path: failure.file, changes, diff: listed(failure.changes.map((c) => `  ${renderChange(c)}`)) }, failure.span);
    }
  }
}

/**
 * Every problem and failure of a run as diagnostics, sorted: the test
 * files' own problems, each case's, and its failures (a case with more
 * failures than it lists gets a note of how many more).
 */
export function runDiagnostics(run: TestRun, minimum?: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const file of run.files) {
    diagnostics.push(...file.diagnostics);
    for (const testCase of file.cases) {
      diagnostics.push(...testCase.diagnostics);
      testCase.failures.forEach((failure, i) => {
        const d = failureDiagnostic(testCase, failure);
        const last = i === testCase.failures.length - 1 && testCase.omittedFailures !== undefined;
        diagnostics.push(last ? { ...d, message: `${d.message}\n… and ${failures(testCase.omittedFailures ?? 0)} more of ${testCase.name}` } : d);
      });
    }
  }
  const coverage = coverageDiagnostic(run, minimum);
  if (coverage !== undefined) diagnostics.push(coverage);
  return sortDiagnostics(diagnostics);
}

/** RC6109 when coverage is below `minimum` percent (at the first test file, whose suite falls short). */
export function coverageDiagnostic(run: TestRun, minimum: number | undefined): Diagnostic | undefined {
  const coverage = run.coverage;
  if (minimum === undefined || coverage === undefined || coverage.percent >= minimum) return undefined;
  return diagnostic("coverageBelowMinimum", { decided: coverage.decided, cells: coverage.cells, percent: coverage.percent, minimum }, fileSpan(run.files[0]?.file ?? "."));
}

/** `100 (customer)`, or just the label when it is the value. */
export function userTypeText(userType: TestUserType): string {
  return userType.label === userType.value ? userType.value : `${userType.value} (${userType.label})`;
}

/**
 * Why a verdict is unknown: the parts of the requirement that could not be
 * resolved, each with where it is written.
 */
export function whyUnknown(unresolved: readonly UnresolvedExpression[]): string {
  if (unresolved.length === 0) return "part of the requirement could not be resolved statically";
  const parts = unresolved.map((u) => `${u.text === WHOLE_REQUIREMENT ? "part of the requirement" : `\`${u.text}\``} at ${u.span.file}:${u.span.line}:${u.span.column}`);
  return `${parts.join(", ")} could not be resolved statically (RC5004)`;
}

/**
 * Explanations as `explain` prints them, indented under the message. An
 * unknown verdict (the resolved part admits the user type, the rest is not
 * known) is headed as such, never as visible.
 */
function explanationText(explanations: readonly Explanation[]): string {
  return explanations
    .map((e) => {
      const text = renderExplanation(e).trimEnd();
      return e.visible && !e.complete ? text.replace(/^([^\n]*?): visible for /, "$1: unknown whether visible for ") : text;
    })
    .join("\n");
}

function listed(lines: readonly string[]): string {
  if (lines.length <= MAX_DIFF_LINES) return lines.join("\n");
  return [...lines.slice(0, MAX_DIFF_LINES), `  … and ${lines.length - MAX_DIFF_LINES} more`].join("\n");
}

function failures(n: number): string {
  return `${n} failure${n === 1 ? "" : "s"}`;
}
