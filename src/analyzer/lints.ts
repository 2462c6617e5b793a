/**
 * Lints on an analyzed application: things that are allowed but probably not
 * meant. RC5005 nobody can see it, RC5006 an item implied by another item of
 * the same requirement, RC5007 an OR-group holding a role and its subclass,
 * RC5008 two user types that see exactly the same, RC5009 a role nobody has
 * and nothing requires.
 */
import type { RoleModel } from "../compiler/types.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import { ancestorsOf, permissionOf, renderItem, renderRequirement, type Target } from "./permissions.js";
import { visibilityIndex, type VisibilityIndex } from "./visibility.js";
import { spanKey, spanWithin } from "./spans.js";
import type { AnalyzedActor, Application, ResolvedItem, ResolvedRequirement } from "./types.js";

/**
 * The user types that may see each target, per visibility index. Watch mode
 * keeps the analyzed actors of unchanged files between rounds, so only the
 * targets of re-analyzed actors are evaluated again.
 */
const visibleSets = new WeakMap<VisibilityIndex, WeakMap<Target, Uint32Array>>();

/** Who may see `target` (do not modify the result: it is shared). */
function visibleTo(index: VisibilityIndex, target: Target): Uint32Array {
  let sets = visibleSets.get(index);
  if (sets === undefined) visibleSets.set(index, (sets = new WeakMap()));
  let set = sets.get(target);
  if (set === undefined) {
    const { requirement, readonly } = permissionOf(target);
    set = index.visible(requirement, readonly);
    sets.set(target, set);
  }
  return set;
}

/** Every lint finding on the application, unsorted. */
export function lintApplication(model: RoleModel, app: Application): Diagnostic[] {
  return [...invisibleTargets(model, app), ...redundantItems(model, app), ...identicalUserTypes(model, app), ...unusedRoles(model, app)];
}

/** RC5005: actors and actions no user type may see (an action only when its actor is visible to someone). */
function invisibleTargets(model: RoleModel, app: Application): Diagnostic[] {
  const found: Diagnostic[] = [];
  const index = visibilityIndex(model);
  const invisible = (target: Target): boolean => {
    return permissionOf(target).requirement.complete && index.isEmpty(visibleTo(index, target));
  };
  for (const actor of app.actors) {
    if (invisible(actor)) {
      found.push(diagnostic("invisible", { id: actor.id, required: renderRequirement(actor.requiredRoles) }, actor.span));
      continue;
    }
    for (const action of actor.actions) {
      if (invisible(action)) {
        const required = `${renderRequirement(action.combined)}${action.readonly ? "" : " (and it is not readonly)"}`;
        found.push(diagnostic("invisible", { id: action.id, required }, action.span));
      }
    }
  }
  return found;
}

/** A requirement as written in one place, with who it is required on. */
interface Declared {
  readonly owner: string;
  readonly requirement: ResolvedRequirement;
  readonly span: Span;
}

/** Each requirement expression of the application once (inherited ones are not repeated). */
function declaredRequirements(app: Application): Declared[] {
  const seen = new Set<string>();
  const result: Declared[] = [];
  const add = (owner: string, requirement: ResolvedRequirement, span: Span): void => {
    const key = spanKey(span);
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ owner, requirement, span });
  };
  for (const actor of app.actors) {
    if (actor.requiredRolesFrom === actor.id) add(actor.id, actor.requiredRoles, actor.requiredRolesSpan);
    for (const action of actor.actions) {
      if (action.requiredRolesSpan !== undefined) add(action.id, action.requiredRoles, action.requiredRolesSpan);
    }
  }
  return result;
}

