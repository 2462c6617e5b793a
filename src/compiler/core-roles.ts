/**
 * The built-in `core` module, as Lino's `lino/core/roles.py` defines it.
 * Bases are in declaration order: they decide the C3 linearization.
 */
export const CORE_MODULE = "core";

/** Built-in core roles with their bases (role ids) and docs. */
export const CORE_ROLES: readonly { readonly name: string; readonly bases: readonly string[]; readonly doc: string }[] = [
  { name: "UserRole", bases: [], doc: "Base class for all user roles. Even anonymous users have this role." },
  { name: "Anonymous", bases: ["core.UserRole"], doc: "The role used by anonymous guest sessions." },
  { name: "SiteUser", bases: ["core.UserRole"], doc: "Every authenticated user has this role." },
  { name: "Expert", bases: ["core.SiteUser"], doc: "A user with some expertise." },
  { name: "SiteStaff", bases: ["core.Expert"], doc: "A user who can configure site-wide functionality." },
  { name: "Supervisor", bases: ["core.UserRole"], doc: "A user who has permission to act as another user." },
  { name: "Explorer", bases: ["core.UserRole"], doc: "A user who has permission to explore the database content, e.g. for writing statistical reports." },
  { name: "SiteAdmin", bases: ["core.SiteStaff", "core.Supervisor", "core.Explorer"], doc: "A user role that grants all permissions." },
];

/** The pseudo file of built-in roles. */
export const BUILTIN_FILE = "<builtin>";
