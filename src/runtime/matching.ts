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

/**
 * A compiled requirement.
 *
 * When every item's roles live in one 32-bit word (the common case), `code`
 * holds one (word, mask) pair per item and `simple` is true. Otherwise each
 * item is its number of (word, mask) pairs followed by the pairs.
 */
interface CompiledRequirement {
  readonly code: Int32Array;
  readonly simple: boolean;
  /**
   * The registry generation the requirement was compiled at, or -1 when every
   * member was a defined role (then defining more roles cannot change it).
   */
  readonly generation: number;
}

const compiled = new WeakMap<object, CompiledRequirement>();

/** Where a requirement array keeps its compiled form (a hidden, non-enumerable property). */
const COMPILED: unique symbol = Symbol("rolecraft.compiledRequirement");

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
  if (Object.isExtensible(requiredRoles)) {
    Object.defineProperty(requiredRoles, COMPILED, { value: { compiled: undefined } satisfies CompiledSlot, enumerable: false });
  }
  return requiredRoles;
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
  // Fast path: the compiled form sits in the requirement's own slot (one
  // property load); everything else (first use, WeakMap, stale) is out of line.
  const slot = (requiredRoles as { readonly [COMPILED]?: CompiledSlot })[COMPILED];
  let requirement = slot === undefined ? undefined : slot.compiled;
  if (requirement === undefined || (requirement.generation !== -1 && requirement.generation !== registryGeneration())) {
    requirement = compiledRequirement(requiredRoles, slot);
  }
  const code = requirement.code;
  const length = code.length;
  if (requirement.simple) {
    for (let i = 0; i < length; i += 2) {
      // An out-of-range read (a mask word beyond a role's ancestors) yields undefined, and undefined & x === 0.
      if ((ancestors[code[i]!]! & code[i + 1]!) === 0) return false;
    }
    return true;
  }
  let i = 0;
  while (i < length) {
    const end = i + 1 + 2 * (code[i] ?? 0);
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
  const simple = items.every((pairs) => pairs.length === 1);
  const code = simple
    ? items.flatMap((pairs) => pairs.flat())
    : items.flatMap((pairs) => [pairs.length, ...pairs.flat()]);
  return { code: Int32Array.from(code), simple, generation: complete ? -1 : registryGeneration() };
}

/** The reference semantics, for roles that were never defined. */
function naiveSatisfies(mro: readonly string[], requiredRoles: RequiredRoles): boolean {
  checkRequiredRoles(requiredRoles, CODE_ACTOR);
  for (const item of requiredRoles) {
    const members: Iterable<RoleClass> = isRoleClass(item) ? [item] : item;
    let satisfied = false;
    for (const member of members) {
      if (mro.includes(member.roleId)) {
        satisfied = true;
        break;
      }
    }
    if (!satisfied) return false;
  }
  return true;
}
