/**
 * reStructuredText of layouts, byte for byte as Lino prints them.
 *
 * Reproduces `py2rst(layout, doctestfmt=True)` and
 * `analyzer.show_dialog_actions(True)` of lino-framework/lino
 * (`lino/utils/diag.py`) together with the bullet lists of `rstgen.ul`
 * (`rstgen/__init__.py`, formerly `atelier/rstgen.py`):
 *
 * - an element is `**Label** (name)`, or `(name)` without a label;
 * - ` [visible for X]` follows when X differs from its parent's (`main` has
 *   no parent, Lino compares it with `"N/A"`, so `main` always has it);
 * - a panel (Lino's `Container`; a slave table's grid is one too) with
 *   elements adds `:` and, when one of them is a panel or a slave table, a
 *   newline and a `- ` bullet list of them, else `: ` and their texts joined
 *   by `, `; a slave table has no elements and adds nothing;
 * - `rstgen.ul` prefixes every item with `- ` and indents its further lines
 *   by two spaces (so nesting adds two spaces per level), ends every item
 *   with a newline, and separates items by a blank line when one of them
 *   contains a blank line;
 * - labels are printed as they are (Lino escapes nothing), trailing spaces
 *   included.
 */
import { NO_PARENT_VISIBILITY, isContainer, orderDialogActions, type DialogActionEntry, type LayoutNode } from "./layout-tree.js";

/** Options of {@link layoutToRst}. */
export interface LayoutRstOptions {
  /**
   * The parent's `visibleFor` when rendering an element below `main` on its
   * own (Lino's `py2rst(layout['calendar'])` compares with the real parent);
   * default: none, so the root always shows its bracket.
   */
  readonly parentVisibleFor?: string | undefined;
}

/**
 * The string Lino's `py2rst(element, True)` returns: no trailing newline
 * unless the element ends with a bullet list.
 */
export function layoutToRst(node: LayoutNode, options: LayoutRstOptions = {}): string {
  return elementToRst(node, options.parentVisibleFor ?? NO_PARENT_VISIBILITY);
}

/**
 * What `print(py2rst(element, True))` writes: {@link layoutToRst} and the
 * newline `print` adds (so a layout ending with a bullet list ends with an
 * empty line, the `<BLANKLINE>` of Lino's doctests). `rolecraft show layout`
 * prints this.
 */
export function renderLayoutRst(node: LayoutNode, options: LayoutRstOptions = {}): string {
  return `${layoutToRst(node, options)}\n`;
}

/**
 * What Lino's `show_dialog_actions()` prints: one bullet per action with a
 * parameter dialog, `<id> : <label>` followed by its parameter layout on the
 * next lines, in the order of {@link orderDialogActions}; then the newline
 * of `print`. No actions: `"\n"`.
 */
export function renderDialogActionsRst(entries: readonly DialogActionEntry[]): string {
  const items = orderDialogActions(entries).map((entry) => `${entry.id} : ${entry.label}\n${layoutToRst(entry.layout)}`);
  return `${rstBulletList(items)}\n`;
}

function elementToRst(node: LayoutNode, parentVisibleFor: string): string {
  let text = node.label === undefined ? `(${node.name})` : `**${node.label}** (${node.name})`;
  if (node.visibleFor !== parentVisibleFor) text += ` [visible for ${node.visibleFor}]`;
  if (!isContainer(node) || node.elements.length === 0) return text;
  const children = node.elements.map((child) => elementToRst(child, node.visibleFor));
  return node.elements.some(isContainer) ? `${text}:\n${rstBulletList(children)}` : `${text}: ${children.join(", ")}`;
}

/** `rstgen.ul(items)`: a `- ` bullet list, further lines of an item indented by two spaces. */
export function rstBulletList(items: readonly string[]): string {
  const compressed = !items.some((item) => item.includes("\n\n"));
  let out = "";
  for (const item of items) {
    const text = pythonSplitlines(item).join("\n  ");
    out += compressed ? `- ${text}\n` : `\n- ${text}\n`;
  }
  return out;
}

/**
 * Python's `str.splitlines()`: splits at every line boundary Python knows
 * (`\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`, `\x85`, U+2028, U+2029),
 * drops the boundaries, and yields no empty last line for a trailing one.
 */
export function pythonSplitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
