/**
 * `rolecraft.config.yaml` (or `.yml`) gives defaults for the module, the
 * application sources, the output directory, the permission test files
 * and more, so that a plain
 * `rolecraft check` works. As with tsconfig.json or an ESLint config, the
 * nearest one counts: in the working directory or the closest folder above
 * it. Paths in it are relative to its own folder. It is validated against
 * `schemas/rolecraft-config.schema.json` (which editors use too), and a
 * problem is reported where it is written. Read through the host.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import type * as AjvModule from "ajv/dist/2020.js";
import type * as Yaml from "yaml";
import { validate as validateConfigSchema } from "../compiler/generated/config-validator.js";
import { CONFIG_FILES, type CompilerHost } from "../compiler/host.js";
import { catalogue, diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Result, type Span } from "../diagnostics/diagnostic.js";
import { placeYamlErrors } from "../compiler/yaml-errors.js";
import { UsageError } from "./errors.js";
import type { SeverityOverrides } from "./severity.js";

/** Defaults read from the configuration file. */
export interface RolecraftConfig {
  /** The file the configuration came from, as diagnostics name it (relative to the working directory), if any. */
  readonly file?: string;
  /** The folder of the configuration file (absolute): the project's root. */
  readonly root?: string;
  /** The role module, relative to the working directory. */
  readonly module?: string;
  /** The application's source folder, relative to the working directory. */
  readonly src?: string;
  /** The application's tsconfig.json, relative to the working directory. */
  readonly project?: string;
  /** The output folder of `compile`, relative to the working directory. */
  readonly out?: string;
  /** Analyzer errors the project lowered to warnings (`severity: { RC5004: warning }`). */
  readonly severity?: SeverityOverrides;
  /** Globs of permission test files (`rolecraft test`, `docs --coverage`), relative to {@link root}. */
  readonly tests?: readonly string[];
}

export { CONFIG_FILES };

/** The keys whose values are paths: resolved against the configuration's folder. */
const PATH_KEYS = ["module", "src", "project", "out"] as const;

