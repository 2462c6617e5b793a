/**
 * Machine-readable form of the UserTypes and UserRoles tables, for
 * `rolecraft show user-roles|user-types --format json`.
 *
 * `renderTable(userRolesTable(model), "json")` also works, but yields one
 * object per role with a `"☑"`/`""` member per user type value: faithful to
 * the table, awkward for programs. This document says the same thing as data:
 * the user types once, and for each meaningful role the values of the user
 * types that have it.
 */
import type { RoleModel } from "../compiler/types.js";
import { renderJsonDocument } from "./render-json.js";
import { userTypeAncestors } from "./user-roles-table.js";

/** One user type as listed in `UserRolesDocument`. */
export interface UserTypeSummary {
  readonly value: string;
  /** The first name, `null` when the type has none (Lino's `name`). */
  readonly name: string | null;
  /** All names, in order. */
  readonly names: readonly string[];
  readonly text: string;
  /** The role id of the type. */
  readonly role: string;
  readonly readonly: boolean;
}

/** One meaningful role (a UserRoles row) and the user types that have it. */
export interface RoleSummary {
  readonly id: string;
  /** Values of the user types whose role is a subclass of this role, in declaration order. */
  readonly userTypes: readonly string[];
}

/** The JSON document of `userRolesJson`. */
export interface UserRolesDocument {
  /** Every user type, in declaration order. */
  readonly userTypes: readonly UserTypeSummary[];
  /** The meaningful roles, sorted by id as in the table. */
  readonly roles: readonly RoleSummary[];
}

/** The UserTypes and UserRoles tables of a model as one plain-data document. */
export function userRolesDocument(model: RoleModel): UserRolesDocument {
  const ancestors = userTypeAncestors(model);
  return {
    userTypes: model.userTypes.map((t) => ({
      value: t.value,
      name: t.names[0] ?? null,
      names: [...t.names],
      text: t.text,
      role: t.role,
      readonly: t.readonly,
    })),
    roles: model.meaningful.map((id) => ({
      id,
      userTypes: model.userTypes.filter((_, i) => ancestors[i]?.has(id) === true).map((t) => t.value),
    })),
  };
}

/**
 * `userRolesDocument(model)` as JSON text: 2-space indent, trailing newline
 * (`show user-roles --format json`, through `userRolesReport`).
 * (Member names are fixed words and user type values only appear as array
 * elements, so `JSON.stringify` keeps every order here.)
 */
export function userRolesJson(model: RoleModel): string {
  return renderJsonDocument(userRolesDocument(model));
}
