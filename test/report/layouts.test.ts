/**
 * Layouts rendered as Lino renders them. Each folder of
 * test/fixtures/layouts holds what Lino printed (`expected.rst`, copied from
 * Lino's documentation, see the README there), the tree read from it
 * (`tree.json`), and the Markdown and JSON forms of that tree as goldens.
 * `UPDATE_GOLDENS=1` rewrites tree.json, expected.md and expected.json, never
 * expected.rst.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  findLayoutNode,
  layoutToRst,
  orderDialogActions,
  pythonSplitlines,
  renderDialogActions,
  renderDialogActionsRst,
  renderLayout,
  renderLayoutMarkdown,
  renderLayoutRst,
  rstBulletList,
  type DialogActionEntry,
  type LayoutNode,
} from "../../src/report/index.js";
import { UPDATING_GOLDENS, expectGolden } from "./golden.js";
import { parseLinoDialogActions, parseLinoLayout } from "./lino-layout-text.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/layouts");

interface Case {
  readonly kind: "layout" | "dialogActions";
  readonly parentVisibleFor?: string;
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const read = (name: string, file: string): string => readFileSync(join(FIXTURES, name, file), "utf8");

/** The tree kept beside Lino's text, after checking that it is what the text says. */
function fixtureTree(name: string, fromText: LayoutNode | DialogActionEntry[]): unknown {
  const path = join(FIXTURES, name, "tree.json");
  if (UPDATING_GOLDENS) writeFileSync(path, `${JSON.stringify(fromText, null, 2)}\n`);
  const kept: unknown = JSON.parse(readFileSync(path, "utf8"));
  expect(kept).toEqual(fromText);
  return kept;
}

describe.each(cases)("the Lino fixture %s", (name) => {
  const testCase = JSON.parse(read(name, "case.json")) as Case;
  const printed = read(name, "expected.rst");

  if (testCase.kind === "layout") {
    const tree = fixtureTree(name, parseLinoLayout(printed, testCase.parentVisibleFor)) as LayoutNode;
    const options = { parentVisibleFor: testCase.parentVisibleFor };

    it("prints byte for byte what Lino's print(py2rst(…, True)) printed", () => {
      expect(renderLayoutRst(tree, options)).toBe(printed);
      expect(renderLayout(tree, "rst", options)).toBe(printed);
    });

    it("has Markdown and JSON forms", () => {
      expectGolden(join(FIXTURES, name, "expected.md"), renderLayout(tree, "md", options));
      expectGolden(join(FIXTURES, name, "expected.json"), renderLayout(tree, "json"));
    });
  } else {
    const entries = fixtureTree(name, parseLinoDialogActions(printed)) as DialogActionEntry[];

    it("prints byte for byte what Lino's show_dialog_actions() printed", () => {
      expect(renderDialogActionsRst(entries)).toBe(printed);
    });

    it("sorts the actions as Lino does, whatever order they come in", () => {
      expect(renderDialogActionsRst([...entries].reverse())).toBe(printed);
    });

    it("has Markdown and JSON forms", () => {
      expectGolden(join(FIXTURES, name, "expected.md"), renderDialogActions(entries, "md"));
      expectGolden(join(FIXTURES, name, "expected.json"), renderDialogActions(entries, "json"));
    });
  }
});

describe("a sub-element rendered on its own (Lino's py2rst(layout['calendar']))", () => {
  const eupen = JSON.parse(read("welfare-eupen-clients-detail", "tree.json")) as LayoutNode;

  it("compares with the real parent's visibility, as the Welfare user types page prints it", () => {
    const found = findLayoutNode(eupen, "calendar");
    expect(found?.parentVisibleFor).toBe("all");
    if (found === undefined) return;
    expect(renderLayoutRst(found.node, { parentVisibleFor: found.parentVisibleFor })).toBe(read("welfare-eupen-calendar", "expected.rst"));
  });

  it("finds the root with no parent, elements in document order, and nothing for an unknown name", () => {
    expect(findLayoutNode(eupen, "main")).toEqual({ node: eupen, parentVisibleFor: undefined });
    expect(findLayoutNode(eupen, "misc_5")?.parentVisibleFor).toBe("110 120 210 410 420 800 admin 910");
    expect(findLayoutNode(eupen, "nothing")).toBeUndefined();
  });
});

const field = (name: string, label: string | undefined, visibleFor: string): LayoutNode =>
  label === undefined ? { name, kind: "field", visibleFor, elements: [] } : { name, label, kind: "field", visibleFor, elements: [] };
const slave = (name: string, label: string, visibleFor: string): LayoutNode => ({ name, label, kind: "slave", visibleFor, elements: [] });
const panel = (name: string, label: string | undefined, visibleFor: string, elements: LayoutNode[]): LayoutNode =>
  label === undefined ? { name, kind: "panel", visibleFor, elements } : { name, label, kind: "panel", visibleFor, elements };

