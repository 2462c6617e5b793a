import { mroOf } from "./registry.js";
import type { RoleClass } from "./role.js";
import { checkmroLines } from "./semantics/checkmro.js";

/**
 * Explains why Python (and rolecraft) cannot create a consistent MRO for a role
 * with the given bases: Lino's `lino.core.roles.checkmro`, which prints its
 * lines; this returns them.
 *
 * Walks each argument's MRO in order (itself first, stopping before
 * `core.UserRole`) and reports every class already brought in by an earlier
 * argument as `"{cl} inherits {b} is already in {first}"`, classes rendered by
 * role id.
 *
 * @example
 * checkmro(SiteUser, Expert)
 * // ["core.Expert inherits core.SiteUser is already in core.SiteUser"]
 */
export function checkmro(...roles: RoleClass[]): string[] {
  const mros = new Map(roles.map((role) => [role.roleId, mroOf(role)]));
  return checkmroLines(
    roles.map((role) => role.roleId),
    (id) => mros.get(id),
  );
}
