/**
 * User types (Lino's `UserTypes` choicelist): each user has one; it names a
 * role and a few presentation attributes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setCurrentUserTypes } from "./current-user-types.js";
import { ancestorsSatisfy, ROLE_BITS, roleSatisfies } from "./matching.js";
import { isRoleClass, roleInfo, wideAncestors } from "./registry.js";
import { renderValue } from "./render-value.js";
import type { RequiredRoles } from "./requirements.js";
import type { RoleClass, UserRole } from "./role.js";
import { userTypeLabel, type UserTypeDeclaration, type UserTypeShape } from "./semantics/user-type.js";

/**
 * How a user type is declared (see {@link defineUserTypes}): the one
 * user-type shape (`UserTypeShape`, see semantics/user-type.ts) with a role
 * class and names typed as `K`; only `value`, `text` and `role` are required.
 */
export type UserTypeInit<K extends string = string> = UserTypeDeclaration<
  UserTypeShape<RoleClass, readonly K[], readonly string[], Readonly<Record<string, unknown>>>,
  undefined
>;

const NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const currentUserType = new AsyncLocalStorage<UserType>();

/**
 * One user type: an item of a {@link UserTypes} list. Its fields follow the
 * one user-type shape (a role instance as `role`; `maskNotifications` as a set).
 */
export class UserType implements Omit<UserTypeShape<UserRole>, "maskNotifications"> {
  /** The unique value (what a user record stores). */
  readonly value: string;
  /** All names, in declaration order. */
  readonly names: readonly string[];
  /** The first name, if any. */
  readonly name: string | undefined;
  /** Human-readable text. */
  readonly text: string;
  /** The role of users of this type: an instance of {@link UserType.roleClass}, as in Lino. */
  readonly role: UserRole;
  /** The role class of users of this type. */
  readonly roleClass: RoleClass;
  /** Whether users of this type get only write-protected access. */
  readonly readonly: boolean;
  /** Languages hidden for users of this type. */
  readonly hiddenLanguages: readonly string[];
  /** Notification message types users of this type never receive. */
  readonly maskNotifications: ReadonlySet<string>;
  /** Free attributes, e.g. `{ authenticated: false }`. */
  readonly attributes: Readonly<Record<string, unknown>>;

  constructor(init: UserTypeInit) {
    if (typeof init.value !== "string" || init.value === "") {
      throw new Error(`user type value ${renderValue(init.value)} must be a non-empty string`);
    }
    if (!isRoleClass(init.role)) {
      throw new Error(`user type ${renderValue(init.value)}: role ${renderValue(init.role)} is not a UserRole`);
    }
    const names: readonly unknown[] = splitNames(init.names);
    for (const name of names) {
      if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
        throw new Error(`user type ${renderValue(init.value)}: name ${renderValue(name)} is not an identifier`);
      }
    }
    this.value = init.value;
    this.names = Object.freeze(names.map(String));
    this.name = this.names[0];
    this.text = init.text;
    this.roleClass = init.role;
    const info = roleInfo(init.role);
    // The role's ancestor bits, looked up once (none for a role that was never defined), as a
    // hidden property: `hasRequiredRoles(userType, …)` finds them with one load.
    if (info !== undefined) Object.defineProperty(this, ROLE_BITS, { value: wideAncestors(info), enumerable: false });
    this.role = new init.role();
    this.readonly = init.readonly ?? false;
    this.hiddenLanguages = Object.freeze([...(init.hiddenLanguages ?? [])]);
    this.maskNotifications = new Set(init.maskNotifications ?? []);
    this.attributes = Object.freeze({ ...init.attributes });
  }

  /** The label used by `visibleFor`: the first name, else the value. */
  get label(): string {
    return userTypeLabel(this);
  }

  /**
   * True when this type's role satisfies `requiredRoles` (see
   * `hasRequiredRoles`). Ignores `readonly`.
   */
  hasRequiredRoles(requiredRoles: RequiredRoles): boolean {
    const ancestors = (this as { readonly [ROLE_BITS]?: Int32Array })[ROLE_BITS];
    return ancestors === undefined ? roleSatisfies(this.roleClass, requiredRoles) : ancestorsSatisfy(ancestors, requiredRoles);
  }

  /**
   * Runs `fn` with this as the current user type ({@link UserType.current})
   * and returns what it returns. Works for async functions: the current type
   * follows the async context, so concurrent contexts don't leak into each
   * other.
   */
  context<T>(fn: () => T): T {
    return currentUserType.run(this, fn);
  }

  /** The user type of the innermost {@link UserType.context} call, if any. */
  static current(): UserType | undefined {
    return currentUserType.getStore();
  }

  /** The text, as Lino prints a user type. */
  toString(): string {
    return this.text;
  }
}

