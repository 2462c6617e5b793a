/**
 * The Node.js host: real files for the compiler and the analyzer,
 * TypeScript role modules executed in child processes under tsx with a time
 * limit (user code never runs inside rolecraft's own process), and the role
 * model loaded on a worker thread beside the analysis.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { globSync as GlobSync } from "tinyglobby";
import { setTypeScriptLoader, typescript } from "../compiler/typescript.js";
import { defaultCompileCacheFolder, requireWithCodeCache } from "./compile-cache.js";
import type { RolecraftHost } from "../api/host.js";
import type { PathKind, TsModuleOutcome } from "../compiler/host.js";
import { MAX_DATA_VALUES, MAX_FILE_BYTES, MAX_NESTING_DEPTH } from "../compiler/limits.js";
import { openGitSnapshots } from "./git.js";
import { nodeModelThread } from "./model-thread.js";
import { readRegularFile, realPathMemo, realPathOrSelf } from "./read-file.js";
import { sourceSymbolicLinks } from "./source-links.js";
import { BUFFER_HOOKS_IMPORT } from "./ts-buffers.js";

/** What a Node host is made of; plain data, so that the model's worker thread builds the same host. */
export interface NodeHostSettings {
  /** The working directory: paths in diagnostics are relative to it. Default: the process's. */
  readonly cwd?: string;
  /** The project folder (see `CompilerHost.root`), when it is not the working directory. */
  readonly root?: string;
  /**
   * Time limit for executing one TypeScript role module, in ms, counted from
   * when its worker process has started. Default: 10 000.
   */
  readonly tsTimeoutMs?: number;
  /** How many worker processes may load TypeScript role modules at the same time; default 2. */
  readonly tsConcurrency?: number;
}

/** Options of the Node host. */
export interface NodeHostOptions extends NodeHostSettings {
  /**
   * Load the role model on a worker thread while the caller reads the
   * sources (when running from the compiled package). Default: false: the
   * worker loads its own copy of the compiler's modules, which costs more CPU
   * time than it saves wall time on a busy machine (bench/README.md, "Speed
   * tricks").
   */
  readonly modelThread?: boolean;
  /** How long a caller waiting for the model thread gives it before loading the model itself, in ms (`Infinity`: never). Default: 250. */
  readonly modelGraceMs?: number;
  /**
   * The folder of V8's code cache for TypeScript's 9 MB bundle
   * (host/compile-cache.ts), as the command line keeps one; used only when
   * it belongs to the user and nobody else can write to it. Default:
   * `rolecraft-compile-cache-<uid>` in the system's temporary folder;
   * `false`: no cache. It counts for the process until TypeScript is first
   * loaded (the last host created before that decides); in the command
   * line's process the command line's setting decides.
   */
  readonly compileCache?: string | false;
}

/** The default time limit of one TypeScript role module, in ms. */
export const DEFAULT_TS_TIMEOUT_MS = 10_000;

// tinyglobby is required on the first glob (a source folder, permission test files): importing the library loads none of it.
let glob: typeof GlobSync | undefined;
function globber(): typeof GlobSync {
  glob ??= (createRequire(import.meta.url)("tinyglobby") as { globSync: typeof GlobSync }).globSync;
  return glob;
}

const childScript = (() => {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`./ts-module-child${ext}`, import.meta.url));
})();

