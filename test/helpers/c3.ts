/**
 * A small, independent C3 linearization (Python's MRO) for tests: it lets a
 * test build a RoleModel from plain `{ id, bases }` data without depending on
 * the compiler under test.
 */

/** A role as the Lino fixtures list it. */
export interface BaseSpec {
  readonly id: string;
  readonly bases: readonly string[];
}

/** Thrown when C3 cannot merge, like Python's TypeError for such a class. */
export class InconsistentMroError extends Error {
  constructor(readonly roleId: string) {
    super(`Cannot create a consistent method resolution order (MRO) for ${roleId}`);
  }
}

/**
 * The C3 linearization of every role: the role itself first, then the merge
 * of its bases' linearizations and the list of bases. Throws
 * `InconsistentMroError` for a hierarchy Python would reject, and `Error` for
 * an unknown base or a cycle.
 */
export function linearizeAll(roles: readonly BaseSpec[]): Map<string, string[]> {
  const bases = new Map(roles.map((r) => [r.id, r.bases]));
  const done = new Map<string, string[]>();
  const visiting = new Set<string>();

  const mro = (id: string): string[] => {
    const known = done.get(id);
    if (known !== undefined) return known;
    const own = bases.get(id);
    if (own === undefined) throw new Error(`unknown role ${id}`);
    if (visiting.has(id)) throw new Error(`inheritance cycle through ${id}`);
    visiting.add(id);
    const result = [id, ...merge([...own.map((b) => [...mro(b)]), [...own]], id)];
    visiting.delete(id);
    done.set(id, result);
    return result;
  };

  for (const r of roles) mro(r.id);
  return done;
}

/** C3 merge: repeatedly take the first head that is in no other list's tail. */
function merge(lists: string[][], id: string): string[] {
  const out: string[] = [];
  for (;;) {
    const nonEmpty = lists.filter((l) => l.length > 0);
    if (nonEmpty.length === 0) return out;
    const head = nonEmpty.map((l) => l[0]).find((h) => h !== undefined && !nonEmpty.some((l) => l.indexOf(h) > 0));
    if (head === undefined) throw new InconsistentMroError(id);
    out.push(head);
    for (const l of nonEmpty) if (l[0] === head) l.shift();
    lists = nonEmpty;
  }
}
