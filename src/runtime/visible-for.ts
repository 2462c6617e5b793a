import { getCurrentUserTypes } from "./current-user-types.js";
import type { RequiredRoles } from "./requirements.js";
import { readonlyRefuses, visibleForText } from "./semantics/user-type.js";
import type { UserType, UserTypes } from "./user-types.js";

/** Options of {@link visibleFor}. */
export interface VisibleForOptions {
  /** Whether the thing is a readonly action (default true); if not, readonly user types are refused. */
  readonly?: boolean | undefined;
  /** The user types to consider; default: the current list. */
  userTypes?: UserTypes | undefined;
}

/**
 * Lino's `visible_for`: the labels of the user types (declaration order,
 * anonymous included) whose role satisfies `requiredRoles` and, unless the
 * thing is readonly, which are not readonly. All of them → `"all"`; none (or
 * an empty list) → `"nobody"`; otherwise the labels (first name, else value)
 * joined by one space, e.g. `"100 110 120 210 400 410 420 admin 910"`.
 */
export function visibleFor(requiredRoles: RequiredRoles, options: VisibleForOptions = {}): string {
  const readonly = options.readonly ?? true;
  return describeVisibility(
    resolveUserTypes(options.userTypes),
    (userType) => !readonlyRefuses(userType.readonly, readonly) && userType.hasRequiredRoles(requiredRoles),
  );
}

/**
 * `"all"`, `"nobody"` or the labels of the allowed user types.
 * @internal
 */
export function describeVisibility(userTypes: UserTypes, allowed: (userType: UserType) => boolean): string {
  const labels: string[] = [];
  for (const userType of userTypes) if (allowed(userType)) labels.push(userType.label);
  return visibleForText(labels, userTypes.size);
}

/**
 * The given list, else the current one; throws when there is none.
 * @internal
 */
export function resolveUserTypes(userTypes: UserTypes | undefined): UserTypes {
  const list = userTypes ?? getCurrentUserTypes();
  if (list === undefined) throw new Error("no user types defined: call defineUserTypes first or pass userTypes");
  return list;
}
