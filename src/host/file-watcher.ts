/**
 * Watching folders for changes (watch mode): every change of a file below
 * them is reported by its absolute path, in bursts, since editors write a
 * file in several steps.
 */
import { watch, type FSWatcher } from "node:fs";
import { resolve } from "node:path";

/** How long to wait for more events after the first of a burst, in ms. */
const DEBOUNCE_MS = 5;

/** A folder to watch; `recursive` also watches every folder below it. */
export interface WatchedFolder {
  readonly path: string;
  readonly recursive: boolean;
}

/**
 * Watches the folders and calls `onChange` with the files changed in a
 * burst and when the burst began (`Date.now()` of its first event). Returns
 * the function that stops watching.
 */
export function watchFolders(folders: readonly WatchedFolder[], onChange: (changed: readonly string[], since: number) => void): () => void {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstEvent = 0;
  const flush = (): void => {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    const since = firstEvent;
    firstEvent = 0;
    onChange(changed, since);
  };
  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null): void => {
    if (name === null) return;
    if (firstEvent === 0) firstEvent = Date.now();
    pending.add(resolve(dir, name.toString()));
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = folders.map((folder) =>
    folder.recursive ? watch(folder.path, { recursive: true }, onEvent(folder.path)) : watch(folder.path, onEvent(folder.path)),
  );
  return () => {
    for (const watcher of watchers) watcher.close();
    if (timer !== undefined) clearTimeout(timer);
  };
}
