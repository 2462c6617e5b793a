/**
 * `rolecraft.config.yaml` (or `.yml`) at the project root gives defaults for
 * the module, the application sources, the output directory and the
 * permission test files, so that a plain `rolecraft check` works. Read through the host.
 */
import { join } from "node:path";
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { CompilerHost } from "../compiler/host.js";
import { UsageError } from "./errors.js";
import { parseSeverityOverrides, type SeverityOverrides } from "./severity.js";

/** Defaults read from the configuration file. */
export interface RolecraftConfig {
  /** The file the configuration came from, if any. */
  readonly file?: string;
  readonly module?: string;
  readonly src?: string;
  readonly project?: string;
  readonly out?: string;
  /** Analyzer errors the project lowered to warnings (`severity: { RC5004: warning }`). */
  readonly severity?: SeverityOverrides;
  /** A glob of permission test files (`rolecraft test`), relative to the project root. */
  readonly tests?: string;
}

const KEYS = new Set(["module", "src", "project", "out", "severity", "tests"]);

/** The names a configuration file may have, in the order they are looked for. */
export const CONFIG_FILES = ["rolecraft.config.yaml", "rolecraft.config.yml"];

/** Reads the configuration of the project rooted at the host's working directory (empty when there is none). */
export function readConfig(host: Pick<CompilerHost, "cwd" | "kind" | "readFile">): RolecraftConfig {
  for (const name of CONFIG_FILES) {
    const path = join(host.cwd, name);
    if (host.kind(path) === "missing") continue;
    let text: string;
    try {
      text = Buffer.from(host.readFile(path)).toString("utf8");
    } catch (error) {
      throw new UsageError(`${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    // Loaded only when there is a configuration file to read.
    const { parseDocument } = createRequire(import.meta.url)("yaml") as typeof Yaml;
    const document = parseDocument(text, { prettyErrors: false });
    const error = document.errors[0];
    if (error !== undefined) throw new UsageError(`${name}: ${error.message.split("\n")[0] ?? "invalid YAML"}`);
    const data: unknown = document.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return { file: name };
    if (typeof data !== "object" || Array.isArray(data)) throw new UsageError(`${name}: expected a mapping with keys ${[...KEYS].join(", ")}`);
    const config: Record<string, string> = {};
    let severity: SeverityOverrides | undefined;
    for (const [key, value] of Object.entries(data)) {
      if (!KEYS.has(key)) throw new UsageError(`${name}: unknown key \`${key}\` (allowed: ${[...KEYS].join(", ")})`);
      if (key === "severity") {
        severity = parseSeverityOverrides(value, name);
        continue;
      }
      if (typeof value !== "string" || value === "") throw new UsageError(`${name}: \`${key}\` must be ${key === "tests" ? "a glob" : "a path"}`);
      config[key] = value;
    }
    return { file: name, ...config, ...(severity === undefined ? {} : { severity }) };
  }
  return {};
}
