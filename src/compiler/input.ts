/**
 * The shape of a role module as written by people (SPEC §3). It mirrors
 * `schemas/role-module.schema.json`; a test checks that the two agree.
 */
import type { UserTypeDeclaration, UserTypeShape } from "../runtime/semantics/user-type.js";

/** A role reference: `module.Name`, or a bare `Name` defined in this module or imported. */
export type RoleReference = string;

/** An entry of `imports`: a qualified role, optionally bound under another name. */
export type RoleImport = string | { readonly role: string; readonly as?: string };

/** A role definition: its bases, or an object with bases and doc (null: no bases). */
export type RoleDefinitionInput = readonly RoleReference[] | null | { readonly bases?: readonly RoleReference[]; readonly doc?: string };

/**
 * One item of the UserTypes choicelist as written: the runtime's
 * `UserTypeShape` (the one declaration of the user-type shape) with a role
 * reference, `names` and `hiddenLanguages` as a string of words or a list,
 * and only `value`, `text` and `role` required.
 */
export type UserTypeInput = UserTypeDeclaration<UserTypeShape<RoleReference, string | readonly string[], string | readonly string[], { readonly [key: string]: unknown }>>;

/** A role module (one YAML file or the default export of a TypeScript module). */
export interface RoleModuleInput {
  readonly $schema?: string;
  readonly module: string;
  readonly doc?: string;
  readonly include?: readonly string[];
  readonly imports?: readonly RoleImport[];
  readonly roles?: { readonly [name: string]: RoleDefinitionInput };
  readonly userTypes?: readonly UserTypeInput[];
}

/**
 * Gives a TypeScript role module its types: `export default defineRoleModule({ … })`.
 * It returns its argument unchanged; rolecraft validates the data like YAML input.
 */
export function defineRoleModule<const T extends RoleModuleInput>(module: T): T {
  return module;
}
