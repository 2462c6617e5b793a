/**
 * The neutral table every report is built as, before a renderer turns it into
 * reStructuredText, Markdown, CSV, JSON or HTML. Plain data: a table builder
 * (e.g. `userRolesTable`) decides *what* is shown, a renderer only *how*.
 */

/** One column: `key` names it in machine-readable formats (JSON), `header` is what people read. */
export interface TableColumn {
  readonly key: string;
  readonly header: string;
}

/**
 * A table of strings. Every row has one cell per column (`""` for an empty
 * cell); a missing trailing cell is read as `""`. Column keys should be unique;
 * `renderJsonTable` disambiguates repeated keys rather than losing data.
 */
export interface Table {
  /** Shown by formats that have a place for it (HTML); never by rst, which must match Lino. */
  readonly title?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
}

/** The check mark Lino prints in boolean cells (U+2611 BALLOT BOX WITH CHECK). */
export const CHECK_MARK = "\u2611";

/** The cell of `row` in column `index`, `""` when the row is short. */
export function cellAt(row: readonly string[], index: number): string {
  return row[index] ?? "";
}

/**
 * Length in Unicode code points, the unit Lino (Python) measures column widths
 * in: `☑` and astral characters such as emoji count 1, unlike `String#length`.
 */
export function codePointLength(text: string): number {
  let n = 0;
  // for…of iterates by code point, so a surrogate pair counts once.
  for (const _ of text) n++;
  return n;
}

/** Pads `text` with spaces to `width` code points (never truncates). */
export function padEndCodePoints(text: string, width: number): string {
  const missing = width - codePointLength(text);
  return missing > 0 ? text + " ".repeat(missing) : text;
}