/** Creates a host over the real file system. */
export function createNodeHost(options: NodeHostOptions = {}): RolecraftHost {
  const cacheDir = options.compileCache ?? defaultCompileCacheFolder();
  setTypeScriptLoader(cacheDir === false ? undefined : (file) => requireWithCodeCache(file, cacheDir));
  const cwd = options.cwd ?? process.cwd();
  const tsTimeoutMs = options.tsTimeoutMs ?? DEFAULT_TS_TIMEOUT_MS;
  const concurrency = Math.max(1, options.tsConcurrency ?? 2);
  // Workers that finished their modules wait here for the next round of includes of the same load.
  const pool = new WorkerPool(cwd);
  const settings: NodeHostSettings = { cwd, tsTimeoutMs, tsConcurrency: concurrency, ...(options.root === undefined ? {} : { root: options.root }) };
  const modelThread = options.modelThread === true ? nodeModelThread(settings, options.modelGraceMs) : undefined;
  return {
    cwd,
    ...(options.root === undefined ? {} : { root: options.root }),
    readFile: (path, maxBytes) => readRegularFile(path, maxBytes),
    kind(path): PathKind {
      try {
        // No exception for a missing path: the analyzer asks about many candidates that do not exist.
        const stat = statSync(path, { throwIfNoEntry: false });
        return stat === undefined ? "missing" : stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "missing";
      } catch {
        return "missing";
      }
    },
    fileSize(path) {
      try {
        return statSync(path).size;
      } catch {
        return undefined;
      }
    },
    readDirectory: (path) => readdirSync(path).sort(),
    realPath: realPathOrSelf,
    realPathMemo,
    globFiles: (dir, patterns, ignore) => globber()([...patterns], { cwd: dir, absolute: true, ignore: [...ignore], followSymbolicLinks: false }),
    sourceLinks: (dir) => sourceSymbolicLinks(dir),
    matchFiles: (rootDir, extensions, excludes, includes, depth) => typescript().sys.readDirectory(rootDir, extensions, excludes, includes, depth),
    get useCaseSensitiveFileNames() {
      return typescript().sys.useCaseSensitiveFileNames;
    },
    loadTsModules: (paths, texts) => runTsModules(paths, { timeoutMs: tsTimeoutMs, cwd, concurrency, pool }, texts),
    // A revision's tree is read like the working tree, in this thread.
    // (A revision's tree is its own project: the working tree's root does not apply to it.)
    // A revision's host has the same project folder in the revision's tree as this one in the working tree.
    openSnapshots: () =>
      openGitSnapshots(cwd, options.root, (treeCwd, treeRoot) =>
        createNodeHost({ cwd: treeCwd, tsTimeoutMs, tsConcurrency: concurrency, modelThread: false, ...(treeRoot === undefined ? {} : { root: treeRoot }) }),
      ),
    writeTextFile: writeFileAtomically,
    ...(modelThread === undefined ? {} : { modelThread }),
  };
}

/**
 * Writes a file through a temporary file beside it, flushed to disk and
 * then renamed over it: a reader (or a crash) sees the old content or the
 * new one. The temporary file is removed when anything fails.
 */
