/**
 * The neutral form of a layout (Lino's detail windows and action dialogs)
 * before a renderer turns it into reStructuredText, Markdown or JSON: plain
 * data in which every element already carries who may see it. The runtime
 * (`DetailLayout.describe()`) and, later, the analyzer build it; the
 * renderers only decide how it looks.
 */

/** What a layout element is: a panel of elements, a data field, or a slave table (an actor shown inside the window). */
export type LayoutNodeKind = "panel" | "field" | "slave";

/**
 * One element of a layout, its sub-elements included. `main`, the root of
 * every layout, is a panel without label.
 */
export interface LayoutNode {
  /** The element's name (`main`, `general`, `gender`), for a slave table its actor id (`cal.EntriesByClient`). */
  readonly name: string;
  /** What people read (`Kalender`); absent for elements without label (`(main)`). */
  readonly label?: string;
  readonly kind: LayoutNodeKind;
  /** Who may see the element, as `visible-for` prints it: `all`, `nobody`, or user type labels joined by one space. */
  readonly visibleFor: string;
  /** Sub-elements in layout order; only panels have any. */
  readonly elements: readonly LayoutNode[];
}

/**
 * An action with a parameter dialog, as Lino's `show_dialog_actions` lists
 * it: `- <id> : <label>` followed by its parameter layout.
 */
export interface DialogActionEntry {
  /** `<actor id>.<action name>`, e.g. `tickets.Tickets.merge_row`. */
  readonly id: string;
  /** The action's label (Lino prints `str(action)`, its label, which defaults to its name). */
  readonly label: string;
  /** The parameter layout; its root is `main`. */
  readonly layout: LayoutNode;
  /**
   * Lino lists actions that run without opening a window of their own
   * ("custom" actions, e.g. `toggle_choice`) before the window actions;
   * default `"window"`, which every rolecraft action with a `paramsLayout` is.
   */
  readonly group?: "custom" | "window";
}

/** The text Lino shows when an element is compared with the parent of `main`, which has no visibility. */
export const NO_PARENT_VISIBILITY = "N/A";

/**
 * Dialog actions in the order `show_dialog_actions` prints them: the custom
 * group, then the window group, each sorted by id in code-point order (as
 * Python sorts strings). Stable for equal ids. Does not de-duplicate: Lino
 * lists a parameter layout shared by several actors once, under the first
 * actor bound, and that choice belongs to whoever builds the entries.
 */
export function orderDialogActions(entries: readonly DialogActionEntry[]): DialogActionEntry[] {
  const group = (entry: DialogActionEntry): number => (entry.group === "custom" ? 0 : 1);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => group(a.entry) - group(b.entry) || compareCodePoints(a.entry.id, b.entry.id) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Orders two strings by code point, as Python compares `str` (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const difference = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
}

/**
 * The first element named `name` (pre-order, the root included) and its
 * parent's `visibleFor` (`undefined` for the root): what rendering it on
 * its own, as Lino's `py2rst(layout['calendar'])` does, compares with.
 */
export function findLayoutNode<N extends LayoutNode & { readonly elements: readonly N[] }>(
  root: N,
  name: string,
): { readonly node: N; readonly parentVisibleFor: string | undefined } | undefined {
  if (root.name === name) return { node: root, parentVisibleFor: undefined };
  const stack: { node: N; parent: N }[] = root.elements.map((node: N) => ({ node, parent: root })).reverse();
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (entry.node.name === name) return { node: entry.node, parentVisibleFor: entry.parent.visibleFor };
    const parent = entry.node;
    for (let i = parent.elements.length - 1; i >= 0; i--) {
      const child = parent.elements[i];
      if (child !== undefined) stack.push({ node: child, parent });
    }
  }
  return undefined;
}

/** True when the element is a container in Lino's sense (a panel or a slave table's grid): its parent then lists it in a bullet list. */
export function isContainer(node: LayoutNode): boolean {
  return node.kind !== "field";
}
