import type { RoleClass } from "./role.js";

const ROOT_ID = "core.UserRole";

/** A role as `checkmro` sees it: its id and its linearization. */
export interface MroEntry {
  readonly id: string;
  readonly mro: readonly string[];
}

/**
 * The lines of Lino's `checkmro` for plain id/MRO data (see {@link checkmro}).
 * @internal shared with the registry, which adds them to MRO errors.
 */
export function checkmroLines(args: readonly MroEntry[]): string[] {
  const firstSeenIn = new Map<string, string>();
  const lines: string[] = [];
  for (const cl of args) {
    for (const b of cl.mro) {
      if (b === ROOT_ID) break;
      const first = firstSeenIn.get(b);
      if (first === undefined) firstSeenIn.set(b, cl.id);
      else lines.push(`${cl.id} inherits ${b} is already in ${first}`);
    }
  }
  return lines;
}

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
  return checkmroLines(roles.map((role) => ({ id: role.roleId, mro: role.mro })));
}
