/**
 * Runs in a child process started with tsx: imports the TypeScript role
 * module(s) given on the command line and sends each default export back as
 * plain data over IPC. User code runs here, never in the rolecraft process;
 * the parent starts one child per module and treats the answer as untrusted.
 */
import { pathToFileURL } from "node:url";
import { MAX_NESTING_DEPTH } from "./limits.js";

type Outcome =
  | { kind: "ok"; value: unknown }
  | { kind: "noDefaultExport" }
  | { kind: "notPlainData"; reason: string; path: (string | number)[] }
  | { kind: "tooDeep"; path: (string | number)[] }
  | { kind: "error"; reason: string; line?: number; column?: number };

// Taken before any user code runs, which might replace them.
const send = process.send?.bind(process);
const exit = process.exit.bind(process);
const stdoutWrite = process.stdout.write.bind(process.stdout);

/** Where a value is not plain data. */
class NotPlainData extends Error {
  constructor(
    readonly path: (string | number)[],
    what: string,
  ) {
    super(`${["default", ...path].map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")} ${what}`);
  }
}

/** The data nests deeper than rolecraft accepts (checked here so that copying cannot overflow the stack). */
class TooDeep extends Error {
  constructor(readonly path: (string | number)[]) {
    super("too deep");
  }
}

/** Thrown in place of exiting when the module calls `process.exit`. */
class ExitCalled extends Error {
  constructor(readonly code: unknown) {
    super(`the module called process.exit(${code === undefined ? "" : String(code)})`);
  }
}

/** Copies a value if it is plain JSON-like data, else explains where it is not. */
function toPlainData(value: unknown, path: (string | number)[], seen: Set<object>): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new NotPlainData(path, `is ${String(value)}`);
    return value;
  }
  if (typeof value !== "object") throw new NotPlainData(path, `is a ${typeof value}`);
  if (seen.has(value)) throw new NotPlainData(path, "refers back to itself");
  if (path.length >= MAX_NESTING_DEPTH) throw new TooDeep(path);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => toPlainData(item, [...path, i], seen));
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new NotPlainData(path, `is not a plain object (${value.constructor?.name ?? "unknown"})`);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: toPlainData(item, [...path, key], seen), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Where in `file` the error was thrown, from its stack (tsx maps it back to the TypeScript source). */
function positionIn(error: unknown, file: string): { line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const url = pathToFileURL(file).href;
  for (const frame of stack.split("\n")) {
    const at = frame.indexOf(url) >= 0 ? frame.indexOf(url) + url.length : frame.indexOf(file) >= 0 ? frame.indexOf(file) + file.length : -1;
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(frame.slice(at));
    if (match !== null) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return {};
}

function failure(error: unknown, file: string): Outcome {
  const raw = error instanceof Error ? (error instanceof ExitCalled ? error.message : `${error.name}: ${error.message}`) : String(error);
  return { kind: "error", reason: raw.split("\n")[0] ?? raw, ...positionIn(error, file) };
}

async function loadOne(file: string): Promise<Outcome> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (!("default" in mod)) return { kind: "noDefaultExport" };
    try {
      return { kind: "ok", value: toPlainData(mod["default"], [], new Set()) };
    } catch (error) {
      if (error instanceof TooDeep) return { kind: "tooDeep", path: error.path };
      if (error instanceof NotPlainData) return { kind: "notPlainData", reason: error.message, path: error.path };
      return { kind: "notPlainData", reason: error instanceof Error ? error.message : String(error), path: [] };
    }
  } catch (error) {
    return failure(error, file);
  }
}

const files = process.argv.slice(2);
const results: Record<string, Outcome> = {};
let current = files[0] ?? "";
let answered = false;

function answer(): void {
  if (answered) return;
  answered = true;
  if (send !== undefined) send(results, undefined, {}, () => exit(0));
  else {
    stdoutWrite(JSON.stringify(results));
    exit(0);
  }
}

// A module that exits, or fails later in a callback, still gets its own diagnostic.
process.exit = ((code?: unknown) => {
  throw new ExitCalled(code);
}) as typeof process.exit;
const late = (error: unknown): void => {
  results[current] = failure(error, current);
  answer();
};
process.on("uncaughtException", late);
process.on("unhandledRejection", late);
// If rolecraft goes away, so does a module that keeps the event loop busy.
process.on("disconnect", () => exit(0));

for (const file of files) {
  current = file;
  results[file] = await loadOne(file);
}
answer();
