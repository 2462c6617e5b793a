/**
 * Who may see what (SPEC §2, Lino's view permission): pure functions on the
 * role model and the analyzed application. A user type may see an actor or
 * action when its role satisfies every requirement item (by MRO) and, unless
 * the action is readonly, the type is not readonly.
 */
import type { RoleModel, UserTypeDef } from "../compiler/types.js";
import { CHECK_MARK, type Table } from "../report/table.js";
import { visibilityIndex } from "./visibility.js";
import type { AnalyzedAction, AnalyzedActor, Application, ResolvedItem } from "./types.js";

/** The part of a requirement permissions look at: its items' role ids. */
export interface RequirementLike {
  readonly items: readonly { readonly roles: readonly string[] }[];
}

/** An actor (its default action, which is readonly) or one of its actions. */
export type Target = AnalyzedActor | AnalyzedAction;

const mroCache = new WeakMap<RoleModel, Map<string, ReadonlySet<string>>>();

/** The role and everything it inherits, as a set (a role unknown to the model inherits only itself). */
export function ancestorsOf(model: RoleModel, role: string): ReadonlySet<string> {
  let cache = mroCache.get(model);
  if (cache === undefined) {
    cache = new Map();
    mroCache.set(model, cache);
  }
  let set = cache.get(role);
  if (set === undefined) {
    set = new Set(model.roles.get(role)?.mro ?? [role]);
    cache.set(role, set);
  }
  return set;
}

/** True when `role` satisfies every item: it inherits that role, or one role of that OR-group. */
export function roleSatisfies(model: RoleModel, role: string, requirement: RequirementLike): boolean {
  const ancestors = ancestorsOf(model, role);
  return requirement.items.every((item) => item.roles.some((r) => ancestors.has(r)));
}

/**
 * Lino's view permission: the user type's role satisfies the requirement,
 * and a readonly user type is refused everything that is not readonly.
 */
export function canSee(model: RoleModel, userType: UserTypeDef, requirement: RequirementLike, readonly: boolean): boolean {
  if (userType.readonly && !readonly) return false;
  return roleSatisfies(model, userType.role, requirement);
}

/** A user type's label in listings: its first name, else its value. */
export function userTypeLabel(userType: UserTypeDef): string {
  return userType.names[0] ?? userType.value;
}

/**
 * Lino's `visible_for`: `all` when every user type (anonymous included) may
 * see it, `nobody` when none may, else the labels of those that may, in
 * declaration order, joined by one space.
 */
export function visibleForLabel(model: RoleModel, requirement: RequirementLike, readonly: boolean): string {
  const labels = model.userTypes.filter((t) => canSee(model, t, requirement, readonly)).map(userTypeLabel);
  if (labels.length === 0) return "nobody";
  return labels.length === model.userTypes.length ? "all" : labels.join(" ");
}

/** The requirement that decides who may see a target, and whether it only reads. */
export function permissionOf(target: Target): { readonly requirement: AnalyzedActor["requiredRoles"]; readonly readonly: boolean } {
  return "combined" in target ? { requirement: target.combined, readonly: target.readonly } : { requirement: target.requiredRoles, readonly: true };
}

/** `visible-for` of an actor (its default action) or an action. */
export function visibleFor(model: RoleModel, target: Target): string {
  const { requirement, readonly } = permissionOf(target);
  return visibleForLabel(model, requirement, readonly);
}

/** The actor or action with that id, if any. */
export function findTarget(app: Application, id: string): Target | undefined {
  for (const actor of app.actors) {
    if (actor.id === id) return actor;
    if (id.startsWith(`${actor.id}.`)) {
      const action = actor.actions.find((a) => a.id === id);
      if (action !== undefined) return action;
    }
  }
  return undefined;
}

/** The user type with that value or name. */
export function findUserType(model: RoleModel, valueOrName: string): UserTypeDef | undefined {
  return model.userTypes.find((t) => t.value === valueOrName) ?? model.userTypes.find((t) => t.names.includes(valueOrName));
}

/**
 * The shortest chain of direct-base steps from `from` to `to` (both
 * included), preferring earlier bases on ties; undefined when `from` does
 * not inherit `to`.
 */
export function inheritancePath(model: RoleModel, from: string, to: string): string[] | undefined {
  if (from === to) return [from];
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? from;
    for (const base of model.roles.get(current)?.bases ?? []) {
      if (previous.has(base)) continue;
      previous.set(base, current);
      if (base === to) {
        const path = [to];
        for (let step = current; step !== from; step = previous.get(step) ?? from) path.push(step);
        path.push(from);
        return path.reverse();
      }
      queue.push(base);
    }
  }
  return undefined;
}

/** Why one requirement item is or is not satisfied. */
export interface ItemExplanation {
  readonly item: ResolvedItem;
  readonly satisfied: boolean;
  /** The required role the user type's role inherits (the first such member of an OR-group). */
  readonly via?: string;
  /** From the user type's role to `via`, each step a direct base of the one before. */
  readonly path?: readonly string[];
}

