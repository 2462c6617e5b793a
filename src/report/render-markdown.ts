/** GitHub-flavoured Markdown (pipe table) rendering of a `Table`. */
import { cellAt, type Table } from "./table.js";

/**
 * Renders `table` as a GitHub pipe table: a header row, a `| --- |` delimiter
 * row, then one line per row; ends with `"\n"`. Cells are escaped so that
 * they show literally: `|` and `\` are backslash-escaped (GFM splits cells on
 * unescaped pipes), as are the inline-markup characters `` ` * _ [ ] < > & ``;
 * line breaks become `<br>`, the only way to break a line inside a cell;
 * other control characters are shown as U+FFFD.
 * `☑` and other Unicode text are kept as they are. The title is not printed,
 * so the table can be pasted under a heading of the reader's choice. A table
 * without columns renders as `""` (GFM has no zero-column table); one without
 * rows keeps its header.
 */
export function renderMarkdownTable(table: Table): string {
  const { columns, rows } = table;
  if (columns.length === 0) return "";
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |\n`;
  let out = line(columns.map((c) => escapeMarkdownCell(c.header)));
  out += line(columns.map(() => "---"));
  for (const row of rows) out += line(columns.map((_, i) => escapeMarkdownCell(cellAt(row, i))));
  return out;
}

/** Escapes one cell's text for a GFM table (see `renderMarkdownTable`). */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/[\\|`*_[\]<>&]/g, (ch) => "\\" + ch)
    .replace(/\r\n|\r|\n/g, "<br>")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd");
}
