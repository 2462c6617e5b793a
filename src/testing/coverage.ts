/**
 * Coverage of a run: which (user type × target) cells its tests and
 * invariants decide, which targets and user types none of them touches, and
 * which roles no decided cell depends on. The definitions are those of
 * docs/testing.md#coverage:
 *
 * - a cell is *decided* by an expectation whose outcome depends on that
 *   cell's verdict: a `sees`/`doesNotSee` entry decides its cells, a
 *   `visibleFor` test its target's whole row, an `atMost` invariant the cells
 *   of the user types it does not list (they must not see the targets), an
 *   `atLeast` invariant those of the user types it lists, the readonly
 *   invariant the cells of readonly user types × writing actions; a
 *   snapshot decides every cell and is counted apart (`withSnapshot`);
 * - a cell *depends on* a role when `explain` names it for that cell: the
 *   user type's role, every role on the inheritance path to the member of
 *   each satisfied item, and every role of each item it misses.
 */
import { compareStrings } from "../diagnostics/diagnostic.js";
import { ancestorsOf, baseTree, permissionOf, type RequirementItemLike } from "../runtime/semantics/index.js";
import type { Coverage, UserTypeCoverage } from "./results.js";
import type { PermissionTable } from "./table.js";

/** Computes the coverage of the decided cells (`t * userTypes + u`). */
export function computeCoverage(table: PermissionTable, decided: Uint8Array, snapshotCompared: boolean): Coverage {
  const userTypeCount = table.userTypes.length;
  const cells = table.targets.length * userTypeCount;
  let decidedCount = 0;
  const byUserType = new Array<number>(userTypeCount).fill(0);
  const untouchedTargets: string[] = [];
  for (let t = 0; t < table.targets.length; t++) {
    let any = false;
    const base = t * userTypeCount;
    for (let u = 0; u < userTypeCount; u++) {
      if (decided[base + u] !== 1) continue;
      any = true;
      decidedCount++;
      byUserType[u]!++;
    }
    if (!any) untouchedTargets.push(table.ids[t]!);
  }
  const userTypes: UserTypeCoverage[] = table.userTypes.map((_, u) => ({ ...table.userTypeRef(u), decided: byUserType[u]!, cells: table.targets.length }));
  const roles = roleDependencies(table, decided);
  return {
    cells,
    decided: decidedCount,
    percent: percentOf(decidedCount, cells),
    ...(snapshotCompared ? { withSnapshot: { decided: cells, percent: 100 } } : {}),
    userTypes,
    untouchedTargets,
    untouchedUserTypes: userTypes.filter((t) => t.decided === 0 && t.cells > 0).map((t) => ({ value: t.value, label: t.label })),
    rolesWithoutAssertions: [...roles.all].filter((role) => !roles.asserted.has(role)).sort(compareStrings),
    rolesDependedOn: roles.all.size,
    matrix: { targets: table.ids, userTypes: userTypeCount, decided },
  };
}

/** `part / whole` in percent, rounded down to one decimal (so 89.99… never shows as 90); 100 for no cells. */
export function percentOf(part: number, whole: number): number {
  if (whole === 0) return 100;
  return Math.floor((part / whole) * 1000) / 10;
}

/** Per requirement item, over user types as bitsets: who satisfies it, and through which member. */
interface ItemSets {
  readonly item: RequirementItemLike;
  /** The user types whose role satisfies the item. */
  readonly satisfied: Uint32Array;
  /** Per member (parallel to `item.roles`): the user types for which it is the first member their role inherits (the one `explain` names). */
  readonly via: readonly Uint32Array[];
}

/**
 * The roles some verdict depends on (over every cell) and those a decided
 * cell depends on. A cell's dependencies are the union of its items' (plus
 * the user type's role): for an item the user type misses, the item's
 * roles; for one it satisfies, the inheritance path to the member `explain`
 * names. Both sets are computed over bitsets of user types: per item, who
 * satisfies it and through which member; per (user type, member) pair, its
 * path is walked once, up the tree of the user type's bases, stopping where
 * an earlier path of the same user type joined. Linear in the table, not
 * in the cells times the depth.
 */
