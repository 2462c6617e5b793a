/**
 * JSON of layouts: the tree itself, for tools. Every element has the same
 * members in the same order (`name`, `label` (`null` without one), `kind`,
 * `visibleFor`, `elements`), whatever object it was built from; 2-space
 * indentation and a trailing newline, like `JSON.stringify(x, null, 2)`.
 */
import { orderDialogActions, type DialogActionEntry, type LayoutNode, type LayoutNodeKind } from "./layout-tree.js";

/** A layout element as the JSON form writes it. */
export interface LayoutJson {
  readonly name: string;
  readonly label: string | null;
  readonly kind: LayoutNodeKind;
  readonly visibleFor: string;
  readonly elements: readonly LayoutJson[];
}

/** A dialog action as the JSON form writes it. */
export interface DialogActionJson {
  readonly id: string;
  readonly label: string;
  readonly group: "custom" | "window";
  readonly layout: LayoutJson;
}

/** The tree in the JSON form's shape: fixed members, `label: null` where there is none. */
export function layoutJson(node: LayoutNode): LayoutJson {
  return {
    name: node.name,
    label: node.label ?? null,
    kind: node.kind,
    visibleFor: node.visibleFor,
    elements: node.elements.map(layoutJson),
  };
}

/** The layout as JSON text. */
export function renderLayoutJson(node: LayoutNode): string {
  return `${JSON.stringify(layoutJson(node), null, 2)}\n`;
}

/** Dialog actions as a JSON array, in the order of `orderDialogActions`. */
export function renderDialogActionsJson(entries: readonly DialogActionEntry[]): string {
  const actions = orderDialogActions(entries).map(
    (entry): DialogActionJson => ({ id: entry.id, label: entry.label, group: entry.group ?? "window", layout: layoutJson(entry.layout) }),
  );
  return `${JSON.stringify(actions, null, 2)}\n`;
}
