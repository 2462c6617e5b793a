import { describe, expect, it } from "vitest";
import type { Diagnostic, Severity } from "../../src/diagnostics/diagnostic.js";
import { countBySeverity, formatSummary } from "../../src/diagnostics/format/summary.js";

const of = (...severities: Severity[]): Diagnostic[] =>
  severities.map((severity) => ({
    code: "RC0000",
    severity,
    message: "m",
    data: {},
    span: { file: "f", line: 1, column: 1, endLine: 1, endColumn: 1 },
  }));

describe("formatSummary", () => {
  it.each([
    [[], "0 errors, 0 warnings"],
    [["error"], "1 error, 0 warnings"],
    [["warning"], "0 errors, 1 warning"],
    [["error", "error", "warning", "warning"], "2 errors, 2 warnings"],
    [["info"], "0 errors, 0 warnings, 1 info"],
    [["error", "info", "info"], "1 error, 0 warnings, 2 infos"],
  ] as [Severity[], string][])("summarizes %j as %s", (severities, expected) => {
    expect(formatSummary(of(...severities))).toBe(expected);
  });

  it("colours only the counts that are not zero, and only when asked", () => {
    expect(formatSummary(of("error"), { color: true })).toBe("\u001b[1m\u001b[31m1 error\u001b[39m\u001b[22m, 0 warnings");
  });

  it("counts by severity", () => {
    expect(countBySeverity(of("error", "warning", "info", "info"))).toEqual({ errors: 1, warnings: 1, infos: 2 });
  });
});
