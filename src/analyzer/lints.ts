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

/** Who may see `target` (a shared set: equal sets are one object; do not modify it). */
function visibleTo(index: VisibilityIndex, target: Target): Uint32Array {
  const { requirement, readonly } = permissionOf(target);
  return index.visibleShared(requirement, readonly);
}

/** Every lint finding on the application, unsorted. */
export function lintApplication(model: RoleModel, app: Application): Diagnostic[] {
  const visible = visibilitySets(model, app);
  return [...invisibleTargets(model, app, visible), ...redundantItems(model, app), ...identicalUserTypes(model, app, visible), ...unusedRoles(model, app)];
}

/** Who may see each target: every actor, then its actions, in application order. */
function visibilitySets(model: RoleModel, app: Application): Uint32Array[] {
  const index = visibilityIndex(model);
  const sets: Uint32Array[] = [];
  for (const actor of app.actors) {
    sets.push(visibleTo(index, actor));
    for (const action of actor.actions) sets.push(visibleTo(index, action));
  }
  return sets;
}

/** RC5005: actors and actions no user type may see (an action only when its actor is visible to someone). */
function invisibleTargets(model: RoleModel, app: Application, visible: readonly Uint32Array[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  const index = visibilityIndex(model);
  let next = 0;
  const invisible = (target: Target): boolean => {
    const set = visible[next++]!;
    return permissionOf(target).requirement.complete && index.isEmpty(set);
  };
  for (const actor of app.actors) {
    if (invisible(actor)) {
      found.push(diagnostic("invisible", { id: actor.id, required: renderRequirement(actor.requiredRoles) }, actor.span));
      next += actor.actions.length; // (its actions' sets)
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

/** RC5008: user types that may see exactly the same actors and actions (fully resolved ones). */
function identicalUserTypes(model: RoleModel, app: Application, visible: readonly Uint32Array[]): Diagnostic[] {
  // Two user types see the same targets exactly when they agree on every
  // distinct visibility set: many targets share one (equal sets are one object).
  const distinct = new Set<Uint32Array>();
  let next = 0;
  const add = (target: Target): void => {
    const set = visible[next++]!;
    if (permissionOf(target).requirement.complete) distinct.add(set);
  };
  for (const actor of app.actors) {
    add(actor);
    for (const action of actor.actions) add(action);
  }
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
function unusedRoles(model: RoleModel, app: Application): Diagnostic[] {
  const used = new Set<string>();
  for (const userType of model.userTypes) for (const role of ancestorsOf(model, userType.role)) used.add(role);
  for (const actor of app.actors) {
    for (const item of actor.requiredRoles.items) for (const role of item.roles) used.add(role);
    for (const action of actor.actions) for (const item of action.requiredRoles.items) for (const role of item.roles) used.add(role);
  }
  const found: Diagnostic[] = [];
  for (const role of model.roles.values()) {
    if (role.module === "core" || used.has(role.id)) continue;
    found.push(diagnostic("unusedRole", { id: role.id }, role.span ?? fileSpan(role.file)));
  }
  return found;
}
