/**
 * Severity overrides: a project may lower an analyzer error to a warning in
 * `rolecraft.config.yaml` (`severity: { RC5004: warning }`), never silently:
 * every report names the codes it lowered. Only errors of the analyzer
 * (RC5xxx) can be lowered, and only to `warning`: a lowered finding still
 * leaves unknown what it leaves unknown, so the answers stay honest; the
 * role model's errors cannot be lowered, since nothing can be answered on a
 * broken model.
 */
import { catalogue } from "../diagnostics/catalogue.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { UsageError } from "./errors.js";

/** Codes whose severity a project lowered, each to `warning`. */
export type SeverityOverrides = Readonly<Record<string, "warning">>;

/** The codes that may be lowered: the analyzer's errors. */
export const LOWERABLE_CODES: readonly string[] = Object.values(catalogue)
  .filter((entry) => entry.code.startsWith("RC5") && entry.severity === "error")
  .map((entry) => entry.code)
  .sort();

/**
 * Validates the `severity` value of a configuration file: a mapping from
 * lowerable codes to `warning`.
 *
 * @throws UsageError naming the file and what is wrong.
 */
export function parseSeverityOverrides(value: unknown, file: string): SeverityOverrides {
  const allowed = `(codes that can be lowered: ${LOWERABLE_CODES.join(", ")})`;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${file}: \`severity\` must be a mapping such as \`severity: { RC5004: warning }\` ${allowed}`);
  }
  const overrides: Record<string, "warning"> = {};
  for (const [code, level] of Object.entries(value)) {
    if (!LOWERABLE_CODES.includes(code)) {
      const known = Object.values(catalogue).some((entry) => entry.code === code);
      throw new UsageError(`${file}: \`severity\` cannot lower ${known ? code : `unknown code \`${code}\``} ${allowed}`);
    }
    if (level !== "warning") throw new UsageError(`${file}: \`severity.${code}\` must be \`warning\` (an error can only be lowered to a warning)`);
    overrides[code] = "warning";
  }
  return overrides;
}

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
