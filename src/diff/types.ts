/**
 * What `rolecraft diff` reports: plain data, every list sorted, every key
 * always present (`null` for "unchanged" or "not compared"), so that the
 * JSON rendering is a stable interface (see {@link DIFF_JSON_VERSION}).
 *
 * Identity: user types are matched by `value`, roles by id, actors and
 * actions by id. A "grant" is one (user type, role) or (user type, actor or
 * action) pair a state allows; every access change the diff reports is a
 * grant that exists in one state and not in the other.
 */
import type { Application } from "../analyzer/types.js";
import type { JsonValue, RoleModel } from "../compiler/types.js";
import { USER_TYPE_KEYS } from "../runtime/semantics/user-type.js";

/** Version of the JSON shape; raised on any incompatible change. */
export const DIFF_JSON_VERSION = 2;

/** One side of a diff: a role model and, optionally, the application analyzed against it. */
export interface DiffState {
  readonly model: RoleModel;
  /** Without an application on both sides, actors and actions are not compared (`targets: null`). */
  readonly app?: Application;
}

/** A user type as lists show it: its value and its label (first name, else value). */
export interface UserTypeRef {
  readonly value: string;
  /** Lino's label: the first name, else the value (from the after-state when it exists there). */
  readonly label: string;
}

/** A role a user type has (through its role's MRO). */
export interface RoleRef {
  readonly id: string;
  /** A UserRoles row (meaningful role) of the state the user type has it in. */
  readonly meaningful: boolean;
}

/** A user type that exists in one state only. */
export interface UserTypeSummary extends UserTypeRef {
  readonly names: readonly string[];
  readonly text: string;
  readonly role: string;
  readonly readonly: boolean;
  /** Every role its role inherits, itself included, without `core.UserRole`; meaningful roles first, then by id. */
  readonly roles: readonly RoleRef[];
  /** Ids of the actors and actions it may see, by id; `null` when the application is not compared. */
  readonly sees: readonly string[] | null;
}

/** A user type field a change can be reported for: every field but `value`, which is the user type's identity. */
export type UserTypeField = Exclude<(typeof USER_TYPE_KEYS)[number], "value">;

/** The user type fields a change can be reported for, in the order they are reported (the user-type shape's order). */
export const USER_TYPE_FIELDS: readonly UserTypeField[] = USER_TYPE_KEYS.filter((key): key is UserTypeField => key !== "value");

