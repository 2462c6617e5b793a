import { describe, expect, it } from "vitest";
import type * as sarif from "sarif";
import { diagnostic } from "../../src/diagnostics/catalogue.js";
import { artifactLocation, sarifLog } from "../../src/diagnostics/format/sarif.js";

const span = (file: string, line = 1) => ({ file, line, column: 2, endLine: line, endColumn: 5 });

function run(log: sarif.Log): sarif.Run {
  const r = log.runs[0];
  if (r === undefined) throw new Error("no run");
  return r;
}

describe("sarifLog", () => {
  const diagnostics = [
    diagnostic("unknownRole", { ref: "X", suggestion: "did you mean `Y`?" }, span("b.yaml")),
    diagnostic("inheritanceCycle", { path: "a → b → a" }, span("a.yaml"), {
      related: [{ message: "a inherits b", span: span("a.yaml", 3) }],
    }),
    diagnostic("identicalUserTypes", { a: "1", b: "2" }, span("c.yaml")),
    diagnostic("unknownRole", { ref: "Z", suggestion: "" }, span("d.yaml")),
  ];
  const log = sarifLog(diagnostics, { toolVersion: "1.2.3" });

  it("describes the tool rolecraft with its version", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(run(log).tool.driver).toMatchObject({ name: "rolecraft", version: "1.2.3" });
  });

  it("lists each catalogue entry used once, sorted by code, with name, description, help and level", () => {
    expect(run(log).tool.driver.rules).toEqual([
      {
        id: "RC3001",
        name: "UnknownRole",
        shortDescription: { text: "unknown role `{ref}`" },
        defaultConfiguration: { level: "error" },
      },
      {
        id: "RC3004",
        name: "InheritanceCycle",
        shortDescription: { text: "inheritance cycle: {path}" },
        help: { text: "a role cannot inherit from itself, directly or through its bases" },
        defaultConfiguration: { level: "error" },
      },
      {
        id: "RC5008",
        name: "IdenticalUserTypes",
        shortDescription: { text: "user types {a} and {b} see exactly the same actors and actions" },
        help: { text: "merge them or give them distinct roles" },
        defaultConfiguration: { level: "note" },
      },
    ]);
  });

  it("keeps the results in the given order, pointing at their rules", () => {
    const results = run(log).results ?? [];
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ["RC3001", 0, "error"],
      ["RC3004", 1, "error"],
      ["RC5008", 2, "note"],
      ["RC3001", 0, "error"],
    ]);
  });

  it("gives each result its region, related locations and, as properties, its hint and data", () => {
    const [first, second] = run(log).results ?? [];
    expect(first?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "b.yaml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, startColumn: 2, endLine: 1, endColumn: 5 },
    });
    expect(first?.properties).toEqual({ hint: "did you mean `Y`?", data: { ref: "X", suggestion: "did you mean `Y`?" } });
    expect(second?.relatedLocations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "a.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 5 },
        },
        message: { text: "a inherits b" },
      },
    ]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(sarifLog(diagnostics, { toolVersion: "1.2.3" }))).toBe(JSON.stringify(log));
  });
});

describe("artifactLocation", () => {
  it.each([
    ["roles/noi.yaml", { uri: "roles/noi.yaml", uriBaseId: "%SRCROOT%" }],
    ["./roles/noi.yaml", { uri: "roles/noi.yaml", uriBaseId: "%SRCROOT%" }],
    ["roles\\win\\noi.yaml", { uri: "roles/win/noi.yaml", uriBaseId: "%SRCROOT%" }],
    ["a b/ü%#?:,.yaml", { uri: "a%20b/%C3%BC%25%23%3F%3A%2C.yaml", uriBaseId: "%SRCROOT%" }],
    ["/abs/x y.yaml", { uri: "file:///abs/x%20y.yaml" }],
    ["C:\\work\\x.yaml", { uri: "file:///C:/work/x.yaml" }],
    ["bad\ud800.yaml", { uri: "bad%EF%BF%BD.yaml", uriBaseId: "%SRCROOT%" }],
  ])("turns %j into %j", (file, expected) => {
    expect(artifactLocation(file)).toEqual(expected);
  });
});
