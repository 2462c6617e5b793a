/**
 * C3 linearization over role ids, exactly as Python computes a class's
 * `__mro__`: the one definition the runtime's `defineRole`, the compiler's
 * model and the benchmark generator all call.
 */
import { basesFirst } from "./role-hierarchy.js";

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
  let entries = 0;
  next: for (const id of basesFirst(bases)) {
    const own = bases.get(id) ?? [];
    const baseMros: (readonly string[])[] = [];
    for (const base of own) {
      const baseMro = mro.get(base);
      if (baseMro === undefined) continue next; // a cycle or a failed base: reported elsewhere
      baseMros.push(baseMro);
    }
    const result = linearize(id, own, baseMros);
    if (result === undefined) inconsistent.push(id);
    else {
      entries += result.length;
      if (entries > maxEntries) return { mro, inconsistent, overBudget: id };
      mro.set(id, result);
    }
  }
  return { mro, inconsistent };
}
