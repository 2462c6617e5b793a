/**
 * The validated, linearized role model: what every later stage (emit,
 * reports, analyzer) works from. Plain data, no behaviour.
 */
import type { Span } from "../diagnostics/diagnostic.js";
import type { UserTypeShape } from "../runtime/semantics/user-type.js";

/** JSON-like value of free user type attributes. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The pseudo file of the built-in core roles (`RoleDef.file` of every `core` role). */
export const BUILTIN_FILE = "<builtin>";

/** One role class: `<module>.<name>`. */
export interface RoleDef {
  /** `<module>.<name>`, e.g. `noi.Customer`. */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  /** Direct bases, as role ids, in declaration order (`core.UserRole` for a root role). */
  readonly bases: readonly string[];
  /** C3 linearization, the role itself first, ending with `core.UserRole`. */
  readonly mro: readonly string[];
  readonly doc?: string;
  /** Where the role is declared (its key); `undefined` for built-in core roles. */
  readonly span?: Span;
  /** Where each base is written, parallel to `bases` (empty for built-ins and implicit roots). */
  readonly baseSpans: readonly Span[];
  /** The file that declares it ({@link BUILTIN_FILE} for core). */
  readonly file: string;
}

/**
 * One item of the UserTypes choicelist, validated: the runtime's
 * `UserTypeShape` (the one declaration of the user-type shape) with role ids,
 * names and hidden languages as lists, JSON attributes, and where it is written.
 */
export interface UserTypeDef extends UserTypeShape<string, readonly string[], readonly string[], { readonly [key: string]: JsonValue }> {
  readonly span: Span;
}

/** A name bound in the user types module's namespace (a UserRoles row). */
export interface Binding {
  readonly name: string;
  readonly role: string;
}

/** A module label and the files that declare it. */
export interface ModuleInfo {
  readonly label: string;
  readonly files: readonly string[];
}

/**
 * A role named in a role module, as the model resolved it: where, as
 * written, and which role it is (editors find, rename and explain roles by
 * these).
 */
export interface RoleReference {
  /** The role id it resolved to. */
  readonly role: string;
  /** As written: `module.Name`, a bare name or an alias; for a definition, the role's name. */
  readonly text: string;
  /** The YAML node or TypeScript expression that writes it (for a definition, its key). */
  readonly span: Span;
  readonly kind: "definition" | "base" | "import" | "userType";
  /** For an import: the name it binds in the file (the role's name, or the `as` alias). */
  readonly binding?: string;
}

/** The whole compiled role model of one user types module. */
export interface RoleModel {
  /** Every role, `core` first, then modules in first-seen order, roles in declaration order. */
  readonly roles: ReadonlyMap<string, RoleDef>;
  readonly modules: readonly ModuleInfo[];
  /** The file holding `userTypes`, or undefined when the project has none. */
  readonly userTypesFile?: string;
  /** Module label of the user types module. */
  readonly userTypesModule?: string;
  /** Names bound in the user types module's namespace, sorted by role id; without core.UserRole. */
  readonly bindings: readonly Binding[];
  /** The meaningful roles (UserRoles rows), sorted by id, deduplicated. */
  readonly meaningful: readonly string[];
  readonly userTypes: readonly UserTypeDef[];
  /** Every definition of a role and every reference to one that resolved, in the order of the files. */
  readonly references?: readonly RoleReference[];
}
