/** Assertions every robustness test makes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** A span as the JSON format and the Diagnostic type both have it. */
export interface Positioned {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Lines of a text as positions count them, as editors and LSP do: split at
 * "\n" ("\r" of CRLF stays part of the line); a lone "\r" is a line break
 * too. U+2028 and U+2029 are not (TypeScript's line map would end lines
 * there: rolecraft does not).
 */
export function linesOf(text: string): string[] {
  return text.replace(/\r(?!\n)/g, "\n").split("\n");
}

/** True when line:column lies inside the text (column may be one past the line's end). */
export function insideText(lines: readonly string[], line: number, column: number): boolean {
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
}

/**
 * Every diagnostic's start and end lie inside its file (read from `dir`,
 * with the byte order mark dropped as the loader does), and the end does not
 * come before the start. Files that can't be read as text (binary, missing,
 * generated) only need 1-based positions.
 */
export function expectInsideFiles(dir: string, diagnostics: readonly Positioned[], texts: ReadonlyMap<string, string> = new Map()): void {
  const cache = new Map<string, string[] | undefined>();
  const linesFor = (file: string): string[] | undefined => {
    if (!cache.has(file)) {
      let text = texts.get(file);
      if (text === undefined) {
        try {
          const bytes = readFileSync(join(dir, file));
          text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          text = undefined;
        }
      }
      cache.set(file, text === undefined ? undefined : linesOf(text.replace(/^\uFEFF/, "")));
    }
    return cache.get(file);
  };
  for (const d of diagnostics) {
    const where = `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
    expect(d.line >= 1 && d.column >= 1, where).toBe(true);
    expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `${where} ends before it starts`).toBe(true);
    const lines = linesFor(d.file);
    if (lines === undefined) continue;
    expect(insideText(lines, d.line, d.column), `${where} starts outside the file`).toBe(true);
    expect(insideText(lines, d.endLine, d.endColumn), `${where} ends outside the file`).toBe(true);
  }
}

/** No stack trace and no internal error in what a run printed. */
export function noStackTrace(run: { readonly stdout: string; readonly stderr: string }): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    expect(text).not.toContain("internal error");
  }
}