/** RC5006 (implied items) and RC5007 (an OR-group holding a role and its subclass). */
function redundantItems(model: RoleModel, app: Application): Diagnostic[] {
  const found: Diagnostic[] = [];
  const groupsSeen = new Set<string>();
  // Is `item` implied by `by`: does every role satisfying `by` satisfy `item`?
  const implies = (by: ResolvedItem, item: ResolvedItem): boolean =>
    by.roles.every((b) => {
      const ancestors = ancestorsOf(model, b);
      return item.roles.some((r) => ancestors.has(r));
    });

  for (const { owner, requirement, span } of declaredRequirements(app)) {
    const cached = redundantCache.get(requirement);
    if (cached !== undefined && cached.owner === owner && cached.model === model) {
      for (const { key, diagnostics } of cached.findings) {
        if (key !== undefined) {
          if (groupsSeen.has(key)) continue;
          groupsSeen.add(key);
        }
        found.push(...diagnostics);
      }
      continue;
    }
    const findings: RedundantFinding[] = [];
    const items = requirement.items;
    // Only items written in this expression are blamed: an item that comes with
    // `Other.requiredRoles` or a shared const is not this expression's to remove.
    const own = items.map((item) => spanWithin(item.span, span));
    const implied: Diagnostic[] = [];
    items.forEach((item, k) => {
      if (!own[k]) return;
      // Of two equivalent items, only the later one is blamed.
      const by = items.find((other, m) => m !== k && implies(other, item) && (m < k || !implies(item, other)));
      if (by !== undefined) implied.push(diagnostic("impliedItem", { item: renderItem(item.roles), id: owner, by: renderItem(by.roles) }, item.span));
    });
    findings.push({ diagnostics: implied });

    for (const item of items) {
      if (item.roles.length < 2) continue;
      const groupFindings: Diagnostic[] = [];
      item.roles.forEach((sub, s) => {
        const role = item.roles.find((r) => r !== sub && ancestorsOf(model, sub).has(r));
        const at = item.memberSpans[s] ?? item.span;
        if (role !== undefined) groupFindings.push(diagnostic("redundantOrMember", { group: renderItem(item.roles), id: owner, role, sub }, at));
      });
      findings.push({ key: spanKey(item.span), diagnostics: groupFindings });
    }
    redundantCache.set(requirement, { owner, model, findings });
    for (const { key, diagnostics } of findings) {
      if (key !== undefined) {
        if (groupsSeen.has(key)) continue;
        groupsSeen.add(key);
      }
      found.push(...diagnostics);
    }
  }
  return found;
}

/** Findings of one requirement; a group's findings carry its span key (reported once per group). */
interface RedundantFinding {
  readonly key?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** RC5006/RC5007 findings per requirement object (kept between watch rounds with the actors they belong to). */
const redundantCache = new WeakMap<ResolvedRequirement, { readonly owner: string; readonly model: RoleModel; readonly findings: readonly RedundantFinding[] }>();

/** A content key of a visibility set, cached per set (sets are shared and kept between watch rounds). */
const setKeys = new WeakMap<Uint32Array, string>();

function setKey(set: Uint32Array): string {
  let key = setKeys.get(set);
  if (key === undefined) {
    key = set.join(",");
    setKeys.set(set, key);
  }
  return key;
}

/** RC5008: user types that may see exactly the same actors and actions (fully resolved ones). */
function identicalUserTypes(model: RoleModel, app: Application): Diagnostic[] {
  const index = visibilityIndex(model);
  // Two user types see the same targets exactly when they agree on every
  // distinct visibility set: many targets share one, so only distinct sets count.
  const distinct = new Map<string, Uint32Array>();
  const add = (target: Target): void => {
    if (!permissionOf(target).requirement.complete) return;
    const visible = visibleTo(index, target);
    const key = setKey(visible);
    if (!distinct.has(key)) distinct.set(key, visible);
  };
  for (const actor of app.actors) {
    add(actor);
    for (const action of actor.actions) add(action);
  }
  if (distinct.size === 0) return [];
  const rows = [...distinct.values()];
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

/** The distinct roles an actor's and its actions' own requirements name (cached per actor: kept between watch rounds). */
const namedRoles = new WeakMap<AnalyzedActor, readonly string[]>();

function rolesNamedBy(actor: AnalyzedActor): readonly string[] {
  let roles = namedRoles.get(actor);
  if (roles === undefined) {
    const set = new Set<string>();
    for (const item of actor.requiredRoles.items) for (const role of item.roles) set.add(role);
    for (const action of actor.actions) for (const item of action.requiredRoles.items) for (const role of item.roles) set.add(role);
    roles = [...set];
    namedRoles.set(actor, roles);
  }
  return roles;
}

/** RC5009: roles (outside `core`) that no user type has, directly or by inheritance, and no requirement names. */
function unusedRoles(model: RoleModel, app: Application): Diagnostic[] {
  const used = new Set<string>();
  for (const userType of model.userTypes) for (const role of ancestorsOf(model, userType.role)) used.add(role);
  for (const actor of app.actors) for (const role of rolesNamedBy(actor)) used.add(role);
  const found: Diagnostic[] = [];
  for (const role of model.roles.values()) {
    if (role.module === "core" || used.has(role.id)) continue;
    found.push(diagnostic("unusedRole", { id: role.id }, role.span ?? fileSpan(role.file)));
  }
  return found;
}
