/**
 * The Node host's model thread: commands that read both a role module and
 * application sources load the model on a worker thread while the main
 * thread parses the sources, so that on a machine with two cores the model
 * (YAML, schema validation, C3, the code generator's checks) costs next to
 * nothing on top of the parse. The worker answers with the same plain data
 * (`LoadedModel`) a load in the main thread gives, marked `loadedBy: "worker"`.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ModelThread } from "../api/host.js";
import type { ConcurrentModel, LoadedModel, ModelRequest } from "../api/model.js";
import type { NodeHostSettings } from "./node-host.js";

/** What the worker is given: the request, and how to build the same host there. */
export interface ModelWorkerData {
  readonly request: ModelRequest;
  readonly host: NodeHostSettings;
}

/** How long a waiting thread gives the worker before it loads the model itself, by default. */
export const DEFAULT_MODEL_GRACE_MS = 250;

/** The longest delay a timer can wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The compiled worker script (src/api/model-worker.ts, built); undefined when running from TypeScript sources (tests). */
const workerScript = ((): string | undefined => {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".js") ? fileURLToPath(new URL("../api/model-worker.js", import.meta.url)) : undefined;
})();

/**
 * A model thread for hosts built with `settings`, or undefined where no
 * compiled worker script exists (running from TypeScript sources).
 *
 * `settle()` waits for the worker; where it has not answered within
 * `graceMs` (`Infinity`: never), the caller's thread loads the model too,
 * and the first answer wins: a worker starved of CPU time (it runs at the lowest priority, see
 * model-worker.ts) never holds a run up. The worker is stopped once the
 * model is there or the caller gave up.
 */
export function nodeModelThread(settings: NodeHostSettings, graceMs: number = DEFAULT_MODEL_GRACE_MS): ModelThread | undefined {
  if (workerScript === undefined) return undefined;
  const script = workerScript;
  return {
    start(request: ModelRequest, loadHere: () => Promise<LoadedModel>): ConcurrentModel {
      let worker: Worker;
      try {
        const workerData: ModelWorkerData = { request, host: settings };
        worker = new Worker(script, { workerData });
      } catch {
        return inThisThread(loadHere);
      }
      const answer = new Promise<LoadedModel>((resolveLoad, reject) => {
        let settled = false;
        worker.once("message", (message: { readonly loaded?: LoadedModel; readonly error?: string }) => {
          settled = true;
          if (message.loaded !== undefined) resolveLoad(message.loaded);
          else reject(new Error(message.error ?? "the model worker failed"));
        });
        worker.once("error", (error) => {
          if (settled) return;
          settled = true;
          reject(error);
        });
        worker.once("exit", (code) => {
          if (settled) return;
          settled = true;
          reject(new Error(`the model worker stopped with exit code ${code} before it answered`));
        });
      });
      answer.catch(() => undefined); // settled (and reported) by settle()
      return {
        async settle() {
          let timer: NodeJS.Timeout | undefined;
          const grace = Number.isNaN(graceMs) || graceMs < 0 ? DEFAULT_MODEL_GRACE_MS : graceMs;
          const fallback = new Promise<LoadedModel>((resolveLoad, reject) => {
            // Beyond what a timer can wait (an infinite grace), only the worker answers.
            if (grace <= MAX_TIMER_MS) timer = setTimeout(() => loadHere().then(resolveLoad, reject), grace);
          });
          fallback.catch(() => undefined);
          try {
            return await Promise.race([answer, fallback]);
          } finally {
            clearTimeout(timer);
            // Done either way: a worker still loading would only keep the process alive.
            void worker.terminate();
          }
        },
        abandon() {
          void worker.terminate();
        },
      };
    },
  };
}

/** The model loaded in this thread, started now. */
function inThisThread(loadHere: () => Promise<LoadedModel>): ConcurrentModel {
  const loaded = loadHere();
  loaded.catch(() => undefined);
  return { settle: () => loaded, abandon: () => undefined };
}