/** A configuration file that is not valid: its diagnostics, positioned in it (the CLI exits 2). */
export class ConfigError extends UsageError {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** The file's text, by the path the diagnostics name it with (for code frames). */
    readonly texts: ReadonlyMap<string, string>,
  ) {
    super(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`).join("\n"));
  }
}

/**
 * The nearest configuration file (absolute path): in the host's working
 * directory or the closest folder above it that has one.
 */
export function findConfigFile(host: Pick<CompilerHost, "cwd" | "kind">): string | undefined {
  for (let dir = resolve(host.cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (host.kind(path) === "file") return path;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads the configuration that applies to the host's working directory
 * (empty when there is none).
 *
 * @throws ConfigError when it is not valid YAML or does not match the schema
 * @throws UsageError when it cannot be read
 */
export function readConfig(host: Pick<CompilerHost, "cwd" | "kind" | "readFile">): RolecraftConfig {
  const path = findConfigFile(host);
  if (path === undefined) return {};
  const shown = relative(host.cwd, path).split(sep).join("/");
  let text: string;
  try {
    text = Buffer.from(host.readFile(path)).toString("utf8");
  } catch (error) {
    throw new UsageError(`${shown}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const parsed = parseConfig(text, path, host.cwd);
  if (parsed.diagnostics.some((d) => d.severity === "error")) throw new ConfigError(parsed.diagnostics, new Map([[shown, text]]));
  return parsed.value;
}

/**
 * Parses and validates the text of a configuration file at `path`
 * (absolute): its keys, with path values resolved against its folder and
 * given relative to `cwd`, and every problem positioned in the text.
 */
export function parseConfig(text: string, path: string, cwd: string): Result<RolecraftConfig> {
  const shown = relative(cwd, path).split(sep).join("/");
  const root = dirname(path);
  const empty: RolecraftConfig = { file: shown, root };
  // Loaded only when there is a configuration file to read.
  const require = createRequire(import.meta.url);
  const { parseDocument, LineCounter, Parser, isMap, isPair, isScalar, isSeq } = require("yaml") as typeof Yaml;
  const lineCounter = new LineCounter();
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const document = parseDocument(source, { prettyErrors: false, lineCounter, uniqueKeys: true });
  const at = (range: readonly number[] | undefined): Span => {
    if (range === undefined) return fileSpan(shown);
    const start = lineCounter.linePos(range[0] ?? 0);
    const end = lineCounter.linePos(range[1] ?? range[0] ?? 0);
    return { file: shown, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  // Indentation mistakes are reported at the line to fix, as in role modules.
  const diagnostics: Diagnostic[] = placeYamlErrors(document.errors, source, Array.from(new Parser().parse(source))).map((problem) =>
    diagnostic("yamlSyntax", { detail: problem.detail }, at([problem.start, problem.end]), problem.hint === undefined ? {} : { hint: problem.hint }),
  );
  if (diagnostics.length > 0) return { value: empty, diagnostics };
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { value: empty, diagnostics };
  /** The node written at a data path (the key's, with `key`), for positions. */
  const locate = (dataPath: readonly string[], key: boolean): Span => {
    let node: unknown = document.contents;
    let keyNode: unknown;
    for (const segment of dataPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
        if (pair === undefined) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        node = node.items[Number(segment)];
        keyNode = undefined;
      } else break;
    }
    const chosen = key && keyNode !== undefined ? keyNode : (node ?? keyNode);
    return at((chosen as { range?: readonly number[] } | null | undefined)?.range ?? (document.contents as { range?: readonly number[] } | null)?.range);
  };
  const validate = configValidator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // A value that matches no form of a `oneOf` is reported once, not once per form.
    const oneOf = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
    for (const error of errors) {
      if (error.keyword !== "oneOf" && oneOf.has(error.instancePath)) continue;
      // A key that breaks `propertyNames` is reported once, as a key (not also as a failed pattern).
      if (error.schemaPath.includes("/propertyNames/")) continue;
      diagnostics.push(configProblem(error, locate));
    }
    return { value: empty, diagnostics };
  }
  const config = data as { [K in (typeof PATH_KEYS)[number]]?: string } & { severity?: Record<string, "warning">; tests?: string | string[] };
  const fromCwd = (value: string): string => {
    const absolute = resolve(root, value);
    return isAbsolute(value) ? value : relative(cwd, absolute).split(sep).join("/") || ".";
  };
  const value: { -readonly [K in keyof RolecraftConfig]: RolecraftConfig[K] } = { ...empty };
  for (const key of PATH_KEYS) {
    const given = config[key];
    if (given !== undefined) value[key] = fromCwd(given);
  }
  if (config.severity !== undefined) value.severity = { ...config.severity };
  if (config.tests !== undefined) value.tests = typeof config.tests === "string" ? [config.tests] : [...config.tests];
  return { value, diagnostics };
}

type ValidateConfig = AjvModule.ValidateFunction;

/** The configuration's JSON schema, as shipped. */
interface ConfigSchema {
  readonly properties: { readonly severity: { readonly propertyNames: { readonly enum: readonly string[] } } };
}

const configSchema = (): ConfigSchema => createRequire(import.meta.url)("../../schemas/rolecraft-config.schema.json") as ConfigSchema;

/**
 * The codes `severity` may lower: the analyzer's errors (RC5xxx), as the
 * schema lists them for editors (a test holds the list to the catalogue).
 */
export function lowerableCodes(): readonly string[] {
  return configSchema().properties.severity.propertyNames.enum;
}

/** The schema compiled ahead of time (ajv's standalone code, `npm run gen:validators`). */
const configValidator = (): ValidateConfig => validateConfigSchema as ValidateConfig;

const CONFIG_KEYS = ["module", "src", "project", "out", "severity", "tests"];

/** One schema error as a diagnostic at the key or value that causes it. */
function configProblem(error: AjvModule.ErrorObject, locate: (path: readonly string[], key: boolean) => Span): Diagnostic {
  const path = error.instancePath === "" ? [] : error.instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = error.params as Record<string, unknown>;
  const where = path.length === 0 ? "the configuration" : `\`${path.join(".")}\``;
  const problem = (detail: string, span: Span, hint?: string): Diagnostic => diagnostic("configInvalid", { where, detail }, span, hint === undefined ? {} : { hint });
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params["additionalProperty"]);
      if (path.length === 0) return problem(`has an unknown key \`${key}\``, locate([key], true), `the keys are ${CONFIG_KEYS.join(", ")} (see docs/cli.md)`);
      return problem(`has an unknown key \`${key}\``, locate([...path, key], true));
    }
    case "propertyNames": {
      // Only `severity` restricts its keys: to the codes that can be lowered.
      const code = String(params["propertyName"]);
      const known = Object.values(catalogue).find((entry) => entry.code === code);
      const why = known === undefined ? "it is not a diagnostic code" : known.severity !== "error" ? `it is not an error (its severity is ${known.severity})` : "only the analyzer's errors can be lowered";
      return problem(`cannot lower \`${code}\`: ${why}`, locate([...path, code], true), `the codes that can be lowered are ${lowerableCodes().join(", ")}`);
    }
    case "enum":
      return problem("must be `warning`", locate(path, false), "a severity can only be lowered, to `warning`");
    case "not":
      return problem("gives both `src` and `project`", locate(["project"], true), "give the application's sources as a folder (`src`) or a tsconfig.json (`project`), not both");
    case "minLength":
      return problem("must not be empty", locate(path, false));
    case "type":
      return problem(`must be ${params["type"] === "object" ? "a mapping" : params["type"] === "array" ? "a list" : `a ${String(params["type"])}`}`, locate(path, false));
    case "oneOf":
      return problem("must be a glob or a list of globs", locate(path, false));
    default:
      return problem(error.message ?? "is not valid", locate(path, false));
  }
}
