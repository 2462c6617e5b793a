/**
 * C3 linearization, exactly as Python computes a class's `__mro__`, and
 * Lino's `checkmro` explanation of a conflict.
 */

/** The root of every role hierarchy. */
export const ROOT_ROLE = "core.UserRole";

/**
 * Merges linearizations the way Python does: repeatedly take the first head
 * (in sequence order) that appears in no sequence's tail. Returns undefined
 * when no such head exists (an inconsistent hierarchy).
 */
export function c3Merge(sequences: readonly (readonly string[])[]): string[] | undefined {
  const seqs = sequences.map((s) => [...s]).filter((s) => s.length > 0);
  const result: string[] = [];
  // Count how often each class sits in a tail, so a candidate check is O(1).
  const tailCount = new Map<string, number>();
  const heads = seqs.map(() => 0);
  for (const seq of seqs) for (let i = 1; i < seq.length; i++) tailCount.set(seq[i]!, (tailCount.get(seq[i]!) ?? 0) + 1);
  for (;;) {
    let candidate: string | undefined;
    let remaining = false;
    for (let s = 0; s < seqs.length; s++) {
      const seq = seqs[s]!;
      const head = seq[heads[s]!];
      if (head === undefined) continue;
      remaining = true;
      if ((tailCount.get(head) ?? 0) === 0) {
        candidate = head;
        break;
      }
    }
    if (!remaining) return result;
    if (candidate === undefined) return undefined;
    result.push(candidate);
    for (let s = 0; s < seqs.length; s++) {
      const seq = seqs[s]!;
      if (seq[heads[s]!] === candidate) {
        heads[s]!++;
        const next = seq[heads[s]!];
        if (next !== undefined) tailCount.set(next, (tailCount.get(next) ?? 1) - 1);
      }
    }
  }
}

/** The C3 linearization of a class given its bases' linearizations (in base order). */
export function linearize(id: string, bases: readonly string[], baseMros: readonly (readonly string[])[]): string[] | undefined {
  const merged = c3Merge([...baseMros, bases]);
  return merged === undefined ? undefined : [id, ...merged];
}

/** Outcome of linearizing a whole acyclic hierarchy. */
export interface HierarchyLinearization {
  /** MRO of every role that could be linearized. */
  readonly mro: ReadonlyMap<string, readonly string[]>;
  /** Roles whose own C3 merge failed. */
  readonly inconsistent: readonly string[];
}

/**
 * Linearizes every role of an acyclic hierarchy (`bases` maps a role to its
 * direct bases). Roles below an inconsistent one are left out silently:
 * their problem is reported once, at its origin.
 */
export function linearizeHierarchy(bases: ReadonlyMap<string, readonly string[]>): HierarchyLinearization {
  const mro = new Map<string, readonly string[]>();
  const inconsistent: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string): readonly string[] | undefined => {
    const known = mro.get(id);
    if (known !== undefined) return known;
    if (state.get(id) !== undefined) return undefined; // cycle or failed: reported elsewhere
    state.set(id, "visiting");
    const own = bases.get(id) ?? [];
    const baseMros: (readonly string[])[] = [];
    for (const base of own) {
      const baseMro = visit(base);
      if (baseMro === undefined) {
        state.set(id, "done");
        return undefined;
      }
      baseMros.push(baseMro);
    }
    const result = linearize(id, own, baseMros);
    state.set(id, "done");
    if (result === undefined) {
      inconsistent.push(id);
      return undefined;
    }
    mro.set(id, result);
    return result;
  };
  for (const id of bases.keys()) visit(id);
  return { mro, inconsistent };
}

/**
 * Lino's `checkmro(*args)`: walks each argument's MRO (itself first, stopping
 * at UserRole) and reports every class an earlier argument already brought in,
 * as `"{cl} inherits {b} is already in {first}"`.
 */
export function checkmroLines(args: readonly string[], mroOf: (id: string) => readonly string[] | undefined): string[] {
  const broughtBy = new Map<string, string>();
  const lines: string[] = [];
  for (const arg of args) {
    for (const b of mroOf(arg) ?? [arg]) {
      if (b === ROOT_ROLE) break;
      const first = broughtBy.get(b);
      if (first !== undefined) lines.push(`${arg} inherits ${b} is already in ${first}`);
      else broughtBy.set(b, arg);
    }
  }
  return lines;
}
