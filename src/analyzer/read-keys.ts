/**
 * Reads: what an actor's analysis depended on, recorded by the incremental
 * analysis (session.ts) so that after a change it analyzes again only the
 * actors whose inputs changed. A read is a string key:
 *
 * - a name looked up in a file: `<file>\0e\0<name>` for an export (what
 *   `import { name } from "<file>"` finds, re-exports followed elsewhere are
 *   reads of their own), `<file>\0l\0<name>` for a top-level name of the
 *   file (an import binding or a declaration, with everything written in it);
 * - a fact of the role model: `\0r\0<role id>`, whether the model defines it.
 *
 * Every fact the analysis takes from another file comes through a name
 * lookup (the analyzer follows names only through imports, re-exports and
 * the declarations they lead to), so these keys are complete. What a key
 * denotes in a version of a file is its fingerprint (fingerprint.ts): equal
 * fingerprints mean equal answers, up to positions.
 */

/** The kinds of name reads: an export of a file, or a top-level name of it. */
export type NameReadKind = "e" | "l";

/** The read of `name` in `file` (an absolute path). */
export function nameRead(file: string, kind: NameReadKind, name: string): string {
  return `${file}\0${kind}\0${name}`;
}

/** The read of whether the role model defines `id`. */
export function roleRead(id: string): string {
  return `\0r\0${id}`;
}

/** A read taken apart: a name read of a file, or a role read (`file` empty). */
export interface ParsedRead {
  readonly file: string;
  readonly kind: NameReadKind | "r";
  readonly name: string;
}

/** Takes a read key apart (see the module comment for the forms). */
export function parseRead(key: string): ParsedRead {
  const first = key.indexOf("\0");
  const second = key.indexOf("\0", first + 1);
  return { file: key.slice(0, first), kind: key.slice(first + 1, second) as ParsedRead["kind"], name: key.slice(second + 1) };
}
