/**
 * `check` as a library call: the role model's diagnostics and, with
 * sources, the application's. The model loads (on the host's model thread
 * when it has one) while the sources are parsed and their actors resolved;
 * only what needs the model waits for it. A model with errors stops the
 * analysis: it is reported on its own.
 *
 * The steps live here once, for every caller: {@link check},
 * {@link analyze} (the commands that answer questions about the
 * application) and the incremental {@link Session} of watch mode and the
 * editor all go through {@link runCheck} and {@link completeCheck}.
 */
import type { AnalyzeInput, Analysis } from "../analyzer/analyze.js";
import type { ProgressCallback } from "../analyzer/project.js";
import type { SourceReading } from "../analyzer/source-host.js";
import type { ParseCache } from "../compiler/load.js";
import type { RoleModel } from "../compiler/types.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RolecraftHost } from "./host.js";
import { isUsable, requireModule, requireReadable, startModelLoad, type LoadedModel, type ModelRequest } from "./model.js";
import { DEFAULT_OUT, type SourceOptions } from "./options.js";
import { applySeverity, loweredCodes, type SeverityOverrides } from "./severity.js";

/** How the application is read. */
export interface AnalysisOptions extends SourceReading {
  /** The application sources; without them only the role model is checked. */
  readonly sources?: SourceOptions;
  /** Called as files are parsed and analyzed (for a progress display). */
  readonly onProgress?: ProgressCallback;
  /** Analyzer errors lowered to warnings (`severity:` of rolecraft.config.yaml); every result names them in `lowered`. */
  readonly severity?: SeverityOverrides;
  /**
   * The output folder of the generated role classes (default `generated`,
   * as for `compile`): the analyzer answers imports into it from the role
   * model, so the generated files need not exist.
   */
  readonly out?: string;
  /** Run the lints (RC5005–RC5009) too. Default: true (`rolecraft test` reports tests, not smells). */
  readonly lints?: boolean;
}

/** Options of {@link check} and {@link analyze}. */
export interface CheckOptions extends AnalysisOptions {
  /** The role module (a file or a folder), relative to the host's working directory. */
  readonly module: string;
}

/** What a check found. */
export interface CheckResult {
  /** The role model and its diagnostics. */
  readonly model: LoadedModel;
  /** The analyzed application; undefined without sources, and when the model has errors. */
  readonly analysis?: Analysis;
  /** Every diagnostic, the model's and the application's, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The texts of the files the diagnostics name (role modules and sources), for code frames. */
  readonly texts: ReadonlyMap<string, string>;
  /** The codes lowered to warnings by {@link AnalysisOptions.severity}, sorted (reports name them: never silently). */
  readonly lowered?: readonly string[];
}

/** The analysis step of a check: the application analyzed against a role model. */
export type Analyzer = (model: RoleModel) => Analysis;

/** Reads the sources and resolves what does not need the role model; returns the rest of the analysis. */
export type AnalyzerStart = (options: AnalyzerOptions, host: RolecraftHost) => Promise<Analyzer>;

/** What an analysis of the sources starts from: the sources, and the role module they are checked against. */
type AnalyzerOptions = AnalysisOptions & { readonly sources: SourceOptions; readonly module?: string };

/**
 * Reports every diagnostic of the role module and, with sources, of the
 * application: what `rolecraft check` prints. The model's diagnostics
 * include what only the code generator finds.
 *
 * @throws UsageError when the module path does not exist.
 */
export async function check(options: CheckOptions, host: RolecraftHost): Promise<CheckResult> {
  return runCheck(host, options, checkRequest(options.module), startOneShotAnalysis);
}

/**
 * The role model (with user types) and the application analyzed against it,
 * for the commands that answer questions about the application (`show
 * actors`, `visible-for`, `explain`, `docs`).
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function analyze(options: CheckOptions, host: RolecraftHost): Promise<CheckResult> {
  const result = await runCheck(host, options, { module: options.module, requireUserTypes: true, emitDiagnostics: false }, startOneShotAnalysis);
  requireReadable(result.model);
  return result;
}

/** What `check` loads: the module, with the code generator's diagnostics, user types optional. */
export function checkRequest(module: string): ModelRequest {
  return { module, requireUserTypes: false, emitDiagnostics: true };
}

/**
 * The steps of a check: the model starts loading, the sources are read
 * meanwhile (`start`), and the analysis is finished once the model is
 * there, unless the model has errors. A cache (a session's) keeps what a
 * model loaded in this thread parsed.
 */
export async function runCheck(host: RolecraftHost, options: AnalysisOptions, request: ModelRequest, start: AnalyzerStart, cache?: ParseCache): Promise<CheckResult> {
  requireModule(host, request.module);
  // The model's thread starts before this one loads TypeScript to read the sources.
  const loading = startModelLoad(host, request, cache);
  let analyzer: Analyzer | undefined;
  try {
    if (options.sources !== undefined) analyzer = await start({ ...options, sources: options.sources, module: request.module }, host);
  } catch (error) {
    loading.abandon();
    throw error;
  }
  return completeCheck(await loading.settle(), analyzer, options.severity);
}

/**
 * Finishes a check with its model: the analysis runs only against a usable
 * model; the severity overrides apply to its diagnostics.
 */
export function completeCheck(model: LoadedModel, analyzer: Analyzer | undefined, severity?: SeverityOverrides): CheckResult {
  const lowered = loweredCodes(severity);
  const named = lowered.length === 0 ? {} : { lowered };
  const analyzed = analyzer !== undefined && isUsable(model) ? analyzer(model.model) : undefined;
  if (analyzed === undefined) return { model, diagnostics: model.diagnostics, texts: model.texts, ...named };
  const analysis = { ...analyzed, diagnostics: applySeverity(analyzed.diagnostics, severity) };
  const texts = new Map(model.texts);
  for (const [file, text] of analysis.texts) texts.set(file, text);
  return { model, analysis, diagnostics: sortDiagnostics([...model.diagnostics, ...analysis.diagnostics]), texts, ...named };
}

/** The analyzer's input for the sources of a check. */
export function analyzerInput(options: AnalyzerOptions, host: RolecraftHost): Omit<AnalyzeInput, "model"> {
  const { sources } = options;
  return {
    host,
    out: options.out ?? DEFAULT_OUT,
    ...(options.module === undefined ? {} : { module: options.module }),
    ...(sources.src === undefined ? {} : { srcDir: sources.src }),
    ...(sources.project === undefined ? {} : { project: sources.project }),
    ...(options.skim === undefined ? {} : { skim: options.skim }),
    ...(options.onSkimGiveUp === undefined ? {} : { onSkimGiveUp: options.onSkimGiveUp }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}

/**
 * A one-shot analysis: the sources are parsed now, while the model loads;
 * their actors are resolved once it is there (imports of the generated role
 * classes are resolved against it).
 */
const startOneShotAnalysis: AnalyzerStart = async (options, host) => {
  // Imported here, not at the top: the model's thread starts before this one loads TypeScript.
  const [{ loadSources }, { sourceInput, analyzeLoaded }] = await Promise.all([import("../analyzer/project.js"), import("../analyzer/analyze.js")]);
  const input = analyzerInput(options, host);
  const parsed = loadSources(sourceInput(input));
  return (model) => analyzeLoaded(model, parsed.value, parsed.diagnostics, options.lints !== false, input.onProgress);
};