/** One field of a user type, before and after. */
export interface FieldChange {
  readonly field: UserTypeField;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

/** A user type (same value in both states) whose fields changed. */
export interface UserTypeChange extends UserTypeRef {
  /** The changed fields, in {@link USER_TYPE_FIELDS} order. */
  readonly changes: readonly FieldChange[];
}

/**
 * A removed and an added user type that look like one user type whose
 * value changed: same role, and same text or same first name. Only a hint:
 * the diff still reports them as removed and added (values are identity).
 */
export interface PossibleRename {
  readonly removed: UserTypeRef;
  readonly added: UserTypeRef;
  readonly sameText: boolean;
  readonly sameName: boolean;
}

/** Roles a user type (present in both states) gained and lost through its role's MRO. */
export interface UserTypeRoleChange extends UserTypeRef {
  readonly roleBefore: string;
  readonly roleAfter: string;
  /** Meaningful roles first, then by id. */
  readonly gained: readonly RoleRef[];
  readonly lost: readonly RoleRef[];
}

/** A role that exists in one state only. */
export interface RoleSummary {
  readonly id: string;
  readonly bases: readonly string[];
  readonly mro: readonly string[];
}

/** A before/after pair of one property. */
export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** A role (same id in both states) whose bases, MRO or doc changed; `null` = unchanged. */
export interface RoleChange {
  readonly id: string;
  readonly bases: Change<readonly string[]> | null;
  readonly mro: Change<readonly string[]> | null;
  readonly doc: Change<string | null> | null;
}

/** Changes of the user types choicelist. */
export interface UserTypesDiff {
  /** In after-state declaration order. */
  readonly added: readonly UserTypeSummary[];
  /** In before-state declaration order. */
  readonly removed: readonly UserTypeSummary[];
  /** In after-state declaration order. */
  readonly changed: readonly UserTypeChange[];
  readonly possibleRenames: readonly PossibleRename[];
  /** The values in declaration order, when the user types present in both states changed their relative order; else `null`. */
  readonly order: Change<readonly string[]> | null;
}

/** Changes of the role hierarchy. */
export interface RolesDiff {
  /** By id. */
  readonly added: readonly RoleSummary[];
  readonly removed: readonly RoleSummary[];
  readonly changed: readonly RoleChange[];
  /** UserRoles rows (meaningful roles) that appeared or disappeared, by id. */
  readonly meaningful: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

/** An actor (its default action) or an action. */
export type TargetKind = "actor" | "action";

/** An actor or action that exists in one state only. */
export interface TargetSummary {
  readonly id: string;
  readonly kind: TargetKind;
  /** The effective requirement (an action's: its actor's items, then its own), as `renderRequirement` writes it. */
  readonly requirement: string;
  readonly readonly: boolean;
  /** False when part of the requirement is not known (could not be resolved statically, or names a role the model lacks). */
  readonly complete: boolean;
  /** User types that certainly may see it, in declaration order. */
  readonly visibleTo: readonly UserTypeRef[];
  /** User types for which it is unknown (part of the requirement is not known), in declaration order. */
  readonly unknownFor: readonly UserTypeRef[];
}

/** An actor or action present in both states whose requirement, readonly flag or audience changed. */
export interface TargetChange {
  readonly id: string;
  readonly kind: TargetKind;
  /** The effective requirement in the after-state (whether or not it changed). */
  readonly requires: string;
  /** `null` when the requirement text is the same in both states. */
  readonly requirement: Change<string> | null;
  readonly readonly: Change<boolean> | null;
  /** User types present in both states that may see it now and could not before (widening). */
  readonly gained: readonly UserTypeRef[];
  /** User types present in both states that could see it and may not now (narrowing). */
  readonly lost: readonly UserTypeRef[];
  /**
   * User types present in both states that may have gained access: where
   * the answer is unknown in one state and would be a gain if it were
   * known (not before → unknown, unknown → visible, or unknown in both
   * when what decides it changed). Counted as widening.
   */
  readonly maybeGained: readonly UserTypeRef[];
  /** User types that may have lost access (visible → unknown, unknown → not, or unknown in both when what decides it changed). Counted as narrowing. */
  readonly maybeLost: readonly UserTypeRef[];
  /** False when either state's requirement is not completely known. */
  readonly complete: boolean;
}

/** Changes of the application's actors and actions (all lists by id). */
export interface TargetsDiff {
  readonly added: readonly TargetSummary[];
  readonly removed: readonly TargetSummary[];
  readonly changed: readonly TargetChange[];
}

/** One (user type, role) or (user type, actor or action) pair. */
export interface Grant {
  readonly userType: string;
  readonly kind: "role" | "access";
  /** A role id (`kind: "role"`) or an actor or action id (`kind: "access"`). */
  readonly id: string;
  /**
   * False for an access change that depends on what is not known (an
   * unknown verdict in either state): a possible widening or narrowing.
   * Always true for roles.
   */
  readonly certain: boolean;
}

/** How many user types gain or lose how many things. */
export interface GrantCount {
  readonly userTypes: number;
  /** Distinct roles, or distinct actors and actions. */
  readonly items: number;
}

/** Counts for a one-line summary. */
export interface DiffSummary {
  /** Anything at all changed. */
  readonly changed: boolean;
  /** Some user type gains a role or access, or possibly gains access (`widening` is not empty): what `--fail-on-widening` fails on. */
  readonly widening: boolean;
  /** Some user type loses a role or access. */
  readonly narrowing: boolean;
  /** Access certainly gained (grants of `widening` with `certain: true`). */
  readonly gainedAccess: GrantCount;
  /** Access certainly lost. */
  readonly lostAccess: GrantCount;
  /** Access possibly gained: an unknown verdict that may be a widening (grants of `widening` with `certain: false`). */
  readonly possiblyGainedAccess: GrantCount;
  /** Access possibly lost. */
  readonly possiblyLostAccess: GrantCount;
  readonly gainedRoles: GrantCount;
  readonly lostRoles: GrantCount;
  /** Grants of `widening` that are certain: roles and access gained (the headline's `N widenings`). */
  readonly widenings: number;
  /** Grants of `widening` that are only possible (the headline's `N possible`). */
  readonly possibleWidenings: number;
  /** How many access grants of `widening` and `narrowing` are possible, not certain (they depend on an unknown verdict). */
  readonly uncertain: number;
}

/** Everything that differs between two states, and nothing else. */
export interface PermissionDiff {
  /** True when both states came with an application, so actors and actions were compared. */
  readonly applicationCompared: boolean;
  readonly summary: DiffSummary;
  readonly userTypes: UserTypesDiff;
  /** Per user type present in both states, in after-state declaration order. */
  readonly userTypeRoles: readonly UserTypeRoleChange[];
  readonly roles: RolesDiff;
  /** `null` when the application was not compared. */
  readonly targets: TargetsDiff | null;
  /**
   * Grants of the after-state that the before-state does not have: roles
   * first, then access; each by user type (declaration order) and id.
   * Added user types contribute all their grants. An access that is
   * unknown counts as a possible grant (`certain: false`): a verdict that
   * became unknown, or stayed unknown while what decides it changed, may
   * be a widening and is listed as one.
   */
  readonly widening: readonly Grant[];
  /** Grants of the before-state that the after-state does not have (same order; possible losses `certain: false`, as for widening). */
  readonly narrowing: readonly Grant[];
}
