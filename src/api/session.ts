/**
 * An incremental check: the role model and the analyzed application kept
 * between rounds. After a change only the changed sources are parsed again
 * (and only the actors they can affect analyzed again); a change of a role
 * module's file loads the model again. Watch mode runs on it, and so will
 * the language server (with unsaved buffers as overlays in the host).
 *
 * Every round goes through the same steps as a one-shot {@link check} (the
 * same model loading with the code generator's diagnostics, the same rule
 * that a model with errors stops the analysis), so a round reports exactly
 * what `check` reports for the files as they are.
 */
import { resolve } from "node:path";
import type { AnalyzerSession } from "../analyzer/session.js";
import { analyzerInput, checkRequest, completeCheck, runCheck, type Analyzer, type AnalyzerStart, type CheckOptions, type CheckResult } from "./check.js";
import type { RolecraftHost } from "./host.js";
import { loadModel, type LoadedModel } from "./model.js";

/** A check kept between rounds (see the module comment). */
export class Session {
  private model: LoadedModel | undefined;
  private sources: AnalyzerSession | undefined;

  /**
   * @param options as for {@link check}; paths relative to the host's working directory.
   * @param host where every file is read; its model thread, if any, is used by {@link run}.
   */
  constructor(
    private readonly options: CheckOptions,
    private readonly host: RolecraftHost,
  ) {}

  /**
   * Checks everything from scratch (the first round): loads the model and
   * reads every source.
   *
   * @throws UsageError when the module path does not exist.
   */
  async run(): Promise<CheckResult> {
    const startSession: AnalyzerStart = async (options, host) => {
      // Imported here, not at the top: the model's thread starts before this one loads TypeScript.
      const { AnalyzerSession } = await import("../analyzer/session.js");
      this.sources = new AnalyzerSession(analyzerInput(options, host));
      return this.analyzer(this.sources);
    };
    this.sources = undefined;
    const result = await runCheck(this.host, this.options, checkRequest(this.options.module), startSession);
    this.model = result.model;
    return result;
  }

  /**
   * Takes changed files into account (changed, added or deleted; absolute,
   * or relative to the host's working directory) and checks again.
   */
  async update(changedPaths: Iterable<string>): Promise<CheckResult> {
    if (this.model === undefined) return this.run();
    const changed = [...changedPaths].map((path) => resolve(this.host.cwd, path));
    const moduleFiles = new Set(this.model.files);
    // Rounds load the model in this thread: starting a thread would cost more than the model of one edit.
    if (changed.some((file) => moduleFiles.has(file))) this.model = await loadModel(this.host, checkRequest(this.options.module));
    this.sources?.update(changed.filter((file) => !moduleFiles.has(file)));
    return completeCheck(this.model, this.sources === undefined ? undefined : this.analyzer(this.sources), this.options.severity);
  }

  /** Absolute paths of the role module's files as of the last round (what to watch besides the sources). */
  moduleFiles(): readonly string[] {
    return this.model?.files ?? [];
  }

  private analyzer(sources: AnalyzerSession): Analyzer {
    return (model) => sources.analyze(model);
  }
}
