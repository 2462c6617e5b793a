/**
 * The layouts of an analyzed application as the renderers' plain trees:
 * each element with who may see it, computed by the runtime's semantics
 * (`describeLayoutElement`), and the actions with a parameter dialog as
 * Lino's `show_dialog_actions` lists them.
 */
import type { AnalyzedLayout, AnalyzedLayoutElement, Application, UnresolvedExpression } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { describeLayoutElement, type LayoutElementDescription } from "../runtime/semantics/index.js";
import type { DialogActionEntry } from "./layout-tree.js";
import { uniqueExpressions, unresolvedExpressions } from "./unresolved.js";

/**
 * A layout element with who may see it, each user type's access (for the
 * HTML report) and, as actors carry them, the user types that certainly see
 * it, those for which it is unknown, and the expressions that make it so.
 */
export interface LayoutDescription extends LayoutElementDescription {
  /** Values of the user types that certainly see it, in declaration order. */
  readonly userTypes: readonly string[];
  /** Values of the user types for which it is not known, in declaration order (empty when known for all). */
  readonly unknownUserTypes: readonly string[];
  /**
   * What is not known about it: the unresolved parts of its own requirement
   * (a slave table's: its actor's), the element itself when it could not be
   * read, and, for a panel not known for everybody, those of its elements.
   */
  readonly unresolved: readonly UnresolvedExpression[];
  readonly elements: readonly LayoutDescription[];
}

/** The layout's tree from `main` down, every element with its `visibleFor` (Lino's `py2rst` prints it). */
export function describeAnalyzedLayout(model: RoleModel, layout: AnalyzedLayout): LayoutDescription {
  return withVerdicts(model, layout.main, describeLayoutElement(model, layout.main));
}

/** The described element (the same tree as the analyzed one) with its verdict and what is not known. */
function withVerdicts(model: RoleModel, element: AnalyzedLayoutElement, described: LayoutElementDescription): LayoutDescription {
  const elements = element.kind === "panel" ? element.elements.map((child, i) => withVerdicts(model, child, described.elements[i]!)) : [];
  const userTypes: string[] = [];
  const unknownUserTypes: string[] = [];
  model.userTypes.forEach((userType, u) => {
    if (described.access[u] === "visible") userTypes.push(userType.value);
    else if (described.access[u] === "unknown") unknownUserTypes.push(userType.value);
  });
  const own =
    element.kind === "unknown"
      ? [{ text: element.text, span: element.span }]
      : element.kind === "slave"
        ? unresolvedExpressions(element.actorRequiredRoles)
        : element.requiredRoles === undefined
          ? []
          : unresolvedExpressions(element.requiredRoles);
  const unresolved = unknownUserTypes.length > 0 ? uniqueExpressions([...own, ...elements.flatMap((e) => e.unresolved)]) : own;
  return { ...described, userTypes, unknownUserTypes, unresolved, elements };
}

/** True when who may see every element is known (no `unknown (…)` anywhere in the tree). */
export function isKnownLayout(node: LayoutDescription): boolean {
  const stack = [node];
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    if (element.access.includes("unknown")) return false;
    for (const child of element.elements) stack.push(child);
  }
  return true;
}

/** A dialog action whose layout carries each user type's access. */
export type DescribedDialogAction = DialogActionEntry & { readonly layout: LayoutDescription };

/**
 * The actions of the application that have a parameter dialog, each with
 * its label (else its name) and its layout described, in the order Lino's
 * `show_dialog_actions` prints them (see `orderDialogActions`). A parameter
 * layout several actions share (an inherited action, a const) is one
 * object at run time and is listed once, under the first of them by id, as
 * Lino lists it under the first actor it was bound to.
 */
export function dialogActionEntries(model: RoleModel, app: Application): DescribedDialogAction[] {
  const seen = new Set<string>();
  const entries: DescribedDialogAction[] = [];
  for (const actor of app.actors) {
    for (const action of actor.actions) {
      const layout = action.paramsLayout;
      if (layout === undefined || seen.has(layout.key)) continue;
      seen.add(layout.key);
      entries.push({ id: action.id, label: action.label ?? action.name, layout: describeAnalyzedLayout(model, layout) });
    }
  }
  return entries;
}
