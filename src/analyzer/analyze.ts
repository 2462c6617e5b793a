/**
 * The analyzer's entry point: sources → actors and actions with resolved
 * requirements → lints, as one stage returning `{ value, diagnostics }` and
 * the texts of the files the diagnostics name (it reads the source files
 * through a {@link SourceHost}).
 */
import path from "node:path";
import { compareStrings, sortDiagnostics, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { RoleModel } from "../compiler/types.js";
import { DiagnosticSink } from "./diagnostic-sink.js";
import { ActorIndex, className } from "./discover.js";
import { Evaluator, isAbstract } from "./evaluate.js";
import { lintApplication } from "./lints.js";
import type { ActionLayoutFacts } from "./layouts.js";
import { ModuleGraph } from "./module-graph.js";
import { loadSources, type LoadedSources, type ProgressCallback, type SourceInput, type SourceStore } from "./project.js";
import { RequirementResolver, type RoleIds } from "./resolve.js";
import { closest, MAX_FUZZY_COMPARISONS } from "../diagnostics/did-you-mean.js";
import type { SourceHost, SourceReading } from "./source-host.js";
import { SpanMaker } from "./spans.js";
import type { SyntaxClass } from "./syntax.js";
import type { AnalyzedAction, AnalyzedActor, Application, ResolvedRequirement } from "./types.js";

/** What {@link analyzeApplication} reads. Give `srcDir`, `project` or `files` (several are merged). */
export interface AnalyzeInput extends SourceReading {
  /** The compiled role model: role ids, MROs and user types. */
  readonly model: RoleModel;
  /** A folder: every `*.ts`/`*.tsx`/`*.mts`/`*.cts` below it, except node_modules, `*.d.ts` and generated files. */
  readonly srcDir?: string;
  /** A tsconfig.json: the files it includes (same exclusions), resolved with its compiler options. */
  readonly project?: string;
  /** Most files read below `srcDir` (RC5018, an error naming the first file not read); default `MAX_SOURCE_FILES` (100,000). */
  readonly maxSourceFiles?: number;
  /** Explicit files. */
  readonly files?: readonly string[];
  /**
   * The output folder of the generated role classes (`compile --out`):
   * imports into it are answered from the role model, present on disk or
   * not (so are imports of any file carrying the generated header).
   */
  readonly out?: string;
  /** The role module (file or folder) the sources are checked against: its folder belongs to the project folder too (generated code beside it may be imported). */
  readonly module?: string;
  /** Where the files are read from; its `cwd` is the base of relative paths, in input and output. */
  readonly host: SourceHost;
  /** Run the lints (RC5005–RC5009) too. Default: true. */
  readonly lints?: boolean;
  /** Called as files are parsed and analyzed (for a progress display). */
  readonly onProgress?: ProgressCallback;
}

/** An analysis: the application, its diagnostics, and the texts of the files they name (for code frames). */
export interface Analysis extends Result<Application> {
  /** The text of each file a diagnostic names, as the analysis read it, by the file name the span gives. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Finds every actor (a non-abstract class extending the runtime's `Actor`)
 * and action of an application, resolves their required roles against the
 * role model, and reports what is wrong or suspicious. Actors are sorted by
 * id, their actions too; diagnostics by file, line, column and code.
 */
export function analyzeApplication(input: AnalyzeInput): Analysis {
  const loaded = loadSources(sourceInput(input));
  return analyzeLoaded(input.model, loaded.value, loaded.diagnostics, input.lints !== false, input.onProgress);
}

/** The source part of an analyzer input. */
export function sourceInput(input: Omit<AnalyzeInput, "model" | "lints">): SourceInput {
  return {
    host: input.host,
    ...(input.skim === undefined ? {} : { skim: input.skim }),
    ...(input.onSkimGiveUp === undefined ? {} : { onSkimGiveUp: input.onSkimGiveUp }),
    ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
    ...(input.srcDir === undefined ? {} : { srcDir: input.srcDir }),
    ...(input.project === undefined ? {} : { project: input.project }),
    ...(input.files === undefined ? {} : { files: input.files }),
    ...(input.out === undefined ? {} : { out: input.out }),
    ...(input.module === undefined ? {} : { module: input.module }),
    ...(input.maxSourceFiles === undefined ? {} : { maxSourceFiles: input.maxSourceFiles }),
  };
}

/**
 * Analyzes sources already loaded. Every table and cache is built anew
 * here, but parsed files are reused: this is what lets watch mode
 * re-analyze after a change without parsing the application again. The
 * role model is needed from the start: imports of the generated role
 * classes are resolved against it (see generated-modules.ts), and every
 * role named is checked against it as it is met.
 */
export function analyzeLoaded(
  model: RoleModel,
  loaded: LoadedSources,
  loadDiagnostics: readonly Diagnostic[],
  lints: boolean,
  onProgress?: ProgressCallback,
): Analysis {
  // One pass: no file changes while it runs (a change in watch mode starts another).
  return loaded.project.pass(() => analyzePass(model, loaded, loadDiagnostics, lints, onProgress));
}

function analyzePass(model: RoleModel, loaded: LoadedSources, loadDiagnostics: readonly Diagnostic[], lints: boolean, onProgress?: ProgressCallback): Analysis {
  const sink = new DiagnosticSink();
  sink.addAll(loadDiagnostics);
  const { project, compilerOptions, files } = loaded;

  const spans = new SpanMaker(project.host.cwd);
  const graph = new ModuleGraph(project, compilerOptions, loaded.generated);
  graph.useModel(model);
  const evaluator = new Evaluator(graph);
  const resolver = new RequirementResolver(evaluator, spans, sink, roleIdsOf(model));
  const index = new ActorIndex(evaluator, resolver, spans, sink);
  evaluator.classes = index;

  // Discovery: every named, non-abstract class of an application file that extends Actor.
  const found: { readonly cls: SyntaxClass; readonly id: string }[] = [];
  for (let i = 0; i < files.length; i++) {
    onProgress?.("analyzing", i + 1, files.length);
    const table = graph.table(files[i]!);
    if (table === undefined) continue;
    index.checkFile(table);
    for (const cls of table.classes) {
      if (cls.name !== undefined && !isAbstract(cls) && index.isActor(cls)) found.push({ cls, id: index.actorId(cls) });
    }
  }
  // Stable order: by id, then by file and position, so the first of two duplicates is well defined.
  found.sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.cls.file.file, b.cls.file.file) || a.cls.pos - b.cls.pos);

  const actors: AnalyzedActor[] = [];
  let first: SyntaxClass | undefined;
  let firstId: string | undefined;
  for (const { cls, id } of found) {
    // Sorted by id: classes with the same id are next to each other, the first one wins.
    const nameNode = cls.nameLoc ?? cls;
    if (first !== undefined && firstId === id) {
      const at = spans.of(first.nameLoc ?? first);
      sink.report("duplicateActorId", { id, other: `${at.file}:${at.line}:${at.column}` }, spans.of(nameNode));
      continue;
    }
    first = cls;
    firstId = id;
    actors.push(analyzeActor(cls, id, index, spans, resolver));
  }
  const application: Application = { actors };
  if (lints) sink.addAll(lintApplication(model, application));
  const diagnostics = sortDiagnostics(sink.diagnostics);
  return { value: application, diagnostics, texts: diagnosticTexts(project, diagnostics) };
}

