import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sarifErrors } from "../helpers/sarif.js";
import { diagnostic } from "../../src/diagnostics/catalogue.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import {
  DIAGNOSTIC_FORMATS,
  formatDiagnostics,
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  isDiagnosticFormat,
} from "../../src/diagnostics/format/index.js";
import { expectGolden } from "../report/golden.js";
import { fixturePath } from "../report/lino-model.js";

/** A case folder's input: diagnostics as the stages produce them, and the source texts for code frames. */
interface CaseInput {
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: Readonly<Record<string, string>>;
}

const TOOL_VERSION = "0.0.0-test";
const casesDir = fixturePath("diagnostics");
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function load(name: string): { diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, string> } {
  const input = JSON.parse(readFileSync(`${casesDir}/${name}/input.json`, "utf8")) as CaseInput;
  return { diagnostics: input.diagnostics, sources: new Map(Object.entries(input.sources)) };
}


describe("diagnostic goldens (test/fixtures/diagnostics/<case>/expected.*)", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  describe.each(cases)("%s", (name) => {
    const { diagnostics, sources } = load(name);
    const dir = `${casesDir}/${name}`;

    it("formats text with code frames", () => {
      expectGolden(`${dir}/expected.txt`, formatText(diagnostics, { color: false, sources }));
    });
    it("formats coloured text", () => {
      expectGolden(`${dir}/expected.color.txt`, formatText(diagnostics, { color: true, sources }));
    });
    it("formats json", () => {
      expectGolden(`${dir}/expected.json`, formatJson(diagnostics));
    });
    it("formats sarif that the official SARIF 2.1.0 schema accepts", () => {
      const text = formatSarif(diagnostics, { toolVersion: TOOL_VERSION });
      expectGolden(`${dir}/expected.sarif`, text);
      expect(sarifErrors(JSON.parse(text))).toBe("");
    });
    it("formats github workflow commands", () => {
      expectGolden(`${dir}/expected.github`, formatGithub(diagnostics));
    });
  });
});

describe("the SARIF schema check", () => {
  // Guards the guard: a schema that failed to load would accept anything.
  it("rejects logs that break the SARIF 2.1.0 schema", () => {
    const log = JSON.parse(formatSarif(load("mixed").diagnostics, { toolVersion: TOOL_VERSION })) as {
      runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const result = log.runs[0]?.results[0];
    if (result === undefined) throw new Error("no result");
    result.level = "fatal";
    expect(sarifErrors(log)).toContain("must be equal to one of the allowed values");
    result.level = "error";
    const location = result.locations[0];
    if (location === undefined) throw new Error("no location");
    location.physicalLocation.artifactLocation.uri = "has space\\and backslash";
    expect(sarifErrors(log)).toContain('must match format "uri-reference"');
  });
});

describe("formatText", () => {
  const span = { file: "a.yaml", line: 2, column: 3, endLine: 2, endColumn: 6 };
  const d: Diagnostic = { code: "RC3001", severity: "error", message: "unknown role `Foo`", data: { ref: "Foo" }, span };

  it("starts each block with path:line:col: severity code: message", () => {
    expect(formatText([d], { color: false, summary: false })).toBe("a.yaml:2:3: error RC3001: unknown role `Foo`\n");
  });

  it("underlines from column to endColumn under the offending line", () => {
    const out = formatText([d], { color: false, summary: false, sources: new Map([["a.yaml", "x: 1\nr:Foo\n"]]) });
    expect(out.split("\n").slice(1, 3)).toEqual(["  2 | r:Foo", "    |   ^~~"]);
  });

  it("keeps tabs in the line and in the underline's indent; span columns are UTF-16 units, the frame counts code points", () => {
    // "X" is column 5 in UTF-16 code units (the emoji takes two), as TypeScript and YAML report it.
    const tabbed: Diagnostic = { ...d, span: { ...span, line: 1, column: 5, endColumn: 6 } };
    const out = formatText([tabbed], { color: false, summary: false, sources: new Map([["a.yaml", "\t😀 X"]]) });
    expect(out.split("\n").slice(1, 3)).toEqual(["  1 | \t😀 X", "    | \t  ^"]);
  });

  it("underlines to the end of the line when the span goes on to later lines", () => {
    const long: Diagnostic = { ...d, span: { ...span, line: 1, column: 2, endLine: 3, endColumn: 1 } };
    const out = formatText([long], { color: false, summary: false, sources: new Map([["a.yaml", "abcd\nef\n"]]) });
    expect(out.split("\n").slice(1, 3)).toEqual(["  1 | abcd", "    |  ^~~"]);
  });

  it("skips the code frame when the line does not exist", () => {
    const out = formatText([{ ...d, span: { ...span, line: 9 } }], { color: false, summary: false, sources: new Map([["a.yaml", "x\n"]]) });
    expect(out).toBe("a.yaml:9:3: error RC3001: unknown role `Foo`\n");
  });

  it("adds the hint and each related location as a note", () => {
    const full = diagnostic("inheritanceCycle", { path: "x.A → x.B → x.A" }, span, {
      related: [{ message: "x.A inherits x.B", span: { ...span, line: 5 } }],
    });
    expect(formatText([full], { color: false, summary: false })).toBe(
      "a.yaml:2:3: error RC3004: inheritance cycle: x.A → x.B → x.A\n" +
        "  hint: a role cannot inherit from itself, directly or through its bases\n" +
        "  a.yaml:5:3: note: x.A inherits x.B\n",
    );
  });

  it("uses colours only when asked", () => {
    expect(formatText([d], { color: false })).not.toContain("\u001b[");
    expect(formatText([d], { color: true })).toContain("\u001b[");
  });

  it("ends with the summary line unless told not to", () => {
    expect(formatText([], { color: false })).toBe("0 errors, 0 warnings\n");
    expect(formatText([d], { color: false })).toBe("a.yaml:2:3: error RC3001: unknown role `Foo`\n\n1 error, 0 warnings\n");
    expect(formatText([], { color: false, summary: false })).toBe("");
  });
});

describe("formatDiagnostics", () => {
  it("knows exactly the formats text, json, sarif and github", () => {
    expect(DIAGNOSTIC_FORMATS).toEqual(["text", "json", "sarif", "github"]);
    expect(isDiagnosticFormat("sarif")).toBe(true);
    expect(isDiagnosticFormat("xml")).toBe(false);
  });

  it("dispatches to the formatter of each format", () => {
    const { diagnostics, sources } = load("mixed");
    expect(formatDiagnostics(diagnostics, "text", { toolVersion: "1", sources })).toBe(
      formatText(diagnostics, { color: false, sources }),
    );
    expect(formatDiagnostics(diagnostics, "json", { toolVersion: "1" })).toBe(formatJson(diagnostics));
    expect(formatDiagnostics(diagnostics, "sarif", { toolVersion: "1" })).toBe(formatSarif(diagnostics, { toolVersion: "1" }));
    expect(formatDiagnostics(diagnostics, "github", { toolVersion: "1" })).toBe(formatGithub(diagnostics));
  });
});
