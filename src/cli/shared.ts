/**
 * Helpers the commands share: the host and options of a run, choosing
 * colors, printing diagnostics in a format.
 */
import { createRequire } from "node:module";
import { hasFailures, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { formatGithub } from "../diagnostics/format/github.js";
import { formatJson } from "../diagnostics/format/json.js";
import { formatSarif } from "../diagnostics/format/sarif.js";
import { formatText } from "../diagnostics/format/text.js";
import type { CheckResult, LoadedModel } from "../index.js";
import type { OptionResolver } from "../api/options.js";
import { loweredCodes, type SeverityOverrides } from "../api/severity.js";
import type { CliContext } from "./context.js";

const require = createRequire(import.meta.url);

/** rolecraft's own version, from package.json. */
export const VERSION = (require("../../package.json") as { version: string }).version;

/** Diagnostic output formats of `check`. */
export const DIAGNOSTIC_FORMATS = ["text", "json", "sarif", "github"] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Whether to color stderr: `--color`/`--no-color`, then NO_COLOR / FORCE_COLOR, then the TTY. */
export function useColor(ctx: CliContext, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (ctx.env["NO_COLOR"] !== undefined && ctx.env["NO_COLOR"] !== "") return false;
  if (ctx.env["FORCE_COLOR"] !== undefined && ctx.env["FORCE_COLOR"] !== "0") return true;
  return ctx.stderrIsTTY && ctx.env["CI"] === undefined;
}

/** Severities a project lowered: the codes (for machine formats) and the note the summary line says (never silently). */
export interface Lowering {
  readonly codes: readonly string[];
  readonly note: string;
}

/**
 * The severity overrides of the project's configuration (`severity:` of
 * rolecraft.config.yaml), and how reports name them; read whenever a
 * command reports findings of the application, since they are the
 * project's policy.
 */
export function configuredSeverity(resolver: OptionResolver): { readonly severity?: SeverityOverrides; readonly lowering?: Lowering } {
  const config = resolver.configuration();
  const codes = loweredCodes(config.severity);
  if (config.severity === undefined || codes.length === 0) return {};
  return { severity: config.severity, lowering: { codes, note: `${codes.join(", ")} lowered to warning by ${config.file ?? "the configuration"}` } };
}

/** Prints diagnostics as text on stderr (nothing when there are none). */
export function reportText(ctx: CliContext, diagnostics: readonly Diagnostic[], color: boolean, sources: ReadonlyMap<string, string>, lowering?: Lowering): void {
  if (diagnostics.length === 0) return;
  ctx.stderr(formatText(sortDiagnostics(diagnostics), { color, sources, ...(lowering === undefined ? {} : { note: lowering.note }) }));
}

/** Renders diagnostics in a machine format (for stdout) or text (for stderr). */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  color: boolean,
  sources: ReadonlyMap<string, string>,
  summary = true,
  lowering?: Lowering,
): string {
  const sorted = sortDiagnostics(diagnostics);
  switch (format) {
    case "json":
      return formatJson(sorted, lowering?.codes ?? []);
    case "sarif":
      return formatSarif(sorted, { toolVersion: VERSION });
    case "github":
      return formatGithub(sorted);
    case "text":
      return formatText(sorted, { color, sources, summary, ...(lowering === undefined ? {} : { note: lowering.note }) });
  }
}

/**
 * Where a rendering of diagnostics goes: text is for people and goes to
 * stderr; the machine formats (JSON, SARIF, GitHub workflow commands, which
 * GitHub Actions reads from a step's stdout) go to stdout.
 */
export function writeDiagnostics(ctx: CliContext, format: DiagnosticFormat, output: string): void {
  if (format === "text") ctx.stderr(output);
  else ctx.stdout(output);
}

/** Prints the model's diagnostics; false when it has errors (the command then exits 1). */
export function reportModel(ctx: CliContext, loaded: LoadedModel, color: boolean): boolean {
  reportText(ctx, loaded.diagnostics, color, loaded.texts);
  return !hasFailures(loaded.diagnostics);
}

/**
 * Prints the model's diagnostics, then the application's; false when either
 * has errors (the command then exits 1).
 */
export function reportAnalyzed(ctx: CliContext, result: CheckResult, color: boolean, lowering?: Lowering): boolean {
  if (!reportModel(ctx, result.model, color)) return false;
  if (result.analysis === undefined) return true;
  // The texts of both: the lints point into role modules too.
  reportText(ctx, result.analysis.diagnostics, color, result.texts, lowering);
  return !hasFailures(result.analysis.diagnostics);
}
