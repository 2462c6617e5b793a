/**
 * The commands that read application sources: `show actors`, `visible-for`
 * and `explain`. Warnings (e.g. a requirement that can't be resolved
 * statically) are printed on stderr and the answer is given; errors stop
 * the command with exit code 1.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import type { Application } from "../../analyzer/types.js";
import type { RoleModel } from "../../compiler/types.js";
import { explain, findTarget, findUserType, visibleFor } from "../../runtime/semantics/index.js";
import { renderExplanation } from "../../report/explanation.js";
import { renderReport } from "../../report/render.js";
import { actorsReport } from "../../report/report.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { moduleArgument, reportText, useColor } from "../shared.js";
import { reportModel } from "../model-load.js";
import { reportFormat } from "./show.js";
import { loadModelAndAnalyze, sourceOptions, type SourceOptions } from "./sources.js";

interface Analyzed {
  readonly model: RoleModel;
  readonly app: Application;
}

async function analyzeOrReport(ctx: CliContext, moduleArg: string | undefined, options: SourceOptions & { color?: boolean }): Promise<Analyzed | undefined> {
  const color = useColor(ctx, options.color);
  const module = moduleArgument(ctx, moduleArg);
  const sources = sourceOptions(ctx, options, true);
  if (!existsSync(resolve(ctx.cwd, module))) throw new UsageError(`cannot read ${module}: no such file or directory`);
  const { loaded, analyzed } = await loadModelAndAnalyze(ctx, { module, requireUserTypes: true, emitDiagnostics: false }, sources);
  if (!reportModel(ctx, loaded, color) || analyzed === undefined) return undefined;
  reportText(ctx, analyzed.diagnostics, color, analyzed.texts);
  if (hasFailures(analyzed.diagnostics)) return undefined;
  return { model: loaded.model, app: analyzed.application };
}

/** `rolecraft show actors [module] --src DIR [--format …]`: actors and actions × user types. */
export async function showActorsCommand(ctx: CliContext, moduleArg: string | undefined, options: SourceOptions & { format?: string; color?: boolean }): Promise<number> {
  const format = reportFormat(options.format);
  const analyzed = await analyzeOrReport(ctx, moduleArg, options);
  if (analyzed === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderReport(actorsReport(analyzed.model, analyzed.app), format));
  return EXIT_OK;
}

function targetOrFail(app: Application, id: string): NonNullable<ReturnType<typeof findTarget>> {
  const target = findTarget(app, id);
  if (target !== undefined) return target;
  const ids = app.actors.flatMap((a) => [a.id, ...a.actions.map((x) => x.id)]);
  const near = ids.filter((candidate) => candidate.toLowerCase().includes(id.toLowerCase().split(".").pop() ?? id)).slice(0, 5);
  throw new UsageError(`no actor or action \`${id}\`${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}`);
}

/** `rolecraft visible-for <id> [module] --src DIR`: Lino's visible_for line. */
export async function visibleForCommand(ctx: CliContext, id: string, moduleArg: string | undefined, options: SourceOptions & { color?: boolean }): Promise<number> {
  const analyzed = await analyzeOrReport(ctx, moduleArg, options);
  if (analyzed === undefined) return EXIT_PROBLEMS;
  ctx.stdout(`${visibleFor(analyzed.model, targetOrFail(analyzed.app, id))}\n`);
  return EXIT_OK;
}

/** `rolecraft explain <id> --user-type T [module] --src DIR`. */
export async function explainCommand(
  ctx: CliContext,
  id: string,
  moduleArg: string | undefined,
  options: SourceOptions & { userType: string; color?: boolean },
): Promise<number> {
  const analyzed = await analyzeOrReport(ctx, moduleArg, options);
  if (analyzed === undefined) return EXIT_PROBLEMS;
  const userType = findUserType(analyzed.model, options.userType);
  if (userType === undefined) {
    const known = analyzed.model.userTypes.map((t) => (t.names[0] === undefined ? t.value : `${t.value} (${t.names[0]})`)).join(", ");
    throw new UsageError(`no user type \`${options.userType}\` (known: ${known})`);
  }
  ctx.stdout(renderExplanation(explain(analyzed.model, targetOrFail(analyzed.app, id), userType)));
  return EXIT_OK;
}
