/**
 * Who may see what, for many targets at once: a requirement evaluated over
 * all user types together as a bitset (bit u = user type u may see it). Each
 * role knows, as a bitset, the user types whose role inherits it; an item is
 * the OR of its roles' bitsets, a requirement the AND of its items. Used
 * wherever every (user type × target) cell is needed: tables, lints.
 *
 * A faster form of `canSee` (user-type.ts) and `accessOf` (permission.ts),
 * the reference definitions; a differential test keeps them equal. Parts of
 * a requirement that are not known count twice: as nobody's for who
 * certainly may see it (`visible`), as everybody's for who possibly may
 * (`possible`); the user types in the second set and not in the first are
 * those whose access is unknown.
 */
import { hasUnknownItem, hasUnknownMember, type MaybeKnownRequirement } from "./requirement.js";
import { roleMro } from "./role-hierarchy.js";
import type { PermissionModel, UserTypeLike } from "./user-type.js";

/** Bitsets over the user types of one model. */
export interface VisibilityIndex {
  readonly userTypes: readonly UserTypeLike[];
  /** 32-bit words per bitset. */
  readonly words: number;
  /** The user types that certainly may see something with this requirement (readonly or not); a new set. */
  visible(requirement: MaybeKnownRequirement, readonly: boolean): Uint32Array;
  /**
   * The same, as a shared set: equal sets are one object (compare them with
   * `===`), and nothing is allocated unless the set is new. Never modify it.
   */
  visibleShared(requirement: MaybeKnownRequirement, readonly: boolean): Uint32Array;
  /** The user types that may see it or whose access is unknown (a superset of {@link visible}); a new set. */
  possible(requirement: MaybeKnownRequirement, readonly: boolean): Uint32Array;
  /** {@link possible} as a shared set (see {@link visibleShared}). */
  possibleShared(requirement: MaybeKnownRequirement, readonly: boolean): Uint32Array;
  /** True when bit `userType` (its index in `userTypes`) is set. */
  has(set: Uint32Array, userType: number): boolean;
  isEmpty(set: Uint32Array): boolean;
}

const cache = new WeakMap<PermissionModel, VisibilityIndex>();

/** The visibility index of a model (built once per model). */
export function visibilityIndex(model: PermissionModel): VisibilityIndex {
  const known = cache.get(model);
  if (known !== undefined) return known;
  const userTypes = model.userTypes;
  const words = Math.max(1, Math.ceil(userTypes.length / 32));
  const holders = new Map<string, Uint32Array>();
  const all = new Uint32Array(words);
  const writable = new Uint32Array(words);
  userTypes.forEach((userType, u) => {
    const word = u >>> 5;
    const bit = 1 << (u & 31);
    all[word]! |= bit;
    if (!userType.readonly) writable[word]! |= bit;
    for (const role of roleMro(model, userType.role)) {
      let set = holders.get(role);
      if (set === undefined) {
        set = new Uint32Array(words);
        holders.set(role, set);
      }
      set[word]! |= bit;
    }
  });
  const item = new Uint32Array(words);
  /**
   * ANDs each item of the requirement (the OR of its roles' holders) into
   * `target`. Parts that are not known: nobody's, or with `possible`
   * everybody's (an item with one is then no constraint).
   */
  const andItems = (target: Uint32Array, requirement: MaybeKnownRequirement, possible: boolean): void => {
    if (!possible && hasUnknownItem(requirement)) {
      target.fill(0);
      return;
    }
    for (const it of requirement.items) {
      if (possible && hasUnknownMember(it)) continue;
      const roles = it.roles;
      let set: Uint32Array | undefined;
      if (roles.length === 1) set = holders.get(roles[0]!);
      else {
        item.fill(0);
        for (const role of roles) {
          const held = holders.get(role);
          if (held !== undefined) for (let w = 0; w < words; w++) item[w]! |= held[w]!;
        }
        set = item;
      }
      if (set === undefined) target.fill(0);
      else for (let w = 0; w < words; w++) target[w]! &= set[w]!;
    }
  };
  // Distinct result sets, by their words as a string.
  const interned = new Map<string, Uint32Array>();
  const scratch = new Uint32Array(words);
  /** The interned set equal to `scratch`. */
  const intern = (): Uint32Array => {
    const key = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength).toString("latin1");
    let set = interned.get(key);
    if (set === undefined) interned.set(key, (set = scratch.slice()));
    return set;
  };
  const index: VisibilityIndex = {
    userTypes,
    words,
    visible(requirement, readonly) {
      const result = (readonly ? all : writable).slice();
      andItems(result, requirement, false);
      return result;
    },
    visibleShared(requirement, readonly) {
      scratch.set(readonly ? all : writable);
      andItems(scratch, requirement, false);
      return intern();
    },
    possible(requirement, readonly) {
      const result = (readonly ? all : writable).slice();
      andItems(result, requirement, true);
      return result;
    },
    possibleShared(requirement, readonly) {
      scratch.set(readonly ? all : writable);
      andItems(scratch, requirement, true);
      return intern();
    },
    has: (set, u) => ((set[u >>> 5]! >>> (u & 31)) & 1) === 1,
    isEmpty: (set) => {
      for (let w = 0; w < set.length; w++) if (set[w] !== 0) return false;
      return true;
    },
  };
  cache.set(model, index);
  return index;
}