export function writeFileAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(temporary, "wx", 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

interface RunOptions {
  readonly timeoutMs: number;
  readonly cwd: string;
  readonly concurrency: number;
  readonly pool: WorkerPool;
}

/** How long an idle worker waits for more modules before it is ended, in ms. */
const IDLE_WORKER_MS = 1000;

/**
 * Idle workers of one host, reused by the next call (a load asks for the
 * TypeScript modules of each round of includes in turn). An idle worker
 * never keeps rolecraft's process alive, and ends after a moment.
 */
class WorkerPool {
  private readonly idle: Worker[] = [];
  private tsxLoader: string | undefined;

  constructor(private readonly cwd: string) {}

  take(): Worker {
    for (let worker = this.idle.pop(); worker !== undefined; worker = this.idle.pop()) {
      if (worker.alive) {
        worker.busy();
        return worker;
      }
    }
    // tsx's own entry (what `npx tsx` loads) hooks both module systems: `import` and `require`, so
    // that a role module loads in every kind of package (ESM, CommonJS, no `type`) and as .ts, .mts or .cts.
    this.tsxLoader ??= pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    return new Worker(this.tsxLoader, this.cwd);
  }

  release(worker: Worker): void {
    if (!worker.alive) return;
    worker.idleFor(IDLE_WORKER_MS);
    this.idle.push(worker);
  }
}

/** How long the first worker may be busy before a second one starts on the remaining modules, in ms. */
const SECOND_WORKER_DELAY_MS = 150;

/**
 * Runs the modules in worker processes (see ts-module-child.ts). One worker
 * loads them one after another; when it is still busy after a moment (a slow
 * or hanging module), more start, up to `concurrency`. A worker whose module
 * hangs, exits or crashes is killed and replaced, so that module fails alone.
 * (Starting a process with tsx costs about a quarter of a second: a worker
 * per module would cost that for every module.)
 */
async function runTsModules(paths: readonly string[], options: RunOptions, texts?: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, TsModuleOutcome>> {
  const outcomes = new Map<string, TsModuleOutcome>();
  if (paths.length === 0) return outcomes;
  let next = 0;
  let drained: () => void = () => {};
  const allTaken = new Promise<void>((resolve) => (drained = resolve));
  let firstLoading: () => void = () => {};
  const loading = new Promise<void>((resolve) => (firstLoading = resolve));
  const take = (): string | undefined => {
    const path = paths[next++];
    if (next >= paths.length) drained();
    return path;
  };
  const lane = async (index: number): Promise<void> => {
    if (index > 0) {
      // Another worker only when the first one has been busy with a module for a moment (not while it starts).
      let timer: NodeJS.Timeout | undefined;
      const busy = loading.then(() => new Promise<void>((resolve) => (timer = setTimeout(resolve, SECOND_WORKER_DELAY_MS * index))));
      await Promise.race([allTaken, busy]);
      clearTimeout(timer);
    }
    let worker: Worker | undefined;
    try {
      for (let path = take(); path !== undefined; path = take()) {
        if (worker !== undefined && !worker.alive) worker = undefined;
        worker ??= options.pool.take();
        outcomes.set(path, await worker.load(path, options.timeoutMs, index === 0 ? firstLoading : undefined, texts?.get(path)));
      }
    } finally {
      if (worker !== undefined) options.pool.release(worker);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, paths.length) }, (_, i) => lane(i)));
  return outcomes;
}

/** How long a worker process may take to start before the module it was to load fails, in ms (not part of the module's time limit). */
const WORKER_START_LIMIT_MS = 60_000;

/** One worker process (ts-module-child.ts) as seen from rolecraft. */
class Worker {
  private readonly child: ChildProcess;
  private readonly ready: Promise<boolean>;
  private pending: { path: string; settle: (outcome: TsModuleOutcome) => void } | undefined;
  private exitReason: string | undefined;
  /** False once the process is gone or was given up on; it then takes no more modules. */
  alive = true;

  constructor(tsxLoader: string, cwd: string) {
    this.child = fork(childScript, [], {
      cwd,
      // The buffer hooks first: registered before tsx, they hand an unsaved buffer's text to tsx (ts-buffers.ts).
      execArgv: ["--import", BUFFER_HOOKS_IMPORT, "--import", tsxLoader, "--no-warnings"],
      // A module's output never reaches rolecraft's stdout or stderr.
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced",
    });
    let markReady: (ready: boolean) => void = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.child.on("message", (message: unknown) => {
      const record = typeof message === "object" && message !== null ? (message as Record<string, unknown>) : {};
      if (record["ready"] === true) return markReady(true);
      const pending = this.pending;
      if (pending === undefined || record["path"] !== pending.path) return;
      pending.settle(sanitizeOutcome(record["outcome"]));
    });
    this.child.on("error", (error) => this.gone(error.message));
    // An answer sent just before exiting is read before the channel disconnects: conclude only when both happened.
    let disconnected = false;
    this.child.on("exit", (code, signal) => {
      this.exitReason = exitReason(code, signal);
      if (disconnected || !this.child.connected) this.gone(this.exitReason);
    });
    this.child.on("disconnect", () => {
      disconnected = true;
      if (this.exitReason !== undefined) this.gone(this.exitReason);
    });
    this.ready.catch(() => {});
    this.gone = (reason: string): void => {
      this.alive = false;
      markReady(false);
      this.pending?.settle({ kind: "error", reason });
    };
  }

