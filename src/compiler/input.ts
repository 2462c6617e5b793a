/**
 * The shape of a role module as written by people (SPEC §3). It mirrors
 * `schemas/role-module.schema.json`; a test checks that the two agree.
 */

/** A role reference: `module.Name`, or a bare `Name` defined in this module or imported. */
export type RoleReference = string;

/** An entry of `imports`: a qualified role, optionally bound under another name. */
export type RoleImport = string | { readonly role: string; readonly as?: string };

/** A role definition: its bases, or an object with bases and doc (null: no bases). */
export type RoleDefinitionInput = readonly RoleReference[] | null | { readonly bases?: readonly RoleReference[]; readonly doc?: string };

/** One item of the UserTypes choicelist. */
export interface UserTypeInput {
  readonly value: string;
  /** A string split on whitespace, or a list; the first is the name. */
  readonly names?: string | readonly string[];
  readonly text: string;
  readonly role: RoleReference;
  readonly readonly?: boolean;
  readonly hiddenLanguages?: string | readonly string[];
  readonly maskNotifications?: readonly string[];
  readonly attributes?: { readonly [key: string]: unknown };
}

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
