/**
 * Quick fixes for findings: one per "did you mean" suggestion of a
 * diagnostic's hint (whatever produced it), replacing what the finding
 * names; and, for a bare role name that another module defines, adding the
 * `imports` entry that binds it.
 */
import type { Diagnostic, Span } from "../../diagnostics/diagnostic.js";
import { readText, spanFile, type EditorContext } from "./roles.js";
import { LineMap, type TextEdit } from "./text.js";

/** A quick fix: the finding it fixes and its edits. */
export interface QuickFix {
  readonly title: string;
  readonly diagnostic: Diagnostic;
  readonly edits: readonly TextEdit[];
  /** The one fix to apply when the editor applies "the" fix. */
  readonly preferred: boolean;
}

/** The suggestions of a hint's "did you mean `a` or `b`?". */
export function suggestions(hint: string | undefined): string[] {
  const match = /did you mean ((?:`[^`]+`(?:,\s*|\s+or\s+)?)+)\?/i.exec(hint ?? "");
  return match === null ? [] : [...match[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** The quick fixes for the findings of a file that touch `range`. */
export function quickFixes(ctx: EditorContext, file: string, range: Span): QuickFix[] {
  const name = spanFile(ctx, file);
  const text = readText(ctx, file);
  if (text === undefined) return [];
  const lines = new LineMap(text);
  const fixes: QuickFix[] = [];
  for (const diagnostic of ctx.result.diagnostics) {
    if (diagnostic.span.file !== name || !overlaps(diagnostic.span, range)) continue;
    const target = writtenTarget(text, lines, diagnostic);
    const suggested = suggestions(diagnostic.hint);
    suggested.forEach((suggestion, i) => {
      if (target === undefined) return;
      fixes.push({
        title: `Change \`${target.text}\` to \`${suggestion}\``,
        diagnostic,
        edits: [{ span: lines.span(name, target.start, target.end), newText: suggestion }],
        preferred: i === 0,
      });
    });
    // A bare name another module defines: bind it with an `imports` entry instead.
    const ref = diagnostic.data["ref"];
    if (typeof ref === "string" && !ref.includes(".") && /`imports`/.test(diagnostic.hint ?? "")) {
      for (const suggestion of suggested) {
        if (!suggestion.endsWith(`.${ref}`)) continue;
        const edit = importsEntry(text, lines, name, suggestion);
        if (edit !== undefined) fixes.push({ title: `Add \`${suggestion}\` to \`imports\``, diagnostic, edits: [edit], preferred: false });
      }
    }
  }
  return fixes;
}

function overlaps(a: Span, b: Span): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 < c2);
  return !before(a.endLine, a.endColumn, b.line, b.column) && !before(b.endLine, b.endColumn, a.line, a.column);
}

/** What a finding names, where: the reference its data gives when the span writes it, else the span's word (without quotes). */
function writtenTarget(text: string, lines: LineMap, diagnostic: Diagnostic): { start: number; end: number; text: string } | undefined {
  const range = lines.range(diagnostic.span);
  const covered = text.slice(range.start, range.end);
  for (const key of ["ref", "role", "name"]) {
    const value = diagnostic.data[key];
    if (typeof value !== "string" || value === "") continue;
    const at = covered.indexOf(value);
    if (at >= 0) return { start: range.start + at, end: range.start + at + value.length, text: value };
  }
  const word = /^\s*["']?([^"'\s]+)["']?\s*$/.exec(covered);
  if (word === null) return undefined;
  const at = covered.indexOf(word[1]!);
  return { start: range.start + at, end: range.start + at + word[1]!.length, text: word[1]! };
}

/** The edit that adds `role` to the `imports` of a role module (YAML, or a TypeScript module's `imports: [`). */
function importsEntry(text: string, lines: LineMap, file: string, role: string): TextEdit | undefined {
  const at = (offset: number, newText: string): TextEdit => ({ span: lines.span(file, offset, offset), newText });
  if (/\.m?ts$/.test(file)) {
    const open = /\bimports\s*:\s*\[/.exec(text);
    return open === null ? undefined : at(open.index + open[0].length, ` "${role}",`);
  }
  const flow = /^imports\s*:\s*\[([^\]\n]*)\]/m.exec(text);
  if (flow !== null) {
    const close = flow.index + flow[0].length - 1;
    return at(close, flow[1]!.trim() === "" ? role : `, ${role}`);
  }
  const block = /^imports\s*:[ \t]*(?:#.*)?(?:\r?\n|$)/m.exec(text);
  if (block !== null) {
    // After the last item of the list (items may be indented or not, and span several lines).
    let offset = block.index + block[0].length;
    let end = offset;
    let indent: string | undefined;
    while (offset < text.length) {
      const lineEnd = text.indexOf("\n", offset);
      const next = lineEnd < 0 ? text.length : lineEnd + 1;
      const line = text.slice(offset, next);
      const item = /^([ \t]*)-(?:\s|$)/.exec(line);
      if (item !== null) {
        indent ??= item[1]!;
        end = next;
      } else if (line.trim() !== "" && !line.trimStart().startsWith("#")) {
        if (indent === undefined || /^[ \t]*/.exec(line)![0].length <= indent.length) break;
        end = next;
      }
      offset = next;
    }
    const newline = end > 0 && text[end - 1] !== "\n" ? "\n" : "";
    return at(end, `${newline}${indent ?? "  "}- ${role}\n`);
  }
  // No `imports` yet: before `roles:` or `userTypes:`, else at the end.
  const before = /^(?:roles|userTypes)\s*:/m.exec(text);
  if (before !== null) return at(before.index, `imports:\n  - ${role}\n`);
  return at(text.length, `${text.endsWith("\n") || text === "" ? "" : "\n"}imports:\n  - ${role}\n`);
}