/** Why a user type may or may not see an actor or action. */
export interface Explanation {
  /** Actor or action id. */
  readonly target: string;
  readonly targetReadonly: boolean;
  readonly userType: string;
  readonly userTypeLabel: string;
  readonly userTypeReadonly: boolean;
  readonly role: string;
  /** One per requirement item, in order (for an action: the actor's items, then its own). */
  readonly items: readonly ItemExplanation[];
  /** Refused because the user type is readonly and the action is not. */
  readonly readonlyRefusal: boolean;
  /** False when part of the requirement could not be resolved statically: the verdict covers the resolved part only. */
  readonly complete: boolean;
  readonly visible: boolean;
}

/** Explains, item by item and through which bases, whether `userType` may see `target`. */
export function explain(model: RoleModel, target: Target, userType: UserTypeDef): Explanation {
  const { requirement, readonly } = permissionOf(target);
  const ancestors = ancestorsOf(model, userType.role);
  const items = requirement.items.map((item): ItemExplanation => {
    const via = item.roles.find((r) => ancestors.has(r));
    if (via === undefined) return { item, satisfied: false };
    const path = inheritancePath(model, userType.role, via);
    return path === undefined ? { item, satisfied: true, via } : { item, satisfied: true, via, path };
  });
  const readonlyRefusal = userType.readonly && !readonly;
  return {
    target: target.id,
    targetReadonly: readonly,
    userType: userType.value,
    userTypeLabel: userTypeLabel(userType),
    userTypeReadonly: userType.readonly,
    role: userType.role,
    items,
    readonlyRefusal,
    complete: requirement.complete,
    visible: !readonlyRefusal && items.every((i) => i.satisfied),
  };
}

/**
 * The explanation as text, one line per reason:
 *
 * ```text
 * tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer
 *   ✓ core.SiteUser: noi.Customer → core.SiteUser
 *   ✗ core.SiteStaff: noi.Customer does not inherit it
 * ```
 */
export function renderExplanation(explanation: Explanation): string {
  const e = explanation;
  const who = e.userTypeLabel === e.userType ? `user type ${e.userType}` : `user type ${e.userType} (${e.userTypeLabel})`;
  const lines = [`${e.target}: ${e.visible ? "visible" : "not visible"} for ${who}, role ${e.role}`];
  if (e.items.length === 0) lines.push("  ✓ no required roles");
  for (const { item, satisfied, path } of e.items) {
    const required = renderItem(item.roles);
    if (satisfied) lines.push(`  ✓ ${required}: ${(path ?? [e.role]).join(" → ")}`);
    else lines.push(`  ✗ ${required}: ${e.role} does not inherit ${item.roles.length === 1 ? "it" : "any of them"}`);
  }
  if (e.readonlyRefusal) lines.push(`  ✗ readonly: user type ${e.userType} is readonly and ${e.target} is not a readonly action`);
  if (!e.complete) lines.push("  ? part of the requirement could not be resolved statically (see RC5004): the verdict covers the resolved part only");
  return `${lines.join("\n")}\n`;
}

/** A requirement item as text: `core.SiteUser`, or an OR-group `(integ.IntegUser | pcsw.SocialCoordinator)`. */
export function renderItem(roles: readonly string[]): string {
  return roles.length === 1 ? (roles[0] ?? "") : `(${roles.join(" | ")})`;
}

/**
 * A requirement as text: items joined by `, ` (AND), OR-groups in
 * parentheses with ` | `; `(none)` when empty; `, ?` at the end when part
 * of it could not be resolved statically. Repeated items are shown once.
 */
export function renderRequirement(requirement: RequirementLike & { readonly complete: boolean }): string {
  const parts = [...new Set(requirement.items.map((i) => renderItem(i.roles)))];
  if (!requirement.complete) parts.push("?");
  return parts.length === 0 ? "(none)" : parts.join(", ");
}

/**
 * Every actor, each followed by its actions, × every user type: columns
 * `Actor / action` (the id), `Required roles` (the effective requirement, see
 * {@link renderRequirement}; for an action its actor's plus its own) and one
 * column per user type value with `☑` where that type may see it.
 */
export function actorsTable(model: RoleModel, app: Application): Table {
  const rows: string[][] = [];
  const index = visibilityIndex(model);
  const row = (target: Target): string[] => {
    const { requirement, readonly } = permissionOf(target);
    const visible = index.visible(requirement, readonly);
    return [target.id, renderRequirement(requirement), ...model.userTypes.map((_, u) => (index.has(visible, u) ? CHECK_MARK : ""))];
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
      ...model.userTypes.map((t) => ({ key: t.value, header: t.value })),
    ],
    rows,
  };
}
