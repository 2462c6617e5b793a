/**
 * Who may see what, for many targets at once: a requirement evaluated over
 * all user types together as a bitset (bit u = user type u may see it). Each
 * role knows, as a bitset, the user types whose role inherits it; an item is
 * the OR of its roles' bitsets, a requirement the AND of its items. Used
 * wherever every (user type × target) cell is needed: tables, lints, reports.
 */
import type { RoleModel, UserTypeDef } from "../compiler/types.js";
import type { RequirementLike } from "./permissions.js";

/** Bitsets over the user types of one model. */
export interface VisibilityIndex {
  readonly userTypes: readonly UserTypeDef[];
  /** 32-bit words per bitset. */
  readonly words: number;
  /** The user types that may see something with this requirement (readonly or not). */
  visible(requirement: RequirementLike, readonly: boolean): Uint32Array;
  /** True when bit `userType` (its index in `userTypes`) is set. */
  has(set: Uint32Array, userType: number): boolean;
  isEmpty(set: Uint32Array): boolean;
}

const cache = new WeakMap<RoleModel, VisibilityIndex>();

/** The visibility index of a model (built once per model). */
export function visibilityIndex(model: RoleModel): VisibilityIndex {
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
    for (const role of model.roles.get(userType.role)?.mro ?? [userType.role]) {
      let set = holders.get(role);
      if (set === undefined) {
        set = new Uint32Array(words);
        holders.set(role, set);
      }
      set[word]! |= bit;
    }
  });
  const item = new Uint32Array(words);
  const index: VisibilityIndex = {
    userTypes,
    words,
    visible(requirement, readonly) {
      const result = (readonly ? all : writable).slice();
      for (const { roles } of requirement.items) {
        item.fill(0);
        for (const role of roles) {
          const set = holders.get(role);
          if (set !== undefined) for (let w = 0; w < words; w++) item[w]! |= set[w]!;
        }
        for (let w = 0; w < words; w++) result[w]! &= item[w]!;
      }
      return result;
    },
    has: (set, u) => ((set[u >>> 5]! >>> (u & 31)) & 1) === 1,
    isEmpty: (set) => set.every((w) => w === 0),
  };
  cache.set(model, index);
  return index;
}
