/**
 * Reading a permission test file: YAML with exact positions (the compiler's
 * parser, as for role modules), validated against
 * `schemas/permission-test.schema.json` with ajv, each schema error at the
 * key or value that caused it (the compiler's mapping, in this file's words).
 */
import { createRequire } from "node:module";
import { posix } from "node:path";
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { parseYamlText, type YamlDocumentKind } from "../compiler/load.js";
import type { DataPath, Locator } from "../compiler/locate.js";
import { schemaDiagnostics, type SchemaVocabulary } from "../compiler/validate.js";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import { TEST_FILE_SUFFIX, type InvariantSpec, type TestFileSpec, type TestSpec, type Written } from "./spec.js";

/** The parsed `schemas/permission-test.schema.json`. */
export const permissionTestSchema = createRequire(import.meta.url)("../../schemas/permission-test.schema.json") as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // The schema is ours and fixed; test/testing/schema.test.ts checks it against the meta-schema once, in strict mode.
  // ajv is required here, on the first test file read: importing the library loads none of it.
  const Ajv = (createRequire(import.meta.url)("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020 }).Ajv2020;
  compiled ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false }).compile(permissionTestSchema);
  return compiled;
}

const DOCUMENT: YamlDocumentKind = {
  noun: "the permission test file",
  describe: (path) => describeTestPath(path, undefined),
  empty: "emptyTestFile",
  multiple: "testFileDocuments",
};

/**
 * Parses and validates one test file; `file` is how diagnostics name it.
 * The value is undefined when the file has problems (every one of them is
 * reported; none is guessed around).
 */
export function parseTestFile(text: string, file: string): Result<TestFileSpec | undefined> {
  const diagnostics: Diagnostic[] = [];
  const parsed = parseYamlText(text, file, DOCUMENT, diagnostics);
  if (parsed === undefined) return { value: undefined, diagnostics };
  const validate = validator();
  if (!validate(parsed.data)) {
    return { value: undefined, diagnostics: schemaDiagnostics(validate.errors ?? [], parsed.data, parsed.locate, VOCABULARY) };
  }
  return { value: specOf(parsed.data as TestFileData, file, parsed.locate), diagnostics };
}

/** The data of a valid file (as the schema defines it). */
interface TestFileData {
  readonly name?: string;
  readonly tests?: readonly TestData[];
  readonly invariants?: readonly InvariantData[];
  readonly snapshot?: string;
}

interface TestData {
  readonly name?: string;
  readonly userTypes?: readonly string[];
  readonly sees?: readonly string[];
  readonly doesNotSee?: readonly string[];
  readonly target?: string;
  readonly visibleFor?: string;
}

interface InvariantData {
  readonly name?: string;
  readonly targets?: readonly string[];
  readonly atMost?: readonly string[];
  readonly atLeast?: readonly string[];
  readonly readonlyUserTypesSeeOnlyReadonlyActions?: true;
}

