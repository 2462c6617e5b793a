/**
 * Who may see an actor or an action, and why (SPEC §2, Lino's view
 * permission), over actors and actions as plain data: what the analyzer finds
 * in an application's sources has this shape, so the analyzer, the reports
 * and the library API all ask these functions.
 */
import { roleSatisfies, satisfyingMember, type RequirementItemLike, type RequirementLike } from "./requirement.js";
import { ancestorsOf, inheritancePath, type RoleHierarchy } from "./role-hierarchy.js";
import { readonlyRefuses, userTypeLabel, visibleForLabel, type PermissionModel, type UserTypeLike } from "./user-type.js";

/**
 * A requirement as far as it is known: `complete: false` means some part of
 * it could not be resolved statically, so its items are a lower bound and
 * every answer computed from them covers the resolved part only.
 */
export interface KnownRequirement<I extends RequirementItemLike = RequirementItemLike> extends RequirementLike<I> {
  readonly complete: boolean;
}

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

/** Lino's `visible_for` line of an actor (its default action) or an action. */
export function visibleFor(model: PermissionModel, target: TargetLike): string {
  const { requirement, readonly } = permissionOf(target);
  return visibleForLabel(model, requirement, readonly);
}

/**
 * A user type's access to something, as a table cell shows it:
 *
 * - `hidden`: its role does not satisfy the (resolved part of the) requirement;
 * - `refused`: its role satisfies it, but the user type is readonly and the
 *   target is not (certain: whatever is unresolved cannot undo that);
 * - `unknown`: its role satisfies the resolved part, but part of the
 *   requirement could not be resolved statically;
 * - `visible`: it may see it.
 *
 * `canSee` is true exactly for `visible` and `unknown` (the verdict on the
 * resolved part).
 */
export type Access = "visible" | "hidden" | "refused" | "unknown";

/** The {@link Access} of a user type to something with this permission. */
export function accessOf(hierarchy: RoleHierarchy, userType: UserTypeLike, permission: Permission): Access {
  if (!roleSatisfies(hierarchy, userType.role, permission.requirement)) return "hidden";
  if (readonlyRefuses(userType.readonly, permission.readonly)) return "refused";
  return permission.requirement.complete ? "visible" : "unknown";
}

/** Why one requirement item is or is not satisfied. */
export interface ItemExplanation<I extends RequirementItemLike = RequirementItemLike> {
  readonly item: I;
  readonly satisfied: boolean;
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
  /** False when part of the requirement could not be resolved statically: the verdict covers the resolved part only. */
  readonly complete: boolean;
  readonly visible: boolean;
}

/** Explains, item by item and through which bases, whether `userType` may see `target`. */
export function explain<I extends RequirementItemLike>(model: RoleHierarchy, target: TargetLike<I>, userType: UserTypeLike): Explanation<I> {
  const { requirement, readonly } = permissionOf(target);
  const ancestors = ancestorsOf(model, userType.role);
  const items = requirement.items.map((item): ItemExplanation<I> => {
    const via = satisfyingMember(ancestors, item);
    if (via === undefined) return { item, satisfied: false };
    const path = inheritancePath(model, userType.role, via);
    return path === undefined ? { item, satisfied: true, via } : { item, satisfied: true, via, path };
  });
  const readonlyRefusal = readonlyRefuses(userType.readonly, readonly);
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
