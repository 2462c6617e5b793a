/**
 * Positions in a text as editors count them: 1-based lines and columns in
 * UTF-16 code units (what diagnostics' spans use), lines ending at LF, CRLF
 * or CR.
 */
import type { Span } from "../../diagnostics/diagnostic.js";

/** A 1-based position. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets ↔ positions of one text. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** The offset of a position (clamped to the text). */
  offset(position: Position): number {
    const line = Math.min(Math.max(position.line, 1), this.starts.length);
    const start = this.starts[line - 1]!;
    const next = this.starts[line] ?? this.text.length + 1;
    return Math.min(start + Math.max(position.column - 1, 0), Math.max(start, next - 1), this.text.length);
  }

  /** The position of an offset. */
  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** The span of two offsets in `file` (the name spans give it). */
  span(file: string, start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** The offsets a span covers. */
  range(span: Span): { readonly start: number; readonly end: number } {
    return { start: this.offset({ line: span.line, column: span.column }), end: this.offset({ line: span.endLine, column: span.endColumn }) };
  }

  /** The text of a line (without its line break). */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** True when a position lies inside a span (its end included, as a cursor right after a word is on it). */
export function spanContains(span: Span, position: Position): boolean {
  const afterStart = position.line > span.line || (position.line === span.line && position.column >= span.column);
  const beforeEnd = position.line < span.endLine || (position.line === span.endLine && position.column <= span.endColumn);
  return afterStart && beforeEnd;
}

/** A replacement of the text a span covers. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}
