/**
 * reStructuredText "simple table" rendering, byte-identical to what Lino's
 * `rt.show()` prints (SPEC §2), so rolecraft's tables can be diffed against
 * Lino's documentation.
 */
import { cellAt, codePointLength, padEndCodePoints, type Table } from "./table.js";

/** What Lino prints instead of a table that has no rows. */
export const RST_NO_DATA = "No data to display\n";

/**
 * Renders `table` as Lino does:
 *
 * - the width of a column is the longest of its header and cells, in code
 *   points, and at least 1 (an all-empty column still gets `===`);
 * - rule line: `'=' * (width + 2)` per column, joined by one space; the header
 *   rule is the same with `-`;
 * - a row: `' ' + cell.padEnd(width) + ' '` per column, joined by one space;
 * - every line is right-trimmed and ends with `"\n"`, in the order `=` rule,
 *   header, `-` rule, rows, `=` rule.
 *
 * The result ends with `"\n"` and equals, byte for byte, the
 * `expected.userRolesTable` / `expected.userTypesTable` strings of the Lino
 * fixtures (which themselves end with one `"\n"`), so the CLI must write it
 * as is (`process.stdout.write`, not `console.log`, which would add a second
 * newline). A table without rows (or without columns) renders as
 * `No data to display\n`.
 *
 * A cell that contains line breaks (which an rst simple table cannot hold on
 * one line) is spread over several physical lines, the other cells of that
 * row left blank, and the column is as wide as its longest line; this keeps
 * the table aligned instead of breaking it. Lino's own cells never do this.
 */
export function renderRstTable(table: Table): string {
  const { columns, rows } = table;
  if (rows.length === 0 || columns.length === 0) return RST_NO_DATA;

  const header = columns.map((c) => splitLines(c.header));
  const body = rows.map((row) => columns.map((_, i) => splitLines(cellAt(row, i))));

  const widths = columns.map((_, i) => {
    let width = 1;
    for (const cellLines of [header[i] ?? [], ...body.map((r) => r[i] ?? [])]) {
      for (const line of cellLines) width = Math.max(width, codePointLength(line));
    }
    return width;
  });

  const rule = (char: string): string => widths.map((w) => char.repeat(w + 2)).join(" ");
  const out: string[] = [rule("="), ...physicalLines(header, widths), rule("-")];
  for (const row of body) out.push(...physicalLines(row, widths));
  out.push(rule("="));
  return out.map((line) => line.trimEnd() + "\n").join("");
}

/** Splits a cell into its lines; `\r\n`, `\r` and `\n` all break. */
function splitLines(cell: string): string[] {
  return cell.split(/\r\n|\r|\n/);
}

/** The physical lines of one logical row whose cells may span several lines. */
function physicalLines(cells: readonly (readonly string[])[], widths: readonly number[]): string[] {
  const height = Math.max(1, ...cells.map((c) => c.length));
  const lines: string[] = [];
  for (let k = 0; k < height; k++) {
    lines.push(widths.map((w, i) => " " + padEndCodePoints(cells[i]?.[k] ?? "", w) + " ").join(" "));
  }
  return lines;
}