function splitNames(names: unknown): readonly unknown[] {
  if (names === undefined || names === null) return [];
  // Lino (and the YAML input) allow "customer user": every word is a name.
  if (typeof names === "string") return names.split(/\s+/).filter((word) => word !== "");
  if (!Array.isArray(names)) throw new Error(`user type names ${renderValue(names)} must be an array`);
  return names;
}

/**
 * A list of user types in declaration order (never sorted), with lookups by
 * value and name. {@link defineUserTypes} adds one read-only accessor per name.
 */
export class UserTypes implements Iterable<UserType> {
  readonly #items: readonly UserType[];
  readonly #byValue = new Map<string, UserType>();
  readonly #byName = new Map<string, UserType>();

  /**
   * Builds the list and its per-name accessors; throws when a value or a name
   * is used twice or a name is reserved ({@link RESERVED_USER_TYPE_NAMES}).
   * Prefer {@link defineUserTypes}, which types the accessors.
   */
  constructor(items: Iterable<UserTypeInit | UserType>) {
    const list: UserType[] = [];
    for (const item of items) {
      const userType = item instanceof UserType ? item : new UserType(item);
      const sameValue = this.#byValue.get(userType.value);
      if (sameValue !== undefined) {
        throw new Error(`duplicate user type value ${renderValue(userType.value)}`);
      }
      this.#byValue.set(userType.value, userType);
      for (const name of userType.names) {
        if (RESERVED.has(name)) {
          throw new Error(
            `user type ${renderValue(userType.value)}: name ${renderValue(name)} is reserved (a member of UserTypes)`,
          );
        }
        const sameName = this.#byName.get(name);
        if (sameName !== undefined) {
          throw new Error(
            `duplicate user type name ${renderValue(name)} (values ${renderValue(sameName.value)} and ${renderValue(userType.value)})`,
          );
        }
        this.#byName.set(name, userType);
        Object.defineProperty(this, name, { value: userType, enumerable: true });
      }
      list.push(userType);
    }
    this.#items = Object.freeze(list);
    Object.freeze(this);
  }

  /** The user type with this value, or `undefined`. */
  getByValue(value: string): UserType | undefined {
    return this.#byValue.get(value);
  }

  /** The user type with this name (any of its names), or `undefined`. */
  getByName(name: string): UserType | undefined {
    return this.#byName.get(name);
  }

  /** The user type named `anonymous`, or `undefined`. */
  getAnonymousUser(): UserType | undefined {
    return this.#byName.get("anonymous");
  }

  /** All user types, in declaration order (a frozen array). */
  items(): readonly UserType[] {
    return this.#items;
  }

  /** The number of user types. */
  get size(): number {
    return this.#items.length;
  }

  /** Iterates the user types in declaration order. */
  [Symbol.iterator](): Iterator<UserType> {
    return this.#items[Symbol.iterator]();
  }
}

function memberNames(): string[] {
  const names = new Set<string>();
  for (let proto: object | null = UserTypes.prototype; proto !== null; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
  }
  return [...names].sort();
}

/**
 * Names a user type must not take because a `UserTypes` object already has a
 * member of that name (its methods and getters and everything it inherits from
 * `Object.prototype`: `constructor`, `toString`, `hasOwnProperty`,
 * `__proto__`, `valueOf`, …). Sorted. The code generator rejects them too.
 */
export const RESERVED_USER_TYPE_NAMES: readonly string[] = Object.freeze(memberNames());

const RESERVED: ReadonlySet<string> = new Set(RESERVED_USER_TYPE_NAMES);

/**
 * Makes the user types list of an application and makes it the current list
 * (used by `UserRole.getUserProfiles()` and by `visibleFor` without a list).
 * The result has one read-only, typed accessor per name.
 *
 * Throws an Error naming the culprit when a value or a name is used twice, a
 * name is not an identifier or is reserved, or a role is not a role class.
 *
 * @example
 * export const UserTypes = defineUserTypes([
 *   { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true },
 *   { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin },
 * ]);
 * UserTypes.admin.hasRequiredRoles([SiteStaff]); // true
 */
export function defineUserTypes<const K extends string = never>(
  items: readonly UserTypeInit<K>[],
): UserTypes & { readonly [P in K]: UserType } {
  const list = new UserTypes(items);
  setCurrentUserTypes(list);
  // The constructor defined one accessor per name, which is what the mapped type states.
  return list as UserTypes & { readonly [P in K]: UserType };
}
