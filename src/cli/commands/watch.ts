/**
 * `rolecraft check --watch`: checks once, then again after every change of
 * a role module or an application file, as a thin loop over a `Session`
 * (only the changed files are parsed again; a role-module change loads the
 * role model again). Each round ends with one status line, e.g.
 * `[watch] 23 actors, 16 actions: 0 errors, 0 warnings (12 ms)`.
 */
import { dirname, resolve } from "node:path";
import type { CheckOptions, CheckResult, RolecraftHost } from "../../index.js";
import { Session } from "../../api/session.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatSummary } from "../../diagnostics/format/summary.js";
import { watchRounds, type RoundTiming, type WatchedFolder } from "../../host/file-watcher.js";
import { EXIT_OK, type CliContext } from "../context.js";
import { renderDiagnostics, writeDiagnostics, type DiagnosticFormat, type Lowering } from "../shared.js";

export interface WatchOptions {
  readonly format: DiagnosticFormat;
  readonly color: boolean;
  /** Severities the configuration lowered (each round's status line names them). */
  readonly lowering?: Lowering;
  /** Stops watching when it resolves (tests); by default runs until the process ends. */
  readonly until?: Promise<void>;
  /** Called after each round (tests and the benchmark). */
  readonly onRound?: (round: { readonly diagnostics: readonly Diagnostic[]; readonly ms: number }) => void;
  /** How rounds wait for files to settle (tests); see src/host/file-watcher.ts. */
  readonly timing?: RoundTiming;
}

export async function watchCheck(ctx: CliContext, host: RolecraftHost, check: CheckOptions, options: WatchOptions): Promise<number> {
  const session = new Session(check, host);
  const round = (result: CheckResult, started: number): void => {
    const { diagnostics, analysis } = result;
    const actors = analysis?.value.actors;
    const summary = actors === undefined ? "" : `${actors.length} actors, ${actors.reduce((n, a) => n + a.actions.length, 0)} actions: `;
    // Text leaves out its summary line: the round's status line below says it.
    const output = renderDiagnostics(diagnostics, options.format, options.color, result.texts, false, options.lowering);
    if (options.format !== "text") writeDiagnostics(ctx, options.format, output);
    else if (diagnostics.length > 0) ctx.stderr(`${output}\n`);
    const ms = Date.now() - started;
    const note = options.lowering === undefined ? {} : { note: options.lowering.note };
    ctx.stderr(`[watch] ${summary}${formatSummary(diagnostics, { color: options.color, ...note })} (${ms} ms)\n`);
    options.onRound?.({ diagnostics, ms });
  };

  const started = Date.now();
  round(await session.run(), started);

  // Watch the folders of the role-module files and the application sources.
  const dirs = new Set(session.moduleFiles().map((file) => dirname(file)));
  const folders: WatchedFolder[] = [...dirs].map((path) => ({ path, recursive: false }));
  const srcRoot = check.sources?.src ?? (check.sources?.project === undefined ? undefined : dirname(check.sources.project));
  if (srcRoot !== undefined) folders.push({ path: resolve(host.cwd, srcRoot), recursive: true });
  // A round is shown once the files it read have settled: never a half-written file's result.
  const stop = watchRounds(folders, { run: (changed) => session.update(changed), show: round }, options.timing);
  ctx.stderr(`[watch] watching ${folders.length} folders; press Ctrl-C to stop\n`);

  await (options.until ?? new Promise<void>(() => {}));
  await stop();
  return EXIT_OK;
}
