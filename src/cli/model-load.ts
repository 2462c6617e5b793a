/**
 * Loading the role model beside the analyzer: commands that read both a role
 * module and application sources load the model on a worker thread while the
 * main thread parses the sources, so that on a machine with two cores the
 * model (YAML, schema validation, C3, the code generator's checks) costs next
 * to nothing on top of the parse. The result is plain data (the model, its
 * diagnostics and the texts of its files for code frames), the same whether
 * it was loaded on a worker or in this thread.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RoleModel } from "../compiler/types.js";
import { catalogue } from "../diagnostics/catalogue.js";
import { hasFailures, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { UsageError, type CliContext } from "./context.js";
import { reportText } from "./shared.js";

/** What to load: a role module (file or folder) relative to `cwd`. */
export interface ModelRequest {
  readonly cwd: string;
  readonly module: string;
  /** Report RC1010 when no file declares `userTypes`. */
  readonly requireUserTypes: boolean;
  /** Also report what only the code generator finds (reserved names, import cycles), when the model has no errors. */
  readonly emitDiagnostics: boolean;
}

/** A loaded role model as plain, cloneable data. */
export interface LoadedModel {
  readonly model: RoleModel;
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The texts of the module's files, by path (for code frames). */
  readonly texts: ReadonlyMap<string, string>;
  /** How many files were read (0 when the module itself could not be read). */
  readonly fileCount: number;
  /** The problem when the named module itself cannot be read (a usage error, not a finding). */
  readonly unreadable?: string;
}

/** Loads the model in this thread. */
export async function loadModelHere(request: ModelRequest): Promise<LoadedModel> {
  // Imported here, not at the top: the thread that only waits for the model never loads the compiler.
  const [{ loadRoleModel }, { createNodeHost }] = await Promise.all([import("../compiler/compile.js"), import("../host/node-host.js")]);
  const host = createNodeHost({ cwd: request.cwd });
  const result = await loadRoleModel(host, resolve(request.cwd, request.module), { requireUserTypes: request.requireUserTypes });
  const diagnostics = [...result.diagnostics];
  if (request.emitDiagnostics && !hasFailures(diagnostics)) {
    const { emitProject } = await import("../emit/emit.js");
    for (const problem of emitProject(result.value.model, { diagnosticsOnly: true }).diagnostics) diagnostics.push(problem);
  }
  const files = result.value.project.files;
  const unreadable = diagnostics.find((d) => d.code === catalogue.unreadableFile.code || d.code === catalogue.unsupportedFile.code);
  return {
    model: result.value.model,
    diagnostics: sortDiagnostics(diagnostics),
    texts: new Map(files.map((f) => [f.path, f.text])),
    fileCount: files.length,
    ...(unreadable !== undefined && files.length === 0 ? { unreadable: unreadable.message } : {}),
  };
}

/** The compiled worker script beside this module; undefined when running from TypeScript sources (tests). */
const workerScript = ((): string | undefined => {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".js") ? fileURLToPath(new URL("./model-worker.js", import.meta.url)) : undefined;
})();

/** A role model loading beside this thread (see {@link loadModelConcurrently}). */
export interface ConcurrentModel {
  /**
   * The model, for a thread that has nothing else to do until it comes. Where
   * the worker has not answered within a grace period, this thread loads the
   * model too, and the first answer wins: a worker starved of CPU time (it
   * runs at the lowest priority, see model-worker.ts) never holds a run up.
   */
  settle(): Promise<LoadedModel>;
  /** Stops loading: the caller failed and will not ask for the model. */
  abandon(): void;
}

/** How long a waiting thread gives the worker before it loads the model itself (`ROLECRAFT_MODEL_GRACE_MS`). */
const DEFAULT_GRACE_MS = 250;

/**
 * Starts loading the model on a worker thread and returns at once; the
 * caller parses its sources meanwhile and settles the model afterwards.
 * Runs in this thread instead when no compiled worker script exists, when
 * `ROLECRAFT_THREADS=1`, or when the worker cannot start.
 */
export function loadModelConcurrently(request: ModelRequest, env: Readonly<Record<string, string | undefined>>): ConcurrentModel {
  if (workerScript === undefined || env["ROLECRAFT_THREADS"] === "1") return here(request);
  let worker: Worker;
  try {
    const workerEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) if (value !== undefined) workerEnv[key] = value;
    worker = new Worker(workerScript, { workerData: request, env: workerEnv });
  } catch {
    return here(request);
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
  const grace = Number(env["ROLECRAFT_MODEL_GRACE_MS"] ?? DEFAULT_GRACE_MS);
  return {
    async settle() {
      let timer: NodeJS.Timeout | undefined;
      const fallback = new Promise<LoadedModel>((resolveLoad, reject) => {
        timer = setTimeout(() => loadModelHere(request).then(resolveLoad, reject), Number.isFinite(grace) && grace >= 0 ? grace : DEFAULT_GRACE_MS);
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
}

/** The model loaded in this thread, started now. */
function here(request: ModelRequest): ConcurrentModel {
  const loaded = loadModelHere(request);
  loaded.catch(() => undefined);
  return { settle: () => loaded, abandon: () => undefined };
}

/**
 * Prints the model's diagnostics; false when there are errors (the command
 * then exits 1). The named module itself unreadable is a usage error (exit 2).
 */
export function reportModel(ctx: CliContext, loaded: LoadedModel, color: boolean): boolean {
  if (loaded.unreadable !== undefined) throw new UsageError(loaded.unreadable);
  reportText(ctx, loaded.diagnostics, color, loaded.texts);
  return !hasFailures(loaded.diagnostics);
}
