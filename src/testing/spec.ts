/**
 * A permission test file as data (SPEC §8): what `schemas/permission-test.schema.json`
 * allows, with where each part is written, so that every failure and every
 * problem points at its YAML node.
 */
import type { Span } from "../diagnostics/diagnostic.js";

/** A string of the test file and where it is written. */
export interface Written {
  readonly text: string;
  readonly span: Span;
}

/** `userTypes` with `sees` and/or `doesNotSee`: one expectation per (user type, target) cell. */
export interface CellsTestSpec {
  readonly kind: "cells";
  readonly name: string;
  /** The test's entry in `tests`. */
  readonly span: Span;
  readonly userTypes: readonly Written[];
  readonly sees: readonly Written[];
  readonly doesNotSee: readonly Written[];
}

/** `target` with `visibleFor`: the whole row of one target, as `visible-for` prints it. */
export interface VisibleForTestSpec {
  readonly kind: "visibleFor";
  readonly name: string;
  readonly span: Span;
  readonly target: Written;
  readonly visibleFor: Written;
}

export type TestSpec = CellsTestSpec | VisibleForTestSpec;

/** `targets` (globs) with `atMost` and/or `atLeast` user types. */
export interface BoundsInvariantSpec {
  readonly kind: "bounds";
  readonly name: string;
  readonly span: Span;
  readonly targets: readonly Written[];
  /** Absent when the invariant has no `atMost`. */
  readonly atMost?: readonly Written[];
  readonly atLeast: readonly Written[];
}

/** The built-in `readonlyUserTypesSeeOnlyReadonlyActions`, over every target or over `targets`. */
export interface ReadonlyInvariantSpec {
  readonly kind: "readonly";
  readonly name: string;
  readonly span: Span;
  /** Where `readonlyUserTypesSeeOnlyReadonlyActions` is written. */
  readonly keySpan: Span;
  /** Absent: every actor and action. */
  readonly targets?: readonly Written[];
}

export type InvariantSpec = BoundsInvariantSpec | ReadonlyInvariantSpec;

/** One permission test file. */
export interface TestFileSpec {
  /** The file as diagnostics name it (relative to the working directory, with `/`). */
  readonly file: string;
  /** `name:`, else the file name without `.rolecraft-test.yaml`. */
  readonly name: string;
  readonly tests: readonly TestSpec[];
  readonly invariants: readonly InvariantSpec[];
  /** `snapshot:`: the path as written (relative to the test file) and, resolved, as diagnostics name files. */
  readonly snapshot?: { readonly written: Written; readonly file: string };
}

/** The suffix of permission test files. */
export const TEST_FILE_SUFFIX = ".rolecraft-test.yaml";
