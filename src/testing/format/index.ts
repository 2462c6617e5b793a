/**
 * The formats of `rolecraft test`: text, json, junit, github (workflow
 * commands: one annotation per failure and problem) and sarif (SARIF 2.1.0,
 * each failure a result at its YAML node). GitHub and SARIF are the
 * diagnostics' own formats over the run's diagnostics (`runDiagnostics`).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { escapeGithubData, formatGithub } from "../../diagnostics/format/github.js";
import { formatSarif } from "../../diagnostics/format/sarif.js";
import { runDiagnostics } from "../messages.js";
import type { TestRun } from "../results.js";
import { formatTestJson } from "./json.js";
import { jsonReport } from "../../diagnostics/format/json.js";
import { formatStoppedJunit, formatTestJunit } from "./junit.js";
import { formatTestText, summaryLine, coverageLines } from "./text.js";

export { formatTestText, summaryLine, coverageLines } from "./text.js";
export { formatTestJson, testRunJson, explanationJson, type JsonExplanation } from "./json.js";
export { formatTestJunit, escapeXml } from "./junit.js";

/** The output formats of `rolecraft test`. */
export const TEST_FORMATS = ["text", "json", "junit", "github", "sarif"] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

/** What every format may need besides the run. */
export interface TestFormatOptions {
  readonly color: boolean;
  /** Texts of the test files (code frames in text). */
  readonly sources: ReadonlyMap<string, string>;
  /** The analysis' diagnostics (warnings the run went on with): in json, github and sarif. */
  readonly analysis: readonly Diagnostic[];
  /** `--min-coverage`. */
  readonly minimum?: number;
  /** rolecraft's version (SARIF's `tool.driver.version`). */
  readonly toolVersion: string;
}

/** Renders a run in a format. */
export function renderTestRun(run: TestRun, format: TestFormat, options: TestFormatOptions): string {
  const diagnostics = runDiagnostics(run, options.minimum);
  switch (format) {
    case "text":
      return formatTestText(run, { color: options.color, sources: options.sources, diagnostics, ...(options.minimum === undefined ? {} : { minimum: options.minimum }) });
    case "json":
      return formatTestJson(run, { analysis: options.analysis, ...(options.minimum === undefined ? {} : { minimum: options.minimum }) });
    case "junit":
      return formatTestJunit(run, options.minimum === undefined ? {} : { minimum: options.minimum });
    case "github": {
      const lines = [summaryLine(run), ...(run.coverage === undefined ? [] : coverageLines(run.coverage, options.minimum))].join("\n");
      return `${formatGithub(sortDiagnostics([...options.analysis, ...diagnostics]))}::notice title=rolecraft test::${escapeGithubData(lines)}\n`;
    }
    case "sarif":
      return formatSarif(sortDiagnostics([...options.analysis, ...diagnostics]), { toolVersion: options.toolVersion });
  }
}

/**
 * What a run that could not start prints (the role model or the
 * application has errors): those errors, in the format asked for.
 */
export function renderStoppedRun(diagnostics: readonly Diagnostic[], format: Exclude<TestFormat, "text">, toolVersion: string): string {
  const sorted = sortDiagnostics(diagnostics);
  switch (format) {
    case "json":
      return `${JSON.stringify({ version: 1, passed: false, summary: null, files: [], diagnostics: jsonReport(sorted).diagnostics }, null, 2)}\n`;
    case "junit":
      return formatStoppedJunit(sorted);
    case "github":
      return formatGithub(sorted);
    case "sarif":
      return formatSarif(sorted, { toolVersion });
  }
}
