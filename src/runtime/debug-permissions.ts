/**
 * Permission debug messages (Lino's `debug_permissions`, SPEC §6c).
 *
 * With `static debugPermissions = true` on an actor, or
 * `new Action({ debugPermissions: true })`, every permission check on it
 * (`getViewPermission`, and so `visibleFor`, layouts showing it as a slave
 * table …) logs the user type, the requirement and why it passed or failed,
 * in the words of `rolecraft explain`:
 *
 * ```text
 * debugPermissions: tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer
 *   ✓ core.SiteUser: noi.Customer → core.SiteUser
 *   ✗ core.SiteStaff: noi.Customer does not inherit it
 * ```
 *
 * Start-up. Lino refuses `debug_permissions` when Django's `DEBUG` is off,
 * when it binds the actions to their actors at start-up. A rolecraft
 * application has no such moment of its own, so "start-up" is, for each
 * actor and action with debug messages on, whichever comes first:
 *
 * 1. `validateActors(actors)`, which applications call once while starting
 *    (it also validates every requirement), or
 * 2. the first permission check on it.
 *
 * At that moment, when `NODE_ENV` is `production`, it throws; otherwise it
 * logs once `debugPermissions active for <id> (required: …)`. The
 * environment is read at every debug check, so debug messages are never
 * written in production, whenever the flag was turned on.
 *
 * Lino logs only when both the actor and the action have the flag; rolecraft
 * logs when either has it (an actor's flag covers all its actions).
 */
import { requirementIds } from "./matching.js";
import { getRole, isRoleClass, mroOf } from "./registry.js";
import type { RequiredRoles } from "./requirements.js";
import type { RoleClass } from "./role.js";
import { explanationLines } from "./semantics/explanation-text.js";
import { explain, type Explanation, type ItemExplanation } from "./semantics/permission.js";
import { renderRequirement } from "./semantics/requirement.js";
import type { HierarchyRole, RoleHierarchy } from "./semantics/role-hierarchy.js";
import type { UserType } from "./user-types.js";

/** Why one requirement item passed or failed: the semantics' item explanation, with the item as its role ids. */
export type PermissionCheckItem = Omit<ItemExplanation, "item" | "satisfaction"> & {
  /** The item's role ids: one role, or the members of an OR-group. */
  readonly roles: readonly string[];
};

/**
 * One permission check, explained (the data behind a debug message): the
 * semantics' explanation of it (a runtime requirement is always complete),
 * `visible` being the answer the check gave.
 */
export type PermissionCheck = Omit<Explanation, "items" | "complete" | "unresolved" | "access"> & {
  /** One per requirement item, in order (for an action: the actor's items, then its own). */
  readonly items: readonly PermissionCheckItem[];
};

/**
 * Receives every debug message: the text (several lines, no trailing
 * newline) and the check it describes. `check` is undefined for the one
 * `debugPermissions active for …` line of each target.
 */
export type PermissionLogger = (message: string, check: PermissionCheck | undefined) => void;

const defaultLogger: PermissionLogger = (message) => console.info(message);

let logger: PermissionLogger = defaultLogger;

/** Targets whose `debugPermissions active` line was written (start-up done). */
const started = new Set<string>();

/**
 * Sets where permission debug messages go; `undefined` restores the default,
 * `console.info`.
 */
export function setPermissionLogger(newLogger: PermissionLogger | undefined): void {
  logger = newLogger ?? defaultLogger;
}

/** True when `NODE_ENV` is `production` (read each time, so tests and late configuration count). */
export function isProduction(): boolean {
  return typeof process !== "undefined" && process.env["NODE_ENV"] === "production";
}

/**
 * The start-up of debug messages for one target (see the module comment):
 * throws when `NODE_ENV` is `production`, else logs
 * `debugPermissions active for <target> (required: …)` the first time.
 * @internal
 */
