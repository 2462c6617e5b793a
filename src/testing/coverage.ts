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
import { ancestorsOf, baseTree, pathInTree, permissionOf, satisfyingMember, type RequirementItemLike } from "../runtime/semantics/index.js";
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

/**
 * The roles some verdict depends on (over every cell) and those a decided
 * cell depends on. A cell's dependencies are the union of its items'
 * (plus the user type's role), so both sets are unions over (user type,
 * item) pairs: computed once per pair, with each item keyed by its roles.
 */
function roleDependencies(table: PermissionTable, decided: Uint8Array): { all: Set<string>; asserted: Set<string> } {
  const model = table.project.model;
  const userTypeCount = table.userTypes.length;
  const itemKeys = new Map<RequirementItemLike, string>();
  const keyOf = (item: RequirementItemLike): string => {
    let key = itemKeys.get(item);
    if (key === undefined) {
      key = item.roles.join(" ");
      itemKeys.set(item, key);
    }
    return key;
  };
  // Per user type: the tree of its bases (every inheritance path explain prints) and its ancestors.
  const trees = table.userTypes.map((t) => baseTree(model, t.role));
  const ancestors = table.userTypes.map((t) => ancestorsOf(model, t.role));
  const dependencies = (u: number, item: RequirementItemLike): readonly string[] => {
    const via = satisfyingMember(ancestors[u]!, item);
    return via === undefined ? item.roles : (pathInTree(trees[u]!, via) ?? [via]);
  };

  const all = new Set<string>();
  const distinctItems = new Map<string, RequirementItemLike>();
  for (const target of table.targets) for (const item of permissionOf(target).requirement.items) if (!distinctItems.has(keyOf(item))) distinctItems.set(keyOf(item), item);
  table.userTypes.forEach((type, u) => {
    all.add(type.role);
    for (const item of distinctItems.values()) for (const role of dependencies(u, item)) all.add(role);
  });

  const asserted = new Set<string>();
  const done = table.userTypes.map(() => new Set<string>());
  table.targets.forEach((target, t) => {
    const items = permissionOf(target).requirement.items;
    const base = t * userTypeCount;
    for (let u = 0; u < userTypeCount; u++) {
      if (decided[base + u] !== 1) continue;
      asserted.add(table.userTypes[u]!.role);
      const seen = done[u]!;
      for (const item of items) {
        const key = keyOf(item);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const role of dependencies(u, item)) asserted.add(role);
      }
    }
  });
  return { all, asserted };
}
