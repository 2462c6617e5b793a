/**
 * Helpers the commands share: loading the role model with diagnostics
 * printed, choosing colors, printing diagnostics in a format.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { CompiledProject, LoadRoleModelOptions } from "../compiler/compile.js";
import { catalogue } from "../diagnostics/catalogue.js";
import { hasFailures, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { formatGithub } from "../diagnostics/format/github.js";
import { formatJson } from "../diagnostics/format/json.js";

import { formatSarif } from "../diagnostics/format/sarif.js";
import { formatText } from "../diagnostics/format/text.js";
import { readConfig, type RolecraftConfig } from "./config.js";
import { UsageError, type CliContext } from "./context.js";

const require = createRequire(import.meta.url);

/** rolecraft's own version, from package.json. */
export const VERSION = (require("../../package.json") as { version: string }).version;

/** Diagnostic output formats of `check`. */
export const DIAGNOSTIC_FORMATS = ["text", "json", "sarif", "github"] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Whether to color stderr: `--color`/`--no-color`, then NO_COLOR / FORCE_COLOR, then the TTY. */
export function useColor(ctx: CliContext, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (ctx.env["NO_COLOR"] !== undefined && ctx.env["NO_COLOR"] !== "") return false;
  if (ctx.env["FORCE_COLOR"] !== undefined && ctx.env["FORCE_COLOR"] !== "0") return true;
  return ctx.stderrIsTTY && ctx.env["CI"] === undefined;
}

/** The configuration of the project in the working directory (cached per run). */
export function config(ctx: CliContext): RolecraftConfig {
  return readConfig(ctx.cwd);
}

/** The module argument, or the configuration's default, or a usage error. */
export function moduleArgument(ctx: CliContext, given: string | undefined): string {
  const module = given ?? config(ctx).module;
  if (module === undefined) throw new UsageError("name the role module (a file or folder), or set `module:` in rolecraft.config.yaml");
  return module;
}

/** Source texts of the loaded files, for code frames. */
export function sourcesOf(project: CompiledProject | undefined): Map<string, string> {
  return new Map((project?.project.files ?? []).map((f) => [f.path, f.text]));
}

/** Prints diagnostics as text on stderr (nothing when there are none). */
export function reportText(ctx: CliContext, diagnostics: readonly Diagnostic[], color: boolean, sources: ReadonlyMap<string, string>): void {
  if (diagnostics.length === 0) return;
  ctx.stderr(formatText(sortDiagnostics(diagnostics), { color, sources }));
}

/** Renders diagnostics in a machine format (for stdout) or text (for stderr). */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  color: boolean,
  sources: ReadonlyMap<string, string>,
  summary = true,
): string {
  const sorted = sortDiagnostics(diagnostics);
  switch (format) {
    case "json":
      return formatJson(sorted);
    case "sarif":
      return formatSarif(sorted, { toolVersion: VERSION });
    case "github":
      return formatGithub(sorted);
    case "text":
      return formatText(sorted, { color, sources, summary });
  }
}

/**
 * Loads the role model; on errors prints them and returns undefined (the
 * command then exits 1). Warnings are printed and loading goes on.
 */
export async function loadModelOrReport(
  ctx: CliContext,
  module: string,
  color: boolean,
  options: LoadRoleModelOptions = {},
): Promise<CompiledProject | undefined> {
  if (!existsSync(resolve(ctx.cwd, module))) throw new UsageError(`cannot read ${module}: no such file or directory`);
  // Imported here: commands that load the model on a worker thread never load the compiler in this one.
  const [{ loadRoleModel }, { createNodeHost }] = await Promise.all([import("../compiler/compile.js"), import("../host/node-host.js")]);
  const host = createNodeHost({ cwd: ctx.cwd });
  const result = await loadRoleModel(host, resolve(ctx.cwd, module), options);
  // The named module itself unreadable is a usage problem (exit 2), not a finding.
  const unreadable = result.diagnostics.find((d) => d.code === catalogue.unreadableFile.code || d.code === catalogue.unsupportedFile.code);
  if (unreadable !== undefined && result.value.project.files.length === 0) throw new UsageError(unreadable.message);
  if (hasFailures(result.diagnostics)) {
    reportText(ctx, result.diagnostics, color, sourcesOf(result.value));
    return undefined;
  }
  reportText(ctx, result.diagnostics, color, sourcesOf(result.value));
  return result.value;
}
