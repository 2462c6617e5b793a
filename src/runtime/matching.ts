/**
 * The requirement engine. A requirement is compiled once into bit masks
 * (cached by the identity of the requirement object), so that checking a
 * defined role is a loop of `(ancestors[w] & mask) !== 0` tests without any
 * allocation.
 */
import { checkRequiredRoles } from "./check-required-roles.js";
import { isRoleClass, mroOf, registryGeneration, roleInfo, roleInfoById } from "./registry.js";
import { renderValue } from "./render-value.js";
import type { RequiredRoles } from "./requirements.js";
import type { RoleClass } from "./role.js";
import { ancestorsSatisfy as referenceSatisfies, type RequirementLike } from "./semantics/requirement.js";
import { ROOT_ROLE } from "./semantics/role-hierarchy.js";

/**
 * A compiled requirement.
 *
 * Its code (see {@link encode}) and when it was compiled.
 */
interface CompiledRequirement {
  /** See {@link encode}. */
  readonly code: Int32Array;
  /**
   * The registry generation the requirement was compiled at, or -1 when every
   * member was a defined role (then defining more roles cannot change it).
   */
  readonly generation: number;
}

const compiled = new WeakMap<object, CompiledRequirement>();

/** Where a requirement array keeps its compiled form (a hidden, non-enumerable property). */
const COMPILED: unique symbol = Symbol("rolecraft.compiledRequirement");

/**
 * Where a requirement array that only names defined roles keeps its code
 * directly (compiled when it was built): one property load from the
 * requirement to its masks. See {@link encode} for the layout.
 */
const CODE: unique symbol = Symbol("rolecraft.requirementCode");

/**
 * A requirement of at most {@link INLINE_ITEMS} items, each within one
 * 32-bit word (the common case), also keeps its (word, mask) pairs as hidden
 * properties of its own, inside the array object: a check then reads the
 * requirement and the role's bits and nothing else. Unused pairs stand for
 * `core.UserRole`, which every role has.
 */
const W0: unique symbol = Symbol("rolecraft.w0");
const M0: unique symbol = Symbol("rolecraft.m0");
const W1: unique symbol = Symbol("rolecraft.w1");
const M1: unique symbol = Symbol("rolecraft.m1");
const W2: unique symbol = Symbol("rolecraft.w2");
const M2: unique symbol = Symbol("rolecraft.m2");
const INLINE_ITEMS = 3;
const INLINE_KEYS = [W0, M0, W1, M1, W2, M2] as const;

/** A requirement array as the checks see it (every hidden property may be missing). */
interface Compiled {
  readonly [W0]?: number;
  readonly [M0]?: number;
  readonly [W1]?: number;
  readonly [M1]?: number;
  readonly [W2]?: number;
  readonly [M2]?: number;
  readonly [CODE]?: Int32Array;
  readonly [COMPILED]?: CompiledSlot;
}

/**
 * Where a user type keeps its role's ancestor bits (a hidden, non-enumerable
 * property), for `hasRequiredRoles(userType, …)` to find with one load.
 * @internal
 */
export const ROLE_BITS: unique symbol = Symbol("rolecraft.roleBits");

/** The mutable holder behind the hidden property (frozen arrays get it before freezing). */
interface CompiledSlot {
  compiled: CompiledRequirement | undefined;
}

/**
 * Gives a requirement array a slot for its compiled form. Called by
 * `loginRequired` and `addRequirements` before they freeze their result.
 * @internal
 */
export function withCompiledSlot<T extends object>(requiredRoles: T): T {
  if (!Object.isExtensible(requiredRoles)) return requiredRoles;
  // Usually every role named is defined by now (role modules define their
  // classes as they load): compile at once, and keep the code itself.
  const code = compileNow(requiredRoles as unknown as RequiredRoles);
  if (code === undefined) {
    Object.defineProperty(requiredRoles, COMPILED, { value: { compiled: undefined } satisfies CompiledSlot, enumerable: false });
    return requiredRoles;
  }
  const pairs = inlinePairs(code);
  if (pairs !== undefined) INLINE_KEYS.forEach((key, i) => Object.defineProperty(requiredRoles, key, { value: pairs[i], enumerable: false }));
  Object.defineProperty(requiredRoles, CODE, { value: code, enumerable: false });
  return requiredRoles;
}

