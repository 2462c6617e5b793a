/**
 * A role hierarchy as plain data (role ids, their direct bases and their C3
 * linearizations) and what inheritance means on it: which roles a role has
 * (its MRO as a set) and through which bases it inherits one.
 *
 * Structural on purpose: the compiler's `RoleModel` is a `RoleHierarchy` as
 * it stands, and the runtime builds one from its registry, so both ask the
 * same functions.
 */

/** The root of every role hierarchy: every role has it. */
export const ROOT_ROLE = "core.UserRole";

/** The label of the built-in module of Lino's core roles. */
export const CORE_MODULE = "core";

/** What a hierarchy knows about one role. */
export interface HierarchyRole {
  /** Direct bases, as role ids, in declaration order. */
  readonly bases: readonly string[];
  /** Python's C3 linearization: the role itself first, `core.UserRole` last. */
  readonly mro: readonly string[];
}

/**
 * Roles by id (a `Map` will do; the runtime looks them up in its registry).
 * A role the hierarchy lacks inherits only itself.
 */
export interface RoleHierarchy {
  readonly roles: { get(id: string): HierarchyRole | undefined };
}

/** The MRO of `role`: its linearization, or just `[role]` for a role the hierarchy lacks. */
export function roleMro(hierarchy: RoleHierarchy, role: string): readonly string[] {
  return hierarchy.roles.get(role)?.mro ?? [role];
}

// Hierarchies are immutable plain data: a role's ancestor set is computed once per hierarchy object.
const ancestorCache = new WeakMap<RoleHierarchy, Map<string, ReadonlySet<string>>>();

/**
 * The role and every role it inherits (its MRO as a set): "`role` is a
 * subclass of X" is `ancestorsOf(hierarchy, role).has(X)`. A role the
 * hierarchy lacks inherits only itself. Cached per hierarchy.
 */
export function ancestorsOf(hierarchy: RoleHierarchy, role: string): ReadonlySet<string> {
  let cache = ancestorCache.get(hierarchy);
  if (cache === undefined) {
    cache = new Map();
    ancestorCache.set(hierarchy, cache);
  }
  let set = cache.get(role);
  if (set === undefined) {
    set = new Set(roleMro(hierarchy, role));
    cache.set(role, set);
  }
  return set;
}

/**
 * Every role of `bases` (a role → its direct bases) and every base it
 * reaches, each once, ordered so that a role comes after the bases it
 * reaches (depth-first post-order, bases in declaration order). A base that
 * is still being visited (a cycle) is not waited for: the caller sees the
 * role before it, and decides what that means. Iterative, with an explicit
 * stack: a hierarchy may be deeper than the call stack.
 *
 * @param follow which bases to walk into (default: all, a base missing from `bases` having none)
 */
export function basesFirst(bases: ReadonlyMap<string, readonly string[]>, follow?: (base: string) => boolean): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of bases.keys()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const own = bases.get(frame.id) ?? [];
      if (frame.next < own.length) {
        const base = own[frame.next++]!;
        if (!seen.has(base) && (follow === undefined || follow(base))) {
          seen.add(base);
          work.push({ id: base, next: 0 });
        }
        continue;
      }
      work.pop();
      order.push(frame.id);
    }
  }
  return order;
}

/**
 * The breadth-first tree over direct bases from `root`, bases visited in
 * declaration order: every role `root` inherits, in discovery order, each
 * with the role it was reached from (`undefined` for `root`). Its roles are
 * exactly `root`'s ancestors, and following `previous` back from a role gives,
 * reversed, {@link inheritancePath}.
 *
 * @param stopAt stop as soon as this role is reached (the tree is then partial)
 */
export function baseTree(hierarchy: RoleHierarchy, root: string, stopAt?: string): ReadonlyMap<string, string | undefined> {
  const previous = new Map<string, string | undefined>([[root, undefined]]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? root;
    for (const base of hierarchy.roles.get(current)?.bases ?? []) {
      if (previous.has(base)) continue;
      previous.set(base, current);
      if (base === stopAt) return previous;
      queue.push(base);
    }
  }
  return previous;
}

/**
 * The path in a {@link baseTree} from its root to `to` (both included), or
 * undefined when the tree does not reach `to`.
 */
export function pathInTree(tree: ReadonlyMap<string, string | undefined>, to: string): string[] | undefined {
  if (!tree.has(to)) return undefined;
  const path: string[] = [];
  for (let step: string | undefined = to; step !== undefined; step = tree.get(step)) path.push(step);
  return path.reverse();
}

/**
 * The shortest chain of direct-base steps from `from` to `to` (both
 * included), preferring earlier bases on ties; undefined when `from` does
 * not inherit `to`. This is the path `explain` prints.
 */
export function inheritancePath(hierarchy: RoleHierarchy, from: string, to: string): string[] | undefined {
  return pathInTree(baseTree(hierarchy, from, to), to);
}
