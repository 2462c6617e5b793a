/** A self-contained HTML5 page showing a `Table`. */
import { CHECK_MARK, UNKNOWN_MARK, cellAt, type Table } from "./table.js";

/**
 * Renders `table` as a complete HTML5 document that needs nothing else: inline
 * CSS, no scripts, no fonts or images, no network access. The page title and
 * heading are `table.title` (or "Table"). Every text is HTML-escaped, quotes
 * included. The header row stays visible while scrolling (sticky), and
 * columns of verdicts (`☑`, or `?` where it is not known) are centered. A table without rows shows one
 * "No data to display" row, as Lino does. Output is deterministic (no dates)
 * and ends with `"\n"`.
 */
export function renderHtmlTable(table: Table): string {
  const title = table.title ?? "Table";
  const { columns, rows } = table;
  const markColumns = columns.map((_, i) => isMarkColumn(rows.map((row) => cellAt(row, i))));
  const cls = (i: number): string => (markColumns[i] === true ? ' class="mark"' : "");
  const cell = (row: readonly string[], i: number): string => {
    const text = cellAt(row, i);
    // An unknown verdict says so to readers and to assistive technology.
    return markColumns[i] === true && text === UNKNOWN_MARK
      ? `<td class="mark unknown" title="unknown: part of the requirement is not known">${UNKNOWN_MARK}</td>`
      : `<td${cls(i)}>${escapeHtml(text)}</td>`;
  };

  const head = columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.header)}</th>`).join("");
  const body =
    rows.length === 0
      ? [`<tr><td class="empty" colspan="${Math.max(1, columns.length)}">No data to display</td></tr>`]
      : rows.map((row) => `<tr>${columns.map((_, i) => cell(row, i)).join("")}</tr>`);

  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="rolecraft">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    "<table>",
    `<thead><tr>${head}</tr></thead>`,
    "<tbody>",
    ...body,
    "</tbody>",
    "</table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Escapes text for HTML element content and attribute values (`& < > " '`).
 * Line breaks become character references (the page shows the same, and no
 * line of the output starts with the text after a break: a CI log would
 * read `::error …` there as a workflow command); other control characters
 * are shown as U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (ch) => HTML_ENTITIES[ch] ?? ch).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd");
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\r": "&#13;",
  "\n": "&#10;",
};

/** A column is a mark column when it has at least one `☑` or `?` and nothing but those or empty cells. */
function isMarkColumn(cells: readonly string[]): boolean {
  const mark = (c: string): boolean => c === CHECK_MARK || c === UNKNOWN_MARK;
  return cells.some(mark) && cells.every((c) => mark(c) || c === "");
}

// One line, so the page stays readable when viewed as source; colours follow
// the reader's light or dark preference.
const STYLE = [
  ":root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--line:#d0d7de;--head:#f6f8fa;--stripe:#f9fafb}",
  "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--line:#30363d;--head:#161b22;--stripe:#11161d}}",
  "body{margin:1.5rem;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg)}",
  "h1{font-size:1.25rem;margin:0 0 1rem}",
  "table{border-collapse:separate;border-spacing:0;border:1px solid var(--line)}",
  "th,td{padding:.3rem .7rem;border-bottom:1px solid var(--line);text-align:left;white-space:pre-wrap;vertical-align:top}",
  "thead th{position:sticky;top:0;z-index:1;background:var(--head);border-bottom:2px solid var(--line)}",
  "tbody tr:nth-child(even){background:var(--stripe)}",
  "tbody tr:last-child td{border-bottom:0}",
  ".mark{text-align:center}",
  ".unknown{font-weight:bold;color:#9a6700}",
  ".empty{font-style:italic}",
].join("");
