/** The worker thread of {@link loadModelConcurrently}: loads one role model and posts it back. */
import { parentPort, workerData } from "node:worker_threads";
import { loadModelHere, type ModelRequest } from "./model-load.js";

try {
  const loaded = await loadModelHere(workerData as ModelRequest);
  parentPort?.postMessage({ loaded });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
