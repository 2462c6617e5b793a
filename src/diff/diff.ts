/**
 * The permission diff: two states (role model, optionally an analyzed
 * application) → exactly what differs. Pure; see ./types.ts for the shape.
 */
import type { Application } from "../analyzer/types.js";
import type { JsonValue, RoleModel, UserTypeDef } from "../compiler/types.js";
import { compareStrings } from "../diagnostics/diagnostic.js";
import { accessOf, permissionOf, renderRequirement, roleMro, ROOT_ROLE, unresolvedParts, userTypeLabel } from "../runtime/semantics/index.js";
import {
  USER_TYPE_FIELDS,
  type Change,
  type DiffState,
  type DiffSummary,
  type FieldChange,
  type Grant,
  type GrantCount,
  type PermissionDiff,
  type PossibleRename,
  type RoleChange,
  type RoleRef,
  type RolesDiff,
  type TargetChange,
  type TargetKind,
  type TargetSummary,
  type TargetsDiff,
  type UserTypeChange,
  type UserTypeRef,
  type UserTypeRoleChange,
  type UserTypesDiff,
  type UserTypeSummary,
} from "./types.js";

/** One actor or action of a state, with who may see it. */
interface TargetState {
  readonly id: string;
  readonly kind: TargetKind;
  readonly requirement: string;
  readonly readonly: boolean;
  readonly complete: boolean;
  /** Values of the user types that certainly may see it. */
  readonly visibleTo: ReadonlySet<string>;
  /** Values of the user types for which it is unknown. */
  readonly unknownTo: ReadonlySet<string>;
  /** What is not known of its requirement, as text (to tell whether an unknown stayed the same). */
  readonly unresolved: string;
}

/** What one state grants, indexed for comparison. */
interface StateIndex {
  readonly model: RoleModel;
  readonly userTypes: ReadonlyMap<string, UserTypeDef>;
  /** Per user type value: its roles (MRO of its role, without core.UserRole). */
  readonly roles: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per actor or action id; undefined when the state has no application. */
  readonly targets: ReadonlyMap<string, TargetState> | undefined;
  readonly meaningful: ReadonlySet<string>;
}

/**
 * Compares two states and lists every change of user types, roles, the
 * roles each user type has, and who may see each actor and action — and
 * nothing that did not change. User types are matched by value (a value
 * change is a removal plus an addition, with a {@link PossibleRename} hint),
 * roles, actors and actions by id. Actors and actions are compared only when
 * both states have an application. Deterministic: roles and targets by id,
 * user types in the after-state's declaration order (removed ones after,
 * in the before-state's order).
 */
export function diffPermissions(before: DiffState, after: DiffState): PermissionDiff {
  const compareApps = before.app !== undefined && after.app !== undefined;
  const b = indexState(before.model, compareApps ? before.app : undefined);
  const a = indexState(after.model, compareApps ? after.app : undefined);
  const order = [...after.model.userTypes.map((t) => t.value), ...before.model.userTypes.map((t) => t.value).filter((v) => !a.userTypes.has(v))];
  const rank = new Map(order.map((value, index) => [value, index]));
  const byRank = (x: string, y: string): number => (rank.get(x) ?? 0) - (rank.get(y) ?? 0);
  const ref = (value: string): UserTypeRef => {
    const type = a.userTypes.get(value) ?? b.userTypes.get(value);
    return { value, label: type === undefined ? value : userTypeLabel(type) };
  };

  const userTypes = diffUserTypes(b, a, ref);
  const userTypeRoles = diffUserTypeRoles(b, a, ref);
  const roles = diffRoles(before.model, after.model);
  const targets = a.targets !== undefined && b.targets !== undefined ? diffTargets(b, a, ref, byRank) : null;

  const grantsBefore = grantsOf(b);
  const grantsAfter = grantsOf(a);
  const compareGrants = (x: Grant, y: Grant): number =>
    (x.kind === y.kind ? 0 : x.kind === "role" ? -1 : 1) || byRank(x.userType, y.userType) || compareStrings(x.id, y.id);
  const sameDecision = (grant: Grant): boolean => decidedBy(b, grant) === decidedBy(a, grant);
  const widening = changedGrants(grantsAfter, grantsBefore, sameDecision).sort(compareGrants);
  const narrowing = changedGrants(grantsBefore, grantsAfter, sameDecision).sort(compareGrants);

  const changed =
    userTypes.added.length + userTypes.removed.length + userTypes.changed.length > 0 ||
    userTypes.order !== null ||
    userTypeRoles.length > 0 ||
    roles.added.length + roles.removed.length + roles.changed.length + roles.meaningful.added.length + roles.meaningful.removed.length > 0 ||
    (targets !== null && targets.added.length + targets.removed.length + targets.changed.length > 0);
  const summary: DiffSummary = {
    changed,
    widening: widening.length > 0,
    narrowing: narrowing.length > 0,
    gainedAccess: count(widening, "access", true),
    lostAccess: count(narrowing, "access", true),
    possiblyGainedAccess: count(widening, "access", false),
    possiblyLostAccess: count(narrowing, "access", false),
    gainedRoles: count(widening, "role"),
    lostRoles: count(narrowing, "role"),
    widenings: widening.filter((g) => g.certain).length,
    possibleWidenings: widening.filter((g) => !g.certain).length,
    uncertain: widening.filter((g) => !g.certain).length + narrowing.filter((g) => !g.certain).length,
  };
  return { applicationCompared: targets !== null, summary, userTypes, userTypeRoles, roles, targets, widening, narrowing };
}

