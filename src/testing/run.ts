/**
 * The permission-test engine: test files (as data) and an analyzed
 * application → every test, invariant and snapshot checked, with coverage.
 * Pure: the caller reads the files and writes the snapshots (src/api/test.ts).
 *
 * A cell is one (user type, target) verdict of the semantics (`accessOf`):
 * `visible`, `hidden`, `refused` (readonly) or `unknown` (part of the
 * requirement is unresolved). An expectation that meets an unknown verdict
 * fails, whatever it expected: the analyzer cannot promise either answer.
 */
import { diagnostic } from "../diagnostics/catalogue.js";
import { compareStrings, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import type { Access } from "../runtime/semantics/index.js";
import { computeCoverage } from "./coverage.js";
import { globMatcher } from "./glob.js";
import type { CaseResult, CaseStatus, CellFailure, Failure, FileResult, SnapshotWrite, TestRun, TestSummary } from "./results.js";
import { isSnapshotText, parseSnapshot, renderSnapshot, snapshotByteLimit, snapshotChanges, snapshotMatches, utf8Length } from "./snapshot.js";
import type { BoundsInvariantSpec, CellsTestSpec, ReadonlyInvariantSpec, TestFileSpec, VisibleForTestSpec, Written } from "./spec.js";
import { PermissionTable, type Row, type TestProject, type UnresolvedExpression } from "./table.js";

/** A test file as read: its spec, or the problems that kept it from being one. */
export interface TestFileInput {
  /** As diagnostics name files. */
  readonly file: string;
  /** Undefined when the file has problems (then `diagnostics` says which). */
  readonly spec?: TestFileSpec;
  readonly diagnostics: readonly Diagnostic[];
}

/** A snapshot file's content as read: its text, or that it does not exist. */
export type SnapshotSource =
  | { readonly kind: "missing" }
  | { readonly kind: "outside" }
  | { readonly kind: "text"; readonly text: string }
  /**
   * A file read when the run knows how large a snapshot of this application
   * may be (`read(maxBytes)`): its text, or its size when it holds more.
   */
  | { readonly kind: "file"; readonly read: (maxBytes: number) => { readonly text: string } | { readonly tooLarge: number } };

/** What {@link runTests} needs. */
export interface RunInput {
  readonly project: TestProject;
  readonly files: readonly TestFileInput[];
  /** Snapshot files by name (as diagnostics name files); one the map lacks is missing. */
  readonly snapshots: ReadonlyMap<string, SnapshotSource>;
  /** Run only the tests, invariants and snapshots whose name matches this glob (case-insensitive). */
  readonly filter?: string;
  /** Compute coverage. */
  readonly coverage?: boolean;
  /** Write snapshots instead of comparing them. */
  readonly updateSnapshots?: boolean;
}

/** Failures listed per case; more are counted, not listed (one broad invariant could fail on millions of cells). */
export const MAX_LISTED_FAILURES = 50;

/** The name of a snapshot case (what `--filter` matches). */
export const SNAPSHOT_CASE_NAME = "snapshot";

/** Runs every test, invariant and snapshot of the files against the project. */
export function runTests(input: RunInput): TestRun {
  return new Run(input).run();
}

/** What one case found so far. */
class CaseBuilder {
  readonly failures: Failure[] = [];
  readonly diagnostics: Diagnostic[] = [];
  omitted = 0;
  cells = 0;
  private definite = false;
  private unknown = false;

  fail(failure: Failure, unknown: boolean): void {
    if (unknown) this.unknown = true;
    else this.definite = true;
    if (this.failures.length < MAX_LISTED_FAILURES) this.failures.push(failure);
    else this.omitted++;
  }

  result(kind: CaseResult["kind"], name: string, span: Span, extra: { updated?: boolean } = {}): CaseResult {
    const status: CaseStatus = this.diagnostics.length > 0 ? "error" : this.definite ? "failed" : this.unknown ? "unknown" : "passed";
    return {
      kind,
      name,
      span,
      status,
      cells: this.cells,
      failures: this.failures,
      ...(this.omitted > 0 ? { omittedFailures: this.omitted } : {}),
      diagnostics: this.diagnostics,
      ...extra,
    };
  }
}

class Run {
  private readonly table: PermissionTable;
  /** Decided cells, `t * userTypes + u`; only with coverage. */
  private readonly decided: Uint8Array | undefined;
  private rows: Row[] | undefined;
  private snapshotCompared = false;
  private readonly writes = new Map<string, SnapshotWrite>();
  private readonly matchesFilter: (name: string) => boolean;

  constructor(private readonly input: RunInput) {
    this.table = new PermissionTable(input.project);
    this.decided = input.coverage === true ? new Uint8Array(this.table.targets.length * this.table.userTypes.length) : undefined;
    this.matchesFilter = input.filter === undefined ? () => true : globMatcher(input.filter, true);
  }

  run(): TestRun {
    const files: FileResult[] = [];
    for (const file of [...this.input.files].sort((a, b) => compareStrings(a.file, b.file))) {
      const result = this.runFile(file);
      if (result.cases.length > 0 || result.diagnostics.length > 0) files.push(result);
    }
    const cases = files.flatMap((f) => f.cases);
    const count = (status: CaseStatus): number => cases.filter((c) => c.status === status).length;
    const summary: TestSummary = {
      files: files.length,
      cases: cases.length,
      passed: count("passed"),
      failed: count("failed"),
      unknown: count("unknown"),
      errors: count("error") + files.filter((f) => f.diagnostics.length > 0).length,
      cells: cases.reduce((n, c) => n + c.cells, 0),
    };
    const coverage = this.decided === undefined ? undefined : computeCoverage(this.table, this.decided, this.snapshotCompared);
    return { files, summary, ...(coverage === undefined ? {} : { coverage }), snapshotWrites: [...this.writes.values()] };
  }

  private runFile(file: TestFileInput): FileResult {
    const spec = file.spec;
    if (spec === undefined) return { file: file.file, name: file.file, cases: [], diagnostics: file.diagnostics };
    const cases: CaseResult[] = [];
    for (const test of spec.tests) {
      if (!this.matchesFilter(test.name)) continue;
      cases.push(test.kind === "cells" ? this.cellsTest(test) : this.visibleForTest(test));
    }
    for (const invariant of spec.invariants) {
      if (!this.matchesFilter(invariant.name)) continue;
      cases.push(invariant.kind === "bounds" ? this.boundsInvariant(invariant) : this.readonlyInvariant(invariant));
    }
    if (spec.snapshot !== undefined && this.matchesFilter(SNAPSHOT_CASE_NAME)) cases.push(this.snapshot(spec.snapshot));
    return { file: spec.file, name: spec.name, cases, diagnostics: file.diagnostics };
  }

  // ---------------------------------------------------------------- names

  private userTypes(entries: readonly Written[], into: CaseBuilder): { readonly u: number; readonly written: Written }[] {
    const found: { u: number; written: Written }[] = [];
    for (const written of entries) {
      const u = this.table.userTypeIndex(written.text);
      if (u === undefined) into.diagnostics.push(diagnostic("unknownTestUserType", { name: written.text, suggestion: this.table.userTypeSuggestion(written.text) }, written.span));
      else found.push({ u, written });
    }
    return found;
  }

  private targets(entries: readonly Written[], into: CaseBuilder): { readonly t: number; readonly written: Written }[] {
    const found: { t: number; written: Written }[] = [];
    for (const written of entries) {
      const t = this.table.targetIndex(written.text);
      if (t === undefined) into.diagnostics.push(diagnostic("unknownTestTarget", { id: written.text, suggestion: this.table.targetSuggestion(written.text) }, written.span));
      else found.push({ t, written });
    }
    return found;
  }

  /** The targets some glob matches (each once, with the first glob that matches it), in target order. */
  private globTargets(globs: readonly Written[], into: CaseBuilder): { readonly t: number; readonly written: Written }[] {
    const firstGlob = new Map<number, number>();
    globs.forEach((written, g) => {
      const matches = globMatcher(written.text);
      let any = false;
      // Only the ids that start with the glob's literal prefix can match: a range of the sorted ids.
      for (const t of this.table.idsStartingWith(matches.prefix)) {
        if (!matches(this.table.ids[t]!)) continue;
        any = true;
        if (!firstGlob.has(t)) firstGlob.set(t, g);
      }
      if (!any) {
        const suggestion = /[*?]/.test(written.text) ? "`rolecraft show actors` lists every actor and action" : this.table.targetSuggestion(written.text);
        into.diagnostics.push(diagnostic("unmatchedTargetGlob", { glob: written.text, suggestion }, written.span));
      }
    });
    return [...firstGlob.keys()].sort((a, b) => a - b).map((t) => ({ t, written: globs[firstGlob.get(t)!]! }));
  }

  private decide(t: number, u: number): void {
    if (this.decided !== undefined) this.decided[t * this.table.userTypes.length + u] = 1;
  }

  private row(t: number): Row {
    return this.rows?.[t] ?? this.table.row(t);
  }

  // ---------------------------------------------------------------- tests

  private cellsTest(test: CellsTestSpec): CaseResult {
    const builder = new CaseBuilder();
    const userTypes = this.userTypes(test.userTypes, builder);
    const expect = (entries: readonly Written[], expected: CellFailure["expected"]): void => {
      for (const { t, written } of this.targets(entries, builder)) {
        for (const { u } of userTypes) {
          builder.cells++;
          this.decide(t, u);
          const actual = this.table.access(t, u);
          if (meets(actual, expected)) continue;
          builder.fail(this.cellFailure(written.span, t, u, expected, actual), actual === "unknown");
        }
      }
    };
    expect(test.sees, "visible");
    expect(test.doesNotSee, "not visible");
    return builder.result("test", test.name, test.span);
  }

  private cellFailure(span: Span, t: number, u: number, expected: CellFailure["expected"], actual: Access): CellFailure {
    const unresolved = actual === "unknown" ? this.table.unresolvedOf(t) : [];
    return { kind: "cell", span, target: this.table.ids[t]!, userType: this.table.userTypeRef(u), expected, actual, unresolved, explanation: this.table.explain(t, u) };
  }

  private visibleForTest(test: VisibleForTestSpec): CaseResult {
    const builder = new CaseBuilder();
    const [target] = this.targets([test.target], builder);
    const expected = this.expectedRow(test.visibleFor, builder);
    if (target === undefined || expected === undefined) return builder.result("test", test.name, test.span);
    const { t } = target;
    const row = this.row(t);
    const differing: number[] = [];
    let definite = false;
    for (let u = 0; u < this.table.userTypes.length; u++) {
      builder.cells++;
      this.decide(t, u);
      const inRow = this.table.has(row.set, u);
      if (inRow && this.table.access(t, u) === "unknown") differing.push(u);
      else if (inRow !== expected.has(u)) {
        differing.push(u);
        definite = true;
      }
    }
    if (differing.length > 0) {
      builder.fail(
        {
          kind: "visibleFor",
          span: test.visibleFor.span,
          target: this.table.ids[t]!,
          expected: test.visibleFor.text,
          actual: row.text,
          unknown: !definite,
          unresolved: row.complete ? [] : this.table.unresolvedOf(t),
          explanations: differing.map((u) => this.table.explain(t, u)),
        },
        !definite,
      );
    }
    return builder.result("test", test.name, test.span);
  }

  /** The user types a `visibleFor` text names: `all`, `nobody`, or labels (any name or value of a user type). */
  private expectedRow(written: Written, into: CaseBuilder): Set<number> | undefined {
    const words = [...written.text.matchAll(/\S+/g)];
    const all = this.table.userTypes.map((_, u) => u);
    if (words.length === 1 && words[0]![0] === "all") return new Set(all);
    if (words.length === 1 && words[0]![0] === "nobody") return new Set();
    const found = new Set<number>();
    let ok = true;
    for (const match of words) {
      const word = match[0];
      const span = wordSpan(written, match.index, word.length);
      if (word === "all" || word === "nobody") {
        into.diagnostics.push(diagnostic("visibleForWord", { word }, span));
        ok = false;
        continue;
      }
      const u = this.table.userTypeIndex(word);
      if (u === undefined) {
        into.diagnostics.push(diagnostic("unknownTestUserType", { name: word, suggestion: this.table.userTypeSuggestion(word) }, span));
        ok = false;
      } else found.add(u);
    }
    return ok ? found : undefined;
  }

  // ---------------------------------------------------------------- invariants

  private boundsInvariant(invariant: BoundsInvariantSpec): CaseResult {
    const builder = new CaseBuilder();
    const targets = this.globTargets(invariant.targets, builder);
    const atMost = invariant.atMost === undefined ? undefined : this.userTypes(invariant.atMost, builder);
    const atLeast = this.userTypes(invariant.atLeast, builder);
    if (builder.diagnostics.length > 0) return builder.result("invariant", invariant.name, invariant.span);
    const userTypeCount = this.table.userTypes.length;
    const allowed = atMost === undefined ? undefined : new Set(atMost.map((a) => a.u));
    for (const { t, written } of targets) {
      const row = this.row(t);
      if (allowed !== undefined) {
        // Everybody else sees none of them.
        for (let u = 0; u < userTypeCount; u++) {
          if (allowed.has(u)) continue;
          builder.cells++;
          this.decide(t, u);
          if (!this.table.has(row.set, u)) continue;
          const unknown = this.table.access(t, u) === "unknown";
          builder.fail(this.cellFailure(written.span, t, u, "not visible", unknown ? "unknown" : "visible"), unknown);
        }
      }
      for (const { u, written: who } of atLeast) {
        builder.cells++;
        this.decide(t, u);
        if (this.table.has(row.set, u)) {
          if (this.table.access(t, u) === "unknown") builder.fail(this.cellFailure(who.span, t, u, "visible", "unknown"), true);
          continue;
        }
        builder.fail(this.cellFailure(who.span, t, u, "visible", this.table.access(t, u)), false);
      }
    }
    return builder.result("invariant", invariant.name, invariant.span);
  }

  private readonlyInvariant(invariant: ReadonlyInvariantSpec): CaseResult {
    const builder = new CaseBuilder();
    const targets = invariant.targets === undefined ? this.table.targets.map((_, t) => ({ t, written: undefined })) : this.globTargets(invariant.targets, builder);
    const readonlyTypes = this.table.userTypes.flatMap((type, u) => (type.readonly ? [u] : []));
    for (const { t, written } of targets) {
      const target = this.table.targets[t]!;
      if (!("combined" in target) || target.readonly) continue;
      const row = this.row(t);
      for (const u of readonlyTypes) {
        builder.cells++;
        this.decide(t, u);
        if (!this.table.has(row.set, u)) continue;
        const unknown = this.table.access(t, u) === "unknown";
        builder.fail(this.cellFailure(written?.span ?? invariant.keySpan, t, u, "not visible", unknown ? "unknown" : "visible"), unknown);
      }
    }
    return builder.result("invariant", invariant.name, invariant.span);
  }

  // ---------------------------------------------------------------- snapshot

  private allRows(): Row[] {
    this.rows ??= this.table.targets.map((_, t) => this.table.row(t));
    return this.rows;
  }

  private snapshot(snapshot: NonNullable<TestFileSpec["snapshot"]>): CaseResult {
    const builder = new CaseBuilder();
    const span = snapshot.written.span;
    const file = snapshot.file;
    const given = this.input.snapshots.get(file) ?? { kind: "missing" };
    if (file.startsWith("../") || file === ".." || file.startsWith("/") || given.kind === "outside") {
      builder.diagnostics.push(diagnostic("snapshotOutsideProject", { path: snapshot.written.text }, span));
      return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
    }
    const ids = this.table.ids;
    const limit = snapshotByteLimit(ids, this.table.labels, this.table.unresolvedTexts());
    const source = readSource(given, limit);
    if (source.kind === "tooLarge") {
      builder.diagnostics.push(diagnostic("snapshotTooLarge", { path: file, size: source.size, max: limit }, span));
      return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
    }
    const rows = this.allRows();
    const userTypeCount = this.table.userTypes.length;
    builder.cells = rows.length * userTypeCount;
    this.snapshotCompared = true;
    const current = (): Iterable<readonly [string, string]> => rows.map((row, t) => [ids[t]!, row.text] as const);
    const unknown = rows.flatMap((row, t) => (row.complete ? [] : [t]));
    if (unknown.length > 0) {
      const unresolved = new Map<string, UnresolvedExpression>();
      for (const t of unknown) for (const part of this.table.unresolvedOf(t)) unresolved.set(`${part.span.file}:${part.span.line}:${part.span.column}`, part);
      builder.fail({ kind: "snapshot", span, file, reason: "unknown", changes: [], unknownTargets: unknown.map((t) => ids[t]!), unresolved: [...unresolved.values()] }, true);
    }

    if (this.input.updateSnapshots === true) {
      if (source.kind === "text" && !isSnapshotText(source.text)) {
        builder.diagnostics.push(diagnostic("snapshotNotGenerated", { path: file }, span));
        return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
      }
      const content = renderSnapshot(current());
      const size = utf8Length(content);
      if (size > limit) {
        // Never written: the next run could not read it back.
        builder.diagnostics.push(diagnostic("snapshotTooLargeToWrite", { path: file, size, max: limit }, span));
        return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
      }
      this.writes.set(file, { file, content });
      return builder.result("snapshot", SNAPSHOT_CASE_NAME, span, { updated: source.kind !== "text" || source.text !== content });
    }
    if (source.kind === "missing") {
      builder.fail({ kind: "snapshot", span, file, reason: "missing", changes: [], unknownTargets: [], unresolved: [] }, false);
      return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
    }
    if (snapshotMatches(source.text, ids, (t) => rows[t]!.json)) return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
    const recorded = parseSnapshot(source.text, file);
    builder.diagnostics.push(...recorded.diagnostics);
    const changes = snapshotChanges(recorded.rows, current());
    if (changes.length > 0) builder.fail({ kind: "snapshot", span, file, reason: "stale", changes, unknownTargets: [], unresolved: [] }, false);
    return builder.result("snapshot", SNAPSHOT_CASE_NAME, span);
  }
}

/** A snapshot's text read within `limit` bytes, or the size that is more. */
function readSource(source: SnapshotSource, limit: number): { readonly kind: "missing" } | { readonly kind: "text"; readonly text: string } | { readonly kind: "tooLarge"; readonly size: number } {
  if (source.kind === "missing" || source.kind === "outside") return { kind: "missing" };
  if (source.kind === "text") {
    const size = source.text.length > limit / 3 ? utf8Length(source.text) : 0;
    return size > limit ? { kind: "tooLarge", size } : source;
  }
  const read = source.read(limit);
  return "text" in read ? { kind: "text", text: read.text } : { kind: "tooLarge", size: read.tooLarge };
}

/** Whether an access meets an expectation (an unknown one never does). */
function meets(actual: Access, expected: CellFailure["expected"]): boolean {
  if (actual === "unknown") return false;
  return expected === "visible" ? actual === "visible" : actual !== "visible";
}

/**
 * The span of one word of a written scalar: exact when the scalar is plain
 * or quoted on one line (its span is then the text's length, or that plus
 * the quotes), else the whole scalar.
 */
function wordSpan(written: Written, offset: number, length: number): Span {
  const { span, text } = written;
  if (span.line !== span.endLine) return span;
  const width = span.endColumn - span.column;
  const start = width === text.length ? span.column + offset : width === text.length + 2 ? span.column + 1 + offset : undefined;
  return start === undefined ? span : { file: span.file, line: span.line, column: start, endLine: span.line, endColumn: start + length };
}
