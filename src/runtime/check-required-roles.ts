import { isRoleClass } from "./registry.js";
import { renderValue } from "./render-value.js";

/**
 * Checks that `requiredRoles` is a valid requirement specification and throws
 * an Error with Lino's wording when it is not:
 *
 * - the top level must be iterable (an array, a Set, …; it may be empty; a
 *   string or a single role class is refused):
 *   `"{rr} (required on {actor}) is not iterable"`;
 * - every item is a role class or an OR-group (an array or other iterable) of
 *   role classes;
 * - an OR-group must not be empty: `"[] (required on {actor}) is an empty tuple"`;
 * - every member must be a role class: `"{rr} (required on {actor}) is not a UserRole"`.
 *
 * Values are rendered readably: a string in double quotes, a role class by its
 * id, another class by its name, `undefined`, numbers as they are.
 *
 * @param actor names the thing that requires the roles (actor or action id)
 */
export function checkRequiredRoles(requiredRoles: unknown, actor: string): void {
  if (!isIterableCollection(requiredRoles)) {
    throw new Error(`${renderValue(requiredRoles)} (required on ${actor}) is not iterable`);
  }
  for (const item of requiredRoles) {
    if (isRoleClass(item)) continue;
    if (isIterableCollection(item)) {
      const members = [...item];
      if (members.length === 0) {
        throw new Error(`${renderValue(members)} (required on ${actor}) is an empty tuple`);
      }
      for (const member of members) checkRole(member, actor);
    } else {
      checkRole(item, actor);
    }
  }
}

function checkRole(value: unknown, actor: string): void {
  if (!isRoleClass(value)) {
    throw new Error(`${renderValue(value)} (required on ${actor}) is not a UserRole`);
  }
}

/** An iterable that is a collection: strings (iterable in JS) are not. */
function isIterableCollection(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Symbol.iterator in value &&
    typeof value[Symbol.iterator] === "function"
  );
}
