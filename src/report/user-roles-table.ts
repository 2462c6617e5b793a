/** The UserRoles table (SPEC §2): Lino's `rt.show(users.UserRoles)`. */
import type { RoleModel } from "../compiler/types.js";
import { ancestorsOf } from "../runtime/semantics/index.js";
import { CHECK_MARK, userTypeHeader, type ColumnLabels, type Table } from "./table.js";

/**
 * The UserRoles table of a model. Rows: the meaningful roles, `model.meaningful`,
 * which the compiler already sorted by id in code-point order. Columns: `Name`
 * (key `name`), then one per user type, keyed by its value and headed by it
 * (Lino's) or, with `labels: "names"`, by its label, in declaration order. A
 * cell is `☑` when the user type's role is a subclass of the row's role (the
 * row role is in its MRO), else `""`; readonly does not matter.
 */
export function userRolesTable(model: RoleModel, labels: ColumnLabels = "values"): Table {
  const ancestors = userTypeAncestors(model);
  return {
    title: model.userTypesModule === undefined ? "User roles" : `User roles of ${model.userTypesModule}`,
    columns: [{ key: "name", header: "Name" }, ...model.userTypes.map((t) => ({ key: t.value, header: userTypeHeader(t, labels), verdicts: true as const }))],
    rows: model.meaningful.map((roleId) => [roleId, ...ancestors.map((mro) => (mro.has(roleId) ? CHECK_MARK : ""))]),
  };
}

/**
 * For each user type (in order), the set of roles its role is a subclass of:
 * the role's MRO. A role missing from `model.roles` (only possible in a model
 * that failed validation) counts as a subclass of itself only, so a partial
 * model still renders.
 */
export function userTypeAncestors(model: RoleModel): ReadonlySet<string>[] {
  return model.userTypes.map((t) => ancestorsOf(model, t.role));
}
