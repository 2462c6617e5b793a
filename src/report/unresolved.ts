/**
 * The parts of a requirement the analyzer could not resolve, as the JSON
 * reports list them (actors, and the elements of their layouts): each
 * expression once, with where it is written.
 */
import type { ResolvedRequirement, UnresolvedExpression } from "../analyzer/types.js";

/** A part of a requirement that is not known, and where it is written. */
export interface UnresolvedSummary {
  /** The expression as written, or the id of a role the model lacks. */
  readonly text: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The parts of a requirement that are not known, each once (items' members first, then whole items). */
export function unresolvedExpressions(requirement: ResolvedRequirement): UnresolvedExpression[] {
  return uniqueExpressions([...requirement.items.flatMap((item) => item.unresolved), ...requirement.unresolved]);
}

/** The expressions without repeats (same text at the same place), in order. */
export function uniqueExpressions(parts: Iterable<UnresolvedExpression>): UnresolvedExpression[] {
  const seen = new Set<string>();
  const out: UnresolvedExpression[] = [];
  for (const part of parts) {
    const key = `${part.text}\0${part.span.file}\0${part.span.line}\0${part.span.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(part);
  }
  return out;
}

/** An expression as the JSON reports write it. */
export function unresolvedSummary({ text, span }: UnresolvedExpression): UnresolvedSummary {
  return { text, file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
