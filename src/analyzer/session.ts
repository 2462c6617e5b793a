/**
 * An analyzer session keeps the analysis of an application between rounds
 * (watch mode): after a change only the changed files are parsed again, only
 * their module tables are rebuilt, and only the actors of files that import
 * a changed file (directly or through other files) are analyzed again. The
 * result is the same as a full analysis of the files as they are now.
 *
 * Why the import closure is enough: the analyzer follows names only through
 * imports and re-exports, so what an actor's analysis reads lies in its own
 * file and the files that file reaches through its import/export specifiers.
 *
 * Diagnostics: a full analysis reports a problem written once only once (the
 * first actor reaching it wins). Here each actor's analysis records what it
 * would report with empty caches (cached computations replay what they
 * reported, see ReportLog), and the rounds' reports are merged in the order
 * a full analysis makes them, with the same deduplication.
 */
import path from "node:path";
import { compareStrings, sortDiagnostics, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import type { RoleModel } from "../compiler/types.js";
import { analyzeActor, diagnosticTexts, roleIdsOf, sourceInput, type AnalyzeInput, type Analysis } from "./analyze.js";
import { DiagnosticSink, ReportLog, type PendingReport } from "./diagnostic-sink.js";
import { ActorIndex } from "./discover.js";
import { Evaluator, isAbstract } from "./evaluate.js";
import { LintCache, lintApplication } from "./lints.js";
import { ModuleGraph } from "./module-graph.js";
import { isApplicationFile, loadSources, type LoadedSources } from "./project.js";
import { RequirementResolver } from "./resolve.js";
import { SpanMaker } from "./spans.js";
import { forgetInterned } from "./syntax.js";
import type { AnalyzedActor, Application } from "./types.js";

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);

/** An actor class found in a file, with its analysis. */
interface FoundActor {
  readonly id: string;
  readonly fileName: string;
  readonly pos: number;
  /** Where its name is written. */
  readonly nameSpan: Span;
  readonly actor: AnalyzedActor;
  /** What its analysis reports (with empty caches). */
  readonly reports: readonly PendingReport[];
}

/** What one application file holds, as of the last round that analyzed it. */
interface FileResult {
  /** What discovering the file's actors reports (with empty caches). */
  readonly reports: readonly PendingReport[];
  readonly actors: readonly FoundActor[];
}

/** Long-lived analysis of one application's sources. */
export class AnalyzerSession {
  private loaded: LoadedSources;
  private loadDiagnostics: readonly Diagnostic[];
  private readonly cwd: string;
  private readonly srcRoot: string | undefined;

  /** Module tables and resolved specifiers, kept across rounds. */
  private graph: ModuleGraph;
  /** The model of the last round; the results below hold for it. */
  private model: RoleModel | undefined;
  /** Lint work per actor, for the model of the last round. */
  private lintCache: LintCache | undefined;
  /** The actors of the last round, in the order of a full analysis (by id, file, position). */
  private sorted: readonly FoundActor[] = [];
  private readonly results = new Map<string, FileResult>();
  /** Resolved dependencies of each file, as of the last round. */
  private readonly dependencies = new Map<string, readonly string[]>();
  /** Files changed since the last round. */
  private changed = new Set<string>();
  /** Files were added or removed since the last round. */
  private filesAddedOrRemoved = false;

  constructor(private readonly input: Omit<AnalyzeInput, "model">) {
    this.cwd = input.host.cwd;
    this.srcRoot = input.srcDir === undefined ? undefined : path.resolve(this.cwd, input.srcDir);
    const loaded = loadSources(sourceInput(input));
    this.loaded = loaded.value;
    this.loadDiagnostics = loaded.diagnostics;
    this.graph = new ModuleGraph(this.loaded.project, this.loaded.compilerOptions, this.loaded.generated);
  }

