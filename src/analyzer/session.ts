/**
 * An analyzer session keeps the analysis of an application between rounds
 * (watch mode, the editor): after a change only the changed files are parsed
 * again, and only the files whose results may have changed are analyzed
 * again. The result is the same as a full analysis of the files as they are
 * now.
 *
 * Which files: each file's analysis (its actors, and finding them) records
 * its reads (read-keys.ts): every name it looked up in another file, and
 * every role it asked the model about. The analyzer follows names only
 * through imports, re-exports and the declarations they lead to, so these
 * are everything its result depends on. After a change, a read whose
 * fingerprint (fingerprint.ts) is the same in both versions of the file
 * gives the same answer: only the files that made a read whose answer
 * changed are analyzed again. A file read only in declarations that moved
 * (a line added above them) keeps its results, with their spans moved
 * (relocate.ts). A hub that every file imports (a barrel of roles, shared
 * requirements) therefore costs what its change affects, not what imports it.
 *
 * Diagnostics: a full analysis reports a problem written once only once (the
 * first actor reaching it wins). Here each actor's analysis records what it
 * would report with empty caches (cached computations replay what they
 * reported, see ReportLog), and the rounds' reports are merged in the order
 * a full analysis makes them, with the same deduplication. The lints are
 * kept between rounds too (LintState).
 */
import path from "node:path";
import { compareStrings, sortDiagnostics, type Diagnostic, type Span } from "../diagnostics/diagnostic.js";
import type { RoleModel } from "../compiler/types.js";
import { analyzeActor, diagnosticTexts, roleIdsOf, sourceInput, type AnalyzeInput, type Analysis } from "./analyze.js";
import { DiagnosticSink, ReportLog, type LogEntry, type PendingReport } from "./diagnostic-sink.js";
import { ActorIndex } from "./discover.js";
import { Evaluator, isAbstract } from "./evaluate.js";
import { PositionMap, readFingerprint } from "./fingerprint.js";
import { LintState } from "./lints.js";
import { ModuleGraph } from "./module-graph.js";
import { isApplicationFile, loadSources, type LoadedSources } from "./project.js";
import { parseRead } from "./read-keys.js";
import { roleBindings, sourceRoleReferences, type SourceRoleReference } from "./references.js";
import { forEachActorSpan, forEachDiagnosticSpan, SpanMover, Unmappable } from "./relocate.js";
import { RequirementResolver } from "./resolve.js";
import { SpanMaker } from "./spans.js";
import { forgetInterned, type SyntaxFile } from "./syntax.js";
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
  /** The spans of its result and reports in other files than its own (what a moved declaration may move). */
  readonly foreign: readonly Span[];
}

/** What one application file holds, as of the last round that analyzed it (or moved its spans). */
interface FileResult {
  /** What discovering the file's actors reports (with empty caches). */
  readonly reports: readonly PendingReport[];
  readonly actors: readonly FoundActor[];
  /** What finding and analyzing its actors read (read-keys.ts). */
  readonly reads: ReadonlySet<string>;
  /** The files its results hold spans of, by the names spans give them. */
  readonly spanFiles: ReadonlySet<string>;
}

/** What changed since the last round, and what the session decided to do about it. */
interface Plan {
  /** Application files to analyze again. */
  readonly analyze: Set<string>;
  /** Files read only in declarations that moved: their new positions, by the names spans give them. */
  readonly moved: Map<string, PositionMap>;
}

/** Long-lived analysis of one application's sources. */
export class AnalyzerSession {
  private loaded: LoadedSources;
  private loadDiagnostics: readonly Diagnostic[];
  private readonly cwd: string;
  private readonly srcRoot: string | undefined;
  private readonly spans: SpanMaker;

  /** Module tables and resolved specifiers, kept across rounds. */
  private graph: ModuleGraph;
  /** The model of the last round; the results below hold for it. */
  private model: RoleModel | undefined;
  /** The lints of the last round's actors. */
  private lints = new LintState();
  /** The actors of the last round, in the order of a full analysis (by id, file, position). */
  private sorted: readonly FoundActor[] = [];
  /** The actors the last round reported (duplicates left out), each once. */
  private reported = new Set<AnalyzedActor>();
  private readonly results = new Map<string, FileResult>();
  /** Who made each read: read key → application files. */
  private readonly readers = new Map<string, Set<string>>();
  /** The reads made of each file (the empty name for the model's): file → read keys. */
  private readonly readsOf = new Map<string, Set<string>>();
  /** Resolved dependencies of each file, as of the last round. */
  private readonly dependencies = new Map<string, readonly string[]>();
  /** Files changed since the last round, with their version of the last round (undefined: none). */
  private changed = new Map<string, SyntaxFile | undefined>();
  /** Files were added or removed since the last round. */
  private filesAddedOrRemoved = false;

