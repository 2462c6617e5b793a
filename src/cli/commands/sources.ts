/** Reading application sources for the analyzer commands (`--src DIR` or `--project tsconfig.json`). */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { PendingAnalysis } from "../../analyzer/analyze.js";
import type { Application } from "../../analyzer/types.js";
import type { RoleModel } from "../../compiler/types.js";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { UsageError, type CliContext } from "../context.js";
import { config } from "../shared.js";
import { progressDisplay } from "../progress.js";
import { loadModelConcurrently, type LoadedModel, type ModelRequest } from "../model-load.js";

export interface SourceOptions {
  readonly src?: string;
  readonly project?: string;
}

/** Where the application sources are: the options, else the configuration; undefined when neither says. */
export function sourceOptions(ctx: CliContext, options: SourceOptions, required: true): SourceOptions;
export function sourceOptions(ctx: CliContext, options: SourceOptions, required: boolean): SourceOptions | undefined;
export function sourceOptions(ctx: CliContext, options: SourceOptions, required: boolean): SourceOptions | undefined {
  if (options.src !== undefined && options.project !== undefined) throw new UsageError("give --src or --project, not both");
  const chosen: SourceOptions =
    options.src !== undefined || options.project !== undefined
      ? options
      : {
          ...(config(ctx).src === undefined ? {} : { src: config(ctx).src }),
          ...(config(ctx).project === undefined ? {} : { project: config(ctx).project }),
        };
  if (chosen.src === undefined && chosen.project === undefined) {
    if (required) throw new UsageError("name the application sources with --src DIR or --project tsconfig.json (or set `src:` in rolecraft.config.yaml)");
    return undefined;
  }
  const path = resolve(ctx.cwd, chosen.src ?? chosen.project ?? ".");
  if (!existsSync(path)) throw new UsageError(`cannot read ${chosen.src ?? chosen.project ?? ""}: no such file or directory`);
  return chosen;
}

/** The analyzed application, its diagnostics, and the texts of the files they name (for code frames). */
export interface AnalyzedSources {
  readonly application: Application;
  readonly diagnostics: readonly Diagnostic[];
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Reads and parses the application sources and resolves their actors (with
 * progress lines on a terminal); what needs the role model waits (see
 * {@link PendingAnalysis}).
 */
async function startSourceAnalysis(ctx: CliContext, sources: SourceOptions): Promise<PendingAnalysis> {
  // Imported here, not at the top: the model's worker thread starts before this thread loads TypeScript.
  const [{ loadSources }, { sourceInput, startAnalysis }] = await Promise.all([import("../../analyzer/project.js"), import("../../analyzer/analyze.js")]);
  const parsing = progressDisplay(ctx);
  const input = {
    ...(parsing.onProgress === undefined ? {} : { onProgress: parsing.onProgress }),
    ...(sources.src === undefined ? {} : { srcDir: sources.src }),
    ...(sources.project === undefined ? {} : { project: sources.project }),
  };
  const parsed = loadSources(sourceInput(input, ctx.cwd));
  parsing.done();
  const analyzing = progressDisplay(ctx);
  const started = startAnalysis(parsed.value, parsed.diagnostics, ctx.cwd, analyzing.onProgress);
  analyzing.done();
  return started;
}

/** Finishes an analysis started before the role model was at hand (lints included). */
function finishAnalysis(ctx: CliContext, model: RoleModel, pending: PendingAnalysis): AnalyzedSources {
  const result = pending.finish(model, true);
  const texts = new Map<string, string>();
  for (const d of result.diagnostics) {
    if (texts.has(d.span.file)) continue;
    try {
      texts.set(d.span.file, readFileSync(resolve(ctx.cwd, d.span.file), "utf8"));
    } catch {
      // No code frame for a file that can't be read again.
    }
  }
  return { application: result.value, diagnostics: result.diagnostics, texts };
}

/**
 * The role model and the analyzed sources. The model loads on a worker
 * thread (see model-load.ts) while this thread parses the sources and
 * resolves their actors; only what needs the model waits for it. The
 * analysis is undefined without sources, and when the model has errors (a
 * broken model is reported on its own).
 */
export async function loadModelAndAnalyze(
  ctx: CliContext,
  request: Omit<ModelRequest, "cwd">,
  sources: SourceOptions | undefined,
): Promise<{ readonly loaded: LoadedModel; readonly analyzed: AnalyzedSources | undefined }> {
  const pending = loadModelConcurrently({ cwd: ctx.cwd, ...request }, ctx.env);
  let started: PendingAnalysis | undefined;
  try {
    if (sources !== undefined) started = await startSourceAnalysis(ctx, sources);
  } catch (error) {
    pending.abandon();
    throw error;
  }
  const loaded = await pending.settle();
  const usable = loaded.unreadable === undefined && !hasFailures(loaded.diagnostics);
  return { loaded, analyzed: started === undefined || !usable ? undefined : finishAnalysis(ctx, loaded.model, started) };
}
