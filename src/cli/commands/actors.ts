/**
 * The commands that read application sources: `show actors`, `show
 * layout`, `show dialog-actions`, `visible-for` and `explain`. Warnings (e.g. a requirement that can't be resolved
 * statically) are printed on stderr and the answer is given; errors stop
 * the command with exit code 1.
 */
import { analyze, type CheckOptions, type CheckResult } from "../../api/check.js";
import { OptionResolver, type SourceOptions } from "../../api/options.js";
import { showDialogActions, showLayout } from "../../api/layouts.js";
import { analyzedProject, explainTarget, showActors, visibleForTarget, type AnalyzedProject } from "../../api/show.js";
import { renderExplanation } from "../../report/explanation.js";
import { isLayoutFormat, LAYOUT_FORMATS, renderDialogActions, renderLayout, type LayoutFormat } from "../../report/render-layout.js";
import { renderReport } from "../../report/render.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import { reportAnalyzed, useColor } from "../shared.js";
import { reportFormat } from "./show.js";

type Options = SourceOptions & { readonly color?: boolean };

/** The host and the pipeline's options of a command that reads the sources. */
function prepare(ctx: CliContext, moduleArg: string | undefined, options: Options): { readonly host: ReturnType<typeof cliHost>; readonly options: CheckOptions } {
  const host = cliHost(ctx);
  const resolver = new OptionResolver(host);
  const module = resolver.module(moduleArg);
  return { host, options: { module, sources: resolver.sources(options, true), ...sourceReading(ctx) } };
}

/** The analyzed project, after its diagnostics were printed; undefined when it has errors. */
async function analyzeOrReport(ctx: CliContext, moduleArg: string | undefined, options: Options): Promise<AnalyzedProject | undefined> {
  const result = await runReported(ctx, moduleArg, options, analyze);
  return result === undefined ? undefined : analyzedProject(result);
}

/** Runs one of the API's source-reading calls and prints its diagnostics; undefined when it has errors. */
async function runReported<R extends CheckResult>(
  ctx: CliContext,
  moduleArg: string | undefined,
  options: Options,
  call: (pipeline: CheckOptions, host: ReturnType<typeof cliHost>) => Promise<R>,
): Promise<R | undefined> {
  const color = useColor(ctx, options.color);
  const { host, options: pipeline } = prepare(ctx, moduleArg, options);
  const result = await call(pipeline, host);
  return reportAnalyzed(ctx, result, color) ? result : undefined;
}

/** `rolecraft show actors [module] --src DIR [--format …]`: actors and actions × user types. */
export async function showActorsCommand(ctx: CliContext, moduleArg: string | undefined, options: Options & { format?: string }): Promise<number> {
  const format = reportFormat(options.format);
  const result = await runReported(ctx, moduleArg, options, showActors);
  if (result?.report === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderReport(result.report, format));
  return EXIT_OK;
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
  const result = await runReported(ctx, moduleArg, options, (pipeline, host) => showLayout({ ...pipeline, target: id, ...element }, host));
  if (result?.layout === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderLayout(result.layout.node, format, { parentVisibleFor: result.layout.parentVisibleFor }));
  return result.layout.known ? EXIT_OK : EXIT_PROBLEMS;
}

/** `rolecraft show dialog-actions [module] --src DIR [--format rst|md|json]`: Lino's `show_dialog_actions()`. */
export async function showDialogActionsCommand(ctx: CliContext, moduleArg: string | undefined, options: Options & { format?: string }): Promise<number> {
  const format = layoutFormat(options.format);
  const result = await runReported(ctx, moduleArg, options, showDialogActions);
  if (result?.dialogActions === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderDialogActions(result.dialogActions.entries, format));
  return result.dialogActions.known ? EXIT_OK : EXIT_PROBLEMS;
}

/** `rolecraft visible-for <id> [module] --src DIR`: Lino's visible_for line. */
export async function visibleForCommand(ctx: CliContext, id: string, moduleArg: string | undefined, options: Options): Promise<number> {
  const project = await analyzeOrReport(ctx, moduleArg, options);
  if (project === undefined) return EXIT_PROBLEMS;
  ctx.stdout(`${visibleForTarget(project, id)}\n`);
  return EXIT_OK;
}

/** `rolecraft explain <id> --user-type T [module] --src DIR`. */
export async function explainCommand(ctx: CliContext, id: string, moduleArg: string | undefined, options: Options & { userType: string }): Promise<number> {
  const project = await analyzeOrReport(ctx, moduleArg, options);
  if (project === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderExplanation(explainTarget(project, id, options.userType)));
  return EXIT_OK;
}
