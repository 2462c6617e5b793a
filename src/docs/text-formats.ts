/**
 * The small pieces of Markdown and reStructuredText the page views are made
 * of: literals, escaped text, links, headings and tables. Everything a
 * template prints comes through here, so no input text can turn into markup
 * by accident.
 */
import { escapeMarkdownCell, renderMarkdownTable } from "../report/render-markdown.js";
import { renderRstTable } from "../report/render-rst.js";
import type { Table } from "../report/table.js";

/** How one lightweight markup language writes the pieces of a page. */
export interface TextFormat {
  /** File extension, without the dot. */
  readonly ext: "md" | "rst";
  /** Inline literal (code) text. */
  code(text: string): string;
  /** Plain text, markup characters escaped. */
  text(text: string): string;
  /** A link; `href` is a relative URL (or, for rst, a document name when `doc` is true). */
  link(label: string, href: string, doc?: boolean): string;
  /** The underline of a heading (rst) or `""` (Markdown, whose templates write `#`). */
  underline(heading: string, char: string): string;
  /** One of our own tables: its cells are text, escaped for the format. */
  table(table: Table): string;
  /**
   * One of Lino's tables (UserTypes, UserRoles): in rst, exactly as Lino
   * prints it (`renderRstTable`), byte for byte; should a cell hold text that
   * rst would read as markup (a role named `Reader_`, a `*` or a backquote in
   * a text), the same table is shown as a literal block instead, indented,
   * as Lino's own documentation shows its doctest output.
   */
  linoTable(table: Table): string;
}

/** GitHub-flavoured Markdown. */
export const markdown: TextFormat = {
  ext: "md",
  code(text) {
    // A code span's fence must be longer than any run of backticks inside it.
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
    return `${fence}${pad}${oneLine(text)}${pad}${fence}`;
  },
  text: (text) => escapeMarkdownCell(text).replace(/^([#>+=-])/gm, "\\$1"),
  link: (label, href) => `[${escapeMarkdownCell(label)}](${encodeHref(href)})`,
  underline: () => "",
  table: (table) => renderMarkdownTable(table),
  linoTable: (table) => renderMarkdownTable(table),
};

/** reStructuredText, for Sphinx. */
export const restructuredText: TextFormat = {
  ext: "rst",
  code(text) {
    const line = oneLine(text);
    if (line === "" || line.includes("``") || /^\s|\s$/.test(line)) return restructuredText.text(line);
    return `\`\`${line}\`\``;
  },
  text: (text) => escapeRstInline(oneLine(text)),
  link: (label, href, doc) => (doc === true ? `:doc:\`${rstRoleText(label)} <${href}>\`` : `\`${rstRoleText(label)} <${encodeHref(href)}>\`__`),
  underline: (heading, char) => char.repeat(Math.max(3, displayWidth(heading))),
  table: (table) =>
    renderRstTable({
      ...table,
      columns: table.columns.map((c) => ({ ...c, header: escapeRstInline(c.header) })),
      rows: table.rows.map((row) => row.map(escapeRstInline)),
    }),
  linoTable(table) {
    const text = renderRstTable(table);
    const plain = [table.columns.map((c) => c.header), ...table.rows].every((row) => row.every((cell) => escapeRstInline(cell) === cell));
    return plain ? text : `::\n\n${text.replace(/^(?=.)/gm, "    ")}`;
  },
};

/**
 * Text escaped so that rst shows it literally, with as few backslashes as
 * possible: `\`, `*`, backquotes and `|` always; `_` only where it would end
 * a reference (after a word or `]`, before a non-word character or the end).
 */
export function escapeRstInline(text: string): string {
  return text.replace(/[\\*`|]/g, (c) => `\\${c}`).replace(/(?<=[\w\]])_(?![\w])/g, "\\_");
}

/** Text inside an interpreted-text role or a hyperlink reference: `<` and backquotes escaped. */
function rstRoleText(text: string): string {
  return oneLine(text).replace(/[\\`<>]/g, (c) => `\\${c}`);
}

/** Line breaks collapsed to spaces (inline constructs cannot span lines safely). */
function oneLine(text: string): string {
  return text.replace(/\s*(?:\r\n|[\n\r\u2028\u2029\u0085])\s*/g, " ");
}

/** A relative URL with the characters that would end or break a link written as escapes. */
function encodeHref(href: string): string {
  return href.replace(/[\s()<>`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/**
 * Columns a heading takes on screen, erring long (an rst underline may be
 * longer than its title, never shorter): every non-ASCII character counts 2.
 */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return width;
}
