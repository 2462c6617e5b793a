/**
 * The one shape every finding of rolecraft takes, whatever stage produced it.
 * A diagnostic carries a stable code and the data its message was rendered
 * from, so tests and tools can rely on codes and data rather than wording.
 */

/** How bad a finding is. `error` fails `check`; `warning` fails it under `--strict`. */
export type Severity = "error" | "warning" | "info";

/** A 1-based position range in a file. `file` is as given by the caller (usually relative). */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A secondary location of a diagnostic, e.g. each edge of a cycle. */
export interface RelatedLocation {
  readonly message: string;
  readonly span: Span;
}

/** Values a message template may interpolate. */
export type DiagnosticData = Readonly<Record<string, string | number>>;

/** A finding: stable code, severity, rendered message, position and optional hint. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly data: DiagnosticData;
  readonly span: Span;
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
}

/** The result of every pure stage: a value (possibly partial) plus what went wrong. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** A span covering a whole file, for problems that have no better position. */
export function fileSpan(file: string): Span {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** Orders diagnostics by file, line, column, code and message, for deterministic output. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.span.file, b.span.file) ||
    a.span.line - b.span.line ||
    a.span.column - b.span.column ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** Sorts (a copy of) diagnostics deterministically and drops exact duplicates. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  return sorted.filter((d, i) => {
    const prev = sorted[i - 1];
    return prev === undefined || compareDiagnostics(prev, d) !== 0;
  });
}

/** Plain code-point comparison (never locale-dependent). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when any diagnostic is an error (or, with `strict`, a warning). */
export function hasFailures(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}
