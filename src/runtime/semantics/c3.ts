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
  return merge(sequences);
}

/**
 * The classes CPython names when the merge fails ("Cannot create a
 * consistent method resolution order (MRO) for bases A, B"): the heads of
 * the sequences still pending at that point, each once, in sequence order
 * (`set_mro_error` in CPython's `Objects/typeobject.c`). Undefined when the
 * merge succeeds.
 */
export function c3Conflict(sequences: readonly (readonly string[])[]): string[] | undefined {
  let pending: string[] | undefined;
  merge(sequences, (heads) => (pending = heads));
  return pending;
}

/** The merge; `onStuck` is told the pending heads when it fails (only then: the common path allocates nothing more). */
function merge(sequences: readonly (readonly string[])[], onStuck?: (pending: string[]) => void): string[] | undefined {
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
    if (candidate === undefined) {
      if (onStuck !== undefined) {
        const pending = new Set<string>();
        for (let s = 0; s < seqs.length; s++) {
          const head = seqs[s]![heads[s]!];
          if (head !== undefined) pending.add(head);
        }
        onStuck([...pending]);
      }
      return undefined;
    }
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

/** What Python says to `class X(<bases>)`: its MRO, or why it refuses to create it. */
export type ClassCreation =
  | { readonly kind: "created"; readonly mro: readonly string[] }
  /** `TypeError: duplicate base class <base>` */
  | { readonly kind: "duplicateBase"; readonly base: string }
  /** `TypeError: Cannot create a consistent method resolution order (MRO) for bases <pending>` */
  | { readonly kind: "inconsistent"; readonly pending: readonly string[] };

/**
 * Creates `class <id>(<bases>)` as Python does: a base listed twice is
 * refused first, then C3 merges the bases' linearizations and the list of
 * bases; a failed merge names the pending classes as CPython does.
 */
export function createClass(id: string, bases: readonly string[], baseMros: readonly (readonly string[])[]): ClassCreation {
  // CPython names the first base (in order) that is listed again later.
  const duplicate = bases.find((base, i) => bases.indexOf(base, i + 1) >= 0);
  if (duplicate !== undefined) return { kind: "duplicateBase", base: duplicate };
  const sequences = [...baseMros, bases];
  const merged = c3Merge(sequences);
  if (merged === undefined) return { kind: "inconsistent", pending: c3Conflict(sequences) ?? [] };
  return { kind: "created", mro: [id, ...merged] };
}

/** Outcome of linearizing a whole acyclic hierarchy. */
export interface HierarchyLinearization {
  /** MRO of every role that could be linearized. */
  readonly mro: ReadonlyMap<string, readonly string[]>;
  /** Roles whose own C3 merge failed. */
  readonly inconsistent: readonly string[];
  /** For each role of `inconsistent`, the classes CPython would name (see {@link c3Conflict}). */
  readonly conflicts: ReadonlyMap<string, readonly string[]>;
  /** The role whose linearization would have exceeded `maxEntries`; from there on, nothing more was linearized. */
  readonly overBudget?: string;
}

/**
 * Linearizes every role of an acyclic hierarchy (`bases` maps a role to its
 * direct bases). Roles below an inconsistent one, and roles with a base the
 * map lacks (a reference that did not resolve, a role left out), are left
 * out silently: their problem is reported once, at its origin, and C3 is
 * never run on a partial list of bases (which could only invent conflicts).
 */
export function linearizeHierarchy(bases: ReadonlyMap<string, readonly string[]>, maxEntries = Number.POSITIVE_INFINITY): HierarchyLinearization {
  const mro = new Map<string, readonly string[]>();
  const inconsistent: string[] = [];
  const conflicts = new Map<string, readonly string[]>();
  let entries = 0;
  next: for (const id of basesFirst(bases, (base) => bases.has(base))) {
    const own = bases.get(id) ?? [];
    const baseMros: (readonly string[])[] = [];
    for (const base of own) {
      const baseMro = mro.get(base);
      if (baseMro === undefined) continue next; // a cycle, a failed or a missing base: reported elsewhere
      baseMros.push(baseMro);
    }
    const result = linearize(id, own, baseMros);
    if (result === undefined) {
      inconsistent.push(id);
      conflicts.set(id, c3Conflict([...baseMros, own]) ?? []);
    } else {
      entries += result.length;
      if (entries > maxEntries) return { mro, inconsistent, conflicts, overBudget: id };
      mro.set(id, result);
    }
  }
  return { mro, inconsistent, conflicts };
}
