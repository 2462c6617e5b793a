/**
 * How deep each role sits in its hierarchy, for the compiler's limits: a
 * model property, not part of the role semantics the runtime owns.
 */
import { basesFirst } from "../runtime/semantics/role-hierarchy.js";

/**
 * The length of the longest chain of bases from each role down to a root
 * (a role with no bases known to `bases` has depth 1). Roles on a cycle get
 * no depth. Iterative, like the C3 linearization.
 */
export function inheritanceDepths(bases: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  next: for (const id of basesFirst(bases, (base) => bases.has(base))) {
    let deepest = 0;
    for (const base of bases.get(id) ?? []) {
      if (!bases.has(base)) continue;
      const d = depth.get(base);
      if (d === undefined) continue next; // on a cycle
      deepest = Math.max(deepest, d);
    }
    depth.set(id, deepest + 1);
  }
  return depth;
}
