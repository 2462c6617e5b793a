/** The machine-readable diagnostic format of rolecraft itself (`check --format json`). */
import type { Diagnostic, DiagnosticData, Span } from "../diagnostic.js";
import { countBySeverity, type SeverityCounts } from "./summary.js";

/** A position as written in the JSON format (a flattened `Span`). */
export interface JsonLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A related location in the JSON format. */
export interface JsonRelated extends JsonLocation {
  readonly message: string;
}

/** One diagnostic in the JSON format. */
export interface JsonDiagnostic extends JsonLocation {
  readonly code: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly hint?: string;
  readonly related?: readonly JsonRelated[];
  readonly data: DiagnosticData;
}

/** The whole JSON document; `version` changes only when the shape does. */
export interface JsonReport {
  readonly version: 1;
  readonly diagnostics: readonly JsonDiagnostic[];
  /** The counts, and (only when there are any) the codes a configuration lowered to warnings. */
  readonly summary: SeverityCounts & { readonly lowered?: readonly string[] };
}

/** Builds the JSON document (plain data) for diagnostics, in the order given; `lowered`: codes a configuration lowered to warnings. */
export function jsonReport(diagnostics: readonly Diagnostic[], lowered: readonly string[] = []): JsonReport {
  return {
    version: 1,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...flatten(d.span),
      ...(d.hint === undefined ? {} : { hint: d.hint }),
      ...(d.related === undefined || d.related.length === 0
        ? {}
        : { related: d.related.map((r) => ({ message: r.message, ...flatten(r.span) })) }),
      data: d.data,
    })),
    summary: { ...countBySeverity(diagnostics), ...(lowered.length === 0 ? {} : { lowered }) },
  };
}

/**
 * Formats diagnostics as rolecraft's JSON document:
 * `{ "version": 1, "diagnostics": [{ code, severity, message, file, line,
 * column, endLine, endColumn, hint?, related?, data }], "summary": { errors,
 * warnings, infos, lowered? } }`, 2-space indent, trailing newline. Members appear in
 * that order; `hint` and `related` only when present; `data` is what the
 * message was rendered from, so tools can rely on it rather than on wording.
 */
export function formatJson(diagnostics: readonly Diagnostic[], lowered: readonly string[] = []): string {
  return JSON.stringify(jsonReport(diagnostics, lowered), null, 2) + "\n";
}

function flatten(span: Span): JsonLocation {
  return { file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
