/**
 * `rolecraft test` as text: one line per test, invariant and snapshot under
 * its file, then every problem and failure as a diagnostic with its code
 * frame (the YAML line it is written on) and, for a cell, the explain path;
 * then the counts and, with coverage, what the tests leave undecided.
 *
 * ```text
 * examples/noi-app/noi.rolecraft-test.yaml: Noi permissions
 *   ✓ customers report tickets but do not triage them (8 cells)
 *   ✗ who sees all tickets, exactly (5 cells)
 * ```
 */
import pc from "picocolors";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatText } from "../../diagnostics/format/text.js";
import type { CaseResult, CaseStatus, Coverage, TestRun } from "../results.js";

/** Options of {@link formatTestText}. */
export interface TestTextOptions {
  readonly color: boolean;
  /** Texts of the test files (for code frames), by file name as spans give it. */
  readonly sources: ReadonlyMap<string, string>;
  /** The run's problems and failures as diagnostics (`runDiagnostics`). */
  readonly diagnostics: readonly Diagnostic[];
  /** `--min-coverage`, shown with the coverage. */
  readonly minimum?: number;
}

/** Entries of a list shown in text (JSON has them all). */
const MAX_LISTED = 20;
/** Up to this many cases, a file lists every case; beyond, those that did not pass. */
const MAX_CASES_LISTED = 60;
/** Up to this many user types, coverage is shown per user type. */
const MAX_USER_TYPES_SHOWN = 30;

/** Renders a run as text, each line ending with `\n`. */
export function formatTestText(run: TestRun, options: TestTextOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  for (const file of run.files) {
    out.push(`${c.bold(file.file)}${file.name === file.file ? "" : `: ${file.name}`}\n`);
    if (file.diagnostics.length > 0) out.push(`  ${c.red("!")} not read: ${file.diagnostics.length === 1 ? "1 problem" : `${file.diagnostics.length} problems`} (below)\n`);
    // A long suite lists what did not pass, and counts the rest.
    const listAll = file.cases.length <= MAX_CASES_LISTED;
    for (const testCase of file.cases) if (listAll || testCase.status !== "passed") out.push(`  ${mark(testCase.status, c)} ${caseLine(testCase)}\n`);
    const passed = file.cases.filter((t) => t.status === "passed").length;
    if (!listAll && passed > 0) out.push(`  ${mark("passed", c)} ${passed} passed\n`);
  }
  for (const d of options.diagnostics) out.push("\n", diagnosticBlock(d, options));
  out.push("\n", summaryLine(run, c), "\n");
  if (run.coverage !== undefined) out.push(...coverageLines(run.coverage, options.minimum).map((line) => `${line}\n`));
  return out.join("");
}

/**
 * One problem or failure: its first line, code frame and hint as `check`
 * prints diagnostics, then the rest of its message (the explain path, the
 * snapshot's diff) under it.
 */
function diagnosticBlock(d: Diagnostic, options: TestTextOptions): string {
  const [head = "", ...rest] = d.message.split("\n");
  const { hint, ...withoutHint } = d;
  const block = formatText([{ ...withoutHint, message: head }], { color: options.color, sources: options.sources, summary: false });
  const c = pc.createColors(options.color);
  return block + rest.map((line) => `  ${line}\n`).join("") + (hint === undefined ? "" : `  ${c.cyan("hint:")} ${hint}\n`);
}

function mark(status: CaseStatus, c: ReturnType<typeof pc.createColors>): string {
  switch (status) {
    case "passed":
      return c.green("✓");
    case "failed":
      return c.red("✗");
    case "unknown":
      return c.yellow("?");
    case "error":
      return c.red("!");
  }
}

function caseLine(testCase: CaseResult): string {
  const what = testCase.kind === "snapshot" ? `snapshot` : testCase.name;
  const notes = [cells(testCase.cells)];
  if (testCase.status === "unknown") notes.push("unknown verdict");
  if (testCase.status === "error") notes.push("names something that does not exist");
  if (testCase.updated === true) notes.push("written");
  return `${what} (${notes.join(", ")})`;
}

function cells(n: number): string {
  return `${n} cell${n === 1 ? "" : "s"}`;
}

/** `Tests: 3 passed, 1 failed, 0 unknown, 0 errors (4 in 1 file, 358 cells)`. */
export function summaryLine(run: TestRun, c: ReturnType<typeof pc.createColors> = pc.createColors(false)): string {
  const s = run.summary;
  const paint = (n: number, word: string, style: (t: string) => string): string => (n > 0 ? style(`${n} ${word}`) : `${n} ${word}`);
  return [
    "Tests: ",
    paint(s.passed, "passed", c.green),
    ", ",
    paint(s.failed, "failed", (t) => c.bold(c.red(t))),
    ", ",
    paint(s.unknown, "unknown", (t) => c.bold(c.yellow(t))),
    ", ",
    paint(s.errors, s.errors === 1 ? "error" : "errors", (t) => c.bold(c.red(t))),
    ` (${s.cases} in ${s.files} file${s.files === 1 ? "" : "s"}, ${cells(s.cells)})`,
  ].join("");
}

/** The coverage summary: the share of decided cells, per user type, and what no test touches. */
export function coverageLines(coverage: Coverage, minimum?: number): string[] {
  const lines = [
    `Coverage: ${coverage.decided} of ${coverage.cells} cells (${coverage.percent}%) decided by tests and invariants${
      coverage.withSnapshot === undefined ? "" : `; ${coverage.withSnapshot.decided} of ${coverage.cells} (${coverage.withSnapshot.percent}%) with the snapshot`
    }${minimum === undefined ? "" : `; minimum ${minimum}%${coverage.percent < minimum ? " NOT MET" : " met"}`}`,
  ];
  if (coverage.userTypes.length <= MAX_USER_TYPES_SHOWN) {
    lines.push(`  by user type: ${coverage.userTypes.map((t) => `${t.label} ${t.decided}/${t.cells}`).join(", ")}`);
  }
  lines.push(`  targets no test touches: ${list(coverage.untouchedTargets)}`);
  lines.push(`  user types no test touches: ${list(coverage.untouchedUserTypes.map((t) => t.label))}`);
  lines.push(`  roles no decided cell depends on: ${list(coverage.rolesWithoutAssertions)} (of ${coverage.rolesDependedOn} roles some verdict depends on)`);
  return lines;
}

function list(items: readonly string[]): string {
  if (items.length === 0) return "none";
  const shown = items.slice(0, MAX_LISTED).join(", ");
  return `${items.length}: ${shown}${items.length > MAX_LISTED ? `, … and ${items.length - MAX_LISTED} more` : ""}`;
}
