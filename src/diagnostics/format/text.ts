/**
 * The human-readable diagnostic format (`check --format text`, the default):
 * compiler-style `path:line:col: error RC3001: message` lines, with a code
 * frame when the source text is at hand.
 */
import pc from "picocolors";
import type { Diagnostic, Severity, Span } from "../diagnostic.js";
import { formatSummary } from "./summary.js";

/** Options of `formatText`. */
export interface TextFormatOptions {
  /** Emit ANSI colours (the CLI decides, e.g. from the TTY and `NO_COLOR`). */
  readonly color: boolean;
  /** Source texts by file name as the spans give it; a file found here gets a code frame. */
  readonly sources?: ReadonlyMap<string, string>;
  /** End with a blank line and the `formatSummary` line (default true). */
  readonly summary?: boolean;
  /** The summary line's note (see `formatSummary`). */
  readonly note?: string;
}

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Formats diagnostics for a terminal or a log, in the order given (sort them
 * first with `sortDiagnostics`). One block per diagnostic:
 *
 * ```text
 * roles/noi.yaml:4:29: error RC3001: unknown role `Custmer`
 *   4 |   Developer: [Custmer, tickets.Triager]
 *     |               ^~~~~~~
 *   hint: did you mean `Customer`?
 *   roles/noi.yaml:2:3: note: `Customer` is defined here
 * ```
 *
 * - the code frame (only when `sources` has the file and the line exists)
 *   shows the line as it is, tabs included, and underlines from `column` to
 *   `endColumn` (to the end of the line when the span goes on to later
 *   lines). Columns are counted in code points; the underline copies the
 *   line's tabs so it stays aligned in a terminal;
 * - then `hint: …` if any, then each related location as a `note:` line;
 * - a message that spans several lines is continued with an indent, and
 *   control characters other than tab and line breaks are shown as `�`, so a
 *   hostile file name or source line cannot drive the terminal (nor start a
 *   continuation line with `::`, which a CI log reads as a command).
 *
 * Blocks are separated by a blank line when any block has more than one line.
 * Unless `summary` is false, the text ends with a blank line (when there were
 * blocks) and the summary line. Everything ends with `"\n"`; no diagnostics
 * and no summary gives `""`.
 */
export function formatText(diagnostics: readonly Diagnostic[], options: TextFormatOptions): string {
  const c = pc.createColors(options.color);
  const blocks = diagnostics.map((d) => formatBlock(d, options.sources, c));
  const separator = blocks.some((b) => b.length > 1) ? "\n" : "";
  const parts = blocks.map((lines) => lines.map((l) => l + "\n").join(""));
  let out = parts.join(separator);
  if (options.summary ?? true) {
    out += (out === "" ? "" : "\n") + formatSummary(diagnostics, { color: options.color, ...(options.note === undefined ? {} : { note: options.note }) }) + "\n";
  }
  return out;
}

/** The lines of one diagnostic's block (without newlines). */
function formatBlock(d: Diagnostic, sources: ReadonlyMap<string, string> | undefined, c: Colors): string[] {
  const sev = severityStyle(d.severity, c);
  const lines = [
    `${c.bold(location(d.span))}: ${sev(d.severity)} ${c.dim(d.code)}: ${indentContinuation(clean(d.message))}`,
  ];
  const source = sources?.get(d.span.file);
  if (source !== undefined) lines.push(...codeFrame(source, d.span, c, sev));
  if (d.hint !== undefined) lines.push(`  ${c.cyan("hint:")} ${indentContinuation(clean(d.hint))}`);
  for (const r of d.related ?? []) {
    lines.push(`  ${c.bold(location(r.span))}: ${c.cyan("note:")} ${indentContinuation(clean(r.message))}`);
  }
  return lines;
}

/** `path:line:col` of a span. */
function location(span: Span): string {
  return `${clean(span.file).replace(/\n/g, " ")}:${span.line}:${span.column}`;
}

function severityStyle(severity: Severity, c: Colors): (s: string) => string {
  switch (severity) {
    case "error":
      return (s) => c.bold(c.red(s));
    case "warning":
      return (s) => c.bold(c.yellow(s));
    case "info":
      return (s) => c.bold(c.cyan(s));
  }
}

/**
 * The offending line with a gutter and an underline; `[]` when the line does
 * not exist in the source (a stale or wrong span must not crash the report).
 */
/** Code points of a source line shown in a frame; longer lines are cut around the column. */
const MAX_FRAME_WIDTH = 160;
const FRAME_CONTEXT = 60;

function codeFrame(source: string, span: Span, c: Colors, sev: (s: string) => string): string[] {
  const text = source.split(/\r\n|\r|\n/)[span.line - 1];
  if (text === undefined || span.line < 1) return [];
  const cleaned = clean(text);
  // Spans count UTF-16 code units (as TypeScript, YAML and LSP do); the frame counts code points.
  const toCodePoints = (column: number): number => [...cleaned.slice(0, Math.max(0, column - 1))].length + 1;
  let chars = [...cleaned];
  let start = Math.max(1, toCodePoints(span.column));
  let end =
    span.endLine === span.line ? Math.max(toCodePoints(span.endColumn), start + 1) : Math.max(chars.length + 1, start + 1);
  // A very long line (minified or generated) is shown as a window around the column.
  if (chars.length > MAX_FRAME_WIDTH) {
    const from = Math.max(0, start - 1 - FRAME_CONTEXT);
    const to = Math.min(chars.length, from + MAX_FRAME_WIDTH);
    const head = from > 0 ? "…" : "";
    chars = [...head, ...chars.slice(from, to), ...(to < chars.length ? ["…"] : [])];
    start = start - from + head.length;
    end = Math.max(start + 1, Math.min(end - from + head.length, chars.length + 1));
  }
  const shown = chars.join("");
  // Each code point before the column becomes a space, except tabs, which are
  // kept so that the terminal expands them the same way as in the line above.
  let pad = "";
  for (let i = 0; i < start - 1; i++) pad += chars[i] === "\t" ? "\t" : " ";
  const marker = "^" + "~".repeat(Math.max(0, end - start - 1));
  const number = String(span.line);
  const gutter = " ".repeat(number.length);
  return [
    `  ${c.dim(`${number} |`)}${shown === "" ? "" : " " + shown}`,
    `  ${c.dim(`${gutter} |`)} ${pad}${sev(marker)}`,
  ];
}

/**
 * Shows C0 control characters (except tab and line breaks), DEL, and the
 * line and paragraph separators U+2028 and U+2029 (which a string literal
 * may hold: not line breaks for the frame, but some terminals and log
 * viewers break the line there) as U+FFFD, one code point each, so the
 * underline stays under the column.
 */
function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g, "\ufffd");
}

/**
 * Indents the continuation lines of a multi-line message under the block.
 * A continuation line that would start with `::` (a CI log reads such a
 * line, leading spaces ignored, as a workflow command) has its first colon
 * shown as U+FFFD.
 */
function indentContinuation(text: string): string {
  return text.replace(/\n/g, "\n    ").replace(/\n( *):(?=:)/g, "\n$1\ufffd");
}
