/**
 * The Node.js implementation of the compiler host: real files, and
 * TypeScript role modules executed in child processes under tsx with a time
 * limit (user code never runs inside rolecraft's own process).
 */
import { fork } from "node:child_process";
import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CompilerHost, PathKind, TsModuleOutcome } from "../compiler/host.js";
import { MAX_NESTING_DEPTH } from "../compiler/limits.js";

/** Options of the Node host. */
export interface NodeHostOptions {
  readonly cwd?: string;
  /**
   * Time limit for executing one TypeScript role module, in ms. Default: the
   * environment variable `ROLECRAFT_TS_TIMEOUT` (ms), else 10 000.
   */
  readonly tsTimeoutMs?: number;
  /** How many TypeScript role modules load at the same time (each in its own process); default 2. */
  readonly tsConcurrency?: number;
}

/** The default time limit of one TypeScript role module, in ms. */
export const DEFAULT_TS_TIMEOUT_MS = 10_000;

const childScript = (() => {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`../compiler/ts-module-child${ext}`, import.meta.url));
})();

/** The time limit from `ROLECRAFT_TS_TIMEOUT`, when it is a positive number of ms. */
function timeoutFromEnvironment(): number | undefined {
  const raw = process.env["ROLECRAFT_TS_TIMEOUT"];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  const ms = Number(raw.trim());
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** Creates a host over the real file system. */
export function createNodeHost(options: NodeHostOptions = {}): CompilerHost {
  const cwd = options.cwd ?? process.cwd();
  const tsTimeoutMs = options.tsTimeoutMs ?? timeoutFromEnvironment() ?? DEFAULT_TS_TIMEOUT_MS;
  const concurrency = Math.max(1, options.tsConcurrency ?? 2);
  return {
    cwd,
    readFile: (path) => readFileSync(path),
    kind(path): PathKind {
      try {
        const stat = statSync(path);
        return stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "missing";
      } catch {
        return "missing";
      }
    },
    readDirectory: (path) => readdirSync(path).sort(),
    realPath(path) {
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    },
    loadTsModules: (paths) => runTsModules(paths, { timeoutMs: tsTimeoutMs, cwd, concurrency }),
  };
}

interface RunOptions {
  readonly timeoutMs: number;
  readonly cwd: string;
  readonly concurrency: number;
}

/**
 * Runs every module in its own child process, `concurrency` at a time, so
 * that a module that hangs, exits or crashes fails alone and no module sees
 * another's side effects.
 */
async function runTsModules(paths: readonly string[], options: RunOptions): Promise<ReadonlyMap<string, TsModuleOutcome>> {
  const outcomes = new Map<string, TsModuleOutcome>();
  if (paths.length === 0) return outcomes;
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++]!;
      outcomes.set(path, await runTsModule(path, tsxLoader, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, paths.length) }, worker));
  return outcomes;
}

function runTsModule(path: string, tsxLoader: string, options: RunOptions): Promise<TsModuleOutcome> {
  return new Promise((resolve) => {
    const child = fork(childScript, [path], {
      cwd: options.cwd,
      execArgv: ["--import", tsxLoader, "--no-warnings"],
      // The module's output never reaches rolecraft's stdout or stderr.
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced",
    });
    let settled = false;
    const finish = (outcome: TsModuleOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: "timeout", ms: options.timeoutMs }), options.timeoutMs);
    child.on("message", (message) => {
      const record = typeof message === "object" && message !== null ? (message as Record<string, unknown>) : {};
      finish(sanitizeOutcome(Object.hasOwn(record, path) ? record[path] : undefined));
    });
    child.on("error", (error) => finish({ kind: "error", reason: error.message }));
    // An answer sent just before exiting is read before the channel disconnects: conclude only when both happened.
    let exited: string | undefined;
    let disconnected = false;
    child.on("exit", (code, signal) => {
      exited = exitReason(code, signal);
      if (disconnected || !child.connected) finish({ kind: "error", reason: exited });
    });
    child.on("disconnect", () => {
      disconnected = true;
      if (exited !== undefined) finish({ kind: "error", reason: exited });
    });
  });
}

/** Why the child ended without answering. */
function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  // Node exits with 13 when the event loop empties while top-level await is still pending.
  if (code === 13) return "its top-level await never settles";
  if (signal !== null) return `the process loading it was killed (${signal}), e.g. for running out of memory`;
  return `the process loading it exited with code ${String(code)} before the module finished loading`;
}

const MAX_REASON_LENGTH = 500;

/** Most values (counted as a tree, shared ones each time they are reached) a module's data may hold. */
const MAX_DATA_NODES = 2_000_000;

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

function reasonText(value: unknown): string {
  const text = typeof value === "string" ? value : "unknown";
  const line = text.split("\n")[0] ?? text;
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH)}…` : line;
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
      if (!withinNodeBudget(outcome["value"], MAX_DATA_NODES)) return { kind: "notPlainData", reason: `default holds more than ${MAX_DATA_NODES} values`, path: [] };
      return { kind: "ok", value: outcome["value"] };
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
