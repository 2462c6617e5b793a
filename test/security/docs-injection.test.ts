/**
 * Role docs and every other text from role modules and sources are plain
 * text in the pages `rolecraft docs` writes: Sphinx (docutils) finds no
 * directive, role, substitution, link, target, footnote, citation, inline
 * markup or raw HTML in them, and includes no file; a Markdown renderer
 * finds no link, image, HTML or markup; and the text reads as written.
 *
 * End to end: a role module and an application whose every text is a
 * payload (`.. raw:: html`, `.. include::` of a file beside the pages and of
 * one by absolute path, `javascript:` links, hyperlink targets, Markdown
 * and HTML, control characters and line breaks docutils honours but
 * JavaScript does not …), rendered, then parsed by docutils as Sphinx would
 * (raw and file insertion enabled) and by markdown-it (HTML and autolinks
 * enabled, every URL allowed). Properties: random hostile docs, one-line
 * texts, literals and table cells, rendered alone and parsed, give a
 * document of paragraphs of text (or a table of them) that reads exactly as
 * the input, normalized (lines trimmed, controls shown as U+FFFD).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import markdownItFactory, { type MarkdownIt } from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { markdown, restructuredText } from "../../src/docs/text-formats.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { docutilsPython, readTree, SPHINX_STAND_INS } from "../docs/helpers.js";

/** What docutils makes of rst texts: per text, its nodes' class names, its paragraphs' texts, its warnings, its whole text. */
interface Parsed {
  readonly nodes: readonly string[];
  readonly paragraphs: readonly string[];
  readonly warnings: string;
  readonly text: string;
}

const PARSE = `${SPHINX_STAND_INS}
out = []
for item in json.load(sys.stdin):
    stream = io.StringIO()
    # Sphinx's defaults: raw directives and file insertion enabled.
    tree = docutils.core.publish_doctree(item["text"], source_path=item["path"], settings_overrides={
        "warning_stream": stream, "report_level": 1, "halt_level": 5, "raw_enabled": True, "file_insertion_enabled": True})
    out.append({
        "nodes": sorted({type(n).__name__ for n in tree.findall()}),
        "paragraphs": [p.astext() for p in tree.findall(nodes.paragraph)],
        "warnings": stream.getvalue(),
        "text": tree.astext(),
    })
print(json.dumps(out))
`;

const python = docutilsPython;
if (python === undefined) throw new Error("docs injection tests: python3 with docutils is missing (apt-get install python3-docutils)");

/** Parses rst texts with docutils, in one process. */
function docutils(items: readonly { readonly text: string; readonly path?: string }[]): Parsed[] {
  const input = JSON.stringify(items.map((i) => ({ text: i.text, path: i.path ?? "<string>" })));
  const result = spawnSync(python!, ["-c", PARSE], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Parsed[];
}

/** markdown-it as a permissive renderer would be set up: raw HTML, autolinks, and no URL refused (so that a link is seen whatever its scheme). */
function markdownIt(): MarkdownIt {
  const md = markdownItFactory({ html: true, linkify: true });
  md.validateLink = () => true;
  return md;
}

/** Node types of plain text in docutils' tree. */
const TEXT_NODES = ["#text", "Text", "document", "paragraph"];

/**
 * The plain text a doc reads as, computed here independently: controls as
 * U+FFFD, tabs as spaces, lines split wherever Python splits them, trimmed,
 * blank lines separating paragraphs.
 */
function expectedParagraphs(doc: string): string[] {
  const lines = doc
    .replace(/[\u0000-\u0008\u000e-\u001b\u001f\u007f-\u0084\u0086-\u009f]/g, "\ufffd")
    .replace(/\t/g, " ")
    .split(/\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/)
    .map((line) => line.trim());
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line !== "") paragraphs.at(-1)!.push(line);
    else if (paragraphs.at(-1)!.length > 0) paragraphs.push([]);
  }
  return paragraphs.filter((p) => p.length > 0).map((p) => p.join("\n"));
}

/** The same text on one line. */
const expectedLine = (text: string): string => expectedParagraphs(text).join(" ").replace(/\n/g, " ");

// ------------------------------------------------------------------ payloads

const SECRET = "SENTINEL-FROM-AN-INCLUDED-FILE";