  constructor(private readonly input: Omit<AnalyzeInput, "model">) {
    this.cwd = input.host.cwd;
    this.spans = new SpanMaker(this.cwd);
    this.srcRoot = input.srcDir === undefined ? undefined : path.resolve(this.cwd, input.srcDir);
    const loaded = loadSources(sourceInput(input));
    this.loaded = loaded.value;
    this.loadDiagnostics = loaded.diagnostics;
    this.graph = new ModuleGraph(this.loaded.project, this.loaded.compilerOptions, this.loaded.generated);
  }

  /** Analyzes the application as it is now against a role model. */
  analyze(model: RoleModel): Analysis {
    const { files } = this.loaded;
    const graph = this.graph;
    const plan = this.plan(model);
    graph.invalidate(this.filesAddedOrRemoved);
    graph.useModel(model);
    this.changed = new Map();
    this.filesAddedOrRemoved = false;
    this.model = model;

    // Files whose actors of the last round are gone or replaced.
    const replaced = new Set<string>();
    const fresh: FoundActor[] = [];
    const { substitutes, mover } = this.moveSpans(plan);
    // The lints move the spans of the actors that moved, as reported actors.
    const moved = new Map<AnalyzedActor, AnalyzedActor>();
    if (substitutes.size > 0) {
      this.sorted = this.sorted.map((entry) => substitutes.get(entry) ?? entry);
      for (const [before, after] of substitutes) {
        if (before.actor === after.actor || !this.reported.delete(before.actor)) continue;
        moved.set(before.actor, after.actor);
        this.reported.add(after.actor);
      }
    }

    // Analyze the affected files (and new ones) with fresh caches over the kept tables.
    const spans = this.spans;
    const log = new ReportLog();
    const sink = new DiagnosticSink(log);
    const evaluator = new Evaluator(graph);
    evaluator.log = log;
    graph.log = log;
    const resolver = new RequirementResolver(evaluator, spans, sink, roleIdsOf(model));
    const index = new ActorIndex(evaluator, resolver, spans, sink);
    evaluator.classes = index;
    const current = new Set(files);
    for (const file of [...this.results.keys()]) {
      if (!current.has(file)) {
        this.setResult(file, undefined);
        replaced.add(file);
      }
    }
    for (const file of files) {
      if (this.results.has(file) && !plan.analyze.has(file)) continue;
      replaced.add(file);
      const table = graph.table(file);
      if (table === undefined) {
        this.setResult(file, undefined);
        continue;
      }
      const reads = new Set<string>();
      log.begin();
      index.checkFile(table);
      const classes = [];
      for (const cls of table.classes) {
        if (cls.name !== undefined && !isAbstract(cls) && index.isActor(cls)) classes.push({ cls, id: index.actorId(cls) });
      }
      const reports = split(log.end(), reads);
      const own = spans.relative(file);
      const spanFiles = new Set<string>();
      for (const report of reports) forEachDiagnosticSpan(report.diagnostic, (span) => spanFiles.add(span.file));
      const actors: FoundActor[] = classes.map(({ cls, id }) => {
        log.begin();
        const actor = analyzeActor(cls, id, index, spans, resolver);
        const actorReports = split(log.end(), reads);
        const foreign = foreignSpans(actor, actorReports, own);
        for (const span of foreign) spanFiles.add(span.file);
        return { id, fileName: cls.file.file, pos: cls.pos, nameSpan: spans.of(cls.nameLoc ?? cls), actor, reports: actorReports, foreign };
      });
      this.setResult(file, { reports, actors, reads, spanFiles });
      for (const actor of actors) fresh.push(actor);
    }
    graph.log = undefined;

    // Merge, in the order a full analysis reports (see analyzeLoaded).
    const final = new DiagnosticSink();
    final.addAll(this.loadDiagnostics);
    for (const file of files) {
      const result = this.results.get(file);
      if (result !== undefined) for (const report of result.reports) final.accept(report);
    }
    // The kept actors are still in order: merge the new ones in.
    fresh.sort(compareFound);
    const dropped: FoundActor[] = [];
    const kept = this.sorted.filter((entry) => {
      if (!replaced.has(entry.fileName)) return true;
      dropped.push(entry);
      return false;
    });
    const found = mergeSorted(kept, fresh);
    this.sorted = found;
    const actors: AnalyzedActor[] = [];
    // What the lints must forget: the actors that left, and those that became duplicates.
    const removed: AnalyzedActor[] = [];
    for (const entry of dropped) if (this.reported.has(entry.actor)) removed.push(entry.actor);
    let first: FoundActor | undefined;
    for (const entry of found) {
      // Sorted by id: actors with the same id are next to each other, the first one wins.
      if (first !== undefined && first.id === entry.id) {
        const at = first.nameSpan;
        final.report("duplicateActorId", { id: entry.id, other: `${at.file}:${at.line}:${at.column}` }, entry.nameSpan);
        if (this.reported.has(entry.actor)) removed.push(entry.actor);
        continue;
      }
      first = entry;
      for (const report of entry.reports) final.accept(report);
      actors.push(entry.actor);
    }
    const application: Application = { actors };
    for (const actor of removed) this.reported.delete(actor);
    const added = actors.filter((actor) => !this.reported.has(actor));
    for (const actor of added) this.reported.add(actor);
    if (this.input.lints !== false) final.addAll(this.lints.update(model, removed, added, { actors: moved, move: (span) => mover.span(span) }));
    const diagnostics = sortDiagnostics(final.diagnostics);
    return { value: application, diagnostics, texts: diagnosticTexts(this.loaded.project, diagnostics) };
  }

