/** Counting diagnostics by severity, and the closing `N errors, N warnings` line. */
import pc from "picocolors";
import type { Diagnostic } from "../diagnostic.js";

/** How many diagnostics of each severity. */
export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Counts diagnostics by severity. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** Options of `formatSummary`. */
export interface SummaryOptions {
  /** Colour the counts that are not zero (errors red, warnings yellow, infos cyan). */
  readonly color?: boolean;
  /** Said after the counts, in parentheses (e.g. which codes a configuration lowered to warnings). */
  readonly note?: string;
}

/**
 * The summary line, without a trailing newline: `1 error, 2 warnings`;
 * errors and warnings are always counted (`0 errors, 0 warnings` says the
 * check ran and found nothing), infos only when there are some
 * (`…, 1 info`); then the note, if any: `0 errors, 1 warning (RC5004
 * lowered to warning by rolecraft.config.yaml)`.
 */
export function formatSummary(diagnostics: readonly Diagnostic[], options: SummaryOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const { errors, warnings, infos } = countBySeverity(diagnostics);
  const parts = [
    paint(plural(errors, "error"), errors > 0 ? (s) => c.bold(c.red(s)) : undefined),
    paint(plural(warnings, "warning"), warnings > 0 ? (s) => c.bold(c.yellow(s)) : undefined),
  ];
  if (infos > 0) parts.push(paint(plural(infos, "info"), (s) => c.bold(c.cyan(s))));
  const note = options.note === undefined || options.note === "" ? "" : ` (${options.note})`;
  return parts.join(", ") + note;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function paint(text: string, style: ((s: string) => string) | undefined): string {
  return style === undefined ? text : style(text);
}
