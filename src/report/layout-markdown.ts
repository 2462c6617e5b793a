/**
 * Markdown (CommonMark / GFM) of layouts, for `docs` and READMEs: the same
 * tree and the same visibility rule as the reStructuredText form, written so
 * that Markdown shows it literally.
 *
 * Every element is one list item, nested two spaces per level (a nested list
 * must start under the parent item's text, which begins two columns in):
 * `**Label** (`name`)`, or `(`name`)` without a label, then
 * ` — visible for X` when X differs from the parent's (always on the root).
 * Unlike the rst form, a panel's fields are not joined on one line: each is
 * an item of its own. Labels are escaped like table cells
 * (`escapeMarkdownCell`); names are code spans.
 */
import { NO_PARENT_VISIBILITY, orderDialogActions, type DialogActionEntry, type LayoutNode } from "./layout-tree.js";
import { escapeMarkdownCell } from "./render-markdown.js";
import type { LayoutRstOptions } from "./layout-rst.js";

/** Options of {@link renderLayoutMarkdown}: as for rst, the parent's visibility when rendering a sub-element. */
export type LayoutMarkdownOptions = LayoutRstOptions;

/** The layout as a nested Markdown list; ends with `"\n"`. */
export function renderLayoutMarkdown(node: LayoutNode, options: LayoutMarkdownOptions = {}): string {
  return elementLines(node, options.parentVisibleFor ?? NO_PARENT_VISIBILITY, "").join("");
}

/**
 * Dialog actions as a Markdown list: `- `id` : label`, each with its
 * parameter layout nested below; in the order of `orderDialogActions`;
 * `""` when there are none.
 */
export function renderDialogActionsMarkdown(entries: readonly DialogActionEntry[]): string {
  let out = "";
  for (const entry of orderDialogActions(entries)) {
    out += `- ${markdownCodeSpan(entry.id)} : ${escapeMarkdownCell(entry.label)}\n`;
    out += elementLines(entry.layout, NO_PARENT_VISIBILITY, "  ").join("");
  }
  return out;
}

function elementLines(node: LayoutNode, parentVisibleFor: string, indent: string): string[] {
  const name = `(${markdownCodeSpan(node.name)})`;
  let text = node.label === undefined ? name : `**${escapeMarkdownCell(node.label)}** ${name}`;
  if (node.visibleFor !== parentVisibleFor) text += ` — visible for ${escapeMarkdownCell(node.visibleFor)}`;
  const lines = [`${indent}- ${text}\n`];
  for (const child of node.elements) lines.push(...elementLines(child, node.visibleFor, `${indent}  `));
  return lines;
}

/**
 * `text` as a Markdown code span: fenced by one backtick more than its longest
 * run of backticks, padded with a space where it starts or ends with a
 * backtick (CommonMark strips one space on each side). Line breaks become
 * spaces, since a code span cannot hold them in a list item.
 */
export function markdownCodeSpan(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
