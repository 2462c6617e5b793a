/**
 * Validation: checks each loaded file against the JSON schema with ajv and
 * maps every error to the exact YAML/TypeScript key or value that caused it.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { catalogue, diagnostic } from "../diagnostics/catalogue.js";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import type { RoleModuleInput } from "./input.js";
import { MAX_NESTING_DEPTH } from "./limits.js";
import type { LoadedFile } from "./load.js";
import type { DataPath, Locator } from "./locate.js";
import { roleModuleSchema } from "./schema.js";

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    // The schema is ours and fixed: checking it against the meta-schema on every run would
    // only cost time (test/compiler/schema.test.ts checks it once, in strict mode).
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false });
    compiled = ajv.compile(roleModuleSchema);
  }
  return compiled;
}

/** A file whose data conforms to the schema. */
export interface ValidFile extends LoadedFile {
  readonly data: RoleModuleInput;
}

/**
 * Validates one loaded file; returns the diagnostics (empty when valid).
 * The data is first checked to be JSON-like and shallow enough, so that ajv
 * and every later stage may recurse over it safely.
 */
export function validateFile(file: LoadedFile): Diagnostic[] {
  if (file.data === undefined) return [];
  const shape = dataShapeProblems(file);
  if (shape.length > 0) return shape;
  const diagnostics = keyNamedRoles(file);
  const validate = validator();
  if (validate(file.data)) return diagnostics;
  // The schema's complaints about a role named like a key would only repeat RC2006 less clearly.
  const reported = new Set(diagnostics.map((d) => d.data["name"]));
  const errors = (validate.errors ?? []).filter((error) => {
    const path = pointerToPath(error.instancePath);
    return !(path[0] === "roles" && path.length >= 2 && reported.has(String(path[1])));
  });
  for (const found of schemaDiagnostics(errors, file.data, file.locate, ROLE_MODULE_VOCABULARY)) diagnostics.push(continuedItem(file, found) ?? found);
  return diagnostics;
}

/**
 * `- a` followed by `   - b` indented deeper: YAML reads one item, "a - b",
 * over two lines, which breaks the item's pattern. The second line is the
 * one that is wrong: the diagnostic moves there, with a hint.
 */
function continuedItem(file: LoadedFile, found: Diagnostic): Diagnostic | undefined {
  const value = found.data["value"];
  if (found.code !== catalogue.schemaPattern.code || file.format !== "yaml" || typeof value !== "string" || !/ - /.test(value)) return undefined;
  const continued = continuationLine(file.text, found.span);
  if (continued === undefined) return undefined;
  return { ...found, span: continued, hint: "a `- ` item indented deeper than the item above continues that item's text: indent it like the items above" };
}

/** The keys of a role definition (`Developer: { bases: […], doc: … }`). */
const ROLE_DEFINITION_KEYS = ["bases", "doc"] as const;

/**
 * RC2006 for a role named `bases` or `doc`: almost always a key of the role
 * above, indented one level too little, which YAML reads as a role of its
 * own (and which leaves the role above without its bases or doc). When the
 * role above shows it, the hint says so.
 */
function keyNamedRoles(file: LoadedFile): Diagnostic[] {
  const roles = (file.data as { roles?: unknown }).roles;
  if (typeof roles !== "object" || roles === null || Array.isArray(roles)) return [];
  const names = Object.keys(roles);
  const diagnostics: Diagnostic[] = [];
  for (const name of ROLE_DEFINITION_KEYS) {
    const index = names.indexOf(name);
    if (index < 0) continue;
    const previous = names.slice(0, index).reverse().find((n) => !(ROLE_DEFINITION_KEYS as readonly string[]).includes(n));
    const above: unknown = previous === undefined ? undefined : (roles as Record<string, unknown>)[previous];
    const value: unknown = (roles as Record<string, unknown>)[name];
    let hint: string | undefined;
    if (previous !== undefined && name === "bases" && (above === null || (Array.isArray(above) && above.length === 0)) && Array.isArray(value)) {
      hint = `\`bases:\` is indented like a role name, so it defines a role \`bases\` and leaves \`${previous}\` with no bases: indent it under \`${previous}\``;
    } else if (previous !== undefined && name === "doc" && typeof value === "string" && !(typeof above === "object" && above !== null && !Array.isArray(above) && "doc" in above)) {
      const mapping = typeof above === "object" && above !== null && !Array.isArray(above);
      hint =
        `\`doc:\` is indented like a role name, so it defines a role \`doc\` instead of the doc of \`${previous}\`: ` +
        (mapping ? `indent it under \`${previous}\`, beside its \`bases:\`` : `write \`${previous}\` as a mapping with \`bases:\` and \`doc:\` under it`);
    }
    diagnostics.push(diagnostic("roleNamedLikeKey", { name }, file.locate(["roles", name], "key"), hint === undefined ? {} : { hint }));
  }
  return diagnostics;
}

