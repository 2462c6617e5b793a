/**
 * Who sees each element of a layout (SPEC §6b, Lino's layout panels), over
 * layouts as plain data: what the analyzer reads from an application's
 * sources has this shape, and the runtime's `Panel`, `Field` and
 * `SlaveTable` classes combine their answers with the same rules
 * ({@link fieldAccess}, {@link panelAccess}), so each rule has one home.
 *
 * Visibility is Lino's, independent of the actor that shows the layout:
 *
 * - a field is visible for every user type unless it has its own
 *   requirement;
 * - a slave table as its actor's default action (readonly);
 * - a panel for the user types its own requirement admits (if it has one)
 *   that see at least one of its elements: a panel without elements is
 *   visible for nobody.
 *
 * Where part of a requirement, or an element itself, could not be read
 * statically, the answer is {@link Access} `unknown` for the user types it
 * could change, never a guess: a panel is hidden when its own requirement
 * certainly hides it, visible when its requirement (if any) certainly
 * admits and one element is certainly visible, and unknown otherwise.
 */
import { accessOf, type Access, type KnownRequirement } from "./permission.js";
import type { RequirementItemLike } from "./requirement.js";
import type { RoleHierarchy } from "./role-hierarchy.js";
import { userTypeLabel, visibleForText, type PermissionModel, type UserTypeLike } from "./user-type.js";

/** A data field: visible for all unless it has its own requirement. */
export interface LayoutFieldLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly kind: "field";
  readonly name: string;
  /** Absent (or null) for a field without label. */
  readonly label?: string | null | undefined;
  readonly requiredRoles?: KnownRequirement<I> | undefined;
}

/** A slave table: visible as its actor's default action. */
export interface LayoutSlaveLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly kind: "slave";
  /** The actor's id. */
  readonly name: string;
  readonly label?: string | null | undefined;
  /** The actor's own or inherited required roles. */
  readonly actorRequiredRoles: KnownRequirement<I>;
}

/** A panel: its own requirement (if any) and one visible element. */
export interface LayoutPanelLike<I extends RequirementItemLike = RequirementItemLike> {
  readonly kind: "panel";
  readonly name: string;
  readonly label?: string | null | undefined;
  readonly requiredRoles?: KnownRequirement<I> | undefined;
  readonly elements: readonly LayoutElementLike<I>[];
}

/** An element that could not be read statically: who sees it is unknown for every user type. */
export interface LayoutUnknownLike {
  readonly kind: "unknown";
  /** What is written, for messages. */
  readonly text: string;
}

/** An element of a layout as plain data. */
export type LayoutElementLike<I extends RequirementItemLike = RequirementItemLike> =
  | LayoutFieldLike<I>
  | LayoutSlaveLike<I>
  | LayoutPanelLike<I>
  | LayoutUnknownLike;

/** The access to a field, from the access its own requirement gives (undefined: it has none). */
export function fieldAccess(own: Access | undefined): Access {
  return own ?? "visible";
}

/**
 * The access to a panel, from the access its own requirement gives
 * (undefined: it has none) and those of its elements (asked lazily, in
 * order, until one is certainly visible).
 */
export function panelAccess(own: Access | undefined, elements: Iterable<Access>): Access {
  if (own === "hidden" || own === "refused") return "hidden";
  let any: Access = "hidden";
  for (const access of elements) {
    if (access === "visible") {
      any = "visible";
      break;
    }
    if (access === "unknown") any = "unknown";
  }
  if (any === "hidden") return "hidden";
  return own === "unknown" || any === "unknown" ? "unknown" : "visible";
}

/** The access a requirement of a layout element gives (elements are seen, never written: readonly). */
function requirementAccess(hierarchy: RoleHierarchy, userType: UserTypeLike, requirement: KnownRequirement | undefined): Access | undefined {
  return requirement === undefined ? undefined : accessOf(hierarchy, userType, { requirement, readonly: true });
}

