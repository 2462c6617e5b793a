/**
 * rolecraft's data as the Language Server Protocol writes it: spans (1-based
 * lines and UTF-16 columns, files relative to the workspace root) become
 * ranges (0-based) in documents named by `file:` URIs.
 */
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Diagnostic as LspDiagnostic, Location, Position as LspPosition, Range, TextEdit as LspTextEdit } from "vscode-languageserver";
import type { Position, TextEdit } from "../api/editor/index.js";
import type { Diagnostic, Severity, Span } from "../index.js";

/** The `source` of every diagnostic rolecraft publishes. */
export const SOURCE = "rolecraft";

/** The absolute path of a `file:` URI (undefined for other schemes: untitled buffers and the like). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a span's file. */
export function spanUri(root: string, span: Span): string {
  return pathToFileURL(resolve(root, span.file)).href;
}

/** The `file:` URI of an absolute path. */
export function pathUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A protocol position as rolecraft counts (1-based). */
export function fromLsp(position: LspPosition): Position {
  return { line: position.line + 1, column: position.character + 1 };
}

export function toRange(span: Span): Range {
  return {
    start: { line: Math.max(0, span.line - 1), character: Math.max(0, span.column - 1) },
    end: { line: Math.max(0, span.endLine - 1), character: Math.max(0, span.endColumn - 1) },
  };
}

/** A protocol range as a span of `file` (the name spans give it). */
export function fromRange(file: string, range: Range): Span {
  return { file, line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function toLocation(root: string, span: Span): Location {
  return { uri: spanUri(root, span), range: toRange(span) };
}

export function toTextEdit(edit: TextEdit): LspTextEdit {
  return { range: toRange(edit.span), newText: edit.newText };
}

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

/** A diagnostic as published: code, severity, message (the hint on a line of its own), related locations. */
export function toLspDiagnostic(root: string, diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: toRange(diagnostic.span),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: SOURCE,
    message: diagnostic.hint === undefined ? diagnostic.message : `${diagnostic.message}\nhint: ${diagnostic.hint}`,
    ...(diagnostic.related === undefined || diagnostic.related.length === 0
      ? {}
      : { relatedInformation: diagnostic.related.map((related) => ({ location: toLocation(root, related.span), message: related.message })) }),
  };
}
