/**
 * The small pieces of Markdown and reStructuredText the page views are made
 * of: literals, escaped text, links, headings and tables. Everything a
 * template prints comes through here, so no input text can turn into markup
 * by accident, or on purpose: role modules and application sources come
 * from anyone who can open a pull request, and Sphinx executes what
 * reStructuredText asks (a `raw` directive's HTML, an `include` of any file).
 *
 * All input text is plain text, in every format: role docs, user type
 * texts, names and attributes, labels, file names. Nothing in it can make a
 * directive, a role, a substitution, a link or target, a footnote or
 * citation, inline markup, a list, a table, a section, or raw HTML.
 * test/security/docs-injection.test.ts parses what comes out with docutils
 * and a Markdown parser and checks that.
 */
import { escapeMarkdownCell, renderMarkdownTable } from "../report/render-markdown.js";
import { escapeMarkdownLine, escapeRstInline, oneLine, plainParagraphs, visibleLines } from "./plain-text.js";
import { renderRstTable } from "../report/render-rst.js";
import { UNKNOWN_MARK, type Table } from "../report/table.js";

/** How one lightweight markup language writes the pieces of a page. */
export interface TextFormat {
  /** File extension, without the dot. */
  readonly ext: "md" | "rst";
  /** Inline literal (code) text. */
  code(text: string): string;
  /** Plain text on one line, markup characters escaped (line breaks become spaces). */
  text(text: string): string;
  /**
   * Plain text as a block of the page: paragraphs (separated by blank lines
   * in the input) of lines, each line trimmed and escaped; `""` for none.
   */
  paragraphs(text: string): string;
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
   * a text, a line break) or a row start with an empty cell, the same table
   * is shown as a literal block instead, indented, as Lino's own
   * documentation shows its doctest output.
   */
  linoTable(table: Table): string;
}

/** GitHub-flavoured Markdown. */
export const markdown: TextFormat = {
  ext: "md",
  code(text) {
    const line = oneLine(text);
    // A code span's fence must be longer than any run of backticks inside it.
    const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const pad = line.startsWith("`") || line.endsWith("`") || line === "" ? " " : "";
    return `${fence}${pad}${line}${pad}${fence}`;
  },
  text: (text) => escapeMarkdownLine(oneLine(text)),
  paragraphs: (text) => plainParagraphs(text, escapeMarkdownLine),
  // The label as a code span: names and paths read best so, and nothing in a code span is markup.
  link: (label, href) => `[${markdown.code(label)}](${encodeHref(href)})`,
  underline: () => "",
  table: (table) => renderMarkdownTable(table),
  linoTable: (table) => renderMarkdownTable(table),
};

/** reStructuredText, for Sphinx. */
/** A table cell as rst text: escaped, except the unknown verdict's `?`, which is no markup (as `☑` is none). */
const rstCell = (cell: string): string => (cell === UNKNOWN_MARK ? cell : escapeRstInline(oneLine(cell)));

export const restructuredText: TextFormat = {
  ext: "rst",
  code(text) {
    const line = oneLine(text);
    // An inline literal cannot hold its end-string, start or end with a space or a
    // backquote, or end with a backslash (which docutils reads as escaping the end).
    if (line === "" || line.includes("``") || /^[\s`]|[\s`\\]$/.test(line)) return restructuredText.text(line);
    return `\`\`${line}\`\``;
  },
  text: (text) => escapeRstInline(oneLine(text)),
  paragraphs: (text) => plainParagraphs(text, escapeRstInline),
  link: (label, href, doc) => (doc === true ? `:doc:\`${rstRoleText(label)} <${href}>\`` : `\`${rstRoleText(label)} <${encodeHref(href)}>\`__`),
  underline: (heading, char) => char.repeat(Math.max(3, displayWidth(heading))),
  table: (table) =>
    renderRstTable({
      ...table,
      columns: table.columns.map((c) => ({ ...c, header: escapeRstInline(oneLine(c.header)) })),
      // A row whose first cell is blank continues the row above: an empty one is an empty comment.
      rows: table.rows.map((row) => row.map((cell, i) => rstCell(cell) || (i === 0 ? ".." : ""))),
    }),
  linoTable(table) {
    const text = renderRstTable(table);
    const plain = [table.columns.map((c) => c.header), ...table.rows].every((row) => row[0] !== "" && row.every((cell) => rstCell(cell) === cell));
    if (plain) return text;
    // Shown as it is, in a literal block: nothing in it is markup, as long as
    // every line of it is indented (so every line break docutils knows is one here).
    const shown = renderRstTable({
      ...table,
      columns: table.columns.map((c) => ({ ...c, header: visibleLines(c.header) })),
      rows: table.rows.map((row) => row.map(visibleLines)),
    });
    return `::\n\n${shown.replace(/^(?=.)/gm, "    ")}`;
  },
};

/** Text inside an interpreted-text role or a hyperlink reference: `<` and backquotes escaped. */
function rstRoleText(text: string): string {
  return oneLine(text).replace(/[\\`<>]/g, (c) => `\\${c}`);
}

/**
 * A relative URL with the characters that would end or break a link written
 * as escapes, and `:` too: a path segment holding one must never read as a
 * scheme (`javascript:`).
 */
function encodeHref(href: string): string {
  return href.replace(/[\s()<>`\\:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
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
