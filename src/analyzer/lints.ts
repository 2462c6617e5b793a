/**
 * Lints on an analyzed application: things that are allowed but probably not
 * meant. RC5005 nobody can see it, RC5006 an item implied by another item of
 * the same requirement, RC5007 an OR-group holding a role and its subclass,
 * RC5008 two user types that see exactly the same, RC5009 a role nobody has
 * and nothing requires; on layouts (layout-lints.ts) RC5031 a panel nobody
 * can see and RC5032 a slave table its panel's requirement hides.
 *
 * What can be worked out from one actor alone (its visibility sets, its
 * invisible targets, the requirements it declares and what is redundant in
 * them, the roles it names) is worked out per actor; with a {@link LintCache}
 * (watch mode) it is kept for the next round, so that a round only looks at
 * the actors it analyzed again and then merges.
 */
import type { RoleModel } from "../compiler/types.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import { ancestorsOf, renderItem, renderRequirement, satisfyingMember, visibilityIndex, type VisibilityIndex } from "../runtime/semantics/index.js";
import { lintLayouts } from "./layout-lints.js";
import { spanKey, spanWithin } from "./spans.js";
import type { AnalyzedActor, Application, ResolvedItem, ResolvedRequirement } from "./types.js";

/**
 * What the lints work out per actor, kept between the rounds of a watch
 * session: the analyzed actors of unchanged files are the same objects from
 * round to round. Holds for one model.
 */
export class LintCache {
  readonly actors = new WeakMap<AnalyzedActor, ActorLints>();

  constructor(readonly model: RoleModel) {}
}

/** A requirement as written in one place, with who it is required on, and what is redundant in it. */
interface Declared {
  readonly owner: string;
  readonly span: Span;
  /** {@link spanKey} of `span`. */
  readonly key: string;
  /** RC5006 findings. */
  readonly implied: readonly Diagnostic[];
  /** RC5007 findings per OR-group, with the group's span key (a group is reported once). */
  readonly groups: readonly { readonly key: string; readonly diagnostics: readonly Diagnostic[] }[];
}

/** The lints' view of one actor. */
interface ActorLints {
  /** RC5005 findings of the actor and its actions. */
  readonly invisible: readonly Diagnostic[];
  /** The visibility sets of its fully resolved targets (actor and actions), each once. */
  readonly completeSets: readonly Uint32Array[];
  /** The user types for whom access to one of its targets is unknown (a bitset), if any. */
  readonly unknownFor: Uint32Array | undefined;
  /** The requirement expressions it and its actions declare themselves. */
  readonly declared: readonly Declared[];
  /** The roles its and its actions' own requirements name. */
  readonly roles: readonly string[];
}

/** Every lint finding on the application, unsorted. */
export function lintApplication(model: RoleModel, app: Application, cache?: LintCache): Diagnostic[] {
  const kept = cache?.model === model ? cache.actors : undefined;
  const index = visibilityIndex(model);
  const invisible: Diagnostic[] = [];
  const redundant: Diagnostic[] = [];
  const distinctSets = new Set<Uint32Array>();
  const unknownFor = new Uint32Array(Math.ceil(model.userTypes.length / 32));
  const used = new Set<string>();
  const declaredSeen = new Set<string>();
  const groupsSeen = new Set<string>();
  // Without a cache (one analysis), an inherited action's requirement is worked out once, for
  // its first actor, by its span object; kept between rounds, each actor keeps its own.
  const declaredBySpan = kept === undefined ? new Map<Span, Declared>() : undefined;
  for (const actor of app.actors) {
    let lints = kept?.get(actor);
    if (lints === undefined) {
      lints = actorLints(model, index, actor, declaredBySpan);
      kept?.set(actor, lints);
    }
    for (const d of lints.invisible) invisible.push(d);
    for (const set of lints.completeSets) distinctSets.add(set);
    if (lints.unknownFor !== undefined) lints.unknownFor.forEach((bits, w) => (unknownFor[w]! |= bits));
    for (const role of lints.roles) used.add(role);
    // Each requirement expression once: an inherited action's is its first actor's.
    for (const declared of lints.declared) {
      if (declaredSeen.has(declared.key)) continue;
      declaredSeen.add(declared.key);
      for (const d of declared.implied) redundant.push(d);
      for (const group of declared.groups) {
        if (groupsSeen.has(group.key)) continue;
        groupsSeen.add(group.key);
        for (const d of group.diagnostics) redundant.push(d);
      }
    }
  }
  const layouts = lintLayouts(model, app);
  for (const role of layouts.roles) used.add(role);
  return [...invisible, ...redundant, ...layouts.diagnostics, ...identicalUserTypes(model, distinctSets, unknownFor), ...unusedRoles(model, used)];
}