  /** Analyzes the application as it is now against a role model. */
  analyze(model: RoleModel): Analysis {
    if (model !== this.model) {
      this.results.clear();
      this.sorted = [];
      this.model = model;
      this.lintCache = new LintCache(model);
    }
    const { files } = this.loaded;
    const graph = this.graph;
    const changed = this.changed;
    graph.invalidate(this.filesAddedOrRemoved);
    graph.useModel(model);
    const affected = this.affectedFiles(files, changed, this.filesAddedOrRemoved);
    this.changed = new Set();
    this.filesAddedOrRemoved = false;

    // Analyze the affected files (and new ones) with fresh caches over the kept tables.
    const spans = new SpanMaker(this.cwd);
    const log = new ReportLog();
    const sink = new DiagnosticSink(log);
    const evaluator = new Evaluator(graph);
    evaluator.log = log;
    const resolver = new RequirementResolver(evaluator, spans, sink, roleIdsOf(model));
    const index = new ActorIndex(evaluator, resolver, spans, sink);
    evaluator.classes = index;
    const current = new Set(files);
    // Files whose actors of the last round are gone or replaced.
    const replaced = new Set<string>();
    for (const file of this.results.keys()) {
      if (!current.has(file)) {
        this.results.delete(file);
        replaced.add(file);
      }
    }
    const fresh: FoundActor[] = [];
    for (const file of files) {
      if (this.results.has(file) && !affected.has(file)) continue;
      replaced.add(file);
      const table = graph.table(file);
      if (table === undefined) {
        this.results.delete(file);
        continue;
      }
      log.begin();
      index.checkFile(table);
      const classes = [];
      for (const cls of table.classes) {
        if (cls.name !== undefined && !isAbstract(cls) && index.isActor(cls)) classes.push({ cls, id: index.actorId(cls) });
      }
      const reports = log.end();
      const actors: FoundActor[] = classes.map(({ cls, id }) => {
        log.begin();
        const actor = analyzeActor(cls, id, index, spans, resolver);
        return { id, fileName: cls.file.file, pos: cls.pos, nameSpan: spans.of(cls.nameLoc ?? cls), actor, reports: log.end() };
      });
      this.results.set(file, { reports, actors });
      for (const actor of actors) fresh.push(actor);
    }

    // Merge, in the order a full analysis reports (see analyzeLoaded).
    const final = new DiagnosticSink();
    final.addAll(this.loadDiagnostics);
    for (const file of files) {
      const result = this.results.get(file);
      if (result !== undefined) for (const report of result.reports) final.accept(report);
    }
    // The kept actors are still in order: merge the new ones in.
    fresh.sort(compareFound);
    const found = mergeSorted(
      this.sorted.filter((entry) => !replaced.has(entry.fileName)),
      fresh,
    );
    this.sorted = found;
    const actors: AnalyzedActor[] = [];
    let first: FoundActor | undefined;
    for (const entry of found) {
      // Sorted by id: actors with the same id are next to each other, the first one wins.
      if (first !== undefined && first.id === entry.id) {
        const at = first.nameSpan;
        final.report("duplicateActorId", { id: entry.id, other: `${at.file}:${at.line}:${at.column}` }, entry.nameSpan);
        continue;
      }
      first = entry;
      for (const report of entry.reports) final.accept(report);
      actors.push(entry.actor);
    }
    const application: Application = { actors };
    if (this.input.lints !== false) final.addAll(lintApplication(model, application, this.lintCache));
    const diagnostics = sortDiagnostics(final.diagnostics);
    return { value: application, diagnostics, texts: diagnosticTexts(this.loaded.project, diagnostics) };
  }