/** True when the file parsed and validated (narrowing its data). */
export function isValidFile(file: LoadedFile, diagnostics: readonly Diagnostic[]): file is ValidFile {
  return file.data !== undefined && diagnostics.length === 0;
}

/** What a value that is not JSON-like data is, for messages. */
function nonPlainKind(value: unknown): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : String(value);
  if (typeof value !== "object") return `a ${typeof value}`;
  if (Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return undefined;
  if (value instanceof Date) return "a date";
  if (value instanceof Set) return "a set";
  if (value instanceof Map) return "an ordered map";
  if (ArrayBuffer.isView(value)) return "binary data";
  return "an object that is not a plain mapping";
}

/**
 * Walks the data without recursion: values that JSON can't hold (NaN,
 * Infinity, a YAML 1.1 `!!set`, `!!binary` or timestamp, a Map sent by a
 * TypeScript module…) and nesting beyond the limit (also through aliases,
 * even circular ones). Shared values (YAML aliases) are walked again only
 * when reached deeper than before.
 */
function dataShapeProblems(file: LoadedFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const deepest = new Map<object, number>();
  let tooDeep: DataPath | undefined;
  const stack: { value: unknown; path: DataPath }[] = [{ value: file.data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const kind = nonPlainKind(value);
    if (kind !== undefined) {
      diagnostics.push(
        diagnostic("schemaType", { where: describePath(path, file.data), expected: `JSON-like data (a string, a finite number, true or false, a list or a mapping), not ${kind}` }, file.locate(path)),
      );
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_NESTING_DEPTH) {
      if (tooDeep === undefined) tooDeep = path;
      continue;
    }
    if ((deepest.get(value) ?? -1) >= path.length) continue;
    deepest.set(value, path.length);
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      stack.push({ value: item, path: [...path, key] });
    }
  }
  if (tooDeep !== undefined) {
    diagnostics.push(diagnostic("nestingTooDeep", { where: describePath(tooDeep.slice(0, 4), file.data), max: MAX_NESTING_DEPTH }, file.locate(tooDeep)));
  }
  return diagnostics;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function dataAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Describes a position in the module for people: `base 1 of role Customer`, `user type 3`… */
export function describePath(path: DataPath, data: unknown): string {
  const [first, second, third, fourth] = path;
  if (path.length === 0) return "the role module";
  if (first === "roles") {
    if (second === undefined) return "`roles`";
    if (third === undefined) return `role \`${String(second)}\``;
    if (typeof third === "number") return `base ${third + 1} of role \`${String(second)}\``;
    if (third === "bases" && typeof fourth === "number") return `base ${fourth + 1} of role \`${String(second)}\``;
    return `\`${String(third)}\` of role \`${String(second)}\``;
  }
  if (first === "userTypes" && typeof second === "number") {
    const value = dataAt(data, ["userTypes", second, "value"]);
    const which = typeof value === "string" ? `user type ${value}` : `user type ${second + 1}`;
    if (third === undefined) return which;
    if (typeof fourth === "number") return `item ${fourth + 1} of \`${String(third)}\` of ${which}`;
    return `\`${path.slice(2).join(".")}\` of ${which}`;
  }
  if ((first === "imports" || first === "include") && typeof second === "number") {
    if (third === undefined) return `${first} entry ${second + 1}`;
    return `\`${String(third)}\` of ${first} entry ${second + 1}`;
  }
  if (second === undefined) return `\`${String(first)}\``;
  return `\`${path.map(String).join(".")}\``;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  array: "a list",
  object: "a mapping",
  null: "empty",
  boolean: "true or false",
  number: "a number",
  integer: "an integer",
};

function roleModuleTypes(path: DataPath): string | undefined {
  const [first, , third] = path;
  if (first === "roles" && path.length === 2) return "a list of bases, a mapping with `bases` and `doc`, or empty";
  if (first === "imports" && path.length === 2) return "a role (`module.Name`) or a mapping `{ role: module.Name, as: Alias }`";
  if (first === "userTypes" && (third === "names" || third === "hiddenLanguages")) return "a string of space-separated words or a list of strings";
  return undefined;
}

/** JSON types in words: `a string or a list`. */
function typeWords(types: readonly string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? "valid") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1] ?? ""}`;
}

function actualType(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function patternRule(schemaPath: string, path: DataPath): string {
  if (path[0] === "userTypes" && path[2] === "names") return "names are identifiers (letters, digits and _, not starting with a digit), separated by spaces";
  if (schemaPath.includes("qualifiedReference") || (path[0] === "imports" && path.length === 2)) return "write a role as `module.Name` (letters, digits and _)";
  if (schemaPath.includes("reference")) return "write a role as `Name` or `module.Name` (letters, digits and _)";
  if (schemaPath.includes("identifier")) return "use letters, digits and _, not starting with a digit";
  if (path[0] === "userTypes" && path[2] === "names") return "names are identifiers (letters, digits and _, not starting with a digit), separated by spaces";
  return "it does not match the expected pattern";
}

/**
 * How the schema errors of one kind of input are put into words: where a
 * data path is, which keys are allowed there, what a type or pattern
 * expects. Role modules have theirs (below); permission test files theirs.
 */
export interface SchemaVocabulary {
  /** Names a position in the data for people: `base 1 of role \`Customer\``. */
  describe(path: DataPath, data: unknown): string;
  /** The keys allowed in the mapping at a data path, for the unknown-key hint. */
  allowedKeys(path: DataPath): string;
  /** What a value of these JSON types at this path is, in words; undefined for the plain words. */
  expectedTypes?(path: DataPath, types: readonly string[]): string | undefined;
  /** The rule a string at this path breaks when it does not match its pattern. */
  patternRule(schemaPath: string, path: DataPath): string;
  /**
   * Combinators (`oneOf`, `anyOf`, `not`) say which shapes a node may take:
   * their errors (and those of their branches) become one diagnostic per
   * node, saying this; undefined keeps ajv's own messages.
   */
  shapeRule?(path: DataPath, data: unknown): string | undefined;
  /** Replaces the catalogue's hint (which names the role-module schema) of type, pattern and other violations. */
  readonly hint?: string;
}

