/** The worker thread of {@link loadModelConcurrently}: loads one role model and posts it back. */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { loadModelHere, type ModelRequest } from "./model-load.js";

/**
 * The main thread's work (parsing and analyzing the sources) is what the
 * user waits for; this thread's only has to be done by the end of it. On
 * Linux a thread has a priority of its own: lower this one's, so that where
 * both compete for a core the main thread (and its collector) comes first.
 * Elsewhere, or where it is not allowed, nothing changes.
 */
function yieldToMainThread(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 19);
  } catch {
    // Not Linux, or no /proc: the default priority.
  }
}

yieldToMainThread();
try {
  const loaded = await loadModelHere(workerData as ModelRequest);
  parentPort?.postMessage({ loaded });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