export function startDebugPermissions(target: string, requiredRoles: RequiredRoles): void {
  if (isProduction()) {
    throw new Error(
      `NODE_ENV is "production", but debugPermissions is on for ${target} (required: ${describeRequirement(requiredRoles)}); ` +
        "turn it off before deploying",
    );
  }
  if (started.has(target)) return;
  started.add(target);
  logger(`debugPermissions active for ${target} (required: ${describeRequirement(requiredRoles)})`, undefined);
}

/**
 * Logs one permission check that gave `visible` (after its start-up, see
 * {@link startDebugPermissions}).
 * @internal
 */
export function logPermissionCheck(
  target: string,
  userType: UserType,
  requiredRoles: RequiredRoles,
  readonly: boolean,
  visible: boolean,
): void {
  startDebugPermissions(target, requiredRoles);
  const check = explainPermissionCheck(target, userType, requiredRoles, readonly, visible);
  logger(renderPermissionCheck(check), check);
}

/**
 * Explains, item by item and through which bases, a check of `userType`
 * against `requiredRoles` for a target that is (or is not) `readonly`.
 * `visible` is the answer the check gave; without it, the answer the
 * explanation implies.
 */
export function explainPermissionCheck(
  target: string,
  userType: UserType,
  requiredRoles: RequiredRoles,
  readonly: boolean,
  visible?: boolean,
): PermissionCheck {
  // The semantics' own explain, over the user type's role and what it inherits as plain ids.
  const role = userType.roleClass;
  const e = explain(
    hierarchyOf(role),
    { id: target, readonly, combined: { ...requirementIds(requiredRoles), complete: true } },
    { value: userType.value, names: userType.names, role: role.roleId, readonly: userType.readonly },
  );
  const { complete: _complete, unresolved: _unresolved, access: _access, items, ...check } = e;
  return { ...check, items: items.map(({ item, satisfaction: _satisfaction, ...why }): PermissionCheckItem => ({ roles: item.roles, ...why })), visible: visible ?? e.visible };
}

/**
 * A check as text, in the words of `rolecraft explain`, prefixed with
 * `debugPermissions: `; lines joined by `\n`, no trailing newline.
 */
export function renderPermissionCheck(check: PermissionCheck): string {
  const explanation: Explanation = {
    ...check,
    complete: true,
    unresolved: [],
    access: check.visible ? "visible" : check.readonlyRefusal && check.items.every((i) => i.satisfied) ? "refused" : "hidden",
    items: check.items.map(({ roles, ...why }) => ({ item: { roles }, satisfaction: why.satisfied ? "satisfied" : "unsatisfied", ...why })),
  };
  const [first = "", ...reasons] = explanationLines(explanation);
  return [`debugPermissions: ${first}`, ...reasons].join("\n");
}

/**
 * A requirement as text, as `rolecraft show actors` prints it: items joined
 * by `, `, OR-groups `(a | b)`, `(none)` when empty, a repeated item once.
 */
export function describeRequirement(requiredRoles: RequiredRoles): string {
  return renderRequirement({ ...requirementIds(requiredRoles), complete: true });
}

/**
 * A role and every role it inherits, as the semantics read them: ids, direct
 * bases and MROs, from the registry, or from the classes themselves for a
 * role that was never defined.
 */
function hierarchyOf(role: RoleClass): RoleHierarchy {
  const roles = new Map<string, HierarchyRole>();
  const queue = [role];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    if (roles.has(current.roleId)) continue;
    const bases = directBases(current);
    roles.set(current.roleId, { bases: bases.map((base) => base.roleId), mro: mroOf(current) });
    queue.push(...bases);
  }
  return { roles };
}

/** A role's bases: its own `bases` (every defined role has them), else its JavaScript parent. */
function directBases(role: RoleClass): readonly RoleClass[] {
  const registered = getRole(role.roleId) ?? role;
  if (Object.hasOwn(registered, "bases")) return registered.bases;
  const parent: unknown = Object.getPrototypeOf(registered);
  return isRoleClass(parent) ? [parent] : [];
}
