/**
 * Watching folders for changes (watch mode), and the rounds that follow
 * them. Editors write a file in several steps (truncate, then write; write
 * a temporary file, then rename), so a round's result is shown only once it
 * has settled: no file changed while the round ran, nor in a quiet time
 * after the last change. A change that comes in the meantime makes the
 * round run again (over every file changed since) instead of being shown,
 * so a half-written file's result is never shown as final.
 */
import { watch, type FSWatcher } from "node:fs";
import { resolve } from "node:path";

/** A folder to watch; `recursive` also watches every folder below it. */
export interface WatchedFolder {
  readonly path: string;
  readonly recursive: boolean;
}

/** How rounds are timed, in ms. */
export interface RoundTiming {
  /** How long to wait for more events after one before a round starts (default 5). */
  readonly debounceMs?: number;
  /** How long the files must have been left alone before a round's result is shown (default 100). */
  readonly quietMs?: number;
  /**
   * How long a round may be held back by files that keep changing (default
   * 5,000): then the latest result is shown, and the next round follows.
   */
  readonly maxSettleMs?: number;
}

/** What rounds do. */
export interface Rounds<T> {
  /** Works out a round over the files (absolute paths) changed since the last one. */
  run(changed: readonly string[]): Promise<T>;
  /** Shows a settled round; `since` is when the first change it answers came (`Date.now()`). */
  show(result: T, since: number): void;
}

/**
 * Watches the folders and runs rounds on their changes, one at a time.
 * Returns the function that stops watching; it resolves once the round in
 * progress (if any) is shown.
 */
export function watchRounds<T>(folders: readonly WatchedFolder[], rounds: Rounds<T>, timing: RoundTiming = {}): () => Promise<void> {
  const debounceMs = timing.debounceMs ?? 5;
  const quietMs = timing.quietMs ?? 100;
  const maxSettleMs = timing.maxSettleMs ?? 5000;
  const pending = new Set<string>();
  let firstEvent = 0;
  let lastEvent = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const settle = async (): Promise<void> => {
    const since = firstEvent;
    let result: T;
    for (;;) {
      const changed = [...pending];
      pending.clear();
      result = await rounds.run(changed);
      // Let the events that came while the round ran arrive (I/O is polled before immediates run).
      await nextImmediate();
      while (!stopped && pending.size === 0 && Date.now() - lastEvent < quietMs) {
        await sleep(quietMs - (Date.now() - lastEvent));
        await nextImmediate();
      }
      if (stopped || pending.size === 0 || Date.now() - since >= maxSettleMs) break;
    }
    firstEvent = pending.size === 0 ? 0 : lastEvent;
    rounds.show(result, since);
  };
  const start = (): void => {
    timer = undefined;
    if (running !== undefined || stopped) return;
    running = settle().finally(() => {
      running = undefined;
      // Changes after the round's end (or kept when it was shown unsettled) make the next one.
      if (pending.size > 0) start();
    });
  };
  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null): void => {
    if (name === null || stopped) return;
    const now = Date.now();
    if (firstEvent === 0) firstEvent = now;
    lastEvent = now;
    pending.add(resolve(dir, name.toString()));
    if (running !== undefined) return; // the round in progress sees it before it is shown
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(start, debounceMs);
  };
  const watchers: FSWatcher[] = folders.map((folder) =>
    folder.recursive ? watch(folder.path, { recursive: true }, onEvent(folder.path)) : watch(folder.path, onEvent(folder.path)),
  );
  return async () => {
    stopped = true;
    for (const watcher of watchers) watcher.close();
    if (timer !== undefined) clearTimeout(timer);
    await running;
  };
}

function nextImmediate(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, Math.max(0, ms)));
}
