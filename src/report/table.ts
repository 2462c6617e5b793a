/**
 * The neutral table every report is built as, before a renderer turns it into
 * reStructuredText, Markdown, CSV, JSON or HTML. Plain data: a table builder
 * (e.g. `userRolesTable`) decides *what* is shown, a renderer only *how*.
 */

/** One column: `key` names it in machine-readable formats (JSON), `header` is what people read. */
export interface TableColumn {
  readonly key: string;
  readonly header: string;
  /**
   * A column of verdicts: each cell is {@link CHECK_MARK} (yes), `""` (no)
   * or {@link UNKNOWN_MARK} (not known). Text formats show them as they
   * are; CSV writes `true`, `false` and `unknown`.
   */
  readonly verdicts?: true;
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

/** A verdict cell whose answer is not known (part of the requirement is not): never a check mark. */
export const UNKNOWN_MARK = "?";

/** How the columns of user types are headed: by value (Lino's tables) or by label (first name, else value). */
export type ColumnLabels = "values" | "names";

/** The header of a user type's column. */
export function userTypeHeader(userType: { readonly value: string; readonly names: readonly string[] }, labels: ColumnLabels = "values"): string {
  return labels === "names" ? (userType.names[0] ?? userType.value) : userType.value;
}

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
