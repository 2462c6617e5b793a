/**
 * `diff` as a library call: what a change does to who may see what. Two
 * states are loaded (two role modules on disk, or revisions of the git
 * repository around the working directory, the after-state being the
 * working tree unless `head` names a revision) and compared.
 *
 * A revision's generated role classes are usually not committed; the
 * analyzer needs none (it answers imports of the output folder from the
 * role model). Analyses run without lints (a diff reports changes; `check`
 * reports smells).
 */
import { resolve } from "node:path";
import type { Analysis } from "../analyzer/analyze.js";
import { catalogue, diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, hasFailures, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiffState, PermissionDiff } from "../diff/types.js";
import type { SourceReading } from "../analyzer/source-host.js";
import { unsafePathReason } from "../host/revision-tree.js";
import { analyzerInput } from "./check.js";
import { UsageError } from "./errors.js";
import type { Checkout, RolecraftHost, Snapshots } from "./host.js";
import { isUsable, loadModel, openModel, type LoadedModel } from "./model.js";
import { OptionResolver, sourcesOnly, type SourceOptions } from "./options.js";
import { applySeverity, type SeverityOverrides } from "./severity.js";

/** Options of {@link diff}. */
export interface DiffOptions extends SourceReading, SourceOptions {
  /** Without `base`: the two role modules (before, after). With `base`: at most one, read at both revisions (default: the configuration's). */
  readonly modules: readonly string[];
  /** A git revision: the before-state. */
  readonly base?: string;
  /** With `base`: the revision of the after-state (default: the working tree). */
  readonly head?: string;
  /** Application sources of the before-state only (with `srcAfter`). */
  readonly srcBefore?: string;
  /** Application sources of the after-state only (with `srcBefore`). */
  readonly srcAfter?: string;
  /** Analyzer errors lowered to warnings (see {@link SeverityOverrides}). */
  readonly severity?: SeverityOverrides;
}

/** Diagnostics reported together, with the texts of the files they name. */
export interface DiagnosticGroup {
  readonly diagnostics: readonly Diagnostic[];
  readonly texts: ReadonlyMap<string, string>;
}

/** One state as it loaded. */
export interface DiffStateResult {
  readonly side: "before" | "after";
  /** How the diff names it: the module path, the revision, or `working tree`. */
  readonly label: string;
  /** How its diagnostics are headed, e.g. `before (HEAD~1)`. */
  readonly heading: string;
  /** What loading it reported, in order (the model's, the code generator's, the application's). */
  readonly reports: readonly DiagnosticGroup[];
  /**
   * The state; undefined when its role model has errors or it could not be
   * loaded. The application's errors do not hold it back: what they leave
   * unknown is unknown in the diff (and counted as a possible change).
   */
  readonly state?: DiffState;
  /** True when the application of the state has errors (the diff is still made; the command fails). */
  readonly failed?: boolean;
  /** A usage problem that stopped it (a module missing at a revision, an unreadable source folder…). */
  readonly problem?: string;
}

/** The states and their diff. */
export interface DiffResult {
  /** The states loaded, in order; loading stops at the first one that has errors or a problem. */
  readonly states: readonly DiffStateResult[];
  /** Their diff, when both loaded. */
  readonly diff?: PermissionDiff;
}

/**
 * Loads two states and compares them.
 *
 * @throws UsageError for options that contradict each other, an unknown
 *   revision or a working directory outside a repository (problems met
 *   while loading a state are in its {@link DiffStateResult.problem}).
 */