/** Role docs, each a payload; `@SECRET@` is the absolute path of a file holding {@link SECRET}. */
const DOCS: readonly string[] = [
  ".. raw:: html\n\n   <script>alert('raw')</script>",
  ".. include:: @SECRET@",
  ".. include:: secret.txt",
  "Text first.\n\n.. include:: @SECRET@\n   :literal:",
  "Click [x](javascript:alert(1)) or `y <javascript:alert(2)>`_ or y_ or `z`__ and http://evil.example/ and mail@evil.example",
  ".. |sub| replace:: SUBSTITUTED\n\n|sub| and [1]_ and [#]_ and [CIT]_\n\n.. [1] a footnote\n.. [CIT] a citation\n.. _target: javascript:alert(3)\n__ javascript:alert(4)",
  "* bullet\n+ bullet\n- bullet\n• bullet\n1. enum\n#. auto\n(a) paren\niv) roman\n\n    indented\n\nTerm\n   definition\n\n:field: value\n-o  option\n/V  dos option\n\n::\n\n  literal\n\n=====\nTitle\n=====\n\n----\n\n>>> 1 + 1\n\n| line block\n\n+---+\n| a |\n+---+\n\n=== ===\n a   b\n=== ===",
  ":raw-html:`<b>raw</b>` `interpreted` ``literal`` *em* **strong** _`inline target` anonymous__ :math:`x` :doc:`index`",
  "<script>alert(5)</script> <img src=x onerror=alert(6)> &lt; &amp; &#x3C;script&#x3E; <!-- comment -->",
  "# Heading\n> quote\n- item\n| a | b |\n|---|---|\n![image](x.png) <https://evil.example> <javascript:alert(7)> ~~strike~~ $math$ [ref]\n\n[ref]: javascript:alert(8)",
  `a\u0000b\u0085.. include:: @SECRET@\u2028.. raw:: html\u000b<script>alert(9)</script>\u001c.. include:: secret.txt\u000c* x\u001d\u001e\u2029:doc:\`x\``,
  "\\\\\n\\\\\\\\\n\\\n\\ trailing \\",
  "Ends with a literal block marker::",
  "    Indented first line\n\tand a tab",
  "\ufeff.. include:: @SECRET@",
  "\u00a0.. include:: @SECRET@\n\u3000.. include:: @SECRET@",
];

/** Texts of user types and attribute values: one line in a table cell each. */
const CELLS: readonly string[] = [
  ".. include:: @SECRET@",
  "\u0085.. raw:: html",
  "[x](javascript:alert(1))",
  "`x <javascript:alert(2)>`_",
  "|sub|",
  "x\n.. include:: secret.txt",
  "* item",
  "Reader_",
];

let dir: string;
let out: string;
let secretPath: string;

beforeAll(async () => {
  dir = freshDir("docs-injection");
  secretPath = join(dir, "secret.txt");
  writeFileSync(secretPath, `${SECRET}\n`);
  const fill = (s: string): string => s.replaceAll("@SECRET@", secretPath);
  const roles = DOCS.map((doc, i) => `  R${i}:\n    bases: [core.SiteUser]\n    doc: ${JSON.stringify(fill(doc))}`).join("\n");
  const userTypes = CELLS.map(
    (text, i) =>
      `  - { value: ${JSON.stringify(`v${i}`)}, names: n${i}, text: ${JSON.stringify(fill(text))}, role: R${i % DOCS.length},` +
      ` hiddenLanguages: [${JSON.stringify(fill(text))}], maskNotifications: [${JSON.stringify(fill(text))}], attributes: { note: ${JSON.stringify(fill(text))} } }`,
  ).join("\n");
  writeFileSync(join(dir, "roles.yaml"), `module: app\nroles:\n${roles}\nuserTypes:\n${userTypes}\n`);
  expect((await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: dir })).code).toBe(0);
  // An application whose labels, action names and folder names are payloads too.
  const plugin = join(dir, "src", "weird [x](javascript:alert(1)) .. include");
  mkdirSync(plugin, { recursive: true });
  writeFileSync(
    join(plugin, "a.ts"),
    [
      'import { Action, Actor } from "rolecraft/runtime";',
      'import { R0 } from "../../generated/roles/app.js";',
      `export class Labelled extends Actor {`,
      `  static override appLabel = ${JSON.stringify(fill("x\n.. include:: @SECRET@\n`y <javascript:alert(3)>`_"))};`,
      "  static override requiredRoles = [R0];",
      `  static override actions = { ${JSON.stringify(fill(".. include:: @SECRET@"))}: new Action(), "[z](javascript:alert(4))": new Action() };`,
      "}",
      "export class InFolder extends Actor {}",
      "",
    ].join("\n"),
  );
  out = join(dir, "docs");
  const run = await cli(["docs", "roles.yaml", "--src", "src", "--out", out], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  // A relative include would read this one, beside the pages.
  writeFileSync(join(out, "rst", "secret.txt"), `${SECRET}\n`);
}, 120_000);