/** True when the diff lists no change at all. */
export function isEmptyDiff(diff: PermissionDiff): boolean {
  return !diff.summary.changed;
}

function indexState(model: RoleModel, app: Application | undefined): StateIndex {
  const userTypes = new Map(model.userTypes.map((t) => [t.value, t]));
  const roles = new Map(model.userTypes.map((t) => [t.value, rolesOf(model, t.role)]));
  return { model, userTypes, roles, targets: app === undefined ? undefined : targetsOf(model, app), meaningful: new Set(model.meaningful) };
}

/** The roles a role gives: its MRO (itself included) without core.UserRole, which every role has. */
function rolesOf(model: RoleModel, role: string): ReadonlySet<string> {
  return new Set(roleMro(model, role).filter((r) => r !== ROOT_ROLE));
}

function targetsOf(model: RoleModel, app: Application): Map<string, TargetState> {
  const out = new Map<string, TargetState>();
  for (const actor of app.actors) {
    for (const target of [actor, ...actor.actions]) {
      const permission = permissionOf(target);
      const { requirement, readonly } = permission;
      const visibleTo = new Set<string>();
      const unknownTo = new Set<string>();
      for (const t of model.userTypes) {
        const access = accessOf(model, t, permission);
        if (access === "visible") visibleTo.add(t.value);
        else if (access === "unknown") unknownTo.add(t.value);
      }
      out.set(target.id, {
        id: target.id,
        kind: "combined" in target ? "action" : "actor",
        requirement: renderRequirement(requirement),
        readonly,
        complete: requirement.complete,
        visibleTo,
        unknownTo,
        unresolved: unresolvedParts(requirement).join("\u0000"),
      });
    }
  }
  return out;
}

function diffUserTypes(b: StateIndex, a: StateIndex, ref: (value: string) => UserTypeRef): UserTypesDiff {
  const summary = (state: StateIndex, type: UserTypeDef): UserTypeSummary => ({
    ...ref(type.value),
    names: type.names,
    text: type.text,
    role: type.role,
    readonly: type.readonly,
    roles: sortRoleRefs([...(state.roles.get(type.value) ?? [])].map((id) => ({ id, meaningful: state.meaningful.has(id) }))),
    sees: state.targets === undefined ? null : [...state.targets.values()].filter((t) => t.visibleTo.has(type.value)).map((t) => t.id).sort(compareStrings),
  });
  const added = a.model.userTypes.filter((t) => !b.userTypes.has(t.value));
  const removed = b.model.userTypes.filter((t) => !a.userTypes.has(t.value));

  const changed: UserTypeChange[] = [];
  for (const after of a.model.userTypes) {
    const before = b.userTypes.get(after.value);
    if (before === undefined) continue;
    const changes: FieldChange[] = [];
    for (const field of USER_TYPE_FIELDS) {
      const x: JsonValue = before[field];
      const y: JsonValue = after[field];
      if (canonicalJson(x) !== canonicalJson(y)) changes.push({ field, before: x, after: y });
    }
    if (changes.length > 0) changed.push({ ...ref(after.value), changes });
  }

  // A changed value looks like a removal plus an addition; hint at the likely pairs.
  const possibleRenames: PossibleRename[] = [];
  const paired = new Set<string>();
  for (const gone of removed) {
    const match = added.find(
      (t) => !paired.has(t.value) && t.role === gone.role && (t.text === gone.text || (t.names[0] !== undefined && t.names[0] === gone.names[0])),
    );
    if (match === undefined) continue;
    paired.add(match.value);
    possibleRenames.push({
      removed: ref(gone.value),
      added: ref(match.value),
      sameText: match.text === gone.text,
      sameName: match.names[0] !== undefined && match.names[0] === gone.names[0],
    });
  }

  const commonBefore = b.model.userTypes.map((t) => t.value).filter((v) => a.userTypes.has(v));
  const commonAfter = a.model.userTypes.map((t) => t.value).filter((v) => b.userTypes.has(v));
  const order = commonBefore.join("\u0000") === commonAfter.join("\u0000") ? null : { before: b.model.userTypes.map((t) => t.value), after: a.model.userTypes.map((t) => t.value) };

  return {
    added: added.map((t) => summary(a, t)),
    removed: removed.map((t) => summary(b, t)),
    changed,
    possibleRenames,
    order,
  };
}

