import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderRstTable } from "../../src/report/render-rst.js";
import type { Table } from "../../src/report/table.js";
import { userRolesTable } from "../../src/report/user-roles-table.js";
import { userTypesTable } from "../../src/report/user-types-table.js";
import { LINO_APPS, linoModel, loadLinoFixture } from "./lino-model.js";

const table = (headers: string[], rows: string[][]): Table => ({
  columns: headers.map((h, i) => ({ key: `k${i}`, header: h })),
  rows,
});

describe("renderRstTable", () => {
  it("prints a Lino simple table: = rule, header, - rule, rows, = rule, right-trimmed", () => {
    expect(renderRstTable(table(["Name", "000", "100"], [["core.SiteUser", "", "☑"], ["x", "☑", ""]]))).toBe(
      [
        "=============== ===== =====",
        " Name            000   100",
        "--------------- ----- -----",
        " core.SiteUser         ☑",
        " x               ☑",
        "=============== ===== =====",
        "",
      ].join("\n"),
    );
  });

  it("counts widths in code points, so ☑ and astral characters count 1", () => {
    expect(renderRstTable(table(["☑", "😀x"], [["", "é"]]))).toBe("=== ====\n ☑   😀x\n--- ----\n     é\n=== ====\n");
  });

  it("gives an all-empty column (empty header too) width 1", () => {
    expect(renderRstTable(table(["a", ""], [["b", ""]]))).toBe("=== ===\n a\n--- ---\n b\n=== ===\n");
  });

  it("prints `No data to display` for a table without rows", () => {
    expect(renderRstTable(table(["value", "name"], []))).toBe("No data to display\n");
  });

  it("spreads a multi-line cell over several physical lines instead of breaking the table", () => {
    expect(renderRstTable(table(["a", "b"], [["x\ny", "z"]]))).toBe("=== ===\n a   b\n--- ---\n x   z\n y\n=== ===\n");
  });

  describe.each(LINO_APPS)("the Lino fixture %s", (app) => {
    const fixture = loadLinoFixture(app);
    const model = linoModel(fixture);

    // The fixtures' expected tables end with exactly one "\n", like the
    // renderer's output, so they compare as they are.
    it("has expected tables that end with one newline", () => {
      expect(fixture.expected.userRolesTable.endsWith("=\n")).toBe(true);
      expect(fixture.expected.userTypesTable.endsWith("=\n")).toBe(true);
    });

    it("renders the UserRoles table byte for byte as Lino printed it", () => {
      expect(renderRstTable(userRolesTable(model))).toBe(fixture.expected.userRolesTable);
    });

    it("renders the UserTypes table byte for byte as Lino printed it", () => {
      expect(renderRstTable(userTypesTable(model))).toBe(fixture.expected.userTypesTable);
    });
  });
});

// Cells from characters that stress width counting (astral, combining-free
// non-ASCII, ☑) and alignment (spaces, punctuation), without line breaks.
const cellArb = fc
  .array(fc.constantFrom("a", "Z", "0", " ", "☑", "é", "😀", "|", ",", "=", "-", "中"), { maxLength: 8 })
  .map((chars) => chars.join(""));

const tableArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    headers: fc.array(cellArb, { minLength: n, maxLength: n }),
    rows: fc.array(fc.array(cellArb, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
  }),
);

// Independent of the implementation's helpers on purpose.
const codePointLength = (s: string): number => [...s].length;
const padEndCodePoints = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - codePointLength(s)));

describe("renderRstTable (properties)", () => {
  it("aligns every column, ends every line with a newline and never leaves trailing spaces", () => {
    fc.assert(
      fc.property(tableArb, ({ headers, rows }) => {
        const out = renderRstTable(table(headers, rows));
        expect(out.endsWith("\n")).toBe(true);
        const lines = out.slice(0, -1).split("\n");
        expect(lines).toHaveLength(rows.length + 4);

        const widths = headers.map((h, i) => Math.max(1, codePointLength(h), ...rows.map((r) => codePointLength(r[i] ?? ""))));
        const rule = widths.map((w) => "=".repeat(w + 2)).join(" ");
        expect(lines[0]).toBe(rule);
        expect(lines[2]).toBe(rule.replace(/=/g, "-"));
        expect(lines.at(-1)).toBe(rule);

        const ruleLength = codePointLength(rule);
        const logical = [headers, ...rows];
        [lines[1], ...lines.slice(3, -1)].forEach((line = "", k) => {
          expect(line).toBe(line.trimEnd());
          // Before trimming, every line is exactly as long as the rule.
          const chars = [...line.padEnd(line.length + ruleLength - codePointLength(line))];
          expect(chars).toHaveLength(ruleLength);
          let offset = 0;
          widths.forEach((w, i) => {
            // The trimmed line, padded back to the rule's length, is the
            // untrimmed one (cells hold no whitespace but spaces), in which
            // each cell sits padded in its column's segment of the rule.
            const slot = chars.slice(offset, offset + w + 2).join("");
            expect(slot).toBe(` ${padEndCodePoints(logical[k]?.[i] ?? "", w)} `);
            offset += w + 3;
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
