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
 * the actors it analyzed again and then merges. {@link LintState} (the
 * editor's incremental analysis) keeps the merge too, so that a round costs
 * what changed, not what the application holds.
 */
import type { RoleModel } from "../compiler/types.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { compareStrings, fileSpan, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import { ancestorsOf, renderItem, renderRequirement, roleMro, satisfyingMember, visibilityIndex, type VisibilityIndex } from "../runtime/semantics/index.js";
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

/** A declared requirement of an actor, with where it stands in the order a full analysis meets them. */
interface Candidate {
  readonly actor: string;
  /** Its index among the actor's declared requirements. */
  readonly index: number;
  readonly declared: Declared;
  /** Its OR-groups as candidates, while it is the reported one of its requirement. */
  groups: GroupCandidate[] | undefined;
}

/** An OR-group of a reported declared requirement, in the order a full analysis meets them. */
interface GroupCandidate {
  readonly actor: string;
  readonly index: number;
  /** Its index among the requirement's groups. */
  readonly group: number;
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Which comes first in a full analysis: by actor id, then declared index, then group index. */
function before(a: { readonly actor: string; readonly index: number; readonly group?: number }, b: typeof a): boolean {
  return a.actor < b.actor || (a.actor === b.actor && (a.index < b.index || (a.index === b.index && (a.group ?? 0) < (b.group ?? 0))));
}

/** The first of some candidates in a full analysis's order. */
function first<T extends { readonly actor: string; readonly index: number; readonly group?: number }>(candidates: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) if (best === undefined || before(candidate, best)) best = candidate;
  return best;
}

/**
 * The lints of an application kept from round to round: each round gives
 * the actors that left, the actors that came (kept actors are the same
 * objects) and the actors whose spans moved, and costs what changed. The
 * findings equal {@link lintApplication} over the actors as they are: where
 * a full run reports a requirement or an OR-group once, for the first actor
 * that meets it, this keeps every candidate and reports the first.
 *
 * A new role model keeps what it can: the per-actor work holds as long as
 * the user types, the MROs of their roles and the MROs of the roles an actor
 * names are unchanged.
 */
export class LintState {
  private model: RoleModel | undefined;
  private index: VisibilityIndex | undefined;
  private visibilityKey = "";
  private readonly lints = new Map<AnalyzedActor, { readonly lints: ActorLints; readonly candidates: readonly Candidate[] }>();
  private readonly invisible = new Map<AnalyzedActor, readonly Diagnostic[]>();
  private readonly setCounts = new Map<Uint32Array, number>();
  private readonly roleCounts = new Map<string, number>();
  private readonly declaredBy = new Map<string, Set<Candidate>>();
  private readonly winners = new Map<string, Candidate>();
  private readonly groupsBy = new Map<string, Set<GroupCandidate>>();
  private readonly groupWinners = new Map<string, GroupCandidate>();
  /** Requirements and OR-groups whose candidates changed this round. */
  private readonly dirty = new Set<string>();
  private readonly dirtyGroups = new Set<string>();
  /** The model-wide lints (RC5008, RC5009) of the last round, while neither their model nor their inputs change. */
  private identical: Diagnostic[] | undefined;
  private unused: Diagnostic[] | undefined;
  /** The actors with a detail layout or an action with a parameter layout. */
  private readonly withLayouts = new Set<AnalyzedActor>();
  /** The roles the layouts named last round, sorted, one a line. */
  private layoutRoles = "";
  /** The words of the user types with an unknown cell last round, joined. */
  private unknownKey = "";
  /** Sets and roles whose count reached or left zero this round, with whether they were counted before it. */
  private readonly setsCrossed = new Map<Uint32Array, boolean>();
  private readonly rolesCrossed = new Map<string, boolean>();

  /**
   * Takes a round into account and returns every lint finding, unsorted.
   * `removed` and `added` are what left and what came since the last round
   * (the first round adds every actor); `moved` the actors whose spans
   * moved, with `move` moving a span.
   */
  update(
    model: RoleModel,
    removed: Iterable<AnalyzedActor>,
    added: Iterable<AnalyzedActor>,
    moved?: { readonly actors: ReadonlyMap<AnalyzedActor, AnalyzedActor>; readonly move: (span: Span) => Span },
  ): Diagnostic[] {
    const redo: AnalyzedActor[] = [];
    if (model !== this.model) {
      const key = visibilityKey(model);
      if (this.model === undefined || key !== this.visibilityKey) {
        this.index = visibilityIndex(model);
        redo.push(...this.lints.keys());
      } else {
        // Only actors naming a role whose MRO changed (or that came or went) need their lints again.
        const previous = this.model;
        const changed = new Set<string>();
        for (const id of previous.roles.keys()) if (!sameList(roleMro(previous, id), roleMro(model, id))) changed.add(id);
        for (const id of model.roles.keys()) if (!previous.roles.has(id)) changed.add(id);
        if (changed.size > 0) for (const [actor, kept] of this.lints) if (kept.lints.roles.some((role) => changed.has(role))) redo.push(actor);
      }
      this.visibilityKey = key;
      this.model = model;
      this.identical = undefined;
      this.unused = undefined;
    }
    for (const [before, after] of moved?.actors ?? []) {
      const kept = this.lints.get(before);
      if (kept === undefined) continue;
      const lints = moveLints(kept.lints, moved!.move);
      if (lints === kept.lints) {
        // Nothing the lints report moved (the usual case): the same work under the new actor.
        this.lints.delete(before);
        this.lints.set(after, kept);
        if (this.withLayouts.delete(before)) this.withLayouts.add(after);
        const invisible = this.invisible.get(before);
        if (invisible !== undefined) {
          this.invisible.delete(before);
          this.invisible.set(after, invisible);
        }
        continue;
      }
      this.remove(before);
      this.insert(after, lints);
    }
    for (const actor of redo) this.remove(actor);
    for (const actor of removed) this.remove(actor);
    for (const actor of redo) this.insert(actor, actorLints(model, this.index!, actor));
    for (const actor of added) if (!this.lints.has(actor)) this.insert(actor, actorLints(model, this.index!, actor));
    this.settle();
    // The model-wide lints change only when a distinct set or a named role came or went.
    for (const [set, was] of this.setsCrossed) if (this.setCounts.has(set) !== was) this.identical = undefined;
    for (const [role, was] of this.rolesCrossed) if (this.roleCounts.has(role) !== was) this.unused = undefined;
    this.setsCrossed.clear();
    this.rolesCrossed.clear();

    const found: Diagnostic[] = [];
    for (const list of this.invisible.values()) for (const d of list) found.push(d);
    for (const winner of this.winners.values()) for (const d of winner.declared.implied) found.push(d);
    for (const winner of this.groupWinners.values()) for (const d of winner.diagnostics) found.push(d);
    // Layouts are few beside actors: their lints run over all of them every round (actors in the application's order).
    const layouts = lintLayouts(model, { actors: [...this.withLayouts].sort(compareActors) });
    const layoutRoles = [...new Set(layouts.roles)].sort().join("\n");
    if (layoutRoles !== this.layoutRoles) this.unused = undefined;
    this.layoutRoles = layoutRoles;
    // The user types with an unknown cell somewhere: RC5008 never pairs them on a guess.
    const unknownFor = new Uint32Array(Math.ceil(model.userTypes.length / 32));
    for (const { lints } of this.lints.values()) lints.unknownFor?.forEach((bits, w) => (unknownFor[w]! |= bits));
    const unknownKey = unknownFor.join(",");
    if (unknownKey !== this.unknownKey) this.identical = undefined;
    this.unknownKey = unknownKey;
    this.identical ??= identicalUserTypes(model, new Set(this.setCounts.keys()), unknownFor);
    this.unused ??= unusedRoles(model, new Set([...this.roleCounts.keys(), ...layouts.roles]));
    return [...found, ...layouts.diagnostics, ...this.identical, ...this.unused];
  }

  private insert(actor: AnalyzedActor, lints: ActorLints): void {
    // A requirement is reported for its first candidate, and all of them report the same but for
    // the owner's name: a requirement with nothing to report needs no candidates.
    const candidates: Candidate[] = [];
    lints.declared.forEach((declared, index) => {
      if (reportsSomething(declared)) candidates.push({ actor: actor.id, index, declared, groups: undefined });
    });
    this.lints.set(actor, { lints, candidates });
    if (hasLayouts(actor)) this.withLayouts.add(actor);
    if (lints.invisible.length > 0) this.invisible.set(actor, lints.invisible);
    for (const set of lints.completeSets) count(this.setCounts, set, 1, this.setsCrossed);
    for (const role of lints.roles) count(this.roleCounts, role, 1, this.rolesCrossed);
    for (const candidate of candidates) {
      const key = candidate.declared.key;
      let set = this.declaredBy.get(key);
      if (set === undefined) this.declaredBy.set(key, (set = new Set()));
      set.add(candidate);
      this.dirty.add(key);
    }
  }

  private remove(actor: AnalyzedActor): void {
    const kept = this.lints.get(actor);
    if (kept === undefined) return;
    this.lints.delete(actor);
    this.invisible.delete(actor);
    this.withLayouts.delete(actor);
    for (const set of kept.lints.completeSets) count(this.setCounts, set, -1, this.setsCrossed);
    for (const role of kept.lints.roles) count(this.roleCounts, role, -1, this.rolesCrossed);
    for (const candidate of kept.candidates) {
      const key = candidate.declared.key;
      const set = this.declaredBy.get(key);
      set?.delete(candidate);
      if (set?.size === 0) this.declaredBy.delete(key);
      this.dirty.add(key);
    }
  }

  /** Elects the first candidate of every requirement and OR-group whose candidates changed. */
  private settle(): void {
    for (const key of this.dirty) {
      const winner = first(this.declaredBy.get(key) ?? []);
      const previous = this.winners.get(key);
      if (previous === winner) continue;
      // The reported requirement's OR-groups are the candidates of their groups.
      for (const group of previous?.groups ?? []) {
        const set = this.groupsBy.get(group.key);
        set?.delete(group);
        if (set?.size === 0) this.groupsBy.delete(group.key);
        this.dirtyGroups.add(group.key);
      }
      if (previous !== undefined) previous.groups = undefined;
      if (winner === undefined) {
        this.winners.delete(key);
        continue;
      }
      this.winners.set(key, winner);
      winner.groups = [];
      winner.declared.groups.forEach((group, g) => {
        if (group.diagnostics.length > 0) winner.groups!.push({ actor: winner.actor, index: winner.index, group: g, key: group.key, diagnostics: group.diagnostics });
      });
      for (const group of winner.groups) {
        let set = this.groupsBy.get(group.key);
        if (set === undefined) this.groupsBy.set(group.key, (set = new Set()));
        set.add(group);
        this.dirtyGroups.add(group.key);
      }
    }
    this.dirty.clear();
    for (const key of this.dirtyGroups) {
      const winner = first(this.groupsBy.get(key) ?? []);
      if (winner === undefined) this.groupWinners.delete(key);
      else this.groupWinners.set(key, winner);
    }
    this.dirtyGroups.clear();
  }
}

/** True when a declared requirement has a finding (every candidate of its span has the same ones, but for the owner). */
function reportsSomething(declared: Declared): boolean {
  return declared.implied.length > 0 || declared.groups.some((group) => group.diagnostics.length > 0);
}

/**
 * An actor's lints with their spans moved (see relocate.ts), the work on
 * visibility kept; the same object when nothing they report moved (what
 * reports nothing plays no part in the merge, see {@link LintState}).
 */
function moveLints(lints: ActorLints, move: (span: Span) => Span): ActorLints {
  const invisible = mapSame(lints.invisible, (d) => moveDiagnostic(d, move));
  const declared = mapSame(lints.declared, (entry) => {
    if (!reportsSomething(entry)) return entry;
    const span = move(entry.span);
    const implied = mapSame(entry.implied, (d) => moveDiagnostic(d, move));
    const groups = mapSame(entry.groups, (group) => {
      if (group.diagnostics.length === 0) return group;
      const key = moveKey(group.key, move);
      const diagnostics = mapSame(group.diagnostics, (d) => moveDiagnostic(d, move));
      return key === group.key && diagnostics === group.diagnostics ? group : { key, diagnostics };
    });
    if (span === entry.span && implied === entry.implied && groups === entry.groups) return entry;
    return { owner: entry.owner, span, key: spanKey(span), implied, groups };
  });
  return invisible === lints.invisible && declared === lints.declared ? lints : { ...lints, invisible, declared };
}

function moveDiagnostic(d: Diagnostic, move: (span: Span) => Span): Diagnostic {
  const span = move(d.span);
  return span === d.span ? d : { ...d, span };
}

/** `list` with `f` applied; the same array when `f` returned every item itself. */
function mapSame<T>(list: readonly T[], f: (item: T) => T): readonly T[] {
  let copy: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const mapped = f(item);
    if (mapped !== item) (copy ??= list.slice())[i] = mapped;
  }
  return copy ?? list;
}