  /**
   * Works out what a round has to do: the changed files, the files whose
   * reads now find something else (in a changed file, through a specifier
   * that resolves elsewhere, in a changed role model) are analyzed again;
   * files that read only moved declarations get their spans moved.
   */
  private plan(model: RoleModel): Plan {
    const analyze = new Set<string>();
    const changedReads = new Set<string>();
    const moved = new Map<string, PositionMap>();
    const project = this.loaded.project;
    for (const [file, before] of this.changed) {
      analyze.add(file);
      const after = project.holds(file) ? project.get(file) : undefined;
      const reads = this.readsOf.get(file);
      if (reads === undefined) continue;
      for (const key of reads) {
        const read = parseRead(key);
        if (read.kind === "r") continue;
        if (readFingerprint(before, read.kind, read.name) !== readFingerprint(after, read.kind, read.name)) changedReads.add(key);
      }
      if (before !== undefined && after !== undefined && before.text !== after.text) moved.set(this.spans.relative(file), new PositionMap(before, after));
    }
    if (this.filesAddedOrRemoved) {
      // A new or deleted file can make a specifier resolve elsewhere: every read of a file whose imports changed may find something else.
      this.graph.invalidate(true);
      for (const [file, before] of this.dependencies) {
        const now = this.graph.dependencies(file);
        if (now.length !== before.length || now.some((dep, i) => dep !== before[i])) {
          analyze.add(file);
          for (const key of this.readsOf.get(file) ?? []) changedReads.add(key);
        }
        this.dependencies.set(file, now);
      }
    }
    if (this.model !== undefined && model !== this.model) {
      // Which roles exist is all the analysis asks the model.
      const before = this.model.roles;
      for (const key of this.readsOf.get("") ?? []) {
        const id = parseRead(key).name;
        if (before.has(id) !== model.roles.has(id)) changedReads.add(key);
      }
    }
    for (const key of changedReads) for (const file of this.readers.get(key) ?? []) analyze.add(file);
    return { analyze, moved };
  }

  /**
   * Moves the spans of the results of files that read a moved file and are
   * not analyzed again; a file whose spans can't all be moved is analyzed
   * again instead. Returns the actors replaced by moved ones, and the mover.
   */
  private moveSpans(plan: Plan): { readonly substitutes: Map<FoundActor, FoundActor>; readonly mover: SpanMover } {
    const substitutes = new Map<FoundActor, FoundActor>();
    const mover = new SpanMover(plan.moved);
    if (plan.moved.size === 0) return { substitutes, mover };
    const candidates = new Set<string>();
    for (const name of plan.moved.keys()) {
      const file = path.resolve(this.cwd, name);
      for (const key of this.readsOf.get(file) ?? []) for (const reader of this.readers.get(key) ?? []) if (!plan.analyze.has(reader)) candidates.add(reader);
    }
    const moves = (span: Span): boolean => mover.span(span) !== span;
    for (const file of candidates) {
      const result = this.results.get(file);
      if (result === undefined || !intersects(result.spanFiles, plan.moved)) continue;
      try {
        const mine = new Map<FoundActor, FoundActor>();
        const actors = result.actors.map((found): FoundActor => {
          if (!found.foreign.some(moves)) return found;
          const actor = mover.actor(found.actor);
          const reports = found.reports.length === 0 ? found.reports : found.reports.map((report) => mover.report(report));
          // The same spans, moved.
          const moved = { ...found, actor, reports, foreign: found.foreign.map((span) => mover.span(span)) };
          mine.set(found, moved);
          return moved;
        });
        const reports = result.reports.map((report) => mover.report(report));
        if (mine.size === 0 && reports.every((report, i) => report === result.reports[i])) continue;
        this.results.set(file, { ...result, reports, actors });
        for (const [before, after] of mine) substitutes.set(before, after);
      } catch (error) {
        if (!(error instanceof Unmappable)) throw error;
        plan.analyze.add(file);
      }
    }
    return { substitutes, mover };
  }