function diffUserTypeRoles(b: StateIndex, a: StateIndex, ref: (value: string) => UserTypeRef): UserTypeRoleChange[] {
  const out: UserTypeRoleChange[] = [];
  for (const after of a.model.userTypes) {
    const before = b.userTypes.get(after.value);
    if (before === undefined) continue;
    const had = b.roles.get(after.value) ?? new Set<string>();
    const has = a.roles.get(after.value) ?? new Set<string>();
    const gained = sortRoleRefs([...has].filter((r) => !had.has(r)).map((id) => ({ id, meaningful: a.meaningful.has(id) })));
    const lost = sortRoleRefs([...had].filter((r) => !has.has(r)).map((id) => ({ id, meaningful: b.meaningful.has(id) })));
    if (gained.length + lost.length > 0) out.push({ ...ref(after.value), roleBefore: before.role, roleAfter: after.role, gained, lost });
  }
  return out;
}

function diffRoles(before: RoleModel, after: RoleModel): RolesDiff {
  const summary = (id: string, model: RoleModel) => {
    const role = model.roles.get(id);
    return { id, bases: role?.bases ?? [], mro: role?.mro ?? [] };
  };
  const ids = (model: RoleModel): string[] => [...model.roles.keys()].sort(compareStrings);
  const added = ids(after).filter((id) => !before.roles.has(id));
  const removed = ids(before).filter((id) => !after.roles.has(id));
  const changed: RoleChange[] = [];
  for (const id of ids(after)) {
    const x = before.roles.get(id);
    const y = after.roles.get(id);
    if (x === undefined || y === undefined) continue;
    const bases = sameList(x.bases, y.bases) ? null : { before: x.bases, after: y.bases };
    const mro = sameList(x.mro, y.mro) ? null : { before: x.mro, after: y.mro };
    const doc: Change<string | null> | null = (x.doc ?? null) === (y.doc ?? null) ? null : { before: x.doc ?? null, after: y.doc ?? null };
    if (bases !== null || mro !== null || doc !== null) changed.push({ id, bases, mro, doc });
  }
  const rowsBefore = new Set(before.meaningful);
  const rowsAfter = new Set(after.meaningful);
  return {
    added: added.map((id) => summary(id, after)),
    removed: removed.map((id) => summary(id, before)),
    changed,
    meaningful: {
      added: [...rowsAfter].filter((r) => !rowsBefore.has(r)).sort(compareStrings),
      removed: [...rowsBefore].filter((r) => !rowsAfter.has(r)).sort(compareStrings),
    },
  };
}

function diffTargets(
  b: StateIndex,
  a: StateIndex,
  ref: (value: string) => UserTypeRef,
  byRank: (x: string, y: string) => number,
): TargetsDiff {
  const before = b.targets ?? new Map<string, TargetState>();
  const after = a.targets ?? new Map<string, TargetState>();
  const refs = (values: Iterable<string>): UserTypeRef[] => [...values].sort(byRank).map(ref);
  const summary = (t: TargetState): TargetSummary => ({
    id: t.id,
    kind: t.kind,
    requirement: t.requirement,
    readonly: t.readonly,
    complete: t.complete,
    visibleTo: refs(t.visibleTo),
    unknownFor: refs(t.unknownTo),
  });
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const added: TargetSummary[] = [];
  const removed: TargetSummary[] = [];
  const changed: TargetChange[] = [];
  for (const id of ids) {
    const x = before.get(id);
    const y = after.get(id);
    // An id that changed kind (an actor became an action of another) is a different thing.
    if (x !== undefined && (y === undefined || y.kind !== x.kind)) removed.push(summary(x));
    if (y !== undefined && (x === undefined || y.kind !== x.kind)) added.push(summary(y));
    if (x === undefined || y === undefined || x.kind !== y.kind) continue;
    // Only user types present in both states: an added or removed type's access is listed with the type.
    const common = (v: string): boolean => b.userTypes.has(v) && a.userTypes.has(v);
    const gained = [...y.visibleTo].filter((v) => common(v) && !x.visibleTo.has(v) && !x.unknownTo.has(v));
    const lost = [...x.visibleTo].filter((v) => common(v) && !y.visibleTo.has(v) && !y.unknownTo.has(v));
    // An unknown answer that may hide a gain or a loss (see TargetChange.maybeGained): unknown in one
    // state and not the same in the other, or unknown in both while what decides it changed.
    const changedUnknown = (v: string): boolean => x.unknownTo.has(v) && y.unknownTo.has(v) && decidedBy(b, accessGrant(v, id)) !== decidedBy(a, accessGrant(v, id));
    const maybeGained = [...a.userTypes.keys()].filter(
      (v) => common(v) && ((y.unknownTo.has(v) && !x.visibleTo.has(v) && !x.unknownTo.has(v)) || (y.visibleTo.has(v) && x.unknownTo.has(v)) || changedUnknown(v)),
    );
    const maybeLost = [...a.userTypes.keys()].filter(
      (v) => common(v) && ((x.visibleTo.has(v) && y.unknownTo.has(v)) || (x.unknownTo.has(v) && !y.visibleTo.has(v) && !y.unknownTo.has(v)) || changedUnknown(v)),
    );
    const requirement = x.requirement === y.requirement ? null : { before: x.requirement, after: y.requirement };
    const readonly = x.readonly === y.readonly ? null : { before: x.readonly, after: y.readonly };
    if (requirement === null && readonly === null && gained.length + lost.length + maybeGained.length + maybeLost.length === 0) continue;
    changed.push({
      id,
      kind: y.kind,
      requires: y.requirement,
      requirement,
      readonly,
      gained: refs(gained),
      lost: refs(lost),
      maybeGained: refs(maybeGained),
      maybeLost: refs(maybeLost),
      complete: x.complete && y.complete,
    });
  }
  return { added, removed, changed };
}

