/** CSV (RFC 4180, LF line endings) rendering of a `Table`. */
import { CHECK_MARK, UNKNOWN_MARK, cellAt, type Table } from "./table.js";

/**
 * Renders `table` as CSV: the column headers first, then one record per row,
 * every record ending with `"\n"` (LF, not RFC 4180's CRLF: rolecraft writes
 * LF everywhere and spreadsheet programs read both). A field is quoted when it
 * contains `,`, `"`, `\r` or `\n`, or starts or ends with a space (which some
 * readers would trim); quotes inside are doubled. Cells are written verbatim:
 * no formula-escaping, because values such as `-` or `=` are data here. A
 * table without columns renders as `""`. The cells of a verdicts column are
 * booleans a spreadsheet reads: `true`, `false`, or `unknown` where the
 * answer is not known.
 */
export function renderCsvTable(table: Table): string {
  const { columns, rows } = table;
  if (columns.length === 0) return "";
  const record = (cells: readonly string[]): string => cells.map(csvField).join(",") + "\n";
  let out = record(columns.map((c) => c.header));
  for (const row of rows) out += record(columns.map((column, i) => (column.verdicts === true ? csvVerdict(cellAt(row, i)) : cellAt(row, i))));
  return out;
}

/** A verdict cell as CSV: `true`, `false` or `unknown`. */
function csvVerdict(cell: string): string {
  return cell === CHECK_MARK ? "true" : cell === UNKNOWN_MARK ? "unknown" : "false";
}

/** Quotes one CSV field when needed (see `renderCsvTable`). */
export function csvField(text: string): string {
  return /[",\r\n]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
