/**
 * Severity overrides: a project may lower an analyzer error to a warning in
 * `rolecraft.config.yaml` (`severity: { RC5004: warning }`), never silently:
 * every report names the codes it lowered. Only errors of the analyzer
 * (RC5xxx) can be lowered, and only to `warning`: a lowered finding still
 * leaves unknown what it leaves unknown, so the answers stay honest; the
 * role model's errors cannot be lowered, since nothing can be answered on a
 * broken model. The configuration's loader (`config.ts`) validates which
 * codes may be lowered; this module applies the lowering.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Codes whose severity a project lowered, each to `warning`. */
export type SeverityOverrides = Readonly<Record<string, "warning">>;

/** The codes an override lowers, sorted (what every report names). */
export function loweredCodes(overrides: SeverityOverrides | undefined): string[] {
  return overrides === undefined ? [] : Object.keys(overrides).sort();
}

/** The diagnostics with the overrides applied (the same array when there are none). */
export function applySeverity(diagnostics: readonly Diagnostic[], overrides: SeverityOverrides | undefined): readonly Diagnostic[] {
  if (overrides === undefined || Object.keys(overrides).length === 0) return diagnostics;
  return diagnostics.map((d) => {
    const severity = overrides[d.code];
    return severity === undefined || d.severity !== "error" ? d : { ...d, severity };
  });
}
