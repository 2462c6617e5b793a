/**
 * Runs in a child process started with tsx: a worker that imports the
 * TypeScript role modules the parent asks for, one at a time, and sends each
 * default export back as plain data over IPC. User code runs here, never in
 * the rolecraft process; the parent treats every answer as untrusted and
 * replaces the worker when a module hangs, exits or leaves it broken.
 *
 * Protocol: the worker sends `{ ready: true }`, then answers each
 * `{ load: path, text? }` with `{ path, outcome }`; with `text` (an editor's
 * unsaved buffer) the module runs that text instead of its file's.
 */
import { pathToFileURL } from "node:url";
import { MAX_FILE_BYTES, MAX_NESTING_DEPTH } from "../compiler/limits.js";
import { BUFFER_MARK, BUFFERS_GLOBAL } from "./ts-buffers.js";

type Outcome =
  | { kind: "ok"; value: unknown }
  | { kind: "noDefaultExport" }
  | { kind: "notPlainData"; reason: string; path: (string | number)[] }
  | { kind: "tooDeep"; path: (string | number)[] }
  | { kind: "tooLarge"; size: number }
  | { kind: "error"; reason: string; line?: number; column?: number };

// Taken before any user code runs, which might replace them.
const send = process.send?.bind(process);
const exit = process.exit.bind(process);
const stdoutWrite = process.stdout.write.bind(process.stdout);
const stringify = JSON.stringify;
const byteLength = Buffer.byteLength;

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
    if (proto !== Object.prototype && proto !== null) {
      // In an object literal, `__proto__: …` sets the prototype instead of adding a key.
      const literal = typeof proto === "object" && Object.getPrototypeOf(proto) === Object.prototype && !Object.hasOwn(proto, "constructor");
      throw new NotPlainData(
        path,
        literal
          ? "is not a plain object: its prototype was set (`__proto__: …` in an object literal does that; write `[\"__proto__\"]: …` for a key)"
          : `is not a plain object (${(value as { constructor?: { name?: string } }).constructor?.name ?? "unknown"})`,
      );
    }
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
    // The module was imported with a query (see loadOne): skip it.
    const match = /^(?:\?[^:\s)]*)?:(\d+):(\d+)/.exec(frame.slice(at));
    if (match !== null) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return {};
}

function failure(error: unknown, file: string): Outcome {
  // The whole message: esbuild puts its details (file:line:column: ERROR: …) on the lines after the first.
  const reason = error instanceof Error ? (error instanceof ExitCalled ? error.message : `${error.name}: ${error.message}`) : String(error);
  return { kind: "error", reason, ...positionIn(error, file) };
}

/** Loads so far: each load imports the module anew (a query makes its URL new), never a copy cached by an earlier load. */
let loads = 0;
/** The port to the loader hooks that serve unsaved buffers (ts-buffers.ts), when they are registered. */
const buffers = (globalThis as Record<symbol, unknown>)[Symbol.for(BUFFERS_GLOBAL)] as { postMessage(message: unknown): void } | undefined;

async function loadOne(file: string, text: string | undefined): Promise<Outcome> {
  try {
    const base = pathToFileURL(file).href;
    let url = `${base}?rolecraft-load=${++loads}`;
    if (text !== undefined && buffers !== undefined) {
      // An editor's unsaved buffer: the hooks give the module this text instead of the file's.
      url = `${base}?${BUFFER_MARK}${loads}`;
      buffers.postMessage({ url, text });
    }
    const mod = (await import(url)) as Record<string, unknown>;
    if (!("default" in mod)) return { kind: "noDefaultExport" };
    try {
      const value = toPlainData(mod["default"], [], new Set());
      // A role module is at most MAX_FILE_BYTES, however it is written: measured before it is sent.
      let size: number;
      try {
        size = byteLength(stringify(value), "utf8");
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        size = Number.MAX_SAFE_INTEGER; // longer than a string can be
      }
      return size > MAX_FILE_BYTES ? { kind: "tooLarge", size } : { kind: "ok", value };
    } catch (error) {
      if (error instanceof TooDeep) return { kind: "tooDeep", path: error.path };
      if (error instanceof NotPlainData) return { kind: "notPlainData", reason: error.message, path: error.path };
      return { kind: "notPlainData", reason: error instanceof Error ? error.message : String(error), path: [] };
    }
  } catch (error) {
    return failure(error, file);
  }
}

let current: string | undefined;

function reply(message: unknown, then?: () => void): void {
  if (send === undefined) {
    stdoutWrite(`${JSON.stringify(message)}\n`);
    then?.();
  } else {
    send(message, undefined, {}, () => then?.());
  }
}

// A module that exits is reported like one that throws (the call throws instead of exiting).
process.exit = ((code?: unknown) => {
  throw new ExitCalled(code);
}) as typeof process.exit;
// A failure outside of loading (a timer, a rejected promise) leaves this worker in an unknown state:
// it is blamed on the module being loaded, if any, and the worker makes way for a fresh one.
const late = (error: unknown): void => {
  if (current !== undefined) reply({ path: current, outcome: failure(error, current) }, () => exit(1));
  else exit(1);
};
process.on("uncaughtException", late);
process.on("unhandledRejection", late);
// If rolecraft goes away, so does a worker kept busy by a module's timers.
process.on("disconnect", () => exit(0));

process.on("message", (message: unknown) => {
  const record = typeof message === "object" && message !== null ? (message as { load?: unknown; text?: unknown }) : {};
  const path = record.load;
  if (typeof path !== "string" || current !== undefined) return;
  current = path;
  void loadOne(path, typeof record.text === "string" ? record.text : undefined).then((outcome) => {
    current = undefined;
    reply({ path, outcome });
  });
});
reply({ ready: true });
