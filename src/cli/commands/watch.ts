/**
 * `rolecraft check --watch`: analyzes once, then again after every change of
 * a role module or an application file. Only the changed files are parsed
 * again (an AnalyzerSession keeps the rest); a role-module change reloads the
 * role model. Each round ends with one status line, e.g.
 * `[watch] 23 actors, 16 actions: 0 errors, 0 warnings (12 ms)`.
 */
import { watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";
import { AnalyzerSession } from "../../analyzer/session.js";
import { loadRoleModel, type CompiledProject } from "../../compiler/compile.js";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatSummary } from "../../diagnostics/format/summary.js";
import { createNodeHost } from "../../host/node-host.js";
import { EXIT_OK, type CliContext } from "../context.js";
import { renderDiagnostics, sourcesOf, type DiagnosticFormat } from "../shared.js";
import type { SourceOptions } from "./sources.js";

export interface WatchOptions {
  readonly module: string;
  readonly sources: SourceOptions | undefined;
  readonly format: DiagnosticFormat;
  readonly color: boolean;
  /** Stops watching when it resolves (tests); by default runs until the process ends. */
  readonly until?: Promise<void>;
  /** Called after each round (tests and the benchmark). */
  readonly onRound?: (round: { readonly diagnostics: readonly Diagnostic[]; readonly ms: number }) => void;
}

/** How long to wait for more events after the first of a burst (editors write files in several steps). */
const DEBOUNCE_MS = 5;

export async function watchCheck(ctx: CliContext, options: WatchOptions): Promise<number> {
  const host = createNodeHost({ cwd: ctx.cwd });
  const target = resolve(ctx.cwd, options.module);
  let compiled: CompiledProject | undefined;
  let modelDiagnostics: readonly Diagnostic[] = [];
  const loadModel = async (): Promise<void> => {
    const result = await loadRoleModel(host, target);
    compiled = result.value;
    modelDiagnostics = result.diagnostics;
  };
  const session =
    options.sources === undefined
      ? undefined
      : new AnalyzerSession({
          cwd: ctx.cwd,
          ...(options.sources.src === undefined ? {} : { srcDir: options.sources.src }),
          ...(options.sources.project === undefined ? {} : { project: options.sources.project }),
        });

  const round = (started: number): void => {
    const diagnostics: Diagnostic[] = [...modelDiagnostics];
    let summary = "";
    if (compiled !== undefined && session !== undefined && !hasFailures(modelDiagnostics)) {
      const analyzed = session.analyze(compiled.model);
      diagnostics.push(...analyzed.diagnostics);
      const actions = analyzed.value.actors.reduce((n, a) => n + a.actions.length, 0);
      summary = `${analyzed.value.actors.length} actors, ${actions} actions: `;
    }
    // Text leaves out its summary line: the round's status line below says it.
    const output = renderDiagnostics(diagnostics, options.format, options.color, sourcesOf(compiled), false);
    if (options.format === "json" || options.format === "sarif") ctx.stdout(output);
    else if (options.format === "github") ctx.stderr(output);
    else if (diagnostics.length > 0) ctx.stderr(`${output}\n`);
    const ms = Date.now() - started;
    ctx.stderr(`[watch] ${summary}${formatSummary(diagnostics, { color: options.color })} (${ms} ms)\n`);
    options.onRound?.({ diagnostics, ms });
  };

  const started = Date.now();
  await loadModel();
  round(started);

  const moduleFiles = (): Set<string> => new Set((compiled?.project.files ?? []).map((f) => f.absolutePath));
  const watchers: FSWatcher[] = [];
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstEvent = 0;
  let busy: Promise<void> = Promise.resolve();

  const flush = (): void => {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    const since = firstEvent;
    firstEvent = 0;
    busy = busy.then(async () => {
      const modules = moduleFiles();
      if (changed.some((file) => modules.has(file)) || compiled === undefined) await loadModel();
      session?.update(changed.filter((file) => !modules.has(file)));
      round(since);
    });
  };
  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null): void => {
    if (name === null) return;
    if (firstEvent === 0) firstEvent = Date.now();
    pending.add(resolve(dir, name.toString()));
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };

  // Watch the folders of the role-module files and the application sources.
  const dirs = new Set([...moduleFiles()].map((file) => dirname(file)));
  for (const dir of dirs) watchers.push(watch(dir, onEvent(dir)));
  const srcRoot = options.sources?.src ?? (options.sources?.project === undefined ? undefined : dirname(options.sources.project));
  if (srcRoot !== undefined) {
    const dir = resolve(ctx.cwd, srcRoot);
    watchers.push(watch(dir, { recursive: true }, onEvent(dir)));
  }
  ctx.stderr(`[watch] watching ${dirs.size + (srcRoot === undefined ? 0 : 1)} folders; press Ctrl-C to stop\n`);

  await (options.until ?? new Promise<void>(() => {}));
  for (const watcher of watchers) watcher.close();
  if (timer !== undefined) clearTimeout(timer);
  await busy;
  return EXIT_OK;
}
