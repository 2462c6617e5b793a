/** Picks the layout renderer for a format of `rolecraft show layout --format`. */
import { renderDialogActionsJson, renderLayoutJson } from "./layout-json.js";
import { renderDialogActionsMarkdown, renderLayoutMarkdown } from "./layout-markdown.js";
import { renderDialogActionsRst, renderLayoutRst, type LayoutRstOptions } from "./layout-rst.js";
import type { DialogActionEntry, LayoutNode } from "./layout-tree.js";

/** The formats layouts are printed in, the default (`rst`, Lino's) first. */
export type LayoutFormat = "rst" | "md" | "json";

/** Every layout format, the default first. */
export const LAYOUT_FORMATS: readonly LayoutFormat[] = ["rst", "md", "json"];

/** True when `value` names a layout format (for validating `--format`). */
export function isLayoutFormat(value: string): value is LayoutFormat {
  return (LAYOUT_FORMATS as readonly string[]).includes(value);
}

/**
 * Renders a layout in the given format (rst: what Lino's
 * `print(py2rst(layout, True))` writes). `parentVisibleFor` applies to rst and
 * Markdown; JSON carries every element's visibility anyway.
 */
export function renderLayout(node: LayoutNode, format: LayoutFormat, options: LayoutRstOptions = {}): string {
  switch (format) {
    case "rst":
      return renderLayoutRst(node, options);
    case "md":
      return renderLayoutMarkdown(node, options);
    case "json":
      return renderLayoutJson(node);
  }
}

/** Renders dialog actions in the given format (rst: what Lino's `show_dialog_actions()` prints). */
export function renderDialogActions(entries: readonly DialogActionEntry[], format: LayoutFormat): string {
  switch (format) {
    case "rst":
      return renderDialogActionsRst(entries);
    case "md":
      return renderDialogActionsMarkdown(entries);
    case "json":
      return renderDialogActionsJson(entries);
  }
}
