/** The actors table of `rolecraft show actors`: every actor and action × every user type. */
import type { Application, Target } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { permissionOf, renderRequirement, visibilityIndex } from "../runtime/semantics/index.js";
import { CHECK_MARK, UNKNOWN_MARK, userTypeHeader, type ColumnLabels, type Table } from "./table.js";

/**
 * Every actor, each followed by its actions, × every user type: columns
 * `Actor / action` (the id), `Required roles` (the effective requirement, see
 * `renderRequirement`; for an action its actor's plus its own) and one
 * column per user type (headed by its value, or with `labels: "names"` by
 * its label) with `☑` where that type may see it and `?` where that is not
 * known (part of the requirement is not), never `☑`.
 */
export function actorsTable(model: RoleModel, app: Application, labels: ColumnLabels = "values"): Table {
  const rows: string[][] = [];
  const index = visibilityIndex(model);
  const row = (target: Target): string[] => {
    const { requirement, readonly } = permissionOf(target);
    const visible = index.visible(requirement, readonly);
    const possible = requirement.complete ? visible : index.possible(requirement, readonly);
    const cell = (u: number): string => (index.has(visible, u) ? CHECK_MARK : index.has(possible, u) ? UNKNOWN_MARK : "");
    return [target.id, renderRequirement(requirement), ...model.userTypes.map((_, u) => cell(u))];
  };
  for (const actor of app.actors) {
    rows.push(row(actor));
    for (const action of actor.actions) rows.push(row(action));
  }
  return {
    title: "Actors and actions",
    columns: [
      { key: "id", header: "Actor / action" },
      { key: "requiredRoles", header: "Required roles" },
      ...model.userTypes.map((t) => ({ key: t.value, header: userTypeHeader(t, labels), verdicts: true as const })),
    ],
    rows,
  };
}
