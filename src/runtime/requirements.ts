/**
 * Requirement specifications: an AND-collection (array) whose items are a role
 * or an OR-group (nested array) of roles.
 */
import { SiteUser } from "./core-roles.js";
import { ancestorsSatisfy, ROLE_BITS, roleSatisfies, withCompiledSlot } from "./matching.js";
import { isRoleClass } from "./registry.js";
import type { RoleClass, UserRole } from "./role.js";
import { UserType } from "./user-types.js";

/** One item of a requirement: a role, or an OR-group of roles (at least one of them). */
export type RequirementItem = RoleClass | readonly RoleClass[];

/** A requirement: every item must be satisfied. An empty requirement is always satisfied. */
export type RequiredRoles = readonly RequirementItem[];

/**
 * The arrays `loginRequired` and `addRequirements` return: arrays to every
 * reader (`Array.isArray`, JSON, spreading; `map` and friends return plain
 * arrays). Being created by a class, each has room inside the object for the
 * hidden property that holds its compiled code: a check reaches the code with
 * one load instead of two (see matching.ts).
 */
class RequirementArray extends Array<RequirementItem> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

const SITE_USER_REQUIRED: RequiredRoles = uniqueItems([SiteUser]);

/**
 * The roles required by something that needs a login (Lino's `login_required`):
 * exactly the items given, de-duplicated, in order, frozen; it does **not** add
 * `SiteUser`. With no argument, `[SiteUser]` (the same frozen array each time).
 *
 * Duplicates are dropped as Python's `set` would: a role by identity, an
 * OR-group when another group has the same members in the same order.
 *
 * @example
 * loginRequired(OfficeUser, [IntegUser, SocialCoordinator])
 */
export function loginRequired(...items: RequirementItem[]): RequiredRoles {
  if (items.length === 0) return SITE_USER_REQUIRED;
  return uniqueItems(items);
}

/**
 * `base` followed by `items`, de-duplicated like {@link loginRequired}, frozen.
 * Use it to extend another actor's requirement:
 * `addRequirements(Other.requiredRoles, SiteStaff)`.
 */
export function addRequirements(base: RequiredRoles, ...items: RequirementItem[]): RequiredRoles {
  return uniqueItems([...base, ...items]);
}

/** A frozen requirement array of the distinct `items`, compiled (see matching.ts). */
function uniqueItems(items: readonly RequirementItem[]): RequiredRoles {
  const result = new RequirementArray();
  for (const item of items) {
    if (!result.some((kept) => sameItem(kept, item))) result.push(item);
  }
  return Object.freeze(withCompiledSlot(result));
}

function sameItem(a: RequirementItem, b: RequirementItem): boolean {
  if (a === b) return true;
  if (isRoleClass(a) || isRoleClass(b) || !Array.isArray(a) || !Array.isArray(b)) return false;
  return a.length === b.length && a.every((role, i) => role === b[i]);
}

/**
 * True when the subject's role satisfies `requiredRoles`: for every item, the
 * role is a subclass (following the whole MRO) of that role or of at least one
 * role of that OR-group. An empty requirement is always satisfied. For a user
 * type this asks its role and ignores `readonly`.
 *
 * The requirement is validated (see `checkRequiredRoles`) and compiled into bit
 * masks on first use and cached by identity, so don't mutate it afterwards.
 *
 * @param subject a role class, a role instance or a user type
 */
export function hasRequiredRoles(subject: RoleClass | UserRole | UserType, requiredRoles: RequiredRoles): boolean {
  // The common case in a few loads, small enough to be inlined where it is called: a user
  // type of a defined role (its role's ancestor bits) and a requirement compiled when built.
  const bits = (subject as { readonly [ROLE_BITS]?: Int32Array })[ROLE_BITS];
  if (bits !== undefined) return ancestorsSatisfy(bits, requiredRoles);
  return otherRequiredRoles(subject, requiredRoles);
}

/** {@link hasRequiredRoles} for everything but its common case. */
function otherRequiredRoles(subject: RoleClass | UserRole | UserType, requiredRoles: RequiredRoles): boolean {
  if (typeof subject === "function") return roleSatisfies(subject, requiredRoles);
  if (subject instanceof UserType) return subject.hasRequiredRoles(requiredRoles);
  return subject.hasRequiredRoles(requiredRoles);
}
