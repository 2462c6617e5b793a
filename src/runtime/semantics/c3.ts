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
 *
 * The same walk and merge as `basesFirst` (role-hierarchy.ts) and {@link c3Merge}, on
 * integer ids and arrays instead of strings, maps and sets: the compiler
 * runs it on every role of a project, in a fresh process, where string
 * hashing and allocation dominate (bench/README.md, "Speed tricks"). Held
 * against the string merge and Python in test/compiler/c3.test.ts.
 */
export function linearizeHierarchy(bases: ReadonlyMap<string, readonly string[]>, maxEntries = Number.POSITIVE_INFINITY): HierarchyLinearization {
  const mro = new Map<string, readonly string[]>();
  const inconsistent: string[] = [];
  const conflicts = new Map<string, readonly string[]>();
  // Integer ids, in the map's order; a base the map lacks is -1.
  const ids: string[] = [...bases.keys()];
  const count = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set(ids[i]!, i);
  const own: Int32Array[] = new Array<Int32Array>(count);
  for (let i = 0; i < count; i++) {
    const list = bases.get(ids[i]!)!;
    const ints = new Int32Array(list.length);
    for (let j = 0; j < list.length; j++) ints[j] = index.get(list[j]!) ?? -1;
    own[i] = ints;
  }
  const linear: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(count);
  // Scratch of the merge: how often each id sits in a tail; all zero between merges.
  const tailCount = new Int32Array(count);
  let entries = 0;
  next: for (const id of basesFirstIds(own)) {
    const direct = own[id]!;
    for (let j = 0; j < direct.length; j++) {
      const base = direct[j]!;
      // A cycle, a failed or a missing base: reported elsewhere.
      if (base < 0 || linear[base] === undefined) continue next;
    }
    const merged = mergeIds(id, direct, linear, tailCount);
    if (merged === undefined) {
      const name = ids[id]!;
      const baseMros = Array.from(direct, (base) => mro.get(ids[base]!)!);
      const names = bases.get(name)!;
      inconsistent.push(name);
      conflicts.set(name, c3Conflict([...baseMros, names]) ?? []);
      continue;
    }
    entries += merged.length;
    if (entries > maxEntries) return { mro, inconsistent, conflicts, overBudget: ids[id]! };
    linear[id] = merged;
    const names = new Array<string>(merged.length);
    for (let k = 0; k < merged.length; k++) names[k] = ids[merged[k]!]!;
    mro.set(ids[id]!, names);
  }
  return { mro, inconsistent, conflicts };
}

/** `basesFirst` (role-hierarchy.ts) on integer ids (bases in `own`; -1, a base outside, is not followed). */
function basesFirstIds(own: readonly Int32Array[]): Int32Array {
  const count = own.length;
  const order = new Int32Array(count);
  let size = 0;
  const seen = new Uint8Array(count);
  // The explicit stack: ids and how many of their bases were looked at.
  const stackId = new Int32Array(count);
  const stackNext = new Int32Array(count);
  for (let start = 0; start < count; start++) {
    if (seen[start] === 1) continue;
    seen[start] = 1;
    let top = 0;
    stackId[0] = start;
    stackNext[0] = 0;
    while (top >= 0) {
      const direct = own[stackId[top]!]!;
      const at = stackNext[top]!;
      if (at < direct.length) {
        stackNext[top] = at + 1;
        const base = direct[at]!;
        if (base >= 0 && seen[base] === 0) {
          seen[base] = 1;
          top++;
          stackId[top] = base;
          stackNext[top] = 0;
        }
        continue;
      }
      order[size++] = stackId[top]!;
      top--;
    }
  }
  return order.subarray(0, size);
}

/**
 * `id` followed by the C3 merge of its bases' linearizations and its bases,
 * as {@link linearize} computes it on strings; undefined when the merge fails.
 * `tailCount` is all zero on entry and is left so.
 */
function mergeIds(id: number, direct: Int32Array, linear: readonly (Int32Array | undefined)[], tailCount: Int32Array): Int32Array | undefined {
  // The sequences: each base's linearization, then the bases themselves (empty ones left out, as in merge).
  const seqCount = direct.length + (direct.length > 0 ? 1 : 0);
  const seqs = new Array<Int32Array>(seqCount);
  let total = 1;
  for (let s = 0; s < direct.length; s++) {
    const seq = linear[direct[s]!]!;
    seqs[s] = seq;
    total += seq.length;
  }
  if (direct.length > 0) seqs[direct.length] = direct;
  const heads = new Int32Array(seqCount);
  for (let s = 0; s < seqCount; s++) {
    const seq = seqs[s]!;
    for (let i = 1; i < seq.length; i++) tailCount[seq[i]!]!++;
  }
  // The result is at most every element of every sequence, plus `id`.
  const result = new Int32Array(total);
  result[0] = id;
  let size = 1;
  for (;;) {
    let candidate = -1;
    let remaining = false;
    for (let s = 0; s < seqCount; s++) {
      const seq = seqs[s]!;
      const at = heads[s]!;
      if (at >= seq.length) continue;
      remaining = true;
      const head = seq[at]!;
      if (tailCount[head] === 0) {
        candidate = head;
        break;
      }
    }
    if (!remaining) return result.slice(0, size);
    if (candidate < 0) {
      // Leave the scratch all zero for the next merge.
      for (let s = 0; s < seqCount; s++) {
        const seq = seqs[s]!;
        for (let i = 1; i < seq.length; i++) tailCount[seq[i]!] = 0;
      }
      return undefined;
    }
    result[size++] = candidate;
    for (let s = 0; s < seqCount; s++) {
      const seq = seqs[s]!;
      const at = heads[s]!;
      if (at < seq.length && seq[at] === candidate) {
        heads[s] = at + 1;
        if (at + 1 < seq.length) tailCount[seq[at + 1]!]!--;
      }
    }
  }
}
