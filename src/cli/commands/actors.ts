/**
 * The commands that read application sources: `show actors`, `visible-for`
 * and `explain`. Diagnostics are printed on stderr. An error in the role
 * model stops them (exit 1); the application's errors do not hold the
 * answer back, since what they leave unknown is shown as unknown (`?`,
 * `unknown (…)`), never guessed: the answer is given and the exit code is 1.
 * `visible-for` and `explain` exit 1 as well when their answer is unknown.
 */
import { analyze, type CheckOptions } from "../../api/check.js";
import { OptionResolver, type SourceOptions } from "../../api/options.js";
import { analyzedProject, explainTarget, showActors, visibilityOfTarget, type AnalyzedProject } from "../../api/show.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { renderExplanation } from "../../report/explanation.js";
import { renderReport } from "../../report/render.js";
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import { configuredSeverity, reportAnalyzed, useColor, type Lowering } from "../shared.js";
import { columnLabels, reportFormat } from "./show.js";

type Options = SourceOptions & { readonly color?: boolean };

/** The host and the pipeline's options of a command that reads the sources, and the severities the configuration lowered. */
function prepare(
  ctx: CliContext,
  moduleArg: string | undefined,
  options: Options,
): { readonly host: ReturnType<typeof cliHost>; readonly options: CheckOptions; readonly lowering?: Lowering } {
  const host = cliHost(ctx);
  const resolver = new OptionResolver(host);
  const module = resolver.module(moduleArg);
  const sources = resolver.sources(options, true);
  const { severity, lowering } = configuredSeverity(resolver);
  return {
    host,
    options: { module, sources, out: resolver.out(undefined), ...(severity === undefined ? {} : { severity }), ...sourceReading(ctx) },
    ...(lowering === undefined ? {} : { lowering }),
  };
}

/** The analyzed project, after its diagnostics were printed (undefined when the model has errors), and whether anything had errors. */
async function analyzeOrReport(ctx: CliContext, moduleArg: string | undefined, options: Options): Promise<{ readonly project: AnalyzedProject | undefined; readonly failed: boolean }> {
  const color = useColor(ctx, options.color);
  const { host, options: pipeline, lowering } = prepare(ctx, moduleArg, options);
  const result = await analyze(pipeline, host);
  const ok = reportAnalyzed(ctx, result, color, lowering);
  return { project: analyzedProject(result), failed: !ok || hasFailures(result.diagnostics) };
}

/** `rolecraft show actors [module] --src DIR [--format …] [--labels values|names]`: actors and actions × user types. */
export async function showActorsCommand(ctx: CliContext, moduleArg: string | undefined, options: Options & { format?: string; labels?: string }): Promise<number> {
  const format = reportFormat(options.format);
  const labels = columnLabels(options.labels);
  const color = useColor(ctx, options.color);
  const { host, options: pipeline, lowering } = prepare(ctx, moduleArg, options);
  const result = await showActors({ ...pipeline, labels }, host);
  const ok = reportAnalyzed(ctx, result, color, lowering);
  if (result.report === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderReport(result.report, format));
  return ok ? EXIT_OK : EXIT_PROBLEMS;
}

/** `rolecraft visible-for <id> [module] --src DIR`: Lino's visible_for line, or `unknown (…)`. */
export async function visibleForCommand(ctx: CliContext, id: string, moduleArg: string | undefined, options: Options): Promise<number> {
  const { project, failed } = await analyzeOrReport(ctx, moduleArg, options);
  if (project === undefined) return EXIT_PROBLEMS;
  const visibility = visibilityOfTarget(project, id);
  ctx.stdout(`${visibility.text}\n`);
  return failed || !visibility.known ? EXIT_PROBLEMS : EXIT_OK;
}

/** `rolecraft explain <id> --user-type T [module] --src DIR`. */
export async function explainCommand(ctx: CliContext, id: string, moduleArg: string | undefined, options: Options & { userType: string }): Promise<number> {
  const { project, failed } = await analyzeOrReport(ctx, moduleArg, options);
  if (project === undefined) return EXIT_PROBLEMS;
  const explanation = explainTarget(project, id, options.userType);
  ctx.stdout(renderExplanation(explanation));
  return failed || explanation.access === "unknown" ? EXIT_PROBLEMS : EXIT_OK;
}
