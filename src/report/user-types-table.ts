/** The UserTypes table (SPEC §2): Lino's `rt.show(users.UserTypes)`. */
import type { RoleModel } from "../compiler/types.js";
import type { Table } from "./table.js";

/**
 * The UserTypes table of a model: columns `value`, `name` (all names of the
 * type joined by one space) and `text`; one row per user type in declaration
 * order (never sorted, as in Lino).
 */
export function userTypesTable(model: RoleModel): Table {
  return {
    title: model.userTypesModule === undefined ? "User types" : `User types of ${model.userTypesModule}`,
    columns: [
      { key: "value", header: "value" },
      { key: "name", header: "name" },
      { key: "text", header: "text" },
    ],
    rows: model.userTypes.map((t) => [t.value, t.names.join(" "), t.text]),
  };
}