/** A span key ({@link spanKey}) with its span moved; the same string when it did not move. */
function moveKey(key: string, move: (span: Span) => Span): string {
  const [file, line, column, endLine, endColumn] = key.split("\0");
  const span = { file: file ?? "", line: Number(line), column: Number(column), endLine: Number(endLine), endColumn: Number(endColumn) };
  const moved = move(span);
  return moved === span ? key : spanKey(moved);
}

/** Adds `delta` to a count; a key whose count reaches or leaves zero is noted in `crossed`, with whether it was counted before. */
function count<K>(counts: Map<K, number>, key: K, delta: number, crossed: Map<K, boolean>): void {
  const was = counts.get(key) ?? 0;
  const now = was + delta;
  if ((was === 0) !== (now <= 0) && !crossed.has(key)) crossed.set(key, was > 0);
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

function hasLayouts(actor: AnalyzedActor): boolean {
  return actor.detailLayout !== undefined || actor.actions.some((action) => action.paramsLayout !== undefined);
}

/** The order of the application's actors: by id, then by where they are declared. */
function compareActors(a: AnalyzedActor, b: AnalyzedActor): number {
  return compareStrings(a.id, b.id) || compareStrings(a.span.file, b.span.file) || a.span.line - b.span.line || a.span.column - b.span.column;
}