export async function diff(options: DiffOptions, host: RolecraftHost): Promise<DiffResult> {
  const states: DiffStateResult[] = [];
  const loader = new StateLoader(host, options);
  const done = async (): Promise<DiffResult> => {
    const [before, after] = states;
    if (before?.state === undefined || after?.state === undefined) return { states };
    const { diffPermissions } = await import("../diff/diff.js");
    return { states, diff: diffPermissions(before.state, after.state) };
  };
  const add = async (side: "before" | "after", label: string, load: () => Promise<LoadedState>): Promise<boolean> => {
    const state = await settled(side, label, load);
    states.push(state);
    return state.state !== undefined;
  };
  if (options.base === undefined) {
    const [before, after, sourcesFor] = loader.pathStates();
    if (await add("before", before, () => loader.working(before, sourcesFor(options.srcBefore)))) await add("after", after, () => loader.working(after, sourcesFor(options.srcAfter)));
    return done();
  }
  const { module, sources } = loader.revisionOptions();
  const snapshots = openSnapshots(host);
  try {
    const baseCommit = snapshots.commit(options.base);
    const headCommit = options.head === undefined ? undefined : snapshots.commit(options.head);
    const base = options.base;
    const ok = await add("before", base, () => loader.revision(snapshots.checkout("before", baseCommit), base, module, sources));
    if (ok) {
      if (options.head === undefined || headCommit === undefined) {
        await add("after", "working tree", () => loader.working(module, sources === undefined ? undefined : loader.resolver.sources(sources, true)));
      } else {
        const head = options.head;
        await add("after", head, () => loader.revision(snapshots.checkout("after", headCommit), head, module, sources));
      }
    }
  } finally {
    snapshots.close();
  }
  return done();
}

function openSnapshots(host: RolecraftHost): Snapshots {
  if (host.openSnapshots === undefined) throw new UsageError("--base reads git revisions, which this host cannot read");
  return host.openSnapshots();
}

/** A state as its loader leaves it: what it reported, and the state when its model has no errors. */
interface LoadedState {
  readonly reports: readonly DiagnosticGroup[];
  readonly state?: DiffState;
  readonly failed?: boolean;
}

/** Runs a state's loader; a usage problem it meets becomes the state's problem (the states before it still count). */
async function settled(side: "before" | "after", label: string, load: () => Promise<LoadedState>): Promise<DiffStateResult> {
  const heading = `${side} (${label})`;
  try {
    return { side, label, heading, ...(await load()) };
  } catch (error) {
    if (error instanceof UsageError) return { side, label, heading, reports: [], problem: error.message };
    throw error;
  }
}

/** Most rounds of following includes that point outside what was extracted. */
const MAX_INCLUDE_ROUNDS = 50;

/** Loads the states of one diff. */
class StateLoader {
  readonly resolver: OptionResolver;

  constructor(
    private readonly host: RolecraftHost,
    private readonly options: DiffOptions,
  ) {
    this.resolver = new OptionResolver(host);
  }

  /** Two modules on disk: their paths, and the sources of each state. */
  pathStates(): [string, string, (dir: string | undefined) => SourceOptions | undefined] {
    const options = this.options;
    if (options.head !== undefined) throw new UsageError("--head needs --base");
    const [beforePath, afterPath] = options.modules;
    if (options.modules.length !== 2 || beforePath === undefined || afterPath === undefined) {
      throw new UsageError("name two role modules to compare (before and after), or a git revision with --base REV");
    }
    if ((options.srcBefore === undefined) !== (options.srcAfter === undefined)) throw new UsageError("give --src-before and --src-after together (or --src for both states)");
    if (options.srcBefore !== undefined && (options.src !== undefined || options.project !== undefined)) {
      throw new UsageError("give --src-before/--src-after or --src/--project, not both");
    }
    // Sources only when named: the configuration's `src` belongs to one state of the project, not to two modules.
    const shared = options.src !== undefined || options.project !== undefined ? this.resolver.sources(sourcesOnly(options), true) : undefined;
    return [beforePath, afterPath, (dir) => (dir === undefined ? shared : this.resolver.sources({ src: dir }, true))];
  }

  /** With `base`: the module (read at each revision) and the sources, not checked on disk (they are read at each revision). */
  revisionOptions(): { readonly module: string; readonly sources: SourceOptions | undefined } {
    const options = this.options;
    if (options.srcBefore !== undefined || options.srcAfter !== undefined) {
      throw new UsageError("--src-before and --src-after compare two modules on disk; with --base, give --src or --project (one path, read at each revision)");
    }
    if (options.modules.length > 1) throw new UsageError("with --base, name at most one role module (it is read at both revisions)");
    if (options.src !== undefined && options.project !== undefined) throw new UsageError("give --src or --project, not both");
    const module = this.resolver.module(options.modules[0]);
    const given = sourcesOnly(options);
    if (given.src !== undefined || given.project !== undefined) return { module, sources: given };
    const configured = this.resolver.configuredSources();
    const sources = configured.src !== undefined ? { src: configured.src } : configured.project !== undefined ? { project: configured.project } : undefined;
    return { module, sources };
  }

