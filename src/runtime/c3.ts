/**
 * Python's C3 linearization over role ids.
 *
 * Kept free of any registry state so that it can be reused for checking a
 * declared MRO and for computing one when a hand-written role omits it.
 */

/**
 * Linearizes a role from the MROs of its bases (in declaration order), as
 * Python does for `class id(*bases)`.
 *
 * @param id the role's own id; it comes first in the result
 * @param baseMros the MRO of each base, in declaration order (each starting with the base itself)
 * @returns the MRO, or `undefined` when no consistent MRO exists
 */
export function linearize(id: string, baseMros: readonly (readonly string[])[]): string[] | undefined {
  const sequences: string[][] = baseMros.map((mro) => [...mro]);
  // The list of bases itself takes part in the merge: it keeps local precedence order.
  sequences.push(baseMros.map((mro) => mro[0] ?? ""));
  const result = [id];
  for (;;) {
    const pending = sequences.filter((seq) => seq.length > 0);
    if (pending.length === 0) return result;
    let next: string | undefined;
    for (const seq of pending) {
      const head = seq[0];
      if (head !== undefined && !pending.some((other) => other.indexOf(head) > 0)) {
        next = head;
        break;
      }
    }
    if (next === undefined) return undefined;
    result.push(next);
    for (const seq of pending) if (seq[0] === next) seq.shift();
  }
}
