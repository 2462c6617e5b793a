/** Picks the renderer for a report format. */
import { renderCsvTable } from "./render-csv.js";
import { renderHtmlTable } from "./render-html.js";
import { renderJsonDocument, renderJsonTable } from "./render-json.js";
import { renderMarkdownTable } from "./render-markdown.js";
import { renderRstTable } from "./render-rst.js";
import type { Report } from "./report.js";
import type { Table } from "./table.js";

/** The output formats of `rolecraft show … --format`. */
export type ReportFormat = "rst" | "md" | "csv" | "json" | "html";

/** Every report format, the default (`rst`, Lino's) first. */
export const REPORT_FORMATS: readonly ReportFormat[] = ["rst", "md", "csv", "json", "html"];

/** True when `value` names a report format (for validating `--format`). */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders any table in the given format; the result ends with `"\n"` unless it is empty. */
export function renderTable(table: Table, format: ReportFormat): string {
  switch (format) {
    case "rst":
      return renderRstTable(table);
    case "md":
      return renderMarkdownTable(table);
    case "csv":
      return renderCsvTable(table);
    case "json":
      return renderJsonTable(table);
    case "html":
      return renderHtmlTable(table);
  }
}

/**
 * Renders a report in the given format: its JSON document for `json` when it
 * has one (2-space indent, trailing newline), else its table.
 */
export function renderReport(report: Report, format: ReportFormat): string {
  if (format === "json") {
    const document = report.document;
    if (document !== undefined) return renderJsonDocument(document);
  }
  return renderTable(report.table, format);
}
