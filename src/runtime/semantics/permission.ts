/**
 * Who may see an actor or an action, and why (SPEC §2, Lino's view
 * permission), over actors and actions as plain data: what the analyzer finds
 * in an application's sources has this shape, so the analyzer, the reports
 * and the library API all ask these functions.
 */
import {
  ancestorsSatisfaction,
  hasUnknownItem,
  itemSatisfaction,
  roleSatisfaction,
  satisfyingMember,
  unresolvedParts,
  type KnownRequirement,
  type RequirementItemLike,
  type Satisfaction,
  type UnresolvedLike,
} from "./requirement.js";
import { ancestorsOf, inheritancePath, type RoleHierarchy } from "./role-hierarchy.js";
import { readonlyRefuses, userTypeLabel, visibleForText, type PermissionModel, type UserTypeLike } from "./user-type.js";

export type { KnownRequirement } from "./requirement.js";

/** An action as plain data: what decides who may see it. */
export interface ActionLike<I extends RequirementItemLike = RequirementItemLike> {
  /** `<actor id>.<name>`. */
  readonly id: string;
  /** Lino's `readonly`: writing actions are refused to readonly user types. */
  readonly readonly: boolean;
  /** The actor's required roles followed by the action's own. */
  readonly combined: KnownRequirement<I>;
}

/** An actor as plain data: its own (or inherited) requirement and its actions. */
export interface ActorLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly id: string;
  readonly requiredRoles: KnownRequirement<I>;
  readonly actions: readonly ActionLike<I>[];
}

/** An actor (standing for its default action, which is readonly) or one of its actions. */
export type TargetLike<I extends RequirementItemLike = RequirementItemLike> = ActorLike<I> | ActionLike<I>;

/** The requirement that decides who may see a target, and whether the target only reads. */
export interface Permission<I extends RequirementItemLike = RequirementItemLike> {
  readonly requirement: KnownRequirement<I>;
  readonly readonly: boolean;
}

/**
 * The requirement that decides who may see a target: an actor's default
 * action is readonly and needs the actor's required roles; an action needs
 * its actor's items followed by its own.
 */
export function permissionOf<I extends RequirementItemLike>(target: TargetLike<I>): Permission<I> {
  return "combined" in target ? { requirement: target.combined, readonly: target.readonly } : { requirement: target.requiredRoles, readonly: true };
}

/** The actor or action with that id, if any. */
export function findTarget<A extends ActorLike<RequirementItemLike>>(app: { readonly actors: readonly A[] }, id: string): A | A["actions"][number] | undefined {
  for (const actor of app.actors) {
    if (actor.id === id) return actor;
    if (id.startsWith(`${actor.id}.`)) {
      const action = actor.actions.find((a) => a.id === id);
      if (action !== undefined) return action;
    }
  }
  return undefined;
}

/**
 * A user type's access to something, as a table cell shows it:
 *
 * - `hidden`: its role does not satisfy an item of the requirement (certain:
 *   whatever is not known cannot undo that);
 * - `refused`: no item fails, but the user type is readonly and the target
 *   is not (certain too);
 * - `unknown`: no item fails, but an item, or a member the role would need,
 *   is not known (could not be resolved statically, or names a role the
 *   model lacks): it may see it or not;
 * - `visible`: it may see it.
 */
export type Access = "visible" | "hidden" | "refused" | "unknown";

/** The {@link Access} of a user type to something with this permission. */
export function accessOf(hierarchy: RoleHierarchy, userType: UserTypeLike, permission: Permission): Access {
  return accessFrom(roleSatisfaction(hierarchy, userType.role, permission.requirement), userType.readonly, permission.readonly);
}

/** The access that follows from how the role satisfies the requirement and the readonly rule. */
function accessFrom(satisfaction: Satisfaction, userTypeReadonly: boolean, targetReadonly: boolean): Access {
  if (satisfaction === "unsatisfied") return "hidden";
  if (readonlyRefuses(userTypeReadonly, targetReadonly)) return "refused";
  return satisfaction === "satisfied" ? "visible" : "unknown";
}

/**
 * Who may see an actor or action: Lino's `visible_for` when the answer is
 * known for every user type, else which user types certainly may and for
 * which it is unknown, and what is not known.
 */