  /** Called when the process ends or fails: answers what is pending. */
  private gone: (reason: string) => void;

  private idleTimer: NodeJS.Timeout | undefined;

  /** Keeps rolecraft's process alive while the worker has work. */
  busy(): void {
    clearTimeout(this.idleTimer);
    this.child.ref();
    this.child.channel?.ref();
  }

  /** Lets rolecraft's process end while the worker waits, and ends the worker after `ms`. */
  idleFor(ms: number): void {
    this.child.unref();
    this.child.channel?.unref();
    this.idleTimer = setTimeout(() => this.close(), ms);
    this.idleTimer.unref();
  }

  /**
   * Loads one module (with `text`, an editor's unsaved buffer, in place of
   * its file's). The time limit is the module's own: it counts from the
   * moment the started worker is handed the module, so that a worker slow to
   * start on a busy machine (node and tsx take a quarter of a second idle,
   * seconds when the machine is busy) never makes a fine module time out.
   * Starting has a bound of its own. `onSent` is told when loading begins.
   */
  load(path: string, timeoutMs: number, onSent?: () => void, text?: string): Promise<TsModuleOutcome> {
    if (!this.alive) return Promise.resolve({ kind: "error", reason: this.exitReason ?? "the worker process ended" });
    return new Promise((resolve) => {
      let settled = false;
      /** Ends the worker and answers `outcome` after `ms`. */
      const giveUpAfter = (ms: number, outcome: TsModuleOutcome): NodeJS.Timeout =>
        setTimeout(() => {
          this.close();
          settle(outcome);
        }, ms);
      let timer = giveUpAfter(WORKER_START_LIMIT_MS, { kind: "error", reason: `its worker process did not start within ${WORKER_START_LIMIT_MS / 1000} s` });
      const settle = (outcome: TsModuleOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending = undefined;
        // An error may have left the worker's state broken: don't reuse it.
        if (outcome.kind === "error") this.close();
        resolve(outcome);
      };
      this.pending = { path, settle };
      void this.ready.then((ready) => {
        if (!ready || settled) return;
        clearTimeout(timer);
        timer = giveUpAfter(timeoutMs, { kind: "timeout", ms: timeoutMs });
        try {
          this.child.send(text === undefined ? { load: path } : { load: path, text });
          onSent?.();
        } catch (error) {
          settle({ kind: "error", reason: error instanceof Error ? error.message : String(error) });
        }
      });
    });
  }

