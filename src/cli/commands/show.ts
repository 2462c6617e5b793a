/** `rolecraft show user-types|user-roles [module] [--format …]`. */
import { OptionResolver } from "../../api/options.js";
import { showUserRoles, showUserTypes } from "../../api/show.js";
import { renderReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from "../../report/render.js";
import type { ColumnLabels } from "../../report/table.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost } from "../environment.js";
import { reportModel, useColor } from "../shared.js";

export interface ShowOptions {
  readonly format?: string;
  readonly labels?: string;
  readonly color?: boolean;
}

/** The `--labels` choices: user type columns headed by value (Lino's) or by name. */
export const COLUMN_LABELS: readonly ColumnLabels[] = ["values", "names"];

/** Validates `--labels`. */
export function columnLabels(labels: string | undefined): ColumnLabels {
  const chosen = labels ?? "values";
  if (!(COLUMN_LABELS as readonly string[]).includes(chosen)) throw new UsageError(`unknown --labels \`${chosen}\` (use one of ${COLUMN_LABELS.join(", ")})`);
  return chosen as ColumnLabels;
}

/** Validates `--format` for tables. */
export function reportFormat(format: string | undefined): ReportFormat {
  const chosen = format ?? "rst";
  if (!isReportFormat(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${REPORT_FORMATS.join(", ")})`);
  return chosen;
}

export async function showTableCommand(ctx: CliContext, what: "user-types" | "user-roles", moduleArg: string | undefined, options: ShowOptions): Promise<number> {
  const format = reportFormat(options.format);
  const labels = columnLabels(options.labels);
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  const module = new OptionResolver(host).module(moduleArg);
  const shown = await (what === "user-types" ? showUserTypes({ module }, host) : showUserRoles({ module, labels }, host));
  if (!reportModel(ctx, shown.model, color) || shown.report === undefined) return EXIT_PROBLEMS;
  ctx.stdout(renderReport(shown.report, format));
  return EXIT_OK;
}