/**
 * The texts of the files the diagnostics name, as the store read them, so
 * that a report shows the code the analysis saw without reading it again.
 */
export function diagnosticTexts(store: SourceStore, diagnostics: readonly Diagnostic[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const d of diagnostics) {
    if (texts.has(d.span.file)) continue;
    const text = store.textOf(path.resolve(store.host.cwd, d.span.file));
    if (text !== undefined) texts.set(d.span.file, text);
  }
  return texts;
}

/** One actor's analysis (its requirement and actions); what it finds wrong goes to the index's sink. */
export function analyzeActor(cls: SyntaxClass, id: string, index: ActorIndex, spans: SpanMaker, resolver: RequirementResolver): AnalyzedActor {
  const found = index.actorRequirement(cls);
  const nameNode = cls.nameLoc ?? cls;
  // An actor always has a requirement (own, inherited or Actor's); a string means a cycle.
  const requirement: ResolvedRequirement = typeof found === "string" ? resolver.unknownAt(nameNode) : found.requirement;
  const actions: AnalyzedAction[] = [];
  for (const entry of index.actions(cls)) {
    const definition = entry.definition;
    const own = definition.requiredRoles;
    // Most actions require nothing of their own: they share the actor's requirement.
    const combined = resolver.combine(requirement, own);
    const actionId = `${id}.${entry.name}`;
    const action: AnalyzedAction =
      definition.requiredRolesSpan === undefined
        ? { id: actionId, name: entry.name, readonly: definition.readonly, requiredRoles: own, combined, span: spans.of(entry.key) }
        : {
            id: actionId,
            name: entry.name,
            readonly: definition.readonly,
            requiredRoles: own,
            requiredRolesSpan: definition.requiredRolesSpan,
            combined,
            span: spans.of(entry.key),
          };
    actions.push(withActionLayout(action, index.layouts.actionFacts(definition.layoutOptions, actionId)));
  }
  // The ids share the actor's prefix: sorting by name sorts them by id.
  sortByName(actions);
  const facts = index.layouts.actorFacts(cls, id);
  return {
    id,
    className: className(cls),
    appLabel: index.appLabel(cls),
    file: spans.relative(cls.file.file),
    span: spans.of(nameNode),
    requiredRoles: requirement,
    requiredRolesSpan: typeof found === "string" ? spans.of(nameNode) : found.span,
    requiredRolesFrom: typeof found === "string" ? id : found.from === "Actor" ? "Actor" : index.actorId(found.from),
    actions,
    label: facts.label,
    ...(facts.detailLayout === undefined ? {} : { detailLayout: facts.detailLayout }),
    ...(facts.debugPermissions === undefined ? {} : { debugPermissions: facts.debugPermissions }),
  };
}

