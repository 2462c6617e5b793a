/**
 * Runs in a child process started with tsx: imports each TypeScript role
 * module given on the command line and sends its default export back as
 * plain data over IPC. User code runs here, never in the rolecraft process.
 */
import { pathToFileURL } from "node:url";

type Outcome =
  | { kind: "ok"; value: unknown }
  | { kind: "noDefaultExport" }
  | { kind: "notPlainData"; reason: string; path: (string | number)[] }
  | { kind: "error"; reason: string; line?: number; column?: number };

/** Where a value is not plain data. */
class NotPlainData extends Error {
  constructor(
    readonly path: (string | number)[],
    what: string,
  ) {
    super(`${["default", ...path].map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")} ${what}`);
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
  const stack = error instanceof Error ? error.stack ?? "" : "";
  const url = pathToFileURL(file).href;
  for (const frame of stack.split("\n")) {
    const at = frame.indexOf(url) >= 0 ? frame.indexOf(url) + url.length : frame.indexOf(file) >= 0 ? frame.indexOf(file) + file.length : -1;
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(frame.slice(at));
    if (match !== null) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return {};
}

async function loadOne(file: string): Promise<Outcome> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (!("default" in mod)) return { kind: "noDefaultExport" };
    try {
      return { kind: "ok", value: toPlainData(mod["default"], [], new Set()) };
    } catch (error) {
      if (error instanceof NotPlainData) return { kind: "notPlainData", reason: error.message, path: error.path };
      return { kind: "notPlainData", reason: error instanceof Error ? error.message : String(error), path: [] };
    }
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: "error", reason: reason.split("\n")[0] ?? reason, ...positionIn(error, file) };
  }
}

const files = process.argv.slice(2);
const results: Record<string, Outcome> = {};
for (const file of files) results[file] = await loadOne(file);
if (process.send) {
  process.send(results, undefined, {}, () => process.exit(0));
} else {
  process.stdout.write(JSON.stringify(results));
}
