/**
 * The built-in roles of Lino's `lino.core.roles`, defined exactly like
 * generated role classes.
 */
import { defineRole } from "./registry.js";
import { UserRole, type RoleClass } from "./role.js";

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
