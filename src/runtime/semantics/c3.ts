/**
 * C3 linearization over role ids, exactly as Python computes a class's
 * `__mro__`: the one definition the runtime's `defineRole`, the compiler's
 * model and the benchmark generator all call.
 */

/**
 * Merges linearizations the way Python does: repeatedly take the first head
 * (in sequence order) that appears in no sequence's tail. Returns undefined
 * when no such head exists (an inconsistent hierarchy).
 */
export function c3Merge(sequences: readonly (readonly string[])[]): string[] | undefined {
  // The sequences are only read (each has a head index): no copies.
  const seqs = sequences.filter((s) => s.length > 0);
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
  if (merged === undefined) return undefined;
  merged.unshift(id);
  return merged;
}

/** Outcome of linearizing a whole acyclic hierarchy. */
export interface HierarchyLinearization {
  /** MRO of every role that could be linearized. */
  readonly mro: ReadonlyMap<string, readonly string[]>;
  /** Roles whose own C3 merge failed. */
  readonly inconsistent: readonly string[];
  /** The role whose linearization would have exceeded `maxEntries`; from there on, nothing more was linearized. */
  readonly overBudget?: string;
}

/**
 * Linearizes every role of an acyclic hierarchy (`bases` maps a role to its
 * direct bases). Roles below an inconsistent one are left out silently:
 * their problem is reported once, at its origin.
 */
export function linearizeHierarchy(bases: ReadonlyMap<string, readonly string[]>, maxEntries = Number.POSITIVE_INFINITY): HierarchyLinearization {
  const mro = new Map<string, readonly string[]>();
  const inconsistent: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  let entries = 0;
  // Depth-first with an explicit stack: a hierarchy may be deeper than the call stack.
  for (const start of bases.keys()) {
    if (state.has(start)) continue;
    state.set(start, "visiting");
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const own = bases.get(frame.id) ?? [];
      if (frame.next < own.length) {
        const base = own[frame.next++]!;
        if (!state.has(base)) {
          state.set(base, "visiting");
          work.push({ id: base, next: 0 });
        }
        continue;
      }
      work.pop();
      state.set(frame.id, "done");
      const baseMros: (readonly string[])[] = [];
      let missing = false;
      for (const base of own) {
        const baseMro = mro.get(base);
        if (baseMro === undefined) {
          missing = true; // a cycle or a failed base: reported elsewhere
          break;
        }
        baseMros.push(baseMro);
      }
      if (missing) continue;
      const result = linearize(frame.id, own, baseMros);
      if (result === undefined) inconsistent.push(frame.id);
      else {
        entries += result.length;
        if (entries > maxEntries) return { mro, inconsistent, overBudget: frame.id };
        mro.set(frame.id, result);
      }
    }
  }
  return { mro, inconsistent };
}
