/**
 * The worker thread of the Node host's model thread (src/host/model-thread.ts
 * starts it by its file name): loads one role model with the API's own
 * `loadModel` and posts it back. It lives with the API because it runs the
 * API's work; the host only provides the thread.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { loadModel } from "./model.js";
import type { ModelWorkerData } from "../host/model-thread.js";
import { createNodeHost } from "../host/node-host.js";

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
  const { request, host } = workerData as ModelWorkerData;
  // The same host as the caller's, without a model thread of its own.
  const loaded = await loadModel(createNodeHost({ ...host, modelThread: false }), request);
  parentPort?.postMessage({ loaded: { ...loaded, loadedBy: "worker" } });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
