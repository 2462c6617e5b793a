/**
 * Requirements over role ids (SPEC §1): an AND-collection whose items are a
 * role or an OR-group of roles. This is the reference definition of "does
 * this role satisfy this requirement"; the runtime's bitset engine and the
 * analyzer's visibility index are faster forms of it, each kept equal to it
 * by a differential test.
 */
import { ancestorsOf, type RoleHierarchy } from "./role-hierarchy.js";

/** One item of a requirement: one role (`roles.length === 1`) or an OR-group (any of them). */
export interface RequirementItemLike {
  /** Role ids, in the order written. */
  readonly roles: readonly string[];
}

/** A requirement as plain data: every item must be satisfied (an empty one always is). */
export interface RequirementLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly items: readonly I[];
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
 */
export function ancestorsSatisfy(ancestors: ReadonlySet<string>, requirement: RequirementLike): boolean {
  return requirement.items.every((item) => satisfyingMember(ancestors, item) !== undefined);
}

/** True when `role` satisfies every item of the requirement (see {@link ancestorsSatisfy}). */
export function roleSatisfies(hierarchy: RoleHierarchy, role: string, requirement: RequirementLike): boolean {
  return ancestorsSatisfy(ancestorsOf(hierarchy, role), requirement);
}

/** A requirement item as text: `core.SiteUser`, or an OR-group `(integ.IntegUser | pcsw.SocialCoordinator)`. */
export function renderItem(roles: readonly string[]): string {
  return roles.length === 1 ? (roles[0] ?? "") : `(${roles.join(" | ")})`;
}

/**
 * A requirement as text: items joined by `, ` (AND), OR-groups in
 * parentheses with ` | `; `(none)` when empty; `, ?` at the end when part
 * of it could not be resolved statically. Repeated items are shown once.
 * Tables, explanations and diagnostics all write requirements this way.
 */
export function renderRequirement(requirement: RequirementLike & { readonly complete: boolean }): string {
  const parts = [...new Set(requirement.items.map((i) => renderItem(i.roles)))];
  if (!requirement.complete) parts.push("?");
  return parts.length === 0 ? "(none)" : parts.join(", ");
}
