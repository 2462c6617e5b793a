/**
 * The layouts of an analyzed application as the renderers' plain trees:
 * each element with who may see it, computed by the runtime's semantics
 * (`describeLayoutElement`), and the actions with a parameter dialog as
 * Lino's `show_dialog_actions` lists them.
 */
import type { AnalyzedLayout, Application } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { describeLayoutElement, type LayoutElementDescription } from "../runtime/semantics/index.js";
import type { DialogActionEntry } from "./layout-tree.js";

/** A layout element with who may see it, and each user type's access (for the HTML report). */
export type LayoutDescription = LayoutElementDescription;

/** The layout's tree from `main` down, every element with its `visibleFor` (Lino's `py2rst` prints it). */
export function describeAnalyzedLayout(model: RoleModel, layout: AnalyzedLayout): LayoutDescription {
  return describeLayoutElement(model, layout.main);
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