  /** Ends the process (a module's timers may keep it running). */
  close(): void {
    this.alive = false;
    clearTimeout(this.idleTimer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

/** Why the child ended without answering. */
function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  // Node exits with 13 when the event loop empties while top-level await is still pending.
  if (code === 13) return "its top-level await never settles";
  if (signal !== null) return `the process loading it was killed (${signal}), e.g. for running out of memory`;
  return `the process loading it exited with code ${String(code)} before the module finished loading`;
}

const MAX_REASON_LENGTH = 2000;
/** Lines of a loader's message kept (esbuild lists up to five errors, one a line, after its first line). */
const MAX_REASON_LINES = 12;


/** True when `value`, unfolded as a tree down to the nesting limit, has at most `budget` values. */
function withinNodeBudget(value: unknown, budget: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (++count > budget) return false;
    if (typeof item !== "object" || item === null || depth > MAX_NESTING_DEPTH) continue;
    const children: unknown[] = Array.isArray(item) ? item : item instanceof Map || item instanceof Set ? [...item.values()] : Object.values(item);
    if (count + stack.length + children.length > budget) return false;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}

/**
 * The size of `value` written as JSON, at least (escapes are not counted),
 * counted until it reaches `limit`: the walk stops there, so a value whose
 * shared parts unfold into a huge tree costs no more than `limit`.
 */
function jsonSizeUpTo(value: unknown, limit: number): number {
  const stack: unknown[] = [value];
  let size = 0;
  while (stack.length > 0 && size < limit) {
    const item = stack.pop();
    if (typeof item === "string") size += Buffer.byteLength(item, "utf8") + 2;
    else if (typeof item === "number" || typeof item === "boolean") size += String(item).length;
    else if (item === null || typeof item !== "object") size += 4;
    else if (Array.isArray(item)) {
      size += 2 + Math.max(0, item.length - 1);
      for (const child of item) stack.push(child);
    } else {
      const entries = Object.entries(item as Record<string, unknown>);
      size += 2 + Math.max(0, entries.length - 1);
      for (const [key, child] of entries) {
        size += Buffer.byteLength(key, "utf8") + 3;
        stack.push(child);
      }
    }
  }
  return size;
}

function reasonText(value: unknown): string {
  const text = typeof value === "string" ? value : "unknown";
  const lines = text.split("\n");
  const kept = lines.slice(0, MAX_REASON_LINES).join("\n") + (lines.length > MAX_REASON_LINES ? "\n…" : "");
  return kept.length > MAX_REASON_LENGTH ? `${kept.slice(0, MAX_REASON_LENGTH)}…` : kept;
}

function isDataPath(value: unknown): value is (string | number)[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_NESTING_DEPTH + 1 &&
    value.every((s) => typeof s === "string" || (typeof s === "number" && Number.isSafeInteger(s) && s >= 0))
  );
}

function isPosition(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1;
}

/**
 * Checks the shape of an answer: it was produced in a process running user
 * code, which may have sent anything. (The data itself is checked later,
 * like YAML data, before anything else looks at it.)
 */
export function sanitizeOutcome(raw: unknown): TsModuleOutcome {
  if (typeof raw !== "object" || raw === null) return { kind: "error", reason: "the module loader returned nothing" };
  const outcome = raw as Record<string, unknown>;
  switch (outcome["kind"]) {
    case "ok":
      if (!Object.hasOwn(outcome, "value")) return { kind: "noDefaultExport" };
      // Shared references could make a small message expand into an enormous tree for later stages.
      if (!withinNodeBudget(outcome["value"], MAX_DATA_VALUES)) return { kind: "notPlainData", reason: `default holds more than ${MAX_DATA_VALUES} values`, path: [] };
      {
        // The worker measures this too; a forged answer is measured here.
        const size = jsonSizeUpTo(outcome["value"], MAX_FILE_BYTES + 1);
        if (size > MAX_FILE_BYTES) return { kind: "tooLarge", size };
      }
      return { kind: "ok", value: outcome["value"] };
    case "tooLarge": {
      const size = outcome["size"];
      return { kind: "tooLarge", size: typeof size === "number" && Number.isSafeInteger(size) && size > MAX_FILE_BYTES ? size : MAX_FILE_BYTES + 1 };
    }
    case "noDefaultExport":
      return { kind: "noDefaultExport" };
    case "notPlainData": {
      const path = outcome["path"];
      return { kind: "notPlainData", reason: reasonText(outcome["reason"]), ...(isDataPath(path) ? { path } : {}) };
    }
    case "tooDeep": {
      const path = outcome["path"];
      return { kind: "tooDeep", path: isDataPath(path) ? path : [] };
    }
    case "error": {
      const line = outcome["line"];
      const column = outcome["column"];
      return {
        kind: "error",
        reason: reasonText(outcome["reason"]),
        ...(isPosition(line) ? { line } : {}),
        ...(isPosition(line) && isPosition(column) ? { column } : {}),
      };
    }
    default:
      return { kind: "error", reason: "the module loader answered something unexpected" };
  }
}
