/** `rolecraft check [module] [--src DIR|--project tsconfig.json] [--format …] [--strict] [--watch]`. */
import { check, type CheckOptions as PipelineOptions } from "../../api/check.js";
import { OptionResolver, type SourceOptions } from "../../api/options.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import type { RoundTiming } from "../../host/file-watcher.js";
import { progressDisplay } from "../progress.js";
import { configuredSeverity, DIAGNOSTIC_FORMATS, renderDiagnostics, useColor, writeDiagnostics, type DiagnosticFormat } from "../shared.js";

export interface CheckOptions extends SourceOptions {
  readonly format?: string;
  readonly strict?: boolean;
  readonly color?: boolean;
  readonly watch?: boolean;
  /** Stops watch mode when it resolves (tests). */
  readonly until?: Promise<void>;
  /** How watch rounds wait for files to settle (tests). */
  readonly watchTiming?: RoundTiming;
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
  const host = cliHost(ctx);
  const resolver = new OptionResolver(host);
  const module = resolver.module(moduleArg);
  const sources = resolver.sources(options, false);
  const { severity, lowering } = configuredSeverity(resolver);
  const pipeline: PipelineOptions = {
    module,
    out: resolver.out(undefined),
    ...(sources === undefined ? {} : { sources }),
    ...(severity === undefined ? {} : { severity }),
    ...sourceReading(ctx),
  };
  if (options.watch === true) {
    // Imported here: watch mode keeps a session and watches files, a single check does not.
    const { watchCheck } = await import("./watch.js");
    const { until, watchTiming } = options;
    return watchCheck(ctx, host, pipeline, {
      format,
      color,
      ...(lowering === undefined ? {} : { lowering }),
      ...(until === undefined ? {} : { until }),
      ...(watchTiming === undefined ? {} : { timing: watchTiming }),
    });
  }
  const progress = progressDisplay(ctx);
  const result = await check({ ...pipeline, ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }) }, host);
  progress.done();
  const output = renderDiagnostics(result.diagnostics, format, color, result.texts, true, lowering);
  writeDiagnostics(ctx, format, output);
  return hasFailures(result.diagnostics, options.strict ?? false) ? EXIT_PROBLEMS : EXIT_OK;
}