function specOf(data: TestFileData, file: string, locate: Locator): TestFileSpec {
  const written = (path: DataPath, text: string): Written => ({ text, span: locate(path) });
  const list = (path: DataPath, texts: readonly string[] | undefined): Written[] => (texts ?? []).map((text, i) => written([...path, i], text));
  const tests = (data.tests ?? []).map((test, i): TestSpec => {
    const at: DataPath = ["tests", i];
    if (test.target !== undefined && test.visibleFor !== undefined) {
      return {
        kind: "visibleFor",
        name: test.name ?? `${test.target} is visible for ${test.visibleFor}`,
        span: locate(at),
        target: written([...at, "target"], test.target),
        visibleFor: written([...at, "visibleFor"], test.visibleFor),
      };
    }
    const who = (test.userTypes ?? []).join(" ");
    const parts = [test.sees === undefined ? "" : `sees ${test.sees.join(", ")}`, test.doesNotSee === undefined ? "" : `does not see ${test.doesNotSee.join(", ")}`];
    return {
      kind: "cells",
      name: test.name ?? `${who} ${parts.filter((p) => p !== "").join("; ")}`,
      span: locate(at),
      userTypes: list([...at, "userTypes"], test.userTypes),
      sees: list([...at, "sees"], test.sees),
      doesNotSee: list([...at, "doesNotSee"], test.doesNotSee),
    };
  });
  const invariants = (data.invariants ?? []).map((invariant, i): InvariantSpec => {
    const at: DataPath = ["invariants", i];
    const targets = invariant.targets === undefined ? undefined : list([...at, "targets"], invariant.targets);
    if (invariant.readonlyUserTypesSeeOnlyReadonlyActions === true) {
      return {
        kind: "readonly",
        name: invariant.name ?? "readonly user types see only readonly actions",
        span: locate(at),
        keySpan: locate([...at, "readonlyUserTypesSeeOnlyReadonlyActions"], "key"),
        ...(targets === undefined ? {} : { targets }),
      };
    }
    const bounds = [
      invariant.atMost === undefined ? "" : `at most ${invariant.atMost.join(" ")}`,
      invariant.atLeast === undefined ? "" : `at least ${invariant.atLeast.join(" ")}`,
    ].filter((b) => b !== "");
    return {
      kind: "bounds",
      name: invariant.name ?? `${(invariant.targets ?? []).join(", ")}: ${bounds.join(", ")}`,
      span: locate(at),
      targets: targets ?? [],
      ...(invariant.atMost === undefined ? {} : { atMost: list([...at, "atMost"], invariant.atMost) }),
      atLeast: list([...at, "atLeast"], invariant.atLeast),
    };
  });
  const base = posix.basename(file);
  const name = data.name ?? (base.endsWith(TEST_FILE_SUFFIX) ? base.slice(0, -TEST_FILE_SUFFIX.length) : base);
  return {
    file,
    name,
    tests,
    invariants,
    ...(data.snapshot === undefined ? {} : { snapshot: { written: written(["snapshot"], data.snapshot), file: posix.normalize(posix.join(posix.dirname(file), data.snapshot)) } }),
  };
}

/** Describes a position in a test file for people: `test 2`, `\`sees\` of test 2`… */
export function describeTestPath(path: DataPath, data: unknown): string {
  const [first, second, third, fourth] = path;
  if (path.length === 0) return "the permission test file";
  if ((first === "tests" || first === "invariants") && typeof second === "number") {
    const noun = first === "tests" ? "test" : "invariant";
    const name = nameAt(data, first, second);
    const which = name === undefined ? `${noun} ${second + 1}` : `${noun} ${second + 1} (${name})`;
    if (third === undefined) return which;
    if (typeof fourth === "number") return `item ${fourth + 1} of \`${String(third)}\` of ${which}`;
    return `\`${String(third)}\` of ${which}`;
  }
  return `\`${path.map(String).join(".")}\``;
}

function nameAt(data: unknown, list: string, index: number): string | undefined {
  const entries = (data as Record<string, unknown> | undefined)?.[list];
  if (!Array.isArray(entries)) return undefined;
  const name = (entries[index] as Record<string, unknown> | undefined)?.["name"];
  return typeof name === "string" ? JSON.stringify(name) : undefined;
}

const SCHEMA_HINT = "see schemas/permission-test.schema.json and docs/testing.md";

const VOCABULARY: SchemaVocabulary = {
  describe: describeTestPath,
  allowedKeys(path) {
    const defs = permissionTestSchema["$defs"] as Record<string, { properties?: Record<string, unknown> }>;
    const keys =
      path.length === 0
        ? Object.keys(permissionTestSchema["properties"] as Record<string, unknown>)
        : path[0] === "tests"
          ? Object.keys(defs["test"]?.properties ?? {})
          : path[0] === "invariants"
            ? Object.keys(defs["invariant"]?.properties ?? {})
            : [];
    return keys.filter((k) => k !== "$schema").join(", ");
  },
  patternRule: () => "it does not match the expected pattern",
  shapeRule(path) {
    if (path.length === 0) return "needs `tests`, `invariants` or `snapshot`";
    if (path[0] === "tests" && path.length === 2) return "must have either `userTypes` with `sees` and/or `doesNotSee`, or `target` with `visibleFor`";
    if (path[0] === "invariants" && path.length === 2) {
      return "must have either `targets` with `atMost` and/or `atLeast`, or `readonlyUserTypesSeeOnlyReadonlyActions: true` (and optionally `targets`)";
    }
    return undefined;
  },
  hint: SCHEMA_HINT,
};