/** Works out what the lints need of one actor. */
function actorLints(model: RoleModel, index: VisibilityIndex, actor: AnalyzedActor, declaredBySpan?: Map<Span, Declared>): ActorLints {
  let invisible: Diagnostic[] | undefined;
  const completeSets: Uint32Array[] = [];

  // RC5005: actors and actions no user type may see (an action only when its actor is visible to someone).
  // Certainly nobody: a target whose access is unknown for someone is not reported.
  let unknownFor: Uint32Array | undefined;
  const possibleSet = (requirement: ResolvedRequirement, readonly: boolean, visible: Uint32Array): Uint32Array => {
    if (requirement.complete) return visible;
    const possible = index.possibleShared(requirement, readonly);
    unknownFor ??= new Uint32Array(visible.length);
    for (let w = 0; w < possible.length; w++) unknownFor[w]! |= possible[w]! & ~visible[w]!;
    return possible;
  };
  const actorSet = index.visibleShared(actor.requiredRoles, true);
  if (actor.requiredRoles.complete) completeSets.push(actorSet);
  const actorInvisible = index.isEmpty(possibleSet(actor.requiredRoles, true, actorSet));
  if (actorInvisible) (invisible ??= []).push(diagnostic("invisible", { id: actor.id, required: renderRequirement(actor.requiredRoles) }, actor.span));
  // Most actions require nothing of their own and share the actor's requirement object.
  let writingSet: Uint32Array | undefined;
  for (const action of actor.actions) {
    const shared = action.combined === actor.requiredRoles;
    const set = shared && action.readonly ? actorSet : shared ? (writingSet ??= index.visibleShared(actor.requiredRoles, false)) : index.visibleShared(action.combined, action.readonly);
    if (action.combined.complete && !completeSets.includes(set)) completeSets.push(set);
    const possible = possibleSet(action.combined, action.readonly, set);
    if (!actorInvisible && index.isEmpty(possible)) {
      const required = `${renderRequirement(action.combined)}${action.readonly ? "" : " (and it is not readonly)"}`;
      (invisible ??= []).push(diagnostic("invisible", { id: action.id, required }, action.span));
    }
  }

  const declared: Declared[] = [];
  if (actor.requiredRolesFrom === actor.id) declared.push(declaredOnce(model, actor.id, actor.requiredRoles, actor.requiredRolesSpan, declaredBySpan));
  for (const action of actor.actions) {
    if (action.requiredRolesSpan !== undefined) declared.push(declaredOnce(model, action.id, action.requiredRoles, action.requiredRolesSpan, declaredBySpan));
  }

  const roles: string[] = [];
  addRoles(roles, actor.requiredRoles);
  for (const action of actor.actions) addRoles(roles, action.requiredRoles);
  return { invisible: invisible ?? NONE, completeSets, unknownFor, declared, roles };
}

/** The declared requirement at `span`, worked out once per span object when `memo` is given. */
function declaredOnce(model: RoleModel, owner: string, requirement: ResolvedRequirement, span: Span, memo: Map<Span, Declared> | undefined): Declared {
  let found = memo?.get(span);
  if (found === undefined) {
    found = declaredRequirement(model, owner, requirement, span);
    memo?.set(span, found);
  }
  return found;
}

/** Adds the roles a requirement names to `roles`, each once. */
function addRoles(roles: string[], requirement: ResolvedRequirement): void {
  for (const item of requirement.items) for (const role of item.roles) if (!roles.includes(role)) roles.push(role);
}

