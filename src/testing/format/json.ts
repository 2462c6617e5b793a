/**
 * `rolecraft test --format json`: the whole run as data. Every failure
 * carries its code and message (as the text report prints them), its
 * position, expected and actual and, for a cell, the explanation as data;
 * coverage lists everything (text shortens long lists).
 */
import type { Diagnostic, Span } from "../../diagnostics/diagnostic.js";
import { jsonReport, type JsonDiagnostic, type JsonLocation } from "../../diagnostics/format/json.js";
import type { Explanation } from "../../runtime/semantics/index.js";
import { failureDiagnostic } from "../messages.js";
import { runPassed, type CaseResult, type Coverage, type Failure, type TestRun, type UnresolvedExpression } from "../results.js";

/** An explanation as data: per requirement item, its roles, whether it is satisfied and through which path. */
export interface JsonExplanation {
  readonly target: string;
  readonly userType: string;
  readonly role: string;
  readonly items: readonly { readonly roles: readonly string[]; readonly satisfied: boolean; readonly via?: string; readonly path?: readonly string[] }[];
  readonly readonlyRefusal: boolean;
  readonly complete: boolean;
  readonly visible: boolean;
}

/** Options of {@link testRunJson}. */
export interface TestJsonOptions {
  /** Diagnostics of the analysis (warnings the run went on with). */
  readonly analysis: readonly Diagnostic[];
  readonly minimum?: number;
}

/** The JSON document of a run (plain data); `version` changes only when the shape does. */
export function testRunJson(run: TestRun, options: TestJsonOptions) {
  return {
    version: 1 as const,
    passed: runPassed(run) && !belowMinimum(run.coverage, options.minimum),
    summary: run.summary,
    files: run.files.map((file) => ({
      file: file.file,
      name: file.name,
      diagnostics: diagnosticsJson(file.diagnostics),
      cases: file.cases.map(caseJson),
    })),
    ...(run.coverage === undefined ? {} : { coverage: coverageJson(run.coverage, options.minimum) }),
    diagnostics: diagnosticsJson(options.analysis),
  };
}

/** {@link testRunJson} as text: 2-space indent, trailing newline. */
export function formatTestJson(run: TestRun, options: TestJsonOptions): string {
  return `${JSON.stringify(testRunJson(run, options), null, 2)}\n`;
}

function caseJson(testCase: CaseResult) {
  return {
    kind: testCase.kind,
    name: testCase.name,
    ...location(testCase.span),
    status: testCase.status,
    cells: testCase.cells,
    ...(testCase.updated === undefined ? {} : { updated: testCase.updated }),
    failures: testCase.failures.map((f) => failureJson(testCase, f)),
    ...(testCase.omittedFailures === undefined ? {} : { omittedFailures: testCase.omittedFailures }),
    diagnostics: diagnosticsJson(testCase.diagnostics),
  };
}

function failureJson(testCase: CaseResult, failure: Failure) {
  const d = failureDiagnostic(testCase, failure);
  const head = { kind: failure.kind, code: d.code, message: d.message, ...location(failure.span) };
  switch (failure.kind) {
    case "cell":
      return { ...head, target: failure.target, userType: failure.userType, expected: failure.expected, actual: failure.actual, ...unresolvedJson(failure.unresolved), explanation: explanationJson(failure.explanation) };
    case "visibleFor":
      return { ...head, target: failure.target, expected: failure.expected, actual: failure.actual, unknown: failure.unknown, ...unresolvedJson(failure.unresolved), explanations: failure.explanations.map(explanationJson) };
    case "snapshot":
      return { ...head, snapshot: failure.file, reason: failure.reason, changes: failure.changes, unknownTargets: failure.unknownTargets, ...unresolvedJson(failure.unresolved) };
  }
}

/** Why a verdict is unknown, when it is: each unresolved part and where it is written. */
function unresolvedJson(unresolved: readonly UnresolvedExpression[]) {
  return unresolved.length === 0 ? {} : { unresolved: unresolved.map((u) => ({ text: u.text, ...location(u.span) })) };
}

/** An explanation without the analyzer's positions of each item (the test's own position is what matters here). */
export function explanationJson(e: Explanation): JsonExplanation {
  return {
    target: e.target,
    userType: e.userType,
    role: e.role,
    items: e.items.map((i) => ({ roles: i.item.roles, satisfied: i.satisfied, ...(i.via === undefined ? {} : { via: i.via }), ...(i.path === undefined ? {} : { path: i.path }) })),
    readonlyRefusal: e.readonlyRefusal,
    complete: e.complete,
    visible: e.visible,
  };
}

function coverageJson(coverage: Coverage, minimum: number | undefined) {
  const { matrix: _matrix, ...rest } = coverage;
  return { ...rest, ...(minimum === undefined ? {} : { minimum, belowMinimum: belowMinimum(coverage, minimum) }) };
}

function belowMinimum(coverage: Coverage | undefined, minimum: number | undefined): boolean {
  return minimum !== undefined && coverage !== undefined && coverage.percent < minimum;
}

function diagnosticsJson(diagnostics: readonly Diagnostic[]): readonly JsonDiagnostic[] {
  return jsonReport(diagnostics).diagnostics;
}

function location(span: Span): JsonLocation {
  return { file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