/** The action with what layouts.ts found in its options (only what it has: most actions have none of it). */
function withActionLayout(action: AnalyzedAction, facts: ActionLayoutFacts): AnalyzedAction {
  if (facts.label === undefined && facts.paramsLayout === undefined && facts.debugPermissions === undefined) return action;
  return {
    ...action,
    ...(facts.label === undefined ? {} : { label: facts.label }),
    ...(facts.paramsLayout === undefined ? {} : { paramsLayout: facts.paramsLayout }),
    ...(facts.debugPermissions === undefined ? {} : { debugPermissions: facts.debugPermissions }),
  };
}

/**
 * The role model's ids as the resolver asks for them, with a did-you-mean:
 * the same class name in another module first (`noi.SiteUser` →
 * `core.SiteUser`), else the nearest id by edit distance.
 */
export function roleIdsOf(model: RoleModel): RoleIds {
  let byName: Map<string, string[]> | undefined;
  let ids: string[] | undefined;
  const budget = { comparisons: MAX_FUZZY_COMPARISONS };
  return {
    has: (id) => model.roles.has(id),
    suggest(id) {
      if (byName === undefined) {
        byName = new Map();
        for (const role of model.roles.values()) {
          const list = byName.get(role.name) ?? [];
          list.push(role.id);
          byName.set(role.name, list);
        }
      }
      const name = id.slice(id.indexOf(".") + 1);
      const same = byName.get(name);
      if (same !== undefined && same.length === 1) return same[0];
      ids ??= [...model.roles.keys()].sort(compareStrings);
      return closest(id, ids, budget);
    },
  };
}

/** Sorts actions by name, stably. */
function sortByName(actions: AnalyzedAction[]): void {
  actions.sort((a, b) => compareStrings(a.name, b.name));
}
