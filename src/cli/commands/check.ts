/** `rolecraft check [module] [--src DIR|--project tsconfig.json] [--format …] [--strict]`. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { DIAGNOSTIC_FORMATS, moduleArgument, renderDiagnostics, useColor, type DiagnosticFormat } from "../shared.js";
import { loadModelAndAnalyze, sourceOptions, type SourceOptions } from "./sources.js";

export interface CheckOptions extends SourceOptions {
  readonly format?: string;
  readonly strict?: boolean;
  readonly color?: boolean;
  readonly watch?: boolean;
  /** Stops watch mode when it resolves (tests). */
  readonly until?: Promise<void>;
}

function diagnosticFormat(format: string | undefined): DiagnosticFormat {
  const chosen = format ?? "text";
  if (!(DIAGNOSTIC_FORMATS as readonly string[]).includes(chosen)) {
    throw new UsageError(`unknown format \`${chosen}\` (use one of ${DIAGNOSTIC_FORMATS.join(", ")})`);
  }
  return chosen as DiagnosticFormat;
}

export async function checkCommand(ctx: CliContext, moduleArg: string | undefined, options: CheckOptions): Promise<number> {
  const format = diagnosticFormat(options.format);
  const color = useColor(ctx, options.color);
  const module = moduleArgument(ctx, moduleArg);
  const sources = sourceOptions(ctx, options, false);
  if (!existsSync(resolve(ctx.cwd, module))) throw new UsageError(`cannot read ${module}: no such file or directory`);
  if (options.watch === true) {
    // Imported here: watch mode needs the compiler in this thread, a single check does not.
    const { watchCheck } = await import("./watch.js");
    return watchCheck(ctx, { module, sources, format, color, ...(options.until === undefined ? {} : { until: options.until }) });
  }
  // The model loads on a worker thread while this thread parses and analyzes the sources.
  // Problems of the module (including those only the code generator finds) stop the analysis.
  const { loaded, analyzed } = await loadModelAndAnalyze(ctx, { module, requireUserTypes: false, emitDiagnostics: true }, sources);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const texts = new Map(loaded.texts);
  if (analyzed !== undefined) {
    for (const d of analyzed.diagnostics) diagnostics.push(d);
    for (const [file, text] of analyzed.texts) texts.set(file, text);
  }
  const output = renderDiagnostics(diagnostics, format, color, texts);
  if (format === "json" || format === "sarif") ctx.stdout(output);
  else ctx.stderr(output);
  return hasFailures(diagnostics, options.strict ?? false) ? EXIT_PROBLEMS : EXIT_OK;
}
