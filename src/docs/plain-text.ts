/**
 * Text from role modules and application sources as plain text in
 * reStructuredText and Markdown: escaped so that nothing in it is markup,
 * whatever it holds: every text-formats.ts writes goes through here. (The
 * rst that `show` prints, tables and layouts, is Lino's text byte for byte,
 * as Lino's doctests show it: see SECURITY.md.)
 */

/**
 * One line of plain text escaped for reStructuredText (the text should have
 * been through {@link oneLine}): docutils shows it as written, and nothing
 * in it is markup.
 *
 * - Backslash-escaped everywhere: `\` (the escape itself), `*` and
 *   backquotes (emphasis, literals, interpreted text, roles), `_` (references
 *   and targets; not one between two letters or digits, as in `user_types`,
 *   which can neither end a reference nor start a target), `|`
 *   (substitutions, line blocks), `[` and `]` (footnotes
 *   and citations), `:` (roles, fields, the scheme of a standalone link, a
 *   literal block's `::`), `@` (a standalone e-mail address).
 * - What a line starts with can open a block (a list, an enumerator, a
 *   directive or comment `..`, a table, a section's rule, an option, a
 *   doctest): a first character that is ASCII punctuation or a bullet
 *   (`•`, `‣`, `⁃`) is escaped, and so is the `.` or `)` of a leading
 *   enumerator (`1. `, `a) `, `iv.` alone).
 * - A line of backslashes alone (escaped, still all backslashes) would be a
 *   section rule or a transition: it starts with an escaped space, which
 *   docutils drops.
 *
 * Leading whitespace (an indented line is a block quote or a definition)
 * is the caller's to remove.
 */
export function escapeRstInline(text: string): string {
  let line = text.replace(/[\\*`|[\]:@]/g, "\\$&").replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_");
  if (/^[!-/:-?[\]^`{-~\u2022\u2023\u2043]/.test(line)) line = `\\${line}`;
  line = line.replace(/^([A-Za-z0-9]+)([.)])(?= |$)/, "$1\\$2");
  if (/^\\+$/.test(line)) line = `\\ ${line}`;
  return line;
}

/**
 * One line of plain text escaped for Markdown (CommonMark and GitHub's
 * extensions): every ASCII punctuation character that has a meaning
 * anywhere (emphasis, code, links and images, autolinks and their schemes,
 * e-mail addresses, raw HTML and entities, headings, lists, block quotes,
 * tables, strikethrough, math …) is backslash-escaped, which CommonMark
 * allows for any of them. Only `,;'"?%/` are left as they are: they mean
 * nothing in Markdown.
 */
export function escapeMarkdownLine(text: string): string {
  return text.replace(/[!#$&()*+\-.:<=>@[\\\]^_`{|}~]/g, "\\$&");
}

/**
 * Control characters (C0 and C1, except tab and line breaks, and DEL): shown
 * as U+FFFD. A page must not carry them (docutils uses NUL itself), and
 * several are line breaks or indentation to Python.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001b\u001f\u007f-\u0084\u0086-\u009f]/g;

/**
 * Every line break of JavaScript, Markdown or Python (whose `splitlines`
 * docutils uses): LF, CR, CRLF, VT, FF, FS, GS, RS, NEL, U+2028, U+2029.
 */
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/;

/** Text with its control characters made visible and its tabs spaces (a tab is indentation, or a table column, to docutils). */
function visible(text: string): string {
  return text.replace(CONTROL, "\ufffd").replace(/\t/g, " ");
}

/** {@link visible}, every line break written as LF. */
export function visibleLines(text: string): string {
  return visible(text).split(LINE_BREAK).join("\n");
}

/**
 * Line breaks collapsed to spaces (inline constructs cannot span lines
 * safely), control characters visible, the ends trimmed (leading space
 * would indent a line that starts with it).
 */
export function oneLine(text: string): string {
  return visible(text)
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

/**
 * The plain text of a doc: its lines trimmed (indentation would make a
 * block quote, a definition or code), runs of blank lines separating
 * paragraphs; each line written with `escape`.
 */
export function plainParagraphs(text: string, escape: (line: string) => string): string {
  const paragraphs: string[][] = [[]];
  for (const raw of visible(text).split(LINE_BREAK)) {
    const line = raw.trim();
    if (line !== "") paragraphs[paragraphs.length - 1]!.push(escape(line));
    else if (paragraphs[paragraphs.length - 1]!.length > 0) paragraphs.push([]);
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join("\n"))
    .join("\n\n");
}