function roleDependencies(table: PermissionTable, decided: Uint8Array): { all: Set<string>; asserted: Set<string> } {
  const model = table.project.model;
  const userTypeCount = table.userTypes.length;
  const words = Math.max(1, Math.ceil(userTypeCount / 32));
  const holders = new Map<string, Uint32Array>();
  const ancestors = table.userTypes.map((t) => ancestorsOf(model, t.role));
  /** The user types whose role inherits `role`. */
  const holdersOf = (role: string): Uint32Array => {
    let set = holders.get(role);
    if (set === undefined) {
      set = new Uint32Array(words);
      for (let u = 0; u < userTypeCount; u++) if (ancestors[u]!.has(role)) set[u >>> 5]! |= 1 << (u & 31);
      holders.set(role, set);
    }
    return set;
  };
  const byKey = new Map<string, ItemSets>();
  const byItem = new Map<RequirementItemLike, ItemSets>();
  const setsOf = (item: RequirementItemLike): ItemSets => {
    let sets = byItem.get(item);
    if (sets !== undefined) return sets;
    const key = item.roles.join(" ");
    sets = byKey.get(key);
    if (sets === undefined) {
      const satisfied = new Uint32Array(words);
      const via = item.roles.map((role) => {
        const first = new Uint32Array(words);
        const held = holdersOf(role);
        for (let w = 0; w < words; w++) {
          first[w] = held[w]! & ~satisfied[w]!;
          satisfied[w]! |= held[w]!;
        }
        return first;
      });
      sets = { item, satisfied, via };
      byKey.set(key, sets);
    }
    byItem.set(item, sets);
    return sets;
  };

  /** Collects dependencies: item roles of missed items, and (member, user types) pairs whose paths are walked at the end. */
  const collector = (): { readonly roles: Set<string>; readonly pairs: Map<string, Uint32Array>; add(sets: ItemSets, who: Uint32Array): void } => {
    const roles = new Set<string>();
    const pairs = new Map<string, Uint32Array>();
    return {
      roles,
      pairs,
      add(sets, who) {
        let missed = false;
        for (let w = 0; w < words && !missed; w++) missed = (who[w]! & ~sets.satisfied[w]!) !== 0;
        if (missed) for (const role of sets.item.roles) roles.add(role);
        sets.via.forEach((first, k) => {
          const role = sets.item.roles[k]!;
          let pair = pairs.get(role);
          for (let w = 0; w < words; w++) {
            const bits = first[w]! & who[w]!;
            if (bits === 0) continue;
            if (pair === undefined) pairs.set(role, (pair = new Uint32Array(words)));
            pair[w]! |= bits;
          }
        });
      },
    };
  };
  /** Adds every role on the inheritance paths of the pairs, each user type's tree walked at most once. */
  const trees = new Map<number, ReadonlyMap<string, string | undefined>>();
  const walkPaths = (into: Set<string>, pairs: ReadonlyMap<string, Uint32Array>): void => {
    const walked = table.userTypes.map(() => new Set<string>());
    for (const [role, who] of pairs) {
      for (let u = 0; u < userTypeCount; u++) {
        if (((who[u >>> 5]! >>> (u & 31)) & 1) === 0) continue;
        let tree = trees.get(u);
        if (tree === undefined) trees.set(u, (tree = baseTree(model, table.userTypes[u]!.role)));
        const seen = walked[u]!;
        // Up from the member to the user type's role, until a path walked before joins.
        for (let step: string | undefined = role; step !== undefined && !seen.has(step); step = tree.get(step)) {
          seen.add(step);
          into.add(step);
        }
      }
    }
  };

  const everyone = new Uint32Array(words);
  for (let u = 0; u < userTypeCount; u++) everyone[u >>> 5]! |= 1 << (u & 31);
  const all = collector();
  const seenItems = new Set<ItemSets>();
  for (const target of table.targets) {
    for (const item of permissionOf(target).requirement.items) {
      const sets = setsOf(item);
      if (seenItems.has(sets)) continue;
      seenItems.add(sets);
      all.add(sets, everyone);
    }
  }
  for (const type of table.userTypes) all.roles.add(type.role);
  walkPaths(all.roles, all.pairs);

  const asserted = collector();
  const who = new Uint32Array(words);
  table.targets.forEach((target, t) => {
    who.fill(0);
    let any = false;
    const base = t * userTypeCount;
    for (let u = 0; u < userTypeCount; u++) {
      if (decided[base + u] !== 1) continue;
      who[u >>> 5]! |= 1 << (u & 31);
      if (!any) any = true;
      asserted.roles.add(table.userTypes[u]!.role);
    }
    if (!any) return;
    for (const item of permissionOf(target).requirement.items) asserted.add(setsOf(item), who);
  });
  walkPaths(asserted.roles, asserted.pairs);
  return { all: all.roles, asserted: asserted.roles };
}
