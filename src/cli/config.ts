/**
 * `rolecraft.config.yaml` (or `.yml`) at the project root gives defaults for
 * the module, the application sources and the output directory, so that a
 * plain `rolecraft check` works.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import { UsageError } from "./context.js";

/** Defaults read from the configuration file. */
export interface RolecraftConfig {
  /** The file the configuration came from, if any. */
  readonly file?: string;
  readonly module?: string;
  readonly src?: string;
  readonly project?: string;
  readonly out?: string;
}

const KEYS = new Set(["module", "src", "project", "out"]);
export const CONFIG_FILES = ["rolecraft.config.yaml", "rolecraft.config.yml"];

/** Reads the configuration of the project rooted at `cwd` (empty when there is none). */
export function readConfig(cwd: string): RolecraftConfig {
  for (const name of CONFIG_FILES) {
    const path = join(cwd, name);
    if (!existsSync(path)) continue;
    // Loaded only when there is a configuration file to read.
    const { parseDocument } = createRequire(import.meta.url)("yaml") as typeof Yaml;
    const document = parseDocument(readFileSync(path, "utf8"), { prettyErrors: false });
    const error = document.errors[0];
    if (error !== undefined) throw new UsageError(`${name}: ${error.message.split("\n")[0] ?? "invalid YAML"}`);
    const data: unknown = document.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return { file: name };
    if (typeof data !== "object" || Array.isArray(data)) throw new UsageError(`${name}: expected a mapping with keys ${[...KEYS].join(", ")}`);
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(data)) {
      if (!KEYS.has(key)) throw new UsageError(`${name}: unknown key \`${key}\` (allowed: ${[...KEYS].join(", ")})`);
      if (typeof value !== "string" || value === "") throw new UsageError(`${name}: \`${key}\` must be a path`);
      config[key] = value;
    }
    return { file: name, ...config };
  }
  return {};
}