export interface Visibility {
  /** False when the access of some user type is unknown. */
  readonly known: boolean;
  /** The user types that may see it, in declaration order. */
  readonly visible: readonly UserTypeLike[];
  /** The user types for which it is unknown, in declaration order (empty when `known`). */
  readonly unknown: readonly UserTypeLike[];
  /** The parts of the requirement that are not known, as written (see {@link unresolvedParts}); empty when `known`. */
  readonly unresolved: readonly string[];
  /**
   * The line `visible-for` prints: Lino's (`all`, `nobody` or labels) when
   * known, else `unknown (unresolved: A, B; visible for: x y; unknown for: z w)`
   * (`visible for` left out when nobody certainly may).
   */
  readonly text: string;
}

/** Who may see an actor (its default action) or an action (see {@link Visibility}). */
export function visibilityOf(model: PermissionModel, target: TargetLike): Visibility {
  const permission = permissionOf(target);
  const visible: UserTypeLike[] = [];
  const unknown: UserTypeLike[] = [];
  for (const userType of model.userTypes) {
    const access = accessOf(model, userType, permission);
    if (access === "visible") visible.push(userType);
    else if (access === "unknown") unknown.push(userType);
  }
  if (unknown.length === 0) return { known: true, visible, unknown, unresolved: [], text: visibleForText(visible.map(userTypeLabel), model.userTypes.length) };
  const unresolved = unresolvedParts(permission.requirement);
  const parts = [`unresolved: ${unresolved.join(", ")}`];
  if (visible.length > 0) parts.push(`visible for: ${visible.map(userTypeLabel).join(" ")}`);
  parts.push(`unknown for: ${unknown.map(userTypeLabel).join(" ")}`);
  return { known: false, visible, unknown, unresolved, text: `unknown (${parts.join("; ")})` };
}

/**
 * Lino's `visible_for` line of an actor (its default action) or an action,
 * or, when the access of some user type is unknown, `unknown (…)` naming
 * what is not known (see {@link Visibility.text}).
 */
export function visibleFor(model: PermissionModel, target: TargetLike): string {
  return visibilityOf(model, target).text;
}

/** Why one requirement item is or is not satisfied. */
export interface ItemExplanation<I extends RequirementItemLike = RequirementItemLike> {
  readonly item: I;
  /** True only when it is certainly satisfied. */
  readonly satisfied: boolean;
  /** `unknown`: the role inherits no known member, and a member is not known (`item.unresolved`). */
  readonly satisfaction: Satisfaction;
  /** The required role the user type's role inherits (the first such member of an OR-group). */
  readonly via?: string;
  /** From the user type's role to `via`, each step a direct base of the one before. */
  readonly path?: readonly string[];
}

/** Why a user type may or may not see an actor or action. */
export interface Explanation<I extends RequirementItemLike = RequirementItemLike> {
  /** Actor or action id. */
  readonly target: string;
  readonly targetReadonly: boolean;
  readonly userType: string;
  readonly userTypeLabel: string;
  readonly userTypeReadonly: boolean;
  readonly role: string;
  /** One per requirement item, in order (for an action: the actor's items, then its own). */
  readonly items: readonly ItemExplanation<I>[];
  /** Refused because the user type is readonly and the action is not. */
  readonly readonlyRefusal: boolean;
  /** False when part of the requirement is not known (see {@link KnownRequirement}). */
  readonly complete: boolean;
  /** Whole items of the requirement that are not known (an item's unknown members are in its explanation). */
  readonly unresolved: readonly UnresolvedLike[];
  /** The verdict: visible, hidden, refused as readonly, or unknown. */
  readonly access: Access;
  /** True only when it may certainly see it (`access === "visible"`). */
  readonly visible: boolean;
}

/** Explains, item by item and through which bases, whether `userType` may see `target`. */
export function explain<I extends RequirementItemLike>(model: RoleHierarchy, target: TargetLike<I>, userType: UserTypeLike): Explanation<I> {
  const { requirement, readonly } = permissionOf(target);
  const ancestors = ancestorsOf(model, userType.role);
  const items = requirement.items.map((item): ItemExplanation<I> => {
    const via = satisfyingMember(ancestors, item);
    if (via === undefined) return { item, satisfied: false, satisfaction: itemSatisfaction(ancestors, item) };
    const path = inheritancePath(model, userType.role, via);
    return path === undefined ? { item, satisfied: true, satisfaction: "satisfied", via } : { item, satisfied: true, satisfaction: "satisfied", via, path };
  });
  const readonlyRefusal = readonlyRefuses(userType.readonly, readonly);
  const access = accessFrom(ancestorsSatisfaction(ancestors, requirement), userType.readonly, readonly);
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
    unresolved: requirement.unresolved ?? (hasUnknownItem(requirement) ? [{ text: "?" }] : []),
    access,
    visible: access === "visible",
  };
}
