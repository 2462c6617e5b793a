/** `rolecraft show user-types|user-roles [module] [--format …]`. */
import { renderTable, isReportFormat, REPORT_FORMATS, type ReportFormat } from "../../report/render.js";
import { userRolesTable } from "../../report/user-roles-table.js";
import { userTypesTable } from "../../report/user-types-table.js";
import { userRolesJson } from "../../report/user-roles-json.js";
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
  if (what === "user-roles" && format === "json") {
    ctx.stdout(userRolesJson(model));
    return EXIT_OK;
  }
  const table = what === "user-types" ? userTypesTable(model) : userRolesTable(model);
  ctx.stdout(renderTable(table, format));
  return EXIT_OK;
}
