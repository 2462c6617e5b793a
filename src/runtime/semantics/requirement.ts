/**
 * Requirements over role ids (SPEC §1): an AND-collection whose items are a
 * role or an OR-group of roles. This is the reference definition of "does
 * this role satisfy this requirement"; the runtime's bitset engine and the
 * analyzer's visibility index are faster forms of it, each kept equal to it
 * by a differential test.
 */
import { ancestorsOf, type RoleHierarchy } from "./role-hierarchy.js";

/** Part of a requirement that is not known: an expression that could not be resolved statically, or a role the model lacks. */
export interface UnresolvedLike {
  /** As written (an expression), or the role id. */
  readonly text: string;
}

/** One item of a requirement: one role (`roles.length === 1`) or an OR-group (any of them). */
export interface RequirementItemLike {
  /** Role ids, in the order written. */
  readonly roles: readonly string[];
  /**
   * Members of the item that are not known (absent: none): an OR-group with
   * a member that could not be resolved, or that names a role the model
   * lacks. For a role that inherits none of `roles`, the item is then
   * unknown rather than unsatisfied.
   */
  readonly unresolved?: readonly UnresolvedLike[];
}

/** A requirement as plain data: every item must be satisfied (an empty one always is). */
export interface RequirementLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly items: readonly I[];
}

/** A requirement that may say how far it is known (the runtime's always are). */
export type MaybeKnownRequirement = RequirementLike & { readonly complete?: boolean; readonly unresolved?: readonly UnresolvedLike[] };

/**
 * A requirement as far as it is known. `complete: false` means some part
 * is not known (see {@link UnresolvedLike}); `unresolved` lists the whole
 * items that are not (an item's unknown members are its own
 * `unresolved`). Without `unresolved`, an incomplete requirement counts as
 * having an unknown item.
 */
export interface KnownRequirement<I extends RequirementItemLike = RequirementItemLike> extends RequirementLike<I> {
  readonly complete: boolean;
  readonly unresolved?: readonly UnresolvedLike[];
}

/**
 * Whether a role satisfies a requirement (or an item) as far as it is known:
 * `unknown` when the answer depends on a part that is not known.
 */
export type Satisfaction = "satisfied" | "unsatisfied" | "unknown";

/** True when the item has a member that is not known. */
export function hasUnknownMember(item: RequirementItemLike): boolean {
  return item.unresolved !== undefined && item.unresolved.length > 0;
}

/** True when a whole item of the requirement is not known (see {@link KnownRequirement}). */
export function hasUnknownItem(requirement: { readonly complete?: boolean; readonly unresolved?: readonly UnresolvedLike[] }): boolean {
  return requirement.unresolved === undefined ? requirement.complete === false : requirement.unresolved.length > 0;
}

/**
 * One item for a role with these ancestors (its MRO as a set): satisfied
 * when the role inherits a member; else unknown when a member is not known
 * (it might be one the role has); else unsatisfied.
 */
export function itemSatisfaction(ancestors: ReadonlySet<string>, item: RequirementItemLike): Satisfaction {
  if (satisfyingMember(ancestors, item) !== undefined) return "satisfied";
  return hasUnknownMember(item) ? "unknown" : "unsatisfied";
}

/**
 * A requirement for a role with these ancestors: unsatisfied when some item
 * is (whatever is not known cannot undo that); else unknown when some item
 * is unknown or a whole item is not known; else satisfied.
 */
export function ancestorsSatisfaction(ancestors: ReadonlySet<string>, requirement: KnownRequirement): Satisfaction {
  let unknown = hasUnknownItem(requirement);
  for (const item of requirement.items) {
    const s = itemSatisfaction(ancestors, item);
    if (s === "unsatisfied") return s;
    if (s === "unknown") unknown = true;
  }
  return unknown ? "unknown" : "satisfied";
}

/** {@link ancestorsSatisfaction} for `role`. */
export function roleSatisfaction(hierarchy: RoleHierarchy, role: string, requirement: KnownRequirement): Satisfaction {
  return ancestorsSatisfaction(ancestorsOf(hierarchy, role), requirement);
}

/**
 * Every part of a requirement that is not known, as written, each once: the
 * unknown members of its items (in item order), then its unknown whole items.
 */
export function unresolvedParts(requirement: KnownRequirement): string[] {
  const parts = new Set<string>();
  for (const item of requirement.items) for (const part of item.unresolved ?? []) parts.add(part.text);
  for (const part of requirement.unresolved ?? []) parts.add(part.text);
  if (parts.size === 0 && !requirement.complete) parts.add("?");
  return [...parts];
}

/**
 * The member of `item` that a role with these ancestors inherits (the first
 * one, in the order written), or undefined when it inherits none: the item
 * is satisfied exactly when there is one.
 */
export function satisfyingMember(ancestors: ReadonlySet<string>, item: RequirementItemLike): string | undefined {
  return item.roles.find((role) => ancestors.has(role));
}

/**
 * True when a role with these ancestors (its MRO as a set) satisfies every
 * item: it inherits that role, or at least one role of that OR-group.
 * Certainly: false also when a whole item is not known (see
 * {@link ancestorsSatisfaction} for the three-valued answer).
 */
export function ancestorsSatisfy(ancestors: ReadonlySet<string>, requirement: MaybeKnownRequirement): boolean {
  if (hasUnknownItem(requirement)) return false;
  return requirement.items.every((item) => satisfyingMember(ancestors, item) !== undefined);
}

/** True when `role` certainly satisfies every item of the requirement (see {@link ancestorsSatisfy}). */
export function roleSatisfies(hierarchy: RoleHierarchy, role: string, requirement: MaybeKnownRequirement): boolean {
  return ancestorsSatisfy(ancestorsOf(hierarchy, role), requirement);
}

/** A requirement item as text: `core.SiteUser`, or an OR-group `(integ.IntegUser | pcsw.SocialCoordinator)`. */
export function renderItem(roles: readonly string[]): string {
  return roles.length === 1 ? (roles[0] ?? "") : `(${roles.join(" | ")})`;
}

/**
 * An item as text with its unknown members: a role the model lacks by its
 * id, as written, and a member that could not be resolved as `?`:
 * `(tickets.Triager | ?)`.
 */
export function renderKnownItem(item: RequirementItemLike): string {
  const unknown = (item.unresolved ?? []).filter((u) => !item.roles.includes(u.text));
  return unknown.length === 0 ? renderItem(item.roles) : renderItem([...item.roles, ...unknown.map(() => "?")]);
}

/**
 * A requirement as text: items joined by `, ` (AND), OR-groups in
 * parentheses with ` | `; `(none)` when empty; an unknown member of an
 * OR-group as `?`, and `, ?` at the end when a whole item is not known.
 * Repeated items are shown once. Tables, explanations and diagnostics all
 * write requirements this way.
 */
export function renderRequirement(requirement: KnownRequirement): string {
  const parts = [...new Set(requirement.items.map(renderKnownItem))];
  if (hasUnknownItem(requirement) && !parts.includes("?")) parts.push("?");
  return parts.length === 0 ? "(none)" : parts.join(", ");
}
