import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { escapeGithubData, escapeGithubProperty, formatGithub } from "../../src/diagnostics/format/github.js";

const span = { file: "roles/noi.yaml", line: 4, column: 15, endLine: 4, endColumn: 22 };

describe("formatGithub", () => {
  it("writes one ::error command with file, line, col, endLine, endColumn and the code as title", () => {
    const d: Diagnostic = { code: "RC3001", severity: "error", message: "unknown role `Custmer`", data: {}, span };
    expect(formatGithub([d])).toBe(
      "::error file=roles/noi.yaml,line=4,col=15,endLine=4,endColumn=22,title=RC3001::unknown role `Custmer`\n",
    );
  });

  it("maps warning to ::warning and info to ::notice", () => {
    const base: Diagnostic = { code: "RC5004", severity: "warning", message: "m", data: {}, span };
    expect(formatGithub([base])).toMatch(/^::warning /);
    expect(formatGithub([{ ...base, severity: "info" }])).toMatch(/^::notice /);
  });

  it("appends the hint on a new line, escaped", () => {
    const d: Diagnostic = { code: "RC3001", severity: "error", message: "m", data: {}, span, hint: "h" };
    expect(formatGithub([d])).toMatch(/::m%0Ahint: h\n$/);
  });

  it("escapes %, CR and LF in the message, and also : and , in property values", () => {
    expect(escapeGithubData("100% a:b,c\r\nd")).toBe("100%25 a:b,c%0D%0Ad");
    expect(escapeGithubProperty("100% a:b,c\r\nd")).toBe("100%25 a%3Ab%2Cc%0D%0Ad");
    const d: Diagnostic = { code: "RC1", severity: "error", message: "50%: a,b", data: {}, span: { ...span, file: "a:b,c%.yaml" } };
    expect(formatGithub([d])).toBe("::error file=a%3Ab%2Cc%25.yaml,line=4,col=15,endLine=4,endColumn=22,title=RC1::50%25: a,b\n");
  });

  it("writes file paths with forward slashes", () => {
    const d: Diagnostic = { code: "RC1", severity: "error", message: "m", data: {}, span: { ...span, file: "roles\\noi.yaml" } };
    expect(formatGithub([d])).toContain("file=roles/noi.yaml,");
  });

  it("writes nothing for no diagnostics", () => {
    expect(formatGithub([])).toBe("");
  });
});
