/**
 * One workspace of the language server: the project rolecraft.config.yaml
 * describes, checked by an incremental Session over the editor's unsaved
 * buffers. Changes are taken in rounds: a change while a round runs joins
 * the next one, so that a burst of keystrokes costs one round after the one
 * in progress, and every request waits for the rounds it follows.
 */
import { dirname, resolve } from "node:path";
import { createNodeHost } from "../host/node-host.js";
import { withOverlays } from "../host/overlay-host.js";
import { OptionResolver, Session, type CheckOptions, type CheckResult, type RolecraftHost } from "../api/index.js";
import type { EditorContext } from "../api/editor/index.js";

/** What a round reports: its result, the files it was started for, how long it took. */
export interface Round {
  readonly result: CheckResult;
  /** Absolute paths of the files whose change the round took into account (none for the first). */
  readonly changed: readonly string[];
  readonly ms: number;
}

/** A project opened by the editor. */
export class Workspace {
  /** The editor's unsaved buffers, by absolute path: what every read of the session sees first. */
  readonly buffers = new Map<string, string>();
  readonly host: RolecraftHost;
  private session: Session | undefined;
  private options: CheckOptions | undefined;
  private out = "generated";
  private result: CheckResult | undefined;
  /** Why the project can't be checked (no configuration, no module …), when it can't. */
  problem: string | undefined;

  private pending = new Set<string>();
  private running: Promise<void> | undefined;
  private restarting: Promise<void> | undefined;
  private started = false;

  /**
   * @param root the workspace root, where rolecraft.config.yaml is.
   * @param onRound told after every round (to publish diagnostics).
   * @param onProblem told when the project can't be checked, with why.
   */
  constructor(
    readonly root: string,
    private readonly onRound: (round: Round) => void,
    private readonly onProblem: (message: string) => void,
  ) {
    // No model thread: it would read the disk, not the buffers.
    this.host = withOverlays(createNodeHost({ cwd: root, modelThread: false }), this.buffers);
  }

  /** Reads the configuration and checks the project from scratch (the first round). */
  start(): void {
    if (this.started) return;
    this.started = true;
    try {
      const resolver = new OptionResolver(this.host);
      const module = resolver.module(undefined);
      const sources = resolver.configuredSources();
      this.out = resolver.out(undefined);
      this.options = { module, ...(sources.src === undefined && sources.project === undefined ? {} : { sources }) };
      this.session = new Session(this.options, this.host);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.schedule();
  }

  /** Takes a changed file into account (a buffer edited, opened or closed, a file changed on disk). */
  changed(path: string): void {
    this.pending.add(path);
    // The configuration changed: start over with what it says now.
    if (path === resolve(this.root, "rolecraft.config.yaml") || path === resolve(this.root, "rolecraft.config.yml")) {
      this.session = undefined;
      this.result = undefined;
      this.problem = undefined;
      this.started = false;
      this.pending.clear();
      // Only the last of several quick changes starts the session: it reads the configuration as it is by then.
      const restart = this.roundsEnded().then(() => {
        if (this.restarting !== restart) return;
        this.restarting = undefined;
        this.start();
      });
      this.restarting = restart;
      return;
    }
    if (this.session !== undefined) this.schedule();
  }

  /** Waits for every round asked for so far. */
  async settled(): Promise<void> {
    // A restart (the configuration changed) counts: it starts its first round when the rounds before it end.
    while (this.running !== undefined || this.restarting !== undefined) await (this.running ?? this.restarting);
  }

  /** Waits for the rounds that run or are asked for (not for a restart: a restart waits for this). */
  private async roundsEnded(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** The editor services' context as of the last round, once there is one. */
  async context(): Promise<EditorContext | undefined> {
    await this.settled();
    if (this.session === undefined || this.result === undefined) return undefined;
    return { cwd: this.root, host: this.host, session: this.session, result: this.result, out: this.out };
  }

  /** Whether a path is one the project reads (a role module file or an application source), as of the last round. */
  reads(path: string): boolean {
    if (this.session === undefined) return false;
    return this.session.moduleFiles().includes(path) || this.session.sourceFiles().includes(path);
  }

  /** Folders whose files the project reads: the role modules' folders and the sources'. */
  folders(): string[] {
    const folders = new Set((this.session?.moduleFiles() ?? []).map((file) => dirname(file)));
    const sources = this.options?.sources;
    const src = sources?.src ?? (sources?.project === undefined ? undefined : dirname(sources.project));
    if (src !== undefined) folders.add(resolve(this.root, src));
    return [...folders];
  }

  private schedule(): void {
    if (this.running !== undefined) return;
    // Whatever goes wrong in a round is told to the editor: the server goes on (an unhandled rejection would end it).
    this.running = this.loop()
      .catch((error: unknown) => {
        this.result = undefined;
        this.report(error);
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Runs rounds until no change is left. */
  private async loop(): Promise<void> {
    for (;;) {
      const session = this.session;
      if (session === undefined) return;
      const first = this.result === undefined;
      if (!first && this.pending.size === 0) return;
      const changed = [...this.pending];
      this.pending.clear();
      const started = performance.now();
      let result: CheckResult;
      try {
        result = first ? await session.run() : await session.update(changed);
      } catch (error) {
        if (this.session !== session) continue;
        // The next change starts over (the module may be back by then).
        this.result = undefined;
        this.report(error);
        return;
      }
      // The configuration changed while the round ran: its session is gone, and so is what it found.
      if (this.session !== session) continue;
      this.result = result;
      this.problem = undefined;
      this.onRound({ result, changed, ms: performance.now() - started });
    }
  }

  /** The project can't be checked at all (no configuration, no module named). */
  private fail(error: unknown): void {
    this.session = undefined;
    this.report(error);
  }

  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.problem = message;
    this.onProblem(message);
  }
}