  /** A state read from the files as they are, relative to the working directory. */
  async working(module: string, sources: SourceOptions | undefined): Promise<LoadedState> {
    const model = await openModel(this.host, module, true);
    return this.analyzed(this.host, model, sources);
  }

  /** A state read from a revision, extracted as far as needed. */
  async revision(checkout: Checkout, rev: string, module: string, sources: SourceOptions | undefined): Promise<LoadedState> {
    const modulePath = checkout.repoPath(module);
    if (!checkout.exists(modulePath)) throw new UsageError(`${module} does not exist at revision ${rev}`);
    const out = this.resolver.out(undefined);
    const wanted = [modulePath];
    if (sources?.src !== undefined) wanted.push(checkout.repoPath(sources.src), checkout.repoPath(out));
    // A tsconfig may include files anywhere and extend other configs: take the whole revision.
    if (sources?.project !== undefined) wanted.splice(0, wanted.length, ".");
    checkout.take(wanted);

    // Includes may point outside the module's folder: fetch what the loader misses, until nothing more can be found.
    const host = checkout.host;
    const request = { module, requireUserTypes: true, emitDiagnostics: false };
    let model = await loadModel(host, request);
    for (let round = 0; round < MAX_INCLUDE_ROUNDS; round++) {
      const missing = model.diagnostics
        .filter((d) => d.code === catalogue.unreadableInclude.code && typeof d.data["path"] === "string")
        .map((d) => checkout.treePath(resolve(host.cwd, String(d.data["path"]))))
        .filter((p): p is string => p !== undefined && !checkout.taken(p));
      if (missing.length === 0) break;
      checkout.take(missing);
      model = await loadModel(host, request);
    }
    // What the revision holds that can't be written out safely (`..` paths, files under links) is left out, and said.
    const refused = checkout.takeRefused().map((entry) => {
      const safe = unsafePathReason(entry.path) === undefined;
      return diagnostic("revisionEntryRefused", { path: JSON.stringify(entry.path), rev, reason: entry.reason }, fileSpan(safe ? entry.path : "."));
    });
    const withRefused = (state: LoadedState): LoadedState => (refused.length === 0 ? state : { ...state, reports: [{ diagnostics: refused, texts: new Map() }, ...state.reports] });
    if (!isUsable(model) || sources === undefined) return withRefused(await this.analyzed(host, model, sources));

    // A source folder the revision does not have yet: an application without actors (RC5011 says so).
    if (sources.src !== undefined) checkout.makeDirectory(sources.src);
    // Generated role classes need not be there (usually they are not committed): the analyzer answers them from the model.
    return withRefused(await this.analyzed(host, model, sources));
  }

  /** The model's report, and the application analyzed against a usable model. */
  private async analyzed(host: RolecraftHost, model: LoadedModel, sources: SourceOptions | undefined): Promise<LoadedState> {
    const reports = [group(model)];
    if (!isUsable(model)) return { reports };
    if (sources === undefined) return { reports, state: { model: model.model } };
    const analysis = await analyzeWithoutLints(host, model, sources, { ...this.options, out: this.resolver.out(undefined) });
    const diagnostics = applySeverity(analysis.diagnostics, this.options.severity);
    // Code frames from both: an application's diagnostic may point into a role module.
    reports.push({ diagnostics, texts: new Map([...model.texts, ...analysis.texts]) });
    const state = { model: model.model, app: analysis.value };
    return hasFailures(diagnostics) ? { reports, state, failed: true } : { reports, state };
  }
}

function group(model: LoadedModel): DiagnosticGroup {
  return { diagnostics: model.diagnostics, texts: model.texts };
}

async function analyzeWithoutLints(host: RolecraftHost, model: LoadedModel, sources: SourceOptions, reading: SourceReading & { readonly out: string }): Promise<Analysis> {
  const { analyzeApplication } = await import("../analyzer/analyze.js");
  const { skim, onSkimGiveUp, out } = reading;
  const input = analyzerInput({ sources, out, ...(skim === undefined ? {} : { skim }), ...(onSkimGiveUp === undefined ? {} : { onSkimGiveUp }) }, host);
  return analyzeApplication({ ...input, model: model.model, lints: false });
}
