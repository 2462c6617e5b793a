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
import { dirname, resolve } from "node:path";
import type { SourceRoleReference } from "../analyzer/references.js";
import type { AnalyzerSession } from "../analyzer/session.js";
import { analyzerInput, checkRequest, completeCheck, runCheck, type Analyzer, type AnalyzerStart, type CheckOptions, type CheckResult } from "./check.js";
import type { RolecraftHost } from "./host.js";
import type { ParseCache } from "../compiler/load.js";
import { loadModel, type LoadedModel } from "./model.js";

/** Files a TypeScript role module may import: when one changes, the modules run again. */
const SCRIPT = /\.(?:[cm]?[jt]sx?|json)$/;
/** A role-module file (what a folder named as the module loads). */
const MODULE_FILE = /\.(?:ya?ml|ts)$/;

/** A check kept between rounds (see the module comment). */
export class Session {
  private model: LoadedModel | undefined;
  private sources: AnalyzerSession | undefined;
  /** The role-module files as the last model load parsed them (created with the first reload). */
  private parsed: ParseCache | undefined;
  /** A script changed since the model was last loaded (TypeScript role modules may import it). */
  private scriptsChanged = false;

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
    // Without a model thread the model loads here: what it parses is kept for the rounds.
    if (this.host.modelThread === undefined) this.parsed ??= await newParseCache();
    const result = await runCheck(this.host, this.options, checkRequest(this.options.module), startSession, this.parsed);
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
    const watched = new Set(this.model.watched ?? this.model.files);
    // A file the model read or looked for (a missing include or module that is back), or one in the module's folder.
    const moduleFiles = new Set(changed.filter((file) => watched.has(file) || (watched.has(dirname(file)) && MODULE_FILE.test(file))));
    if (changed.some((file) => SCRIPT.test(file))) this.scriptsChanged = true;
    // Rounds load the model in this thread: starting a thread would cost more than the model of one edit.
    // Only the changed files are parsed again.
    if (changed.some((file) => moduleFiles.has(file))) {
      this.parsed ??= await newParseCache();
      if (this.scriptsChanged) this.parsed.forgetTsModules();
      this.scriptsChanged = false;
      this.model = await loadModel(this.host, checkRequest(this.options.module), this.parsed);
    }
    this.sources?.update(changed.filter((file) => !moduleFiles.has(file)));
    return completeCheck(this.model, this.sources === undefined ? undefined : this.analyzer(this.sources), this.options.severity);
  }

  /** Absolute paths of the role module's files as of the last round (what to watch besides the sources). */
  moduleFiles(): readonly string[] {
    return this.model?.files ?? [];
  }

  /** Absolute paths of the application's source files as of the last round (none without sources). */
  sourceFiles(): readonly string[] {
    return this.sources?.applicationFiles() ?? [];
  }

  /**
   * Every identifier of a source file that denotes a role (an import,
   * export or use of a role class), as of the last round; offsets into the
   * file's text as the round read it. For editors: definitions,
   * references, renames.
   */
  sourceRoleReferences(file: string): readonly SourceRoleReference[] {
    return this.sources?.roleReferences(resolve(this.host.cwd, file)) ?? [];
  }

  /** The names a source file imports that denote roles (name → role id), as of the last round. */
  sourceRoleBindings(file: string): ReadonlyMap<string, string> {
    return this.sources?.roleBindings(resolve(this.host.cwd, file)) ?? new Map();
  }

  private analyzer(sources: AnalyzerSession): Analyzer {
    return (model) => sources.analyze(model);
  }
}

/** A parse cache. Imported here, not at the top: only a session that loads a model in this thread needs the compiler here. */
async function newParseCache(): Promise<ParseCache> {
  const { ParseCache } = await import("../compiler/load.js");
  return new ParseCache();
}
