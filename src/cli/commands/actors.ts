/**
 * The commands that read application sources: `show actors`, `show
 * layout`, `show dialog-actions`, `visible-for` and `explain`. Diagnostics
 * are printed on stderr. An error in the role model stops them (exit 1).
 * The application's errors do not hold back `show actors`, `visible-for`
 * and `explain`, since what they leave unknown is shown as unknown (`?`,
 * `unknown (…)`), never guessed: the answer is given and the exit code is
 * 1; `visible-for` and `explain` exit 1 as well when their answer is
 * unknown. The layout commands print nothing on an error (exit 1).
 */
import { analyze, type CheckOptions, type CheckResult } from "../../api/check.js";
import { OptionResolver, type SourceOptions } from "../../api/options.js";
import { showDialogActions, showLayout } from "../../api/layouts.js";
import { analyzedProject, explainTarget, showActors, visibilityOfTarget, type AnalyzedProject } from "../../api/show.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { renderExplanation } from "../../report/explanation.js";
import { isLayoutFormat, LAYOUT_FORMATS, renderDialogActions, renderLayout, type LayoutFormat } from "../../report/render-layout.js";
import { renderReport } from "../../report/render.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
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
  const { result, failed } = await runReported(ctx, moduleArg, options, analyze);
  return { project: analyzedProject(result), failed };
}

/** Runs one of the API's source-reading calls and prints its diagnostics; `failed` when any of them is an error. */
async function runReported<R extends CheckResult>(
  ctx: CliContext,
  moduleArg: string | undefined,
  options: Options,
  call: (pipeline: CheckOptions, host: ReturnType<typeof cliHost>) => Promise<R>,
): Promise<{ readonly result: R; readonly failed: boolean }> {
  const color = useColor(ctx, options.color);
  const { host, options: pipeline, lowering } = prepare(ctx, moduleArg, options);
  const result = await call(pipeline, host);
  const ok = reportAnalyzed(ctx, result, color, lowering);
  return { result, failed: !ok || hasFailures(result.diagnostics) };
}

/** Runs a source-reading call whose answer is printed only when nothing has errors (undefined otherwise). */
async function runStrict<R extends CheckResult>(
  ctx: CliContext,
  moduleArg: string | undefined,
  options: Options,
  call: (pipeline: CheckOptions, host: ReturnType<typeof cliHost>) => Promise<R>,
): Promise<R | undefined> {
  const { result, failed } = await runReported(ctx, moduleArg, options, call);
  return failed ? undefined : result;
}

/** `rolecraft show actors [module] --src DIR [--format …] [--labels values|names]`: actors and actions × user types. */
export async function showActorsCommand(ctx: CliContext, moduleArg: string | undefined, options: Options & { format?: string; labels?: string }): Promise<number> {
  const format = reportFormat(options.format);
  const labels = columnLabels(options.labels);
  const { result, failed } = await runReported(ctx, moduleArg, options, (pipeline, host) => showActors({ ...pipeline, labels }, host));
  if (result.report === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderReport(result.report, format));
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** Validates `--format` for layouts (default: rst, as Lino prints them). */
function layoutFormat(format: string | undefined): LayoutFormat {
  const chosen = format ?? "rst";
  if (!isLayoutFormat(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${LAYOUT_FORMATS.join(", ")})`);
  return chosen;
}

/**
 * `rolecraft show layout <id> [module] --src DIR [--element NAME] [--format rst|md|json]`:
 * an actor's detail layout or an action's parameter layout as Lino's
 * `py2rst` prints it. Exit 1 when who may see some element is unknown (the
 * layout is printed all the same, with `unknown (…)` where it is).
 */
export async function showLayoutCommand(
  ctx: CliContext,
  id: string,
  moduleArg: string | undefined,
  options: Options & { format?: string; element?: string },
): Promise<number> {
  const format = layoutFormat(options.format);
  const element = options.element === undefined ? {} : { element: options.element };
  const result = await runStrict(ctx, moduleArg, options, (pipeline, host) => showLayout({ ...pipeline, target: id, ...element }, host));
  if (result?.layout === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderLayout(result.layout.node, format, { parentVisibleFor: result.layout.parentVisibleFor }));
  return result.layout.known ? EXIT_OK : EXIT_PROBLEMS;
}

/** `rolecraft show dialog-actions [module] --src DIR [--format rst|md|json]`: Lino's `show_dialog_actions()`. */
export async function showDialogActionsCommand(ctx: CliContext, moduleArg: string | undefined, options: Options & { format?: string }): Promise<number> {
  const format = layoutFormat(options.format);
  const result = await runStrict(ctx, moduleArg, options, showDialogActions);
  if (result?.dialogActions === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderDialogActions(result.dialogActions.entries, format));
  return result.dialogActions.known ? EXIT_OK : EXIT_PROBLEMS;
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