describe("layoutToRst (Lino's py2rst rules)", () => {
  it("always shows the root's visibility and a child's only where it differs from its parent's", () => {
    const tree = panel("main", undefined, "all", [field("a", "A", "all"), field("b", "B", "admin")]);
    expect(layoutToRst(tree)).toBe("(main) [visible for all]: **A** (a), **B** (b) [visible for admin]");
  });

  it("uses a bullet list as soon as one element is a panel or a slave table, and joins fields with ', ' otherwise", () => {
    expect(layoutToRst(panel("main", undefined, "all", [field("a", "A", "all"), slave("x.T", "T", "all")]))).toBe(
      "(main) [visible for all]:\n- **A** (a)\n- **T** (x.T)\n",
    );
    expect(layoutToRst(panel("main", undefined, "all", [field("a", undefined, "all")]))).toBe("(main) [visible for all]: (a)");
  });

  it("indents nested lists two spaces per level and keeps the one newline of each list", () => {
    const tree = panel("main", undefined, "all", [
      panel("tab", "Tab", "all", [panel("inner", undefined, "all", [slave("x.T", "T", "nobody")])]),
    ]);
    expect(layoutToRst(tree)).toBe("(main) [visible for all]:\n- **Tab** (tab):\n  - (inner):\n    - **T** (x.T) [visible for nobody]\n");
    expect(renderLayoutRst(tree).endsWith("\n\n")).toBe(true);
  });

  it("prints a panel without elements as a bare element (Lino adds ':' only for elements)", () => {
    expect(layoutToRst(panel("main", undefined, "nobody", []))).toBe("(main) [visible for nobody]");
  });

  it("prints labels as they are, trailing spaces and markup characters included", () => {
    expect(layoutToRst(panel("main", undefined, "all", [field("end_date", "au ", "all"), field("x", "*a* [b]", "all")]))).toBe(
      "(main) [visible for all]: **au ** (end_date), ***a* [b]** (x)",
    );
  });
});

describe("rstgen.ul and str.splitlines", () => {
  it("indents the further lines of an item and ends every item with a newline", () => {
    expect(rstBulletList(["Foo", "An item\nwith several lines of text.", "Bar"])).toBe("- Foo\n- An item\n  with several lines of text.\n- Bar\n");
  });

  it("separates all items by a blank line when one holds a blank line (rstgen's docstring example)", () => {
    expect(rstBulletList(["A first item\nwith several lines of text.", "Another item with a nested paragraph:\n\n  Like this.\n\nWow."])).toBe(
      "\n- A first item\n  with several lines of text.\n\n- Another item with a nested paragraph:\n  \n    Like this.\n  \n  Wow.\n",
    );
  });

  it("splits at every boundary Python knows and drops a trailing one", () => {
    expect(pythonSplitlines("a\r\nb\rc\vd\fe\x1cf\x85g\u2028h\u2029i\n")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
    expect(pythonSplitlines("")).toEqual([]);
    expect(pythonSplitlines("a\n\n")).toEqual(["a", ""]);
    expect(rstBulletList([])).toBe("");
  });
});

describe("dialog actions", () => {
  const layout = panel("main", undefined, "all", [field("merge_to", "into...", "all"), field("reason", "Reason", "all")]);

  it("prints an empty line when there are none (Lino's polls project: `<BLANKLINE>`)", () => {
    expect(renderDialogActionsRst([])).toBe("\n");
    expect(renderDialogActions([], "md")).toBe("");
    expect(renderDialogActions([], "json")).toBe("[]\n");
  });

  it("lists custom actions before window actions, each group in code-point order", () => {
    const entries: DialogActionEntry[] = [
      { id: "b.B.x", label: "X", layout },
      { id: "z.Z.toggle", label: "toggle", layout, group: "custom" },
      { id: "a.A.x", label: "X", layout },
      { id: "a.A.\u{1F600}", label: "astral", layout },
      { id: "a.A.\uFFFF", label: "bmp", layout },
    ];
    expect(orderDialogActions(entries).map((e) => e.id)).toEqual(["z.Z.toggle", "a.A.x", "a.A.\uFFFF", "a.A.\u{1F600}", "b.B.x"]);
  });

  it("puts the layout under its action, indented as an item's further lines", () => {
    expect(renderDialogActionsRst([{ id: "t.T.merge_row", label: "Merge", layout }])).toBe(
      "- t.T.merge_row : Merge\n  (main) [visible for all]: **into...** (merge_to), **Reason** (reason)\n\n",
    );
  });
});

describe("Markdown", () => {
  it("escapes labels, puts names in code spans, and nests every element", () => {
    const tree = panel("main", undefined, "all", [panel("t", "*Tab* | 1", "admin", [field("a`b", "A", "all")])]);
    expect(renderLayoutMarkdown(tree)).toBe(
      "- (`main`) — visible for all\n  - **\\*Tab\\* \\| 1** (`t`) — visible for admin\n    - **A** (``a`b``) — visible for all\n",
    );
  });
});
