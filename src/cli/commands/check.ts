/** `rolecraft check [module] [--src DIR|--project tsconfig.json] [--format …] [--strict]`. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadRoleModel } from "../../compiler/compile.js";
import { emitProject } from "../../emit/emit.js";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { createNodeHost } from "../../host/node-host.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { DIAGNOSTIC_FORMATS, moduleArgument, renderDiagnostics, sourcesOf, useColor, type DiagnosticFormat } from "../shared.js";
import { analyzeSources, sourceOptions, type SourceOptions } from "./sources.js";
import { watchCheck } from "./watch.js";

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
    return watchCheck(ctx, { module, sources, format, color, ...(options.until === undefined ? {} : { until: options.until }) });
  }
  const loaded = await loadRoleModel(createNodeHost({ cwd: ctx.cwd }), resolve(ctx.cwd, module));
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const texts = sourcesOf(loaded.value);
  if (!hasFailures(loaded.diagnostics)) {
    // Problems only the code generator finds (reserved names, import cycles) are problems of the module too.
    diagnostics.push(...emitProject(loaded.value.model, { diagnosticsOnly: true }).diagnostics);
    if (sources !== undefined && !hasFailures(diagnostics)) {
      const analyzed = analyzeSources(ctx, loaded.value.model, sources);
      diagnostics.push(...analyzed.diagnostics);
      for (const [file, text] of analyzed.texts) texts.set(file, text);
    }
  }
  const output = renderDiagnostics(diagnostics, format, color, texts);
  if (format === "json" || format === "sarif") ctx.stdout(output);
  else ctx.stderr(output);
  return hasFailures(diagnostics, options.strict ?? false) ? EXIT_PROBLEMS : EXIT_OK;
}