/** The inline (word, mask) pairs of a simple code of at most {@link INLINE_ITEMS} items, padded with the root role's. */
function inlinePairs(code: Int32Array): number[] | undefined {
  const root = roleInfoById(ROOT_ROLE);
  if (code[0]! >= 0 || code.length > 1 + 2 * INLINE_ITEMS || root === undefined) return undefined;
  const pairs = [...code.subarray(1)];
  while (pairs.length < 2 * INLINE_ITEMS) pairs.push(root.bit >>> 5, 1 << (root.bit & 31));
  return pairs;
}

/** The code of a requirement that is valid and names only defined roles; undefined otherwise (checked on first use). */
function compileNow(requiredRoles: RequiredRoles): Int32Array | undefined {
  try {
    const requirement = compile(requiredRoles);
    return requirement.generation === -1 ? requirement.code : undefined;
  } catch {
    // An invalid requirement is reported where it is used, as always.
    return undefined;
  }
}

/** Attaches a compiled form to an extensible array the caller passed in; false when it can't. */
function attachSlot(requiredRoles: object, requirement: CompiledRequirement): boolean {
  if (!Object.isExtensible(requiredRoles)) return false;
  Object.defineProperty(requiredRoles, COMPILED, { value: { compiled: requirement } satisfies CompiledSlot, enumerable: false });
  return true;
}

// A one-entry cache in front of the role WeakMap: permission checks tend to
// come in runs with the same role, and an identity test is cheaper than a lookup.
let lastRole: object | undefined;
let lastAncestors: Int32Array = new Int32Array(0);

/** The actor name Lino uses when a check comes from code rather than an actor. */
const CODE_ACTOR = "code";

/**
 * True when `role` satisfies `requiredRoles` (see `hasRequiredRoles`).
 * Requirements are cached by identity and must not be mutated after their
 * first use (`loginRequired` and `addRequirements` return frozen arrays).
 * Throws a TypeError when `role` is not a role class.
 * @internal
 */
export function roleSatisfies(role: object, requiredRoles: RequiredRoles): boolean {
  if (role !== lastRole) {
    const info = roleInfo(role);
    if (info === undefined) {
      if (!isRoleClass(role)) throw new TypeError(`${renderValue(role)} is not a UserRole`);
      return naiveSatisfies(mroOf(role), requiredRoles);
    }
    lastRole = role;
    lastAncestors = info.ancestors;
  }
  return ancestorsSatisfy(lastAncestors, requiredRoles);
}

/**
 * True when a defined role with these ancestor bits satisfies `requiredRoles`.
 * @internal
 */
export function ancestorsSatisfy(ancestors: Int32Array, requiredRoles: RequiredRoles): boolean {
  // Fastest: the masks sit in the requirement object itself; next, its code
  // (one property load); everything else (first use, WeakMap, stale) is out of line.
  const r = requiredRoles as Compiled;
  const m0 = r[M0];
  if (m0 !== undefined) {
    // An out-of-range read (a mask word beyond a role's ancestors) yields undefined, and undefined & x === 0.
    return (ancestors[r[W0]!]! & m0) !== 0 && (ancestors[r[W1]!]! & r[M1]!) !== 0 && (ancestors[r[W2]!]! & r[M2]!) !== 0;
  }
  let code = r[CODE];
  if (code === undefined) code = slowCode(requiredRoles);
  return codeSatisfied(ancestors, code);
}