/** RC5006 (implied items) and RC5007 (an OR-group holding a role and its subclass) of one requirement expression. */
function declaredRequirement(model: RoleModel, owner: string, requirement: ResolvedRequirement, span: Span): Declared {
  const items = requirement.items;
  // Only items written in this expression are blamed: an item that comes with
  // `Other.requiredRoles` or a shared const is not this expression's to remove.
  let implied: Diagnostic[] | undefined;
  for (let k = 0; k < items.length && items.length > 1; k++) {
    const item = items[k]!;
    if (!spanWithin(item.span, span)) continue;
    // Of two equivalent items, only the later one is blamed.
    for (let m = 0; m < items.length; m++) {
      const other = items[m]!;
      if (m === k || !implies(model, other, item) || (m > k && implies(model, item, other))) continue;
      (implied ??= []).push(diagnostic("impliedItem", { item: renderItem(item.roles), id: owner, by: renderItem(other.roles) }, item.span));
      break;
    }
  }
  let groups: { key: string; diagnostics: Diagnostic[] }[] | undefined;
  for (const item of items) {
    const roles = item.roles;
    if (roles.length < 2) continue;
    const diagnostics: Diagnostic[] = [];
    for (let s = 0; s < roles.length; s++) {
      const sub = roles[s]!;
      const ancestors = ancestorsOf(model, sub);
      const role = roles.find((r) => r !== sub && ancestors.has(r));
      if (role !== undefined) diagnostics.push(diagnostic("redundantOrMember", { group: renderItem(roles), id: owner, role, sub }, item.memberSpans[s] ?? item.span));
    }
    (groups ??= []).push({ key: spanKey(item.span), diagnostics });
  }
  return { owner, span, key: spanKey(span), implied: implied ?? NONE, groups: groups ?? NO_GROUPS };
}

const NONE: readonly Diagnostic[] = [];
const NO_GROUPS: Declared["groups"] = [];

/**
 * Is `item` implied by `by`: does every role satisfying `by` satisfy `item`?
 * (Each member of `by` does exactly when it satisfies `item`.) Not when `by`
 * has a member that is not known: that one might not.
 */
function implies(model: RoleModel, by: ResolvedItem, item: ResolvedItem): boolean {
  if (by.unresolved.length > 0) return false;
  for (const b of by.roles) {
    if (satisfyingMember(ancestorsOf(model, b), item) === undefined) return false;
  }
  return true;
}

/**
 * RC5008: user types that see exactly the same actors and actions. Where
 * some access of a user type is unknown, that is known only of user types
 * with its role and readonly flag (access depends on nothing else).
 */
function identicalUserTypes(model: RoleModel, distinct: ReadonlySet<Uint32Array>, unknownFor: Uint32Array): Diagnostic[] {
  // Two user types see the same targets exactly when they agree on every
  // distinct visibility set: many targets share one (equal sets are one object).
  if (distinct.size === 0) return [];
  const rows = [...distinct];
  // Transpose: one bitset over the distinct sets per user type.
  const columns = model.userTypes.map(() => new Uint32Array(Math.ceil(rows.length / 32)));
  rows.forEach((visible, t) => {
    const bit = 1 << (t & 31);
    const word = t >>> 5;
    // Only the set bits of `visible` (user type u = 32 w + bit position).
    for (let w = 0; w < visible.length; w++) {
      for (let bits = visible[w]!; bits !== 0; bits &= bits - 1) {
        const u = w * 32 + (31 - Math.clz32(bits & -bits));
        columns[u]![word]! |= bit;
      }
    }
  });
  const found: Diagnostic[] = [];
  const firstBySignature = new Map<string, string>();
  model.userTypes.forEach((userType, u) => {
    const column = columns[u]!;
    const seen = Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString("base64");
    const unknown = (unknownFor[u >>> 5]! & (1 << (u & 31))) !== 0;
    const signature = unknown ? `${seen} ${userType.role} ${userType.readonly}` : seen;
    const first = firstBySignature.get(signature);
    if (first === undefined) firstBySignature.set(signature, userType.value);
    else found.push(diagnostic("identicalUserTypes", { a: first, b: userType.value }, userType.span));
  });
  return found;
}

/** RC5009: roles (outside `core`) that no user type has, directly or by inheritance, and no requirement names. */
function unusedRoles(model: RoleModel, named: ReadonlySet<string>): Diagnostic[] {
  const used = new Set<string>();
  for (const userType of model.userTypes) for (const role of ancestorsOf(model, userType.role)) used.add(role);
  const found: Diagnostic[] = [];
  for (const role of model.roles.values()) {
    if (role.module === "core" || used.has(role.id) || named.has(role.id)) continue;
    found.push(diagnostic("unusedRole", { id: role.id }, role.span ?? fileSpan(role.file)));
  }
  return found;
}