describe("rolecraft docs with hostile texts", () => {
  it("writes rst pages in which docutils finds no directive, role, reference or raw HTML, and includes no file", () => {
    const pages = [...readTree(join(out, "rst")).entries()].filter(([path]) => path.endsWith(".rst"));
    expect(pages.length).toBeGreaterThan(4);
    const parsed = docutils(pages.map(([path, text]) => ({ text, path: join(out, "rst", path) })));
    // What the pages are made of, and nothing else: no raw, reference, target,
    // footnote, citation, substitution, emphasis, problematic or system_message.
    const allowed = new Set(["#text", "Text", "document", "section", "title", "paragraph", "literal", "field_list", "field", "field_name", "field_body", "table", "tgroup", "colspec", "thead", "tbody", "row", "entry", "literal_block", "comment"]);
    pages.forEach(([path], i) => {
      const page = parsed[i]!;
      expect(page.nodes.filter((n) => !allowed.has(n)), path).toEqual([]);
      expect(page.warnings, path).toBe("");
      expect(page.text, path).not.toContain(SECRET);
    });
  });

  it("shows every role doc in rst as its plain text, paragraph for paragraph", () => {
    const roles = readFileSync(join(out, "rst", "roles.rst"), "utf8");
    const [page] = docutils([{ text: roles, path: join(out, "rst", "roles.rst") }]);
    for (const doc of DOCS) {
      const expected = expectedParagraphs(doc.replaceAll("@SECRET@", secretPath));
      for (const paragraph of expected) expect(page!.paragraphs, JSON.stringify(doc)).toContain(paragraph);
    }
  });

  it("writes Markdown pages with no link, image, raw HTML or markup of the input", () => {
    const md = markdownIt();
    for (const [path, text] of readTree(join(out, "md"))) {
      const tokens = md.parse(text, {});
      for (const token of tokens.flatMap((t) => [t, ...(t.children ?? [])])) {
        if (token.type === "html_block" || token.type === "html_inline") {
          // Only rolecraft's own: the header comment, anchors (<a id="role-…"></a>), line breaks in table cells.
          expect(token.content.trim(), path).toMatch(/^(<a id="[A-Za-z0-9_.-]+">(<\/a>)?|<\/a>|<br>|<!-- @generated by rolecraft from roles\.yaml\. Do not edit\. -->)$/);
        }
        if (token.type === "link_open") {
          const href = token.attrGet("href") ?? "";
          // The templates' link to the package, else pages of the tree and source files, relative: never a scheme.
          if (href !== "https://www.npmjs.com/package/rolecraft") expect(href, path).toMatch(/^[^:]*$/);
        }
        expect(token.type, path).not.toMatch(/^(image|s_open|em_open|strong_open|blockquote_open|ordered_list_open|code_block|fence|hr)$/);
      }
    }
    const roles = md.parse(readFileSync(join(out, "md", "roles.md"), "utf8"), {});
    const paragraphs = roles.flatMap((t, i) => (t.type === "paragraph_open" ? [roles[i + 1]!] : [])).map((inline) => markdownText(inline.children ?? []));
    for (const doc of DOCS) {
      for (const paragraph of expectedParagraphs(doc.replaceAll("@SECRET@", secretPath))) expect(paragraphs, JSON.stringify(doc)).toContain(paragraph);
    }
  });

  it("keeps the report's texts out of its markup", () => {
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/<img|<b>|<!-- comment/);
  });
});

/** The text of a markdown-it inline token's children (soft breaks as line breaks), or a marker for anything else. */
function markdownText(children: readonly { readonly type: string; readonly content: string }[]): string {
  return children.map((c) => (c.type === "text" || c.type === "text_special" ? c.content : c.type === "softbreak" ? "\n" : `<${c.type}>`)).join("");
}

// ---------------------------------------------------------------- properties