const ROLE_MODULE_VOCABULARY: SchemaVocabulary = {
  describe: describePath,
  allowedKeys,
  expectedTypes: (path) => roleModuleTypes(path),
  patternRule,
};

const COMBINATOR = /\/(oneOf|anyOf|not)(\/|$)/;

/**
 * Maps ajv's errors to diagnostics at the key or value that caused each
 * one, in the words of a {@link SchemaVocabulary}.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], data: unknown, locate: Locator, vocabulary: SchemaVocabulary): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const shaped = new Set<string>();
  for (const error of errors) {
    if (vocabulary.shapeRule !== undefined && COMBINATOR.test(error.schemaPath)) {
      // Errors of one node's branches are one problem: it has none of the shapes allowed.
      // ajv reports a branch's errors (a missing key…) at the node the combinator tests.
      const path = pointerToPath(error.instancePath);
      const rule = vocabulary.shapeRule(path, data);
      if (rule !== undefined) {
        const key = JSON.stringify(path);
        if (!shaped.has(key)) {
          shaped.add(key);
          diagnostics.push(diagnostic("schemaViolation", { where: vocabulary.describe(path, data), detail: rule }, locate(path), vocabulary.hint === undefined ? {} : { hint: vocabulary.hint }));
        }
        continue;
      }
    }
    const mapped = mapError(error, data, locate, vocabulary);
    if (mapped !== undefined) diagnostics.push(mapped);
  }
  return diagnostics;
}

function mapError(error: ErrorObject, data: unknown, locate: Locator, vocabulary: SchemaVocabulary): Diagnostic | undefined {
  const path = pointerToPath(error.instancePath);
  const where = vocabulary.describe(path, data);
  const params = error.params as Record<string, unknown>;
  const hint = vocabulary.hint === undefined ? {} : { hint: vocabulary.hint };
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      return diagnostic("schemaUnknownKey", { key, where, allowed: vocabulary.allowedKeys(path) }, locate([...path, key], "key"));
    }
    case "required": {
      const key = String(params["missingProperty"]);
      return diagnostic("schemaRequired", { key, where }, path.length === 0 ? locate([]) : locate(path, "key"));
    }
    case "type": {
      const types = Array.isArray(params["type"]) ? (params["type"] as string[]) : [String(params["type"])];
      const value = dataAt(data, path);
      const quote = typeof value === "number" && types.includes("string") ? `quote it: "${String(value)}"` : undefined;
      return diagnostic(
        "schemaType",
        { where, expected: `${vocabulary.expectedTypes?.(path, types) ?? typeWords(types)}, not ${actualType(value)}` },
        locate(path),
        quote === undefined ? hint : { hint: quote },
      );
    }
    case "pattern": {
      const value = dataAt(data, path);
      if (typeof value !== "string") return undefined; // reported by propertyNames
      return diagnostic("schemaPattern", { where, value, rule: vocabulary.patternRule(error.schemaPath, path) }, locate(path), hint);
    }
    case "propertyNames": {
      const name = String(params["propertyName"]);
      return diagnostic("schemaPattern", { where: "role name", value: name, rule: vocabulary.patternRule("identifier", path) }, locate([...path, name], "key"), hint);
    }
    case "minLength":
      return diagnostic("schemaViolation", { where, detail: "must not be empty" }, locate(path), hint);
    case "minItems":
      return diagnostic("schemaViolation", { where, detail: "must not be empty" }, locate(path), hint);
    case "const":
    case "enum": {
      const allowed = error.keyword === "const" ? [params["allowedValue"]] : ((params["allowedValues"] as unknown[] | undefined) ?? []);
      return diagnostic("schemaViolation", { where, detail: `must be ${allowed.map((v) => JSON.stringify(v)).join(" or ")}` }, locate(path), hint);
    }
    default:
      return diagnostic("schemaViolation", { where, detail: error.message ?? "is not valid" }, locate(path), hint);
  }
}

/** The second line of a value that spans several lines, from its first character to its end; undefined for a one-line value. */
function continuationLine(text: string, span: Span): Span | undefined {
  if (span.endLine <= span.line) return undefined;
  const line = text.split("\n")[span.line] ?? "";
  const column = line.length - line.trimStart().length + 1;
  return { file: span.file, line: span.line + 1, column, endLine: span.line + 1, endColumn: line.trimEnd().length + 1 };
}

/** The keys allowed at a data path, for the unknown-key hint. */
function allowedKeys(path: DataPath): string {
  const schema = roleModuleSchema as { properties: Record<string, unknown>; $defs: Record<string, { properties?: Record<string, unknown> }> };
  let keys: string[];
  if (path.length === 0) keys = Object.keys(schema.properties);
  else if (path[0] === "userTypes") keys = Object.keys(schema.$defs["userType"]?.properties ?? {});
  else if (path[0] === "roles") keys = ["bases", "doc"];
  else if (path[0] === "imports") keys = ["role", "as"];
  else keys = [];
  return keys.filter((k) => k !== "$schema").join(", ");
}
