/**
 * The built-in roles of Lino's `lino.core.roles`, defined exactly like
 * generated role classes, and the same roles as plain data for the
 * toolchain ({@link CORE_ROLES}): the classes are the one place their bases
 * are written.
 */
import { defineRole } from "./registry.js";
import { UserRole, type RoleClass } from "./role.js";
import { CORE_MODULE } from "./semantics/role-hierarchy.js";

/** The role used by anonymous guest sessions. */
export class Anonymous extends UserRole {
  static override readonly roleId: string = "core.Anonymous";
  static override readonly bases: readonly RoleClass[] = [UserRole];
  static override readonly mro: readonly string[] = ["core.Anonymous", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/** Every authenticated user has this role. */
export class SiteUser extends UserRole {
  static override readonly roleId: string = "core.SiteUser";
  static override readonly bases: readonly RoleClass[] = [UserRole];
  static override readonly mro: readonly string[] = ["core.SiteUser", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/** A user with some expertise. */
export class Expert extends SiteUser {
  static override readonly roleId: string = "core.Expert";
  static override readonly bases: readonly RoleClass[] = [SiteUser];
  static override readonly mro: readonly string[] = ["core.Expert", "core.SiteUser", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/**
 * A user who can configure site-wide functionality.
 *
 * Certain privileged actions require this role: merging duplicate database
 * records, editing printable templates.
 */
export class SiteStaff extends Expert {
  static override readonly roleId: string = "core.SiteStaff";
  static override readonly bases: readonly RoleClass[] = [Expert];
  static override readonly mro: readonly string[] = ["core.SiteStaff", "core.Expert", "core.SiteUser", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/** A user who has permission to act as another user. */
export class Supervisor extends UserRole {
  static override readonly roleId: string = "core.Supervisor";
  static override readonly bases: readonly RoleClass[] = [UserRole];
  static override readonly mro: readonly string[] = ["core.Supervisor", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/**
 * A user who has permission to explore the database content, e.g. for writing
 * statistical reports.
 */
export class Explorer extends UserRole {
  static override readonly roleId: string = "core.Explorer";
  static override readonly bases: readonly RoleClass[] = [UserRole];
  static override readonly mro: readonly string[] = ["core.Explorer", "core.UserRole"];
  static {
    defineRole(this);
  }
}

/** A user role that grants all permissions. */
export class SiteAdmin extends SiteStaff {
  static override readonly roleId: string = "core.SiteAdmin";
  static override readonly bases: readonly RoleClass[] = [SiteStaff, Supervisor, Explorer];
  static override readonly mro: readonly string[] = [
    "core.SiteAdmin",
    "core.SiteStaff",
    "core.Expert",
    "core.SiteUser",
    "core.Supervisor",
    "core.Explorer",
    "core.UserRole",
  ];
  static {
    defineRole(this);
  }
}

/** A built-in role as plain data. */
export interface CoreRoleData {
  /** `core.<name>`. */
  readonly id: string;
  /** The class name. */
  readonly name: string;
  /** Direct bases as role ids, in declaration order (`[]` for `core.UserRole`). */
  readonly bases: readonly string[];
  /** The role's doc, as reports print it. */
  readonly doc: string;
}

function coreRole(role: RoleClass, doc: string): CoreRoleData {
  return { id: role.roleId, name: role.roleId.slice(CORE_MODULE.length + 1), bases: role.bases.map((base) => base.roleId), doc };
}

/**
 * The built-in `core` module as plain data, in Lino's declaration order (the
 * order the compiler's model lists them in): what the compiler, the code
 * generator and the analyzer start from. Derived from the classes above.
 */
export const CORE_ROLES: readonly CoreRoleData[] = Object.freeze([
  coreRole(UserRole, "Base class for all user roles. Even anonymous users have this role."),
  coreRole(Anonymous, "The role used by anonymous guest sessions."),
  coreRole(SiteUser, "Every authenticated user has this role."),
  coreRole(Expert, "A user with some expertise."),
  coreRole(SiteStaff, "A user who can configure site-wide functionality."),
  coreRole(Supervisor, "A user who has permission to act as another user."),
  coreRole(Explorer, "A user who has permission to explore the database content, e.g. for writing statistical reports."),
  coreRole(SiteAdmin, "A user role that grants all permissions."),
]);
