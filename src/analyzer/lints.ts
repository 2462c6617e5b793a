/**
 * Lints on an analyzed application: things that are allowed but probably not
 * meant. RC5005 nobody can see it, RC5006 an item implied by another item of
 * the same requirement, RC5007 an OR-group holding a role and its subclass,
 * RC5008 two user types that see exactly the same, RC5009 a role nobody has
 * and nothing requires.
 *
 * What can be worked out from one actor alone (its visibility sets, its
 * invisible targets, the requirements it declares and what is redundant in
 * them, the roles it names) is worked out per actor; with a {@link LintCache}
 * (watch mode) it is kept for the next round, so that a round only looks at
 * the actors it analyzed again and then merges. {@link LintState} (the
 * editor's incremental analysis) keeps the merge too, so that a round costs
 * what changed, not what the application holds.
 */
import type { RoleModel } from "../compiler/types.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import { ancestorsOf, renderItem, renderRequirement, roleMro, satisfyingMember, visibilityIndex, type VisibilityIndex } from "../runtime/semantics/index.js";
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
  return [...invisible, ...redundant, ...identicalUserTypes(model, distinctSets), ...unusedRoles(model, used)];
}

/** Works out what the lints need of one actor. */
function actorLints(model: RoleModel, index: VisibilityIndex, actor: AnalyzedActor, declaredBySpan?: Map<Span, Declared>): ActorLints {
  let invisible: Diagnostic[] | undefined;
  const completeSets: Uint32Array[] = [];

  // RC5005: actors and actions no user type may see (an action only when its actor is visible to someone).
  const actorSet = index.visibleShared(actor.requiredRoles, true);
  if (actor.requiredRoles.complete) completeSets.push(actorSet);
  const actorInvisible = actor.requiredRoles.complete && index.isEmpty(actorSet);
  if (actorInvisible) (invisible ??= []).push(diagnostic("invisible", { id: actor.id, required: renderRequirement(actor.requiredRoles) }, actor.span));
  // Most actions require nothing of their own and share the actor's requirement object.
  let writingSet: Uint32Array | undefined;
  for (const action of actor.actions) {
    const shared = action.combined === actor.requiredRoles;
    const set = shared && action.readonly ? actorSet : shared ? (writingSet ??= index.visibleShared(actor.requiredRoles, false)) : index.visibleShared(action.combined, action.readonly);
    if (action.combined.complete && !completeSets.includes(set)) completeSets.push(set);
    if (!actorInvisible && action.combined.complete && index.isEmpty(set)) {
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
  return { invisible: invisible ?? NONE, completeSets, declared, roles };
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

/** Is `item` implied by `by`: does every role satisfying `by` satisfy `item`? (Each member of `by` does exactly when it satisfies `item`.) */
function implies(model: RoleModel, by: ResolvedItem, item: ResolvedItem): boolean {
  for (const b of by.roles) {
    if (satisfyingMember(ancestorsOf(model, b), item) === undefined) return false;
  }
  return true;
}

/** RC5008: user types that may see exactly the same actors and actions (fully resolved ones). */
function identicalUserTypes(model: RoleModel, distinct: ReadonlySet<Uint32Array>): Diagnostic[] {
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
    const signature = Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString("base64");
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

/** A declared requirement of an actor, with where it stands in the order a full analysis meets them. */
interface Candidate {
  readonly actor: string;
  /** Its index among the actor's declared requirements. */
  readonly index: number;
  readonly declared: Declared;
}

/** An OR-group of a winning declared requirement, in the order a full analysis meets them. */
interface GroupCandidate {
  readonly actor: string;
  readonly index: number;
  /** Its index among the requirement's groups. */
  readonly group: number;
  readonly diagnostics: readonly Diagnostic[];
}

function compareCandidates(a: { readonly actor: string; readonly index: number; readonly group?: number }, b: typeof a): number {
  return a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : a.index - b.index || (a.group ?? 0) - (b.group ?? 0);
}

/**
 * The lints of an application kept from round to round: each round gives
 * the actors that left and the actors that came (kept actors are the same
 * objects), and the lints cost what changed. The findings equal
 * {@link lintApplication} over the actors as they are: where a full run
 * reports a requirement or an OR-group once for the first actor that meets
 * it, this keeps every candidate and reports the first.
 *
 * A new role model keeps what it can: the per-actor work holds as long as
 * the user types, the MROs of their roles and the MROs of the roles an actor
 * names are unchanged.
 */
export class LintState {
  private model: RoleModel | undefined;
  private index: VisibilityIndex | undefined;
  private visibilityKey = "";
  private readonly lints = new Map<AnalyzedActor, ActorLints>();
  private readonly invisible = new Map<AnalyzedActor, readonly Diagnostic[]>();
  private readonly setCounts = new Map<Uint32Array, number>();
  private readonly roleCounts = new Map<string, number>();
  private readonly declaredBy = new Map<string, Candidate[]>();
  private readonly winners = new Map<string, Candidate>();
  private readonly groupsBy = new Map<string, GroupCandidate[]>();
  private readonly groupWinners = new Map<string, GroupCandidate>();
  /** The model-wide lints (RC5008, RC5009) of the last round, while neither their model nor their inputs change. */
  private identical: Diagnostic[] | undefined;
  private unused: Diagnostic[] | undefined;
  /** Sets and roles whose count reached or left zero this round, with whether they were counted before it. */
  private readonly setsCrossed = new Map<Uint32Array, boolean>();
  private readonly rolesCrossed = new Map<string, boolean>();

  /**
   * Takes a round into account and returns every lint finding, unsorted.
   * `removed` and `added` are what left and what came since the last round
   * (the first round adds every actor).
   */
  update(model: RoleModel, removed: Iterable<AnalyzedActor>, added: Iterable<AnalyzedActor>): Diagnostic[] {
    const redo: AnalyzedActor[] = [];
    if (model !== this.model) {
      const key = visibilityKey(model);
      if (this.model === undefined || key !== this.visibilityKey) {
        this.index = visibilityIndex(model);
        redo.push(...this.lints.keys());
      } else {
        const previous = this.model;
        const moved = (role: string): boolean => !sameList(roleMro(previous, role), roleMro(model, role));
        for (const [actor, lints] of this.lints) if (lints.roles.some(moved)) redo.push(actor);
      }
      this.visibilityKey = key;
      this.model = model;
      this.identical = undefined;
      this.unused = undefined;
    }
    for (const actor of redo) this.remove(actor);
    for (const actor of removed) this.remove(actor);
    for (const actor of redo) this.add(model, actor);
    for (const actor of added) this.add(model, actor);
    // The model-wide lints change only when a distinct set or a named role came or went.
    for (const [set, before] of this.setsCrossed) if (this.setCounts.has(set) !== before) this.identical = undefined;
    for (const [role, before] of this.rolesCrossed) if (this.roleCounts.has(role) !== before) this.unused = undefined;
    this.setsCrossed.clear();
    this.rolesCrossed.clear();

    const found: Diagnostic[] = [];
    for (const list of this.invisible.values()) for (const d of list) found.push(d);
    for (const winner of this.winners.values()) for (const d of winner.declared.implied) found.push(d);
    for (const winner of this.groupWinners.values()) for (const d of winner.diagnostics) found.push(d);
    this.identical ??= identicalUserTypes(model, new Set(this.setCounts.keys()));
    this.unused ??= unusedRoles(model, new Set(this.roleCounts.keys()));
    return [...found, ...this.identical, ...this.unused];
  }

  private add(model: RoleModel, actor: AnalyzedActor): void {
    if (this.lints.has(actor)) return;
    const lints = actorLints(model, this.index!, actor);
    this.lints.set(actor, lints);
    if (lints.invisible.length > 0) this.invisible.set(actor, lints.invisible);
    for (const set of lints.completeSets) count(this.setCounts, set, 1, this.setsCrossed);
    for (const role of lints.roles) count(this.roleCounts, role, 1, this.rolesCrossed);
    lints.declared.forEach((declared, index) => {
      const list = this.declaredBy.get(declared.key) ?? [];
      list.push({ actor: actor.id, index, declared });
      this.declaredBy.set(declared.key, list);
      this.elect(declared.key);
    });
  }

  private remove(actor: AnalyzedActor): void {
    const lints = this.lints.get(actor);
    if (lints === undefined) return;
    this.lints.delete(actor);
    this.invisible.delete(actor);
    for (const set of lints.completeSets) count(this.setCounts, set, -1, this.setsCrossed);
    for (const role of lints.roles) count(this.roleCounts, role, -1, this.rolesCrossed);
    for (const declared of lints.declared) {
      const list = this.declaredBy.get(declared.key);
      if (list === undefined) continue;
      const at = list.findIndex((c) => c.declared === declared);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.declaredBy.delete(declared.key);
      this.elect(declared.key);
    }
  }

  /** Makes the first candidate of a requirement its reported one, and moves its OR-groups along. */
  private elect(key: string): void {
    const list = this.declaredBy.get(key);
    const winner = list === undefined ? undefined : list.reduce((a, b) => (compareCandidates(b, a) < 0 ? b : a));
    const previous = this.winners.get(key);
    if (previous === winner) return;
    if (previous !== undefined) {
      for (const group of previous.declared.groups) {
        const groups = this.groupsBy.get(group.key);
        const at = groups?.findIndex((g) => g.diagnostics === group.diagnostics && g.actor === previous.actor && g.index === previous.index) ?? -1;
        if (groups !== undefined && at >= 0) groups.splice(at, 1);
        this.electGroup(group.key);
      }
    }
    if (winner === undefined) this.winners.delete(key);
    else {
      this.winners.set(key, winner);
      winner.declared.groups.forEach((group, g) => {
        const groups = this.groupsBy.get(group.key) ?? [];
        groups.push({ actor: winner.actor, index: winner.index, group: g, diagnostics: group.diagnostics });
        this.groupsBy.set(group.key, groups);
        this.electGroup(group.key);
      });
    }
  }

  private electGroup(key: string): void {
    const groups = this.groupsBy.get(key);
    if (groups === undefined || groups.length === 0) {
      this.groupsBy.delete(key);
      this.groupWinners.delete(key);
      return;
    }
    this.groupWinners.set(key, groups.reduce((a, b) => (compareCandidates(b, a) < 0 ? b : a)));
  }
}

/** Adds `delta` to a count; a key whose count reaches or leaves zero is noted in `crossed`, with whether it was counted before. */
function count<K>(counts: Map<K, number>, key: K, delta: number, crossed: Map<K, boolean>): void {
  const before = counts.get(key) ?? 0;
  const now = before + delta;
  if ((before === 0) !== (now <= 0) && !crossed.has(key)) crossed.set(key, before > 0);
  if (now <= 0) counts.delete(key);
  else counts.set(key, now);
}

/** What the visibility index of a model depends on: each user type's role, MRO and readonly flag. */
function visibilityKey(model: RoleModel): string {
  return model.userTypes.map((t) => `${t.readonly ? "r" : "w"}${roleMro(model, t.role).join(",")}`).join("\n");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
