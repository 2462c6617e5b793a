/**
 * The diagnostic formatters, one pure function per output format of
 * `rolecraft check --format`, plus a dispatcher for the CLI.
 */
import type { Diagnostic } from "../diagnostic.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export { formatText, type TextFormatOptions } from "./text.js";
export { countBySeverity, formatSummary, type SeverityCounts, type SummaryOptions } from "./summary.js";
export {
  formatJson,
  jsonReport,
  type JsonDiagnostic,
  type JsonLocation,
  type JsonRelated,
  type JsonReport,
} from "./json.js";
export {
  DEFAULT_INFORMATION_URI,
  SARIF_SCHEMA_URI,
  SRCROOT,
  artifactLocation,
  formatSarif,
  sarifLog,
  type RuleSource,
  type SarifFormatOptions,
} from "./sarif.js";
export { escapeGithubData, escapeGithubProperty, formatGithub } from "./github.js";

/** The output formats of `rolecraft check --format`. */
export type DiagnosticFormat = "text" | "json" | "sarif" | "github";

/** Every diagnostic format, the default (`text`) first. */
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ["text", "json", "sarif", "github"];

/** True when `value` names a diagnostic format (for validating `--format`). */
export function isDiagnosticFormat(value: string): value is DiagnosticFormat {
  return (DIAGNOSTIC_FORMATS as readonly string[]).includes(value);
}

/** Options of `formatDiagnostics`; each format reads the ones it needs. */
export interface FormatDiagnosticsOptions {
  /** text: ANSI colours. */
  readonly color?: boolean;
  /** text: source texts for code frames. */
  readonly sources?: ReadonlyMap<string, string>;
  /** text: end with the summary line (default true). */
  readonly summary?: boolean;
  /** sarif: rolecraft's version. */
  readonly toolVersion: string;
}

/** Formats diagnostics in the given format (see each formatter for details). */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  options: FormatDiagnosticsOptions,
): string {
  switch (format) {
    case "text":
      return formatText(diagnostics, {
        color: options.color ?? false,
        ...(options.sources === undefined ? {} : { sources: options.sources }),
        ...(options.summary === undefined ? {} : { summary: options.summary }),
      });
    case "json":
      return formatJson(diagnostics);
    case "sarif":
      return formatSarif(diagnostics, { toolVersion: options.toolVersion });
    case "github":
      return formatGithub(diagnostics);
  }
}
