/** JSON rendering of a `Table` (an array of row objects keyed by column key) and of a report's own JSON document. */
import { cellAt, type Table } from "./table.js";

/**
 * Renders `table` as a JSON array with one object per row, whose members are
 * the column keys in column order, mapped to the cell strings; 2-space
 * indentation and a trailing newline, like `JSON.stringify(x, null, 2)`.
 *
 * The text is assembled here instead of by stringifying objects, because a
 * JavaScript object moves integer-like keys (user type values such as `100`)
 * in front of the others and would scramble the column order. A key that
 * repeats an earlier column's key gets `_2`, `_3` … appended, so no cell is
 * lost and no object has duplicate members.
 */
export function renderJsonTable(table: Table): string {
  const keys = uniqueKeys(table.columns.map((c) => c.key));
  if (table.rows.length === 0) return "[]\n";
  const objects = table.rows.map((row) => {
    if (keys.length === 0) return "  {}";
    const members = keys.map((key, i) => `    ${JSON.stringify(key)}: ${JSON.stringify(cellAt(row, i))}`);
    return `  {\n${members.join(",\n")}\n  }`;
  });
  return `[\n${objects.join(",\n")}\n]\n`;
}

/** Makes keys unique by suffixing repeats with `_2`, `_3` … (skipping suffixes already taken). */
function uniqueKeys(keys: readonly string[]): string[] {
  const taken = new Set<string>();
  return keys.map((key) => {
    let candidate = key;
    for (let n = 2; taken.has(candidate); n++) candidate = `${key}_${n}`;
    taken.add(candidate);
    return candidate;
  });
}

/**
 * A report's JSON document as text: `JSON.stringify` with 2-space
 * indentation and a trailing newline. The document's builder chooses member
 * names that keep their order (no integer-like keys).
 */
export function renderJsonDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
