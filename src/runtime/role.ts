import { getCurrentUserTypes } from "./current-user-types.js";
import { roleSatisfies } from "./matching.js";
import { defineRole, definedSubclass, isRoleClass, isSubclass } from "./registry.js";
import type { RequiredRoles } from "./requirements.js";
import type { UserType } from "./user-types.js";

/**
 * Base class for all user roles. Even anonymous users have this role.
 *
 * A role is a class; having a role means being an instance of it. A role may
 * have several bases: JavaScript `extends` only the first one, so every role
 * class carries its id, its bases and its C3 linearization (`mro`) as statics,
 * and `instanceof` as well as every permission check follows the whole MRO.
 *
 * @example
 * export class Customer extends SiteUser {
 *   static override readonly roleId: string = "noi.Customer";
 *   static override readonly bases: readonly RoleClass[] = [SiteUser, OfficeUser];
 *   static override readonly mro: readonly string[] = ["noi.Customer", "core.SiteUser", "office.OfficeUser", "core.UserRole"];
 *   static { defineRole(this); }
 * }
 */
export class UserRole {
  /** The role id, `<module>.<ClassName>`. */
  static readonly roleId: string = "core.UserRole";
  /** The bases, in declaration order (`[]` only for the root). */
  static readonly bases: readonly RoleClass[] = [];
  /** Python's C3 linearization as role ids: this role first, `core.UserRole` last. */
  static readonly mro: readonly string[] = ["core.UserRole"];

  static {
    defineRole(this);
  }

  /**
   * `x instanceof R` for a role instance is true when R's id is in the MRO of
   * x's class, so an instance of `core.SiteAdmin` is an instance of
   * `Supervisor` and `Explorer` although it `extends` only `SiteStaff`.
   * Other objects keep JavaScript's ordinary behaviour.
   */
  static [Symbol.hasInstance]<T extends abstract new (...args: never[]) => unknown>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value === "object" && value !== null) {
      const cls: unknown = value.constructor;
      if (typeof cls === "function") {
        // Fast path: a direct instance of a defined role.
        if (Object.getPrototypeOf(value) === cls.prototype) {
          const answer = definedSubclass(cls, this);
          if (answer !== undefined) return answer;
        }
        const self: unknown = this;
        if (isRoleClass(cls) && isRoleClass(self) && Object.prototype.isPrototypeOf.call(UserRole.prototype, value)) {
          // an instance of a class that was never defined: judged by its mro static
          return isSubclass(cls, self);
        }
      }
    }
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /**
   * Every user type of the current user types list whose role is this role or
   * a subclass of it, in declaration order (Lino's `get_user_profiles`).
   */
  static getUserProfiles(): UserType[] {
    const list = getCurrentUserTypes();
    if (list === undefined) return [];
    return list.items().filter((userType) => isSubclass(userType.roleClass, this));
  }

  /**
   * True when this role satisfies the requirement: for every item, this role
   * is a subclass of that role, or of at least one role of that OR-group.
   * An empty requirement is always satisfied.
   */
  hasRequiredRoles(requiredRoles: RequiredRoles): boolean {
    return roleSatisfies(this.constructor, requiredRoles);
  }

  /** The same as {@link UserRole.hasRequiredRoles} (Lino's newer name). */
  satisfiesRequirement(requiredRoles: RequiredRoles): boolean {
    return this.hasRequiredRoles(requiredRoles);
  }
}

/** A role class: `UserRole` or any class derived from it. */
export type RoleClass = typeof UserRole;