/** The access grant of a user type to a target. */
function accessGrant(userType: string, id: string): Grant {
  return { userType, kind: "access", id, certain: true };
}

/** Every grant of a state: roles, certain access, and possible access (`certain: false`, where it is unknown). */
function grantsOf(state: StateIndex): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const [userType, roles] of state.roles) {
    for (const id of roles) out.set(`role\u0000${userType}\u0000${id}`, { userType, kind: "role", id, certain: true });
  }
  for (const target of state.targets?.values() ?? []) {
    for (const userType of target.visibleTo) out.set(`access\u0000${userType}\u0000${target.id}`, accessGrant(userType, target.id));
    for (const userType of target.unknownTo) out.set(`access\u0000${userType}\u0000${target.id}`, { userType, kind: "access", id: target.id, certain: false });
  }
  return out;
}

/**
 * What decides a user type's access to a target in a state, as text: the
 * target's requirement, readonly flag and unknown parts, and the user
 * type's roles. An unknown verdict that stays unknown while this stays the
 * same is no change.
 */
function decidedBy(state: StateIndex, grant: Grant): string {
  const target = state.targets?.get(grant.id);
  const roles = [...(state.roles.get(grant.userType) ?? [])].sort(compareStrings).join(" ");
  return target === undefined ? "" : `${target.requirement}\u0000${target.readonly}\u0000${target.unresolved}\u0000${roles}`;
}

/**
 * Grants `x` has that `y` does not certainly have: certain when `x`'s is
 * certain and `y` has none; possible (`certain: false`) when either is only
 * possible. Where both are possible, only when `same` says that what
 * decides it changed.
 */
function changedGrants(x: ReadonlyMap<string, Grant>, y: ReadonlyMap<string, Grant>, same: (grant: Grant) => boolean): Grant[] {
  const out: Grant[] = [];
  for (const [key, grant] of x) {
    const other = y.get(key);
    if (other === undefined) out.push(grant);
    else if (other.certain && grant.certain) continue;
    else if (!other.certain && !grant.certain) {
      if (!same(grant)) out.push(grant);
    } else if (!other.certain) out.push({ ...grant, certain: false });
  }
  return out;
}

/** The user types and items of the grants of a kind; with `certain`, only the certain (or only the possible) ones. */
function count(grants: readonly Grant[], kind: Grant["kind"], certain?: boolean): GrantCount {
  const of = grants.filter((g) => g.kind === kind && (certain === undefined || g.certain === certain));
  return { userTypes: new Set(of.map((g) => g.userType)).size, items: new Set(of.map((g) => g.id)).size };
}

/** Meaningful roles first, then by id. */
function sortRoleRefs(refs: RoleRef[]): RoleRef[] {
  return refs.sort((x, y) => Number(y.meaningful) - Number(x.meaningful) || compareStrings(x.id, y.id));
}

function sameList(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` compare equal. */
function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => canonicalJson(v)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as { readonly [key: string]: JsonValue };
    return `{${Object.keys(record)
      .sort(compareStrings)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k] ?? null)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
