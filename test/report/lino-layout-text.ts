/**
 * Reads what Lino printed for a layout (`print(py2rst(layout, True))`) or for
 * its dialog actions (`show_dialog_actions()`) back into the renderer's plain
 * trees. The golden fixtures keep both: Lino's text, and the tree this reads
 * from it; the tests check that the tree is an honest reading of the text and
 * that rendering it gives the text back byte for byte.
 *
 * The text does not say everything, so the reading follows Lino's rules:
 * - an element without bracket has its parent's visibility;
 * - an element with sub-elements is a panel; a leaf whose name has a dot is a
 *   slave table (its actor id), any other leaf a field (Lino names the summary
 *   panels of slave tables `app_Actor`, and they are fields);
 * - the custom actions of `show_dialog_actions` are the run of entries before
 *   the ids start again from the beginning of the alphabet.
 */
import type { DialogActionEntry, LayoutNode } from "../../src/report/layout-tree.js";

const HEAD = /^(?:\*\*(.*?)\*\* )?\(([^()\s]+)\)(?: \[visible for ([^\]]+)\])?/;

interface Line {
  readonly depth: number;
  readonly text: string;
}

/** Reads one printed layout; `parentVisibleFor` as given to the renderer. */
export function parseLinoLayout(printed: string, parentVisibleFor?: string): LayoutNode {
  const lines = printed.replace(/\n+$/, "").split("\n").map(toLine);
  const cursor = { index: 0 };
  const root = lines[0];
  if (root === undefined || root.depth !== 0 || root.text.startsWith("- ")) throw new Error("a layout starts with its root element");
  cursor.index = 1;
  const node = parseElement(root.text, 0, parentVisibleFor, lines, cursor);
  if (cursor.index !== lines.length) throw new Error(`unread line ${cursor.index + 1}: ${lines[cursor.index]?.text}`);
  return node;
}

/** Reads the printed list of dialog actions. */
export function parseLinoDialogActions(printed: string): DialogActionEntry[] {
  const blocks: { head: string; body: string[] }[] = [];
  for (const line of printed.replace(/\n+$/, "").split("\n")) {
    if (line === "") continue;
    if (line.startsWith("- ")) blocks.push({ head: line.slice(2), body: [] });
    else if (line.startsWith("  ")) {
      const block = blocks[blocks.length - 1];
      if (block === undefined) throw new Error(`a layout line before the first action: ${line}`);
      block.body.push(line.slice(2));
    } else throw new Error(`unexpected line: ${line}`);
  }
  const ids = blocks.map((block) => block.head.slice(0, block.head.indexOf(" : ")));
  const restart = ids.findIndex((id, i) => i > 0 && id < (ids[i - 1] ?? ""));
  return blocks.map((block, i): DialogActionEntry => {
    const at = block.head.indexOf(" : ");
    if (at < 0) throw new Error(`no " : " in ${block.head}`);
    const entry = { id: block.head.slice(0, at), label: block.head.slice(at + 3), layout: parseLinoLayout(block.body.join("\n")) };
    return restart > 0 && i < restart ? { ...entry, group: "custom" } : entry;
  });
}

function toLine(raw: string): Line {
  const spaces = raw.length - raw.trimStart().length;
  if (spaces % 2 !== 0) throw new Error(`odd indentation: ${raw}`);
  return { depth: spaces / 2, text: raw.slice(spaces) };
}

function parseElement(text: string, depth: number, parentVisibleFor: string | undefined, lines: readonly Line[], cursor: { index: number }): LayoutNode {
  const { node, rest } = parseHead(text, parentVisibleFor);
  if (rest === "") return leaf(node);
  if (rest.startsWith(": ")) {
    const elements = parseInline(rest.slice(2), node.visibleFor);
    return make(node, "panel", elements);
  }
  if (rest !== ":") throw new Error(`cannot read "${rest}" after ${node.name}`);
  const elements: LayoutNode[] = [];
  for (let line = lines[cursor.index]; line !== undefined && line.depth === depth && line.text.startsWith("- "); line = lines[cursor.index]) {
    cursor.index += 1;
    elements.push(parseElement(line.text.slice(2), depth + 1, node.visibleFor, lines, cursor));
  }
  if (elements.length === 0) throw new Error(`${node.name} ends with ":" but has no bullet list`);
  return make(node, "panel", elements);
}

type Head = Omit<LayoutNode, "kind" | "elements">;

function parseHead(text: string, parentVisibleFor: string | undefined): { node: Head; rest: string } {
  const match = HEAD.exec(text);
  if (match === null) throw new Error(`not an element: ${text}`);
  const [whole, label, name = "", bracket] = match;
  const visibleFor = bracket ?? parentVisibleFor;
  if (visibleFor === undefined) throw new Error(`${name}: the root must show its visibility`);
  const node = label === undefined ? { name, visibleFor } : { name, label, visibleFor };
  return { node, rest: text.slice(whole.length) };
}

function parseInline(text: string, parentVisibleFor: string): LayoutNode[] {
  const elements: LayoutNode[] = [];
  let rest = text;
  for (;;) {
    const { node, rest: after } = parseHead(rest, parentVisibleFor);
    // Inline elements are never containers: Lino would have used a bullet list.
    elements.push(make(node, "field", []));
    if (after === "") return elements;
    if (!after.startsWith(", ")) throw new Error(`cannot read "${after}"`);
    rest = after.slice(2);
  }
}

function leaf(node: Head): LayoutNode {
  return make(node, node.name.includes(".") ? "slave" : "field", []);
}

/** The node with its members in the order the JSON form uses. */
function make(head: Head, kind: LayoutNode["kind"], elements: LayoutNode[]): LayoutNode {
  const { name, label, visibleFor } = head;
  return label === undefined ? { name, kind, visibleFor, elements } : { name, label, kind, visibleFor, elements };
}
