/**
 * JSON of layouts: the tree itself, for tools. Every element has the same
 * members in the same order (`name`, `label` (`null` without one), `kind`,
 * `visibleFor`, for an analyzed layout `userTypes`, `unknownUserTypes` and
 * `unresolved`, then `elements`), whatever object it was built from; 2-space
 * indentation and a trailing newline, like `JSON.stringify(x, null, 2)`.
 */
import type { UnresolvedExpression } from "../analyzer/types.js";
import { unresolvedSummary, type UnresolvedSummary } from "./unresolved.js";
import { orderDialogActions, type DialogActionEntry, type LayoutNode, type LayoutNodeKind } from "./layout-tree.js";

/**
 * A layout element as the JSON form writes it. An element of an analyzed
 * layout (`show layout`, `show actors`) carries who may see it as actors
 * do: `visibleFor` is null when it is unknown for some user type, which
 * `unknownUserTypes` lists, with the `unresolved` expressions that make it
 * so. A layout the runtime describes knows every answer: `visibleFor` only.
 */
export interface LayoutJson {
  readonly name: string;
  readonly label: string | null;
  readonly kind: LayoutNodeKind;
  /** Lino's visible_for text (`all`, `nobody` or labels); null when it is not known for some user type. */
  readonly visibleFor: string | null;
  /** Values of the user types that certainly see it, in declaration order (analyzed layouts). */
  readonly userTypes?: readonly string[];
  /** Values of the user types for which it is not known (analyzed layouts; empty when known for all). */
  readonly unknownUserTypes?: readonly string[];
  /** What is not known about it (analyzed layouts), as actors list theirs. */
  readonly unresolved?: readonly UnresolvedSummary[];
  readonly elements: readonly LayoutJson[];
}

/** A layout element with its verdicts (what `describeAnalyzedLayout` builds). */
interface JudgedNode extends LayoutNode {
  readonly userTypes: readonly string[];
  readonly unknownUserTypes: readonly string[];
  readonly unresolved: readonly UnresolvedExpression[];
}

function isJudged(node: LayoutNode): node is JudgedNode {
  return "unknownUserTypes" in node && "unresolved" in node;
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
  const head = { name: node.name, label: node.label ?? null, kind: node.kind };
  const elements = node.elements.map(layoutJson);
  if (!isJudged(node)) return { ...head, visibleFor: node.visibleFor, elements };
  return {
    ...head,
    visibleFor: node.unknownUserTypes.length > 0 ? null : node.visibleFor,
    userTypes: [...node.userTypes],
    unknownUserTypes: [...node.unknownUserTypes],
    unresolved: node.unresolved.map(unresolvedSummary),
    elements,
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