/** Random text made of what rst and Markdown treat specially, line breaks of every kind and control characters. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "..", ".. ", "::", ":", "`", "``", "*", "**", "_", "__", "|", "[", "]", "[1]_", "[#]_", "<", ">", "@", "http://", "javascript:", "www.",
        "-", "+", "#", "=", "~", "^", "$", "!", "(", ")", "{", "}", "&", "&amp;", "\\", "\\\\", "\\ ", ">>>", "1.", "a)", "iv.", "(i)", "•", "‣", "⁃",
        "raw", "include", "html", "role", "doc", "x", "y", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u000b", "\u000c", "\u001c", "\u001d",
        "\u001e", "\u0085", "\u2028", "\u2029", "\u0000", "\u001f", "\u007f", "\u009b", "\u00a0", "\u3000", "\ufeff", "é", "☑", "😀",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("plain text in reStructuredText (docutils)", () => {
  it("a doc is paragraphs of text that read as written", () => {
    const docs = fc.sample(hostile, { numRuns: 400, seed: 42 });
    const parsed = docutils(docs.map((doc) => ({ text: `${restructuredText.paragraphs(doc)}\n` })));
    docs.forEach((doc, i) => {
      const page = parsed[i]!;
      expect(page.nodes.filter((n) => !TEXT_NODES.includes(n)), JSON.stringify(doc)).toEqual([]);
      expect(page.paragraphs, JSON.stringify(doc)).toEqual(expectedParagraphs(doc));
      expect(page.warnings, JSON.stringify(doc)).toBe("");
    });
  });

  it("a text, a literal and a label on one line read as written, inside a sentence too", () => {
    const texts = fc.sample(hostile, { numRuns: 300, seed: 43 });
    const items = texts.flatMap((t) => [
      { text: `${restructuredText.text(t)}\n` },
      { text: `Before ${restructuredText.code(t)} after.\n` },
      { text: `See ${restructuredText.link(t, "plugins/x", true)} here.\n` },
    ]);
    const parsed = docutils(items);
    texts.forEach((t, i) => {
      const line = expectedLine(t);
      const [alone, literal, link] = [parsed[3 * i]!, parsed[3 * i + 1]!, parsed[3 * i + 2]!];
      expect(alone.nodes.filter((n) => !TEXT_NODES.includes(n)), JSON.stringify(t)).toEqual([]);
      expect(alone.paragraphs, JSON.stringify(t)).toEqual(line === "" ? [] : [line]);
      expect(literal.nodes.filter((n) => !TEXT_NODES.includes(n) && n !== "literal"), JSON.stringify(t)).toEqual([]);
      expect(literal.paragraphs, JSON.stringify(t)).toEqual([`Before ${line} after.`]);
      // The :doc: role (stood in for by a literal here) keeps the label and the target.
      expect(link.nodes.filter((n) => !TEXT_NODES.includes(n) && n !== "literal"), JSON.stringify(t)).toEqual([]);
      for (const p of [alone, literal, link]) expect(p.warnings, JSON.stringify(t)).toBe("");
    });
  });

  it("table cells are cells of text that read as written, in our tables and in Lino's (or Lino's shown as a literal block)", () => {
    const rows = fc.sample(fc.array(hostile, { minLength: 3, maxLength: 3 }), { numRuns: 150, seed: 44 });
    const table = (cells: readonly string[]) => ({ columns: [{ key: "a", header: "a" }, { key: "b", header: "b" }, { key: "c", header: "c" }], rows: [["x", ...cells.slice(1)], cells] });
    const items = rows.flatMap((cells) => [{ text: restructuredText.table(table(cells)) }, { text: restructuredText.linoTable(table(cells)) }]);
    const parsed = docutils(items);
    // (An empty first cell is an empty comment: a blank one would continue the row above.)
    const tableNodes = [...TEXT_NODES, "table", "tgroup", "colspec", "thead", "tbody", "row", "entry", "comment"];
    rows.forEach((cells, i) => {
      const [ours, lino] = [parsed[2 * i]!, parsed[2 * i + 1]!];
      expect(ours.nodes.filter((n) => !tableNodes.includes(n)), JSON.stringify(cells)).toEqual([]);
      expect(ours.warnings, JSON.stringify(cells)).toBe("");
      // Every non-empty cell is one paragraph, in order.
      const expected = ["a", "b", "c", "x", ...cells.slice(1), ...cells].map(expectedLine).filter((c) => c !== "");
      expect(ours.paragraphs, JSON.stringify(cells)).toEqual(expected);
      expect(lino.nodes.filter((n) => !tableNodes.includes(n) && n !== "literal_block"), JSON.stringify(cells)).toEqual([]);
      expect(lino.warnings, JSON.stringify(cells)).toBe("");
      if (lino.nodes.includes("literal_block")) expect(lino.paragraphs).toEqual([]);
      else expect(lino.paragraphs, JSON.stringify(cells)).toEqual(expected);
    });
  });
});

describe("plain text in Markdown (markdown-it)", () => {
  it("a doc, a text and a literal read as written, with no markup, link or HTML", () => {
    const md = markdownIt();
    fc.assert(
      fc.property(hostile, (doc) => {
        const blocks = md.parse(`${markdown.paragraphs(doc)}\n`, {});
        const paragraphs: string[] = [];
        for (let i = 0; i < blocks.length; i++) {
          const token = blocks[i]!;
          if (token.type === "inline") paragraphs.push(markdownText(token.children ?? []));
          else expect(token.type, JSON.stringify(doc)).toMatch(/^paragraph_(open|close)$/);
        }
        expect(paragraphs, JSON.stringify(doc)).toEqual(expectedParagraphs(doc));
        const line = expectedLine(doc);
        const text = md.parseInline(markdown.text(doc), {})[0]?.children ?? [];
        expect(markdownText(text), JSON.stringify(doc)).toBe(line);
        const code = md.parseInline(`a ${markdown.code(doc)} b`, {})[0]?.children ?? [];
        expect(code.map((c) => c.type).filter((t) => t !== "text" && t !== "code_inline"), JSON.stringify(doc)).toEqual([]);
      }),
      { numRuns: 400, seed: 45 },
    );
  });
});