/** The {@link Access} of a user type to a layout element, as Lino's `[visible for …]` of that element says. */
export function layoutElementAccess(hierarchy: RoleHierarchy, userType: UserTypeLike, element: LayoutElementLike): Access {
  switch (element.kind) {
    case "field":
      return fieldAccess(requirementAccess(hierarchy, userType, element.requiredRoles));
    case "slave":
      return accessOf(hierarchy, userType, { requirement: element.actorRequiredRoles, readonly: true });
    case "panel":
      return panelAccess(
        requirementAccess(hierarchy, userType, element.requiredRoles),
        (function* () {
          for (const child of element.elements) yield layoutElementAccess(hierarchy, userType, child);
        })(),
      );
    case "unknown":
      return "unknown";
  }
}

/**
 * Lino's `visible_for` text of an element from the access of each user type
 * (in declaration order): `all`, `nobody` or labels when every answer is
 * known; else `unknown (visible for: x y; unknown for: z w)` (the first part
 * left out when nobody certainly sees it).
 */
export function layoutVisibleForText(userTypes: readonly UserTypeLike[], access: readonly Access[]): string {
  const visible: string[] = [];
  const unknown: string[] = [];
  userTypes.forEach((userType, i) => {
    const a = access[i];
    if (a === "visible") visible.push(userTypeLabel(userType));
    else if (a === "unknown") unknown.push(userTypeLabel(userType));
  });
  if (unknown.length === 0) return visibleForText(visible, userTypes.length);
  const parts = visible.length > 0 ? [`visible for: ${visible.join(" ")}`] : [];
  parts.push(`unknown for: ${unknown.join(" ")}`);
  return `unknown (${parts.join("; ")})`;
}

/**
 * An element with who may see it: the plain tree that rolecraft's renderers
 * print (`renderLayoutRst` as Lino's `py2rst`). The same shape as the
 * runtime's `LayoutDescription`.
 */
export interface LayoutElementDescription {
  readonly name: string;
  /** Absent for elements without label (e.g. `main`). */
  readonly label?: string;
  readonly kind: "panel" | "field" | "slave";
  /** As `visible-for` prints it, or `unknown (…)` (see {@link layoutVisibleForText}). */
  readonly visibleFor: string;
  /** One access per user type of the model, in declaration order. */
  readonly access: readonly Access[];
  readonly elements: readonly LayoutElementDescription[];
}

/**
 * The element and everything in it, each with who may see it. An element
 * that could not be read is shown as a field without label named by what
 * is written, unknown for everybody.
 */
export function describeLayoutElement(model: PermissionModel, element: LayoutElementLike): LayoutElementDescription {
  const access = model.userTypes.map((userType) => layoutElementAccess(model, userType, element));
  const visibleFor = layoutVisibleForText(model.userTypes, access);
  if (element.kind === "unknown") return { name: element.text, kind: "field", visibleFor, access, elements: [] };
  const elements = element.kind === "panel" ? element.elements.map((child) => describeLayoutElement(model, child)) : [];
  const label = element.label;
  return label === null || label === undefined
    ? { name: element.name, kind: element.kind, visibleFor, access, elements }
    : { name: element.name, label, kind: element.kind, visibleFor, access, elements };
}

/**
 * Whether users of a type find an element in the window, from their access
 * to the panel around it as found in the window (`visible` for the root's
 * parent) and their access to the element itself: visible when both are,
 * hidden when either is hidden (or refused), unknown otherwise.
 */
export function windowAccess(enclosing: Access, own: Access): Access {
  if (enclosing === "hidden" || enclosing === "refused" || own === "hidden" || own === "refused") return "hidden";
  return enclosing === "visible" && own === "visible" ? "visible" : "unknown";
}

/**
 * The elements below `root` that users of this type find in the window,
 * as the runtime's `Layout.visibleElements` lists them: each certainly
 * visible and inside panels that are all certainly visible, parents before
 * their elements, in layout order. Empty when `root` is not visible.
 */
export function visibleLayoutElements<E extends LayoutElementLike>(hierarchy: RoleHierarchy, userType: UserTypeLike, root: E & LayoutPanelLike): LayoutElementLike[] {
  const result: LayoutElementLike[] = [];
  const visit = (panel: LayoutPanelLike): void => {
    for (const element of panel.elements) {
      // Every panel visited is certainly visible, so the element is found when it is visible itself.
      if (windowAccess("visible", layoutElementAccess(hierarchy, userType, element)) !== "visible") continue;
      result.push(element);
      if (element.kind === "panel") visit(element);
    }
  };
  if (layoutElementAccess(hierarchy, userType, root) === "visible") visit(root);
  return result;
}
