/**
 * What a run of permission tests finds, as data: per test file, per test,
 * invariant or snapshot, its status and each failed expectation with
 * expected and actual, where it is written and, for a cell, the
 * explanation (`explain`). Renderers (src/testing/format) turn it into text,
 * JSON, JUnit, GitHub annotations or SARIF.
 */
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import type { Access, Explanation } from "../runtime/semantics/index.js";
import type { UnresolvedExpression } from "./table.js";

export type { UnresolvedExpression } from "./table.js";

/** A user type as results name it. */
export interface TestUserType {
  readonly value: string;
  /** As `visible-for` prints it: its first name, else its value. */
  readonly label: string;
}

/** One (user type, target) cell whose verdict is not the one expected. */
export interface CellFailure {
  readonly kind: "cell";
  /** The YAML node of the expectation (the target in `sees`/`doesNotSee`, the glob of an invariant, the user type of `atLeast`). */
  readonly span: Span;
  readonly target: string;
  readonly userType: TestUserType;
  readonly expected: "visible" | "not visible";
  /** What the semantics say; `unknown` fails whatever was expected. */
  readonly actual: Access;
  /** For `unknown`: why, the parts of the requirement that could not be resolved (else empty). */
  readonly unresolved: readonly UnresolvedExpression[];
  /** Which role of which MRO satisfied or missed which item. */
  readonly explanation: Explanation;
}

/** A `visibleFor` expectation that does not hold, or whose row is unknown. */
export interface VisibleForFailure {
  readonly kind: "visibleFor";
  readonly span: Span;
  readonly target: string;
  /** As written in the test file. */
  readonly expected: string;
  /** As `visible-for` prints it; `unknown (…)` when some verdict is unknown. */
  readonly actual: string;
  /** True when some user type's verdict is unknown. */
  readonly unknown: boolean;
  /** When the row is unknown: why, the parts of the requirement that could not be resolved (else empty). */
  readonly unresolved: readonly UnresolvedExpression[];
  /** For each user type whose verdict differs from the expected one (or is unknown), why it is what it is. */
  readonly explanations: readonly Explanation[];
}

/** One line of a snapshot that no longer holds. */
export interface SnapshotChange {
  readonly target: string;
  /** In the snapshot file; absent for a target the snapshot lacks. */
  readonly recorded?: string;
  /** Now; absent for a target that no longer exists. */
  readonly actual?: string;
  /** The line of the snapshot file (for recorded targets). */
  readonly line?: number;
}

/** A snapshot that is missing, stale, or holds unknown verdicts. */
export interface SnapshotFailure {
  readonly kind: "snapshot";
  readonly span: Span;
  /** The snapshot file, as diagnostics name files. */
  readonly file: string;
  readonly reason: "missing" | "stale" | "unknown";
  /** For `stale`: every change, in target order. */
  readonly changes: readonly SnapshotChange[];
  /** For `unknown`: the targets whose row is unknown. */
  readonly unknownTargets: readonly string[];
  /** For `unknown`: why, the parts of their requirements that could not be resolved, each once. */
  readonly unresolved: readonly UnresolvedExpression[];
}

export type Failure = CellFailure | VisibleForFailure | SnapshotFailure;

/**
 * `passed`; `failed` (some expectation does not hold); `unknown` (none
 * fails, but some verdict it needs is unknown: a failure too); `error` (its
 * own text names something that does not exist).
 */
export type CaseStatus = "passed" | "failed" | "unknown" | "error";

/** One test, invariant or snapshot and how it went. */
export interface CaseResult {
  readonly kind: "test" | "invariant" | "snapshot";
  readonly name: string;
  /** Its entry in the test file. */
  readonly span: Span;
  readonly status: CaseStatus;
  /** How many (user type, target) cells it asserted. */
  readonly cells: number;
  /** The failures, at most `MAX_LISTED_FAILURES` (src/testing/run.ts) of them. */
  readonly failures: readonly Failure[];
  /** Failures beyond those listed (counted, not listed). */
  readonly omittedFailures?: number;
  /** Problems of its own text (an unknown user type or target…). */
  readonly diagnostics: readonly Diagnostic[];
  /** For a snapshot written by `--update-snapshot`: true. */
  readonly updated?: boolean;
}

/** One test file and its cases. */
export interface FileResult {
  readonly file: string;
  /** The suite's name (`name:`, else the file name). */
  readonly name: string;
  /** In the order the file lists them: tests, invariants, then the snapshot. Empty when the file could not be read as a test file. */
  readonly cases: readonly CaseResult[];
  /** Problems of the file as a whole (YAML, schema). */
  readonly diagnostics: readonly Diagnostic[];
}

/** How many cases ended how. */
export interface TestSummary {
  readonly files: number;
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly unknown: number;
  readonly errors: number;
  /** Cells asserted, over all cases (a cell asserted twice counts twice). */
  readonly cells: number;
}

/** A snapshot file to write (`--update-snapshot`). */
export interface SnapshotWrite {
  /** As diagnostics name files (relative to the working directory). */
  readonly file: string;
  readonly content: string;
}

/** A user type's share of the decided cells. */
export interface UserTypeCoverage extends TestUserType {
  readonly decided: number;
  readonly cells: number;
}

/**
 * Which (user type × target) cells the tests and invariants decide (see
 * docs/testing.md#coverage for the definition).
 */
export interface Coverage {
  /** Every cell: user types × (actors + actions). */
  readonly cells: number;
  /** Cells some test or invariant decides. */
  readonly decided: number;
  /** `decided / cells` in percent (100 when there are no cells). */
  readonly percent: number;
  /** Set when a snapshot was compared: it decides every cell, and is counted apart. */
  readonly withSnapshot?: { readonly decided: number; readonly percent: number };
  readonly userTypes: readonly UserTypeCoverage[];
  /** Targets none of whose cells is decided, in target order. */
  readonly untouchedTargets: readonly string[];
  /** User types none of whose cells is decided. */
  readonly untouchedUserTypes: readonly TestUserType[];
  /** Roles some verdict depends on but no decided cell does, sorted by id. */
  readonly rolesWithoutAssertions: readonly string[];
  /** Roles some verdict depends on, sorted by id (the universe of the previous list). */
  readonly rolesDependedOn: number;
  /**
   * The decided cells (for the HTML report): `decided[t * userTypes + u]`
   * is 1 when the cell of target `targets[t]` and the `u`-th user type (in
   * declaration order) is decided. Not in JSON.
   */
  readonly matrix: { readonly targets: readonly string[]; readonly userTypes: number; readonly decided: Uint8Array };
}

/** A whole run. */
export interface TestRun {
  readonly files: readonly FileResult[];
  readonly summary: TestSummary;
  /** With `coverage: true`. */
  readonly coverage?: Coverage;
  /** With `updateSnapshots: true`: the snapshot files to write. */
  readonly snapshotWrites: readonly SnapshotWrite[];
}

/** True when every case passed (no failure, unknown verdict or error). */
export function runPassed(run: TestRun): boolean {
  return run.files.every((f) => f.diagnostics.length === 0 && f.cases.every((c) => c.status === "passed"));
}
