/** `rolecraft show user-types|user-roles [module] [--format …]`. */
import { renderReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from "../../report/render.js";
import { userRolesReport, userTypesReport } from "../../report/report.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { loadModelOrReport, moduleArgument, useColor } from "../shared.js";

export interface ShowOptions {
  readonly format?: string;
  readonly color?: boolean;
}

/** Validates `--format` for tables. */
export function reportFormat(format: string | undefined): ReportFormat {
  const chosen = format ?? "rst";
  if (!isReportFormat(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${REPORT_FORMATS.join(", ")})`);
  return chosen;
}

export async function showTableCommand(ctx: CliContext, what: "user-types" | "user-roles", moduleArg: string | undefined, options: ShowOptions): Promise<number> {
  const format = reportFormat(options.format);
  const color = useColor(ctx, options.color);
  const module = moduleArgument(ctx, moduleArg);
  const compiled = await loadModelOrReport(ctx, module, color, { requireUserTypes: true });
  if (compiled === undefined) return EXIT_PROBLEMS;
  const model = compiled.model;
  ctx.stdout(renderReport(what === "user-types" ? userTypesReport(model) : userRolesReport(model), format));
  return EXIT_OK;
}
