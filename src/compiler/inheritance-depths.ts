/**
 * How deep each role sits in its hierarchy, for the compiler's limits: a
 * model property, not part of the role semantics the runtime owns.
 */

/**
 * The length of the longest chain of bases from each role down to a root
 * (a role with no bases known to `bases` has depth 1). Roles on a cycle get
 * no depth. Iterative, like the C3 linearization (a hierarchy may be deeper than the call stack).
 */
export function inheritanceDepths(bases: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  for (const start of bases.keys()) {
    if (depth.has(start) || visiting.has(start)) continue;
    visiting.add(start);
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const own = bases.get(frame.id) ?? [];
      if (frame.next < own.length) {
        const base = own[frame.next++]!;
        if (bases.has(base) && !depth.has(base) && !visiting.has(base)) {
          visiting.add(base);
          work.push({ id: base, next: 0 });
        }
        continue;
      }
      work.pop();
      visiting.delete(frame.id);
      let deepest = 0;
      let cyclic = false;
      for (const base of own) {
        if (!bases.has(base)) continue;
        const d = depth.get(base);
        if (d === undefined) cyclic = true;
        else deepest = Math.max(deepest, d);
      }
      if (!cyclic) depth.set(frame.id, deepest + 1);
    }
  }
  return depth;
}