  /**
   * The files whose results may have changed: the changed files, files whose
   * specifiers now resolve differently, and every file importing one of
   * them, directly or not.
   */
  private affectedFiles(files: readonly string[], changed: ReadonlySet<string>, filesAddedOrRemoved: boolean): Set<string> {
    const seeds = new Set(changed);
    for (const file of changed) this.dependencies.delete(file);
    if (filesAddedOrRemoved) {
      for (const [file, before] of this.dependencies) {
        const now = this.graph.dependencies(file);
        if (now.length !== before.length || now.some((dep, i) => dep !== before[i])) seeds.add(file);
        this.dependencies.set(file, now);
      }
    }
    // Dependencies of every file the application reaches, and who depends on each.
    const dependents = new Map<string, string[]>();
    const visited = new Set<string>(files);
    const queue = [...files];
    for (let i = 0; i < queue.length; i++) {
      const file = queue[i]!;
      let deps = this.dependencies.get(file);
      if (deps === undefined) {
        deps = this.graph.dependencies(file);
        this.dependencies.set(file, deps);
      }
      for (const dep of deps) {
        let list = dependents.get(dep);
        if (list === undefined) dependents.set(dep, (list = []));
        list.push(file);
        if (!visited.has(dep)) {
          visited.add(dep);
          queue.push(dep);
        }
      }
    }
    const affected = new Set(seeds);
    const pending = [...seeds];
    while (pending.length > 0) {
      for (const dependent of dependents.get(pending.pop()!) ?? []) {
        if (!affected.has(dependent)) {
          affected.add(dependent);
          pending.push(dependent);
        }
      }
    }
    return affected;
  }

  /** Files the session holds (application files and files their imports led to). */
  knownFiles(): string[] {
    return this.loaded.project.all().map((parsed) => path.resolve(parsed.file));
  }

  /**
   * Takes changes on disk into account: changed files are parsed again, new
   * application files are added, deleted ones dropped. Returns false when the
   * change can't be applied incrementally and the sources were loaded anew.
   */
  update(changedPaths: Iterable<string>): boolean {
    forgetInterned();
    const project = this.loaded.project;
    const host = this.input.host;
    const files = new Set(this.loaded.files);
    let incremental = true;
    for (const changed of changedPaths) {
      const file = path.resolve(this.cwd, changed);
      if (!SOURCE_EXTENSIONS.has(path.extname(file))) {
        // A tsconfig or a folder changed: start over.
        if (path.basename(file).startsWith("tsconfig") || host.kind(file) === "directory") incremental = false;
        continue;
      }
      this.changed.add(file);
      const exists = host.kind(file) === "file";
      if (!exists) {
        project.remove(file);
        files.delete(file);
        this.filesAddedOrRemoved = true;
        continue;
      }
      try {
        if (project.holds(file)) {
          const sourceFile = project.add(file);
          if (isApplicationFile(sourceFile) && (files.has(file) || this.isUnderSources(file))) files.add(file);
          else files.delete(file);
        } else {
          // New to the session: maybe an import that did not resolve does now.
          this.filesAddedOrRemoved = true;
          if (this.isUnderSources(file)) {
            const added = project.add(file);
            if (isApplicationFile(added)) files.add(file);
          }
        }
      } catch {
        // Unreadable, unparsable or outside the project folder now: loading anew reports it as check does.
        incremental = false;
      }
    }
    if (!incremental) {
      const loaded = loadSources(sourceInput(this.input));
      this.loaded = loaded.value;
      this.loadDiagnostics = loaded.diagnostics;
      this.graph = new ModuleGraph(this.loaded.project, this.loaded.compilerOptions, this.loaded.generated);
      this.results.clear();
      this.dependencies.clear();
      this.changed = new Set();
      this.filesAddedOrRemoved = false;
      return false;
    }
    this.loaded = { ...this.loaded, files: [...files].sort() };
    return true;
  }

  private isUnderSources(file: string): boolean {
    if (this.srcRoot === undefined) return false;
    const rel = path.relative(this.srcRoot, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules") && !/\.d\.[mc]?ts$/.test(file);
  }
}

/** The order of a full analysis: by id, then by file and position. */
function compareFound(a: FoundActor, b: FoundActor): number {
  return compareStrings(a.id, b.id) || compareStrings(a.fileName, b.fileName) || a.pos - b.pos;
}

/** Merges two lists sorted by {@link compareFound}. */
function mergeSorted(a: readonly FoundActor[], b: readonly FoundActor[]): FoundActor[] {
  const merged: FoundActor[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(compareFound(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}
