import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/report/render-html.js";
import { escapeMarkdownCell } from "../../src/report/render-markdown.js";
import { csvField, renderCsvTable } from "../../src/report/render-csv.js";
import { renderJsonTable } from "../../src/report/render-json.js";
import { REPORT_FORMATS, isReportFormat, renderTable, type ReportFormat } from "../../src/report/render.js";
import type { Table } from "../../src/report/table.js";
import { userRolesJson } from "../../src/report/user-roles-json.js";
import { userRolesTable } from "../../src/report/user-roles-table.js";
import { userTypesTable } from "../../src/report/user-types-table.js";
import { expectGolden } from "./golden.js";
import { fixturePath, linoModel, loadLinoFixture } from "./lino-model.js";

/** A case folder's input: a hand-made table, or a report of a Lino fixture. */
type CaseInput = { readonly table: Table } | { readonly lino: string; readonly report: "user-roles" | "user-types" };

const EXTENSION: Record<ReportFormat, string> = { rst: "rst", md: "md", csv: "csv", json: "json", html: "html" };

const casesDir = fixturePath("report");
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function load(name: string): { table: Table; extra: Record<string, string> } {
  const input = JSON.parse(readFileSync(`${casesDir}/${name}/input.json`, "utf8")) as CaseInput;
  if ("table" in input) return { table: input.table, extra: {} };
  const model = linoModel(loadLinoFixture(input.lino));
  return input.report === "user-roles"
    ? { table: userRolesTable(model), extra: { "expected.document.json": userRolesJson(model) } }
    : { table: userTypesTable(model), extra: {} };
}

describe("report goldens (test/fixtures/report/<case>/expected.<format>)", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  describe.each(cases)("%s", (name) => {
    const { table, extra } = load(name);
    it.each(REPORT_FORMATS)("renders %s as the golden file", (format) => {
      expectGolden(`${casesDir}/${name}/expected.${EXTENSION[format]}`, renderTable(table, format));
    });
    for (const [file, text] of Object.entries(extra)) {
      it(`renders ${file} as the golden file`, () => expectGolden(`${casesDir}/${name}/${file}`, text));
    }
  });
});

describe("renderTable", () => {
  it("knows exactly the formats rst, md, csv, json and html", () => {
    expect(REPORT_FORMATS).toEqual(["rst", "md", "csv", "json", "html"]);
    expect(isReportFormat("md")).toBe(true);
    expect(isReportFormat("markdown")).toBe(false);
  });
});

describe("Markdown cells", () => {
  it("escape pipes, backslashes and inline markup, and turn line breaks into <br>", () => {
    expect(escapeMarkdownCell("a|b\\c *d* <e>\r\nf")).toBe("a\\|b\\\\c \\*d\\* \\<e\\><br>f");
    expect(escapeMarkdownCell("☑ core.SiteUser")).toBe("☑ core.SiteUser");
  });
});

describe("CSV fields", () => {
  it("are quoted only when they hold a comma, quote, line break or edge space, with quotes doubled", () => {
    expect(csvField("plain ☑")).toBe("plain ☑");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" x")).toBe('" x"');
  });

  it("start with the header row and end every record with LF", () => {
    const t: Table = { columns: [{ key: "a", header: "A" }], rows: [["1"], ["2"]] };
    expect(renderCsvTable(t)).toBe("A\n1\n2\n");
  });
});

describe("JSON tables", () => {
  it("render any table as an array of objects in column order", () => {
    const t: Table = { columns: [{ key: "z", header: "Z" }, { key: "1", header: "one" }], rows: [["a", "b"]] };
    expect(renderJsonTable(t)).toBe('[\n  {\n    "z": "a",\n    "1": "b"\n  }\n]\n');
    expect(JSON.parse(renderJsonTable(t))).toEqual([{ z: "a", 1: "b" }]);
  });

  it("disambiguate repeated column keys instead of dropping cells", () => {
    const t: Table = { columns: [{ key: "k", header: "" }, { key: "k", header: "" }, { key: "k_2", header: "" }], rows: [["1", "2", "3"]] };
    expect(JSON.parse(renderJsonTable(t))).toEqual([{ k: "1", k_2: "2", k_2_2: "3" }]);
  });

  it("render a table without rows as []", () => {
    expect(renderJsonTable({ columns: [{ key: "a", header: "A" }], rows: [] })).toBe("[]\n");
  });
});

describe("HTML", () => {
  it("escapes &, <, >, double and single quotes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("is a self-contained page: no script, no external resource", () => {
    const html = renderTable({ title: "T", columns: [{ key: "a", header: "A" }], rows: [["x"]] }, "html");
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:/i);
    expect(html).toContain("position:sticky");
  });
});