/** Runs a requirement's code (see {@link encode}) against a role's ancestor bits. */
function codeSatisfied(ancestors: Int32Array, code: Int32Array): boolean {
  const length = code.length;
  if (code[0]! < 0) {
    // Every item in one word: (word, mask) pairs.
    for (let i = 1; i < length; i += 2) {
      // An out-of-range read (a mask word beyond a role's ancestors) yields undefined, and undefined & x === 0.
      if ((ancestors[code[i]!]! & code[i + 1]!) === 0) return false;
    }
    return true;
  }
  let i = 1;
  while (i < length) {
    const end = i + 1 + 2 * code[i]!;
    let satisfied = false;
    for (let j = i + 1; j < end; j += 2) {
      if ((ancestors[code[j]!]! & code[j + 1]!) !== 0) {
        satisfied = true;
        break;
      }
    }
    if (!satisfied) return false;
    i = end;
  }
  return true;
}

/** The code of a requirement without code of its own (built elsewhere, or naming roles defined later). */
function slowCode(requiredRoles: RequiredRoles): Int32Array {
  const slot = (requiredRoles as Compiled)[COMPILED];
  let requirement = slot === undefined ? undefined : slot.compiled;
  if (requirement === undefined || (requirement.generation !== -1 && requirement.generation !== registryGeneration())) {
    requirement = compiledRequirement(requiredRoles, slot);
  }
  return requirement.code;
}

/** The compiled form of a requirement, compiling (again) when needed, and remembering it. */
function compiledRequirement(requiredRoles: RequiredRoles, slot: CompiledSlot | undefined): CompiledRequirement {
  let requirement = slot?.compiled ?? compiled.get(requiredRoles);
  if (requirement === undefined || (requirement.generation !== -1 && requirement.generation !== registryGeneration())) {
    // First use, or some member was not a defined role when it was compiled and roles were defined since.
    requirement = compile(requiredRoles);
    if (slot !== undefined) slot.compiled = requirement;
    else if (!attachSlot(requiredRoles, requirement)) compiled.set(requiredRoles, requirement);
  }
  return requirement;
}

function compile(requiredRoles: RequiredRoles): CompiledRequirement {
  checkRequiredRoles(requiredRoles, CODE_ACTOR);
  const items: [number, number][][] = [];
  let complete = true;
  for (const item of requiredRoles) {
    const members: Iterable<RoleClass> = isRoleClass(item) ? [item] : item;
    const masks = new Map<number, number>();
    for (const member of members) {
      // A class that was never defined counts as the role its id names, if any.
      const info = roleInfo(member) ?? roleInfoById(member.roleId);
      if (info === undefined || info.role !== member) complete = false;
      if (info === undefined) continue; // no defined role can inherit from it
      const word = info.bit >>> 5;
      masks.set(word, (masks.get(word) ?? 0) | (1 << (info.bit & 31)));
    }
    items.push([...masks.entries()].sort(([a], [b]) => a - b));
  }
  return { code: encode(items), generation: complete ? -1 : registryGeneration() };
}

/**
 * A requirement's code: when every item's roles live in one 32-bit word (the
 * common case), `-1` followed by one (word, mask) pair per item; otherwise
 * `1`, then per item its number of pairs followed by the pairs.
 */
function encode(items: readonly (readonly [number, number])[][]): Int32Array {
  const simple = items.every((pairs) => pairs.length === 1);
  const body = simple ? items.flatMap((pairs) => pairs.flat()) : items.flatMap((pairs) => [pairs.length, ...pairs.flat()]);
  return Int32Array.from([simple ? -1 : 1, ...body]);
}

/**
 * For roles that were never defined: the reference definition itself
 * (semantics/requirement.ts), over the role's MRO and the members' ids. The
 * bitset engine above is a faster form of it, kept equal by a differential test.
 */
function naiveSatisfies(mro: readonly string[], requiredRoles: RequiredRoles): boolean {
  checkRequiredRoles(requiredRoles, CODE_ACTOR);
  return referenceSatisfies(new Set(mro), requirementIds(requiredRoles));
}

/**
 * A requirement of role classes as role ids (a class that was never defined
 * counts as the role its id names). Expects a validated requirement.
 * @internal
 */
export function requirementIds(requiredRoles: RequiredRoles): RequirementLike {
  return {
    items: [...requiredRoles].map((item) => ({ roles: isRoleClass(item) ? [item.roleId] : [...item].map((member) => member.roleId) })),
  };
}
