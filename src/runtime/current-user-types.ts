/**
 * The "current" user types list: the one most recently made by
 * `defineUserTypes`, used wherever Lino consults its global `UserTypes`
 * choicelist (`UserRole.getUserProfiles()`, `visibleFor` without a list).
 */
import type { UserTypes } from "./user-types.js";

let current: UserTypes | undefined;

/**
 * Makes `list` the current user types list (`undefined` clears it).
 * `defineUserTypes` calls this for every list it makes.
 */
export function setCurrentUserTypes(list: UserTypes | undefined): void {
  current = list;
}

/** The current user types list, if any was defined. */
export function getCurrentUserTypes(): UserTypes | undefined {
  return current;
}
