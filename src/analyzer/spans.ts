/**
 * Positions and source text of syntax nodes, as diagnostics and results show
 * them: 1-based line/column, files relative to the working directory with
 * forward slashes.
 */
import path from "node:path";
import type { Span } from "../diagnostics/diagnostic.js";
import { lineAndColumn, startOf, type Loc } from "./syntax.js";

/** Longest source text a message quotes before it is cut with `…`. */
const MAX_TEXT = 80;

/** Makes spans relative to one working directory; caches each file's relative name. */
export class SpanMaker {
  private readonly names = new Map<string, string>();

  constructor(private readonly cwd: string) {}

  /** `file` relative to the working directory, with forward slashes. */
  relative(file: string): string {
    let name = this.names.get(file);
    if (name === undefined) {
      name = path.relative(this.cwd, file).split(path.sep).join("/");
      this.names.set(file, name);
    }
    return name;
  }

  /** The span of `node` (without leading trivia). */
  of(node: Loc): Span {
    const start = lineAndColumn(node.file, startOf(node));
    const end = lineAndColumn(node.file, node.end);
    return {
      file: this.relative(node.file.file),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  }
}

/** The source text of `node`, whitespace collapsed, cut to a readable length. */
export function nodeText(node: Loc): string {
  return shorten(node.file.text.slice(startOf(node), node.end).replace(/\s+/g, " "));
}

/** Cuts `text` to at most {@link MAX_TEXT} code points, marking the cut with `…`. */
export function shorten(text: string): string {
  // At most MAX_TEXT UTF-16 units: at most MAX_TEXT code points, nothing to cut.
  if (text.length <= MAX_TEXT) return text;
  const chars = [...text];
  return chars.length <= MAX_TEXT ? text : `${chars.slice(0, MAX_TEXT - 1).join("")}…`;
}

/** True when `inner` lies within `outer` (same file, inclusive). */
export function spanWithin(inner: Span, outer: Span): boolean {
  if (inner.file !== outer.file) return false;
  const startsAfter = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}

/** A string key of a span, for sets and maps. */
export function spanKey(span: Span): string {
  return `${span.file}\0${span.line}\0${span.column}\0${span.endLine}\0${span.endColumn}`;
}