  /** Records a file's result (undefined: it has none), and its reads in the index. */
  private setResult(file: string, result: FileResult | undefined): void {
    const before = this.results.get(file);
    for (const key of before?.reads ?? []) {
      const readers = this.readers.get(key);
      if (readers === undefined) continue;
      readers.delete(file);
      if (readers.size === 0) {
        this.readers.delete(key);
        const of = parseRead(key).file;
        const keys = this.readsOf.get(of);
        keys?.delete(key);
        if (keys?.size === 0) this.readsOf.delete(of);
      }
    }
    if (result === undefined) {
      this.results.delete(file);
      return;
    }
    this.results.set(file, result);
    for (const key of result.reads) {
      let readers = this.readers.get(key);
      if (readers === undefined) {
        this.readers.set(key, (readers = new Set()));
        const of = parseRead(key).file;
        let keys = this.readsOf.get(of);
        if (keys === undefined) this.readsOf.set(of, (keys = new Set()));
        keys.add(key);
      }
      readers.add(file);
    }
    if (!this.dependencies.has(file)) this.dependencies.set(file, this.graph.dependencies(file));
    for (const key of result.reads) {
      const of = parseRead(key).file;
      if (of !== "" && !this.dependencies.has(of)) this.dependencies.set(of, this.graph.dependencies(of));
    }
  }

  /** The application files (absolute paths, sorted), as of the last update. */
  applicationFiles(): readonly string[] {
    return this.loaded.files;
  }

  /** The text of a file as the session read it (undefined when it did not). */
  textOf(file: string): string | undefined {
    return this.loaded.project.textOf(file);
  }

  /**
   * Every identifier of a source file that denotes a role, as the file is
   * now (see references.ts). Valid after a round: ask after {@link analyze}.
   */
  roleReferences(file: string): SourceRoleReference[] {
    return sourceRoleReferences(this.graph, file);
  }

  /** The names a source file imports that denote roles: name → role id. */
  roleBindings(file: string): Map<string, string> {
    return roleBindings(this.graph, file);
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
      if (!this.changed.has(file)) this.changed.set(file, project.holds(file) ? project.get(file) : undefined);
      const exists = host.kind(file) === "file";
      if (!exists) {
        if (project.holds(file)) this.filesAddedOrRemoved = true;
        project.remove(file);
        files.delete(file);
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
      for (const file of [...this.results.keys()]) this.setResult(file, undefined);
      this.sorted = [];
      this.reported = new Set();
      this.lints = new LintState();
      this.model = undefined;
      this.dependencies.clear();
      this.changed = new Map();
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

/** Splits a log into its reports (returned) and its reads (added to `reads`). */
function split(entries: readonly LogEntry[], reads: Set<string>): PendingReport[] {
  const reports: PendingReport[] = [];
  for (const entry of entries) {
    if (typeof entry === "string") reads.add(entry);
    else reports.push(entry);
  }
  return reports;
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

/** The spans of an actor's result and reports that lie in other files than `own` (its file, by the name spans give it). */
function foreignSpans(actor: AnalyzedActor, reports: readonly PendingReport[], own: string): Span[] {
  const foreign: Span[] = [];
  const add = (span: Span): void => {
    if (span.file !== own && !foreign.includes(span)) foreign.push(span);
  };
  forEachActorSpan(actor, add);
  for (const report of reports) forEachDiagnosticSpan(report.diagnostic, add);
  return foreign;
}

function intersects(names: ReadonlySet<string>, map: ReadonlyMap<string, unknown>): boolean {
  for (const name of names) if (map.has(name)) return true;
  return false;
}
