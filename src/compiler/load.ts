/**
 * Loading: finds the files of a role-module project (a file, or every
 * top-level module file of a directory), follows `include` transitively
 * (cycles between files are fine) and parses each file into plain data
 * with a locator for positions. Parsing problems become diagnostics.
 */
import { LineCounter, parseAllDocuments } from "yaml";
import { dirname, extname, relative, resolve, sep } from "node:path";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Result, type Span } from "../diagnostics/diagnostic.js";
import type { CompilerHost } from "./host.js";
import { tsLocator, yamlLocator, yamlOffsetSpan, type Locator } from "./locate.js";

/** One parsed role-module file. */
export interface LoadedFile {
  /** Path as shown in diagnostics: relative to the host's cwd, with `/`. */
  readonly path: string;
  readonly absolutePath: string;
  readonly format: "yaml" | "ts";
  /** The module's data, or undefined when it could not be parsed. */
  readonly data: unknown;
  readonly locate: Locator;
  /** The source text (for code frames). */
  readonly text: string;
}

/** All files of a project, in load order (the named files first, then includes depth-first). */
export interface LoadedProject {
  /** The path the user named (display form). */
  readonly target: string;
  readonly files: readonly LoadedFile[];
}

/** Most YAML aliases one file may expand; guards against alias bombs. */
const MAX_ALIAS_COUNT = 1000;

const MODULE_EXTENSIONS = new Set([".yaml", ".yml", ".ts", ".mts"]);

/** Turns an absolute path into the display form used in diagnostics. */
export function displayPath(host: CompilerHost, absolutePath: string): string {
  const rel = relative(host.cwd, absolutePath) || ".";
  return rel.split(sep).join("/");
}

function isModuleFile(name: string): boolean {
  return MODULE_EXTENSIONS.has(extname(name)) && !name.endsWith(".d.ts");
}

/**
 * Loads a project: `target` is a role-module file or a directory whose
 * top-level `.yaml`/`.yml`/`.ts` files are all loaded.
 */
export async function loadProject(host: CompilerHost, target: string): Promise<Result<LoadedProject>> {
  const diagnostics: Diagnostic[] = [];
  const files: LoadedFile[] = [];
  const absoluteTarget = resolve(host.cwd, target);
  const shownTarget = displayPath(host, absoluteTarget);
  const roots: string[] = [];
  const kind = host.kind(absoluteTarget);
  if (kind === "missing") {
    diagnostics.push(diagnostic("unreadableFile", { path: shownTarget, reason: "no such file or directory" }, fileSpan(shownTarget)));
    return { value: { target: shownTarget, files }, diagnostics };
  }
  if (kind === "directory") {
    for (const name of host.readDirectory(absoluteTarget)) {
      const path = resolve(absoluteTarget, name);
      if (isModuleFile(name) && host.kind(path) === "file") roots.push(path);
    }
    if (roots.length === 0) {
      diagnostics.push(diagnostic("noUserTypesModule", { path: shownTarget }, fileSpan(shownTarget), { hint: "the directory holds no .yaml, .yml or .ts role module" }));
    }
  } else if (!isModuleFile(absoluteTarget)) {
    diagnostics.push(diagnostic("unsupportedFile", { path: shownTarget }, fileSpan(shownTarget)));
    return { value: { target: shownTarget, files }, diagnostics };
  } else {
    roots.push(absoluteTarget);
  }

  const seen = new Set<string>();
  // Files are loaded in rounds so that all TypeScript modules of a round run in one child process.
  let queue: { path: string; from?: Span }[] = roots.map((path) => ({ path }));
  while (queue.length > 0) {
    const round: { path: string; from?: Span }[] = [];
    for (const item of queue) {
      const real = host.realPath(item.path);
      if (seen.has(real)) continue;
      seen.add(real);
      round.push(item);
    }
    queue = [];
    const tsPaths = round.filter((item) => isTs(item.path) && readable(host, item, diagnostics)).map((item) => item.path);
    const tsOutcomes = await host.loadTsModules(tsPaths);
    for (const item of round) {
      if (!isTs(item.path) && !readable(host, item, diagnostics)) continue;
      if (isTs(item.path) && !tsPaths.includes(item.path)) continue;
      const loaded = isTs(item.path) ? await parseTsFile(host, item.path, tsOutcomes, diagnostics) : parseYamlFile(host, item.path, diagnostics);
      if (loaded === undefined) continue;
      files.push(loaded);
      for (const include of includesOf(loaded)) queue.push(include);
    }
  }
  return { value: { target: shownTarget, files }, diagnostics };
}

function isTs(path: string): boolean {
  return path.endsWith(".ts") || path.endsWith(".mts");
}

/** Checks that a queued path is a readable file; reports why not. */
function readable(host: CompilerHost, item: { path: string; from?: Span }, diagnostics: Diagnostic[]): boolean {
  const shown = displayPath(host, item.path);
  const kind = host.kind(item.path);
  if (kind === "file") {
    if (isModuleFile(item.path)) return true;
    diagnostics.push(diagnostic("unsupportedFile", { path: shown }, item.from ?? fileSpan(shown)));
    return false;
  }
  const reason = kind === "directory" ? "it is a directory" : "no such file";
  diagnostics.push(
    item.from === undefined
      ? diagnostic("unreadableFile", { path: shown, reason }, fileSpan(shown))
      : diagnostic("unreadableInclude", { path: shown, reason }, item.from),
  );
  return false;
}

/** The `include` entries of a loaded file, resolved against its folder. */
function includesOf(file: LoadedFile): { path: string; from: Span }[] {
  const data = file.data;
  if (typeof data !== "object" || data === null || !("include" in data)) return [];
  const include = (data as { include?: unknown }).include;
  if (!Array.isArray(include)) return [];
  const out: { path: string; from: Span }[] = [];
  include.forEach((entry: unknown, index) => {
    if (typeof entry !== "string" || entry === "") return;
    out.push({ path: resolve(dirname(file.absolutePath), entry), from: file.locate(["include", index]) });
  });
  return out;
}

/** Decodes UTF-8 strictly, dropping a byte order mark. */
function decode(host: CompilerHost, path: string, diagnostics: Diagnostic[]): string | undefined {
  const shown = displayPath(host, path);
  let bytes: Uint8Array;
  try {
    bytes = host.readFile(path);
  } catch (error) {
    diagnostics.push(diagnostic("unreadableFile", { path: shown, reason: errorReason(error) }, fileSpan(shown)));
    return undefined;
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    diagnostics.push(diagnostic("invalidEncoding", { path: shown }, fileSpan(shown)));
    return undefined;
  }
}

function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES") return "permission denied";
    if (code === "ENOENT") return "no such file";
    if (code === "EISDIR") return "it is a directory";
    return error.message;
  }
  return String(error);
}

function parseYamlFile(host: CompilerHost, path: string, diagnostics: Diagnostic[]): LoadedFile | undefined {
  const shown = displayPath(host, path);
  const text = decode(host, path, diagnostics);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const failed = (): LoadedFile => ({ path: shown, absolutePath: path, format: "yaml", data: undefined, locate: () => fileSpan(shown), text });
  if (!Array.isArray(documents) || documents.length === 0) {
    diagnostics.push(diagnostic("emptyModule", { path: shown }, fileSpan(shown)));
    return failed();
  }
  if (documents.length > 1) {
    const second = documents[1];
    const start = second?.range[0] ?? 0;
    diagnostics.push(diagnostic("multipleDocuments", { count: documents.length }, yamlOffsetSpan(shown, lineCounter, start, start)));
    return failed();
  }
  const document = documents[0];
  if (document === undefined) return failed();
  const problems = [...document.errors];
  for (const problem of problems) {
    const [start, end] = problem.pos;
    diagnostics.push(diagnostic("yamlSyntax", { detail: firstLine(problem.message) }, yamlOffsetSpan(shown, lineCounter, start, end)));
  }
  if (problems.length > 0) return failed();
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    diagnostics.push(diagnostic("yamlSyntax", { detail: firstLine(errorReason(error)) }, fileSpan(shown), { hint: "expand fewer aliases; rolecraft refuses alias bombs" }));
    return failed();
  }
  if (data === null || data === undefined) {
    diagnostics.push(diagnostic("emptyModule", { path: shown }, fileSpan(shown)));
    return failed();
  }
  return { path: shown, absolutePath: path, format: "yaml", data, locate: yamlLocator(shown, document.contents, lineCounter), text };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
}

async function parseTsFile(
  host: CompilerHost,
  path: string,
  outcomes: ReadonlyMap<string, import("./host.js").TsModuleOutcome>,
  diagnostics: Diagnostic[],
): Promise<LoadedFile | undefined> {
  const shown = displayPath(host, path);
  const text = decode(host, path, diagnostics);
  if (text === undefined) return undefined;
  const { ts } = await import("ts-morph");
  const locate = tsLocator(shown, text, ts);
  const outcome = outcomes.get(path) ?? { kind: "error", reason: "not loaded" };
  const base = { path: shown, absolutePath: path, format: "ts" as const, locate, text };
  switch (outcome.kind) {
    case "ok":
      return { ...base, data: outcome.value };
    case "noDefaultExport":
      diagnostics.push(diagnostic("tsNoDefaultExport", {}, fileSpan(shown)));
      break;
    case "notPlainData":
      diagnostics.push(diagnostic("tsNotPlainData", { reason: outcome.reason }, locate(outcome.path ?? [])));
      break;
    case "timeout":
      diagnostics.push(diagnostic("tsModuleTimeout", { ms: outcome.ms }, fileSpan(shown)));
      break;
    case "error":
      diagnostics.push(
        diagnostic(
          "tsModuleFailed",
          { reason: outcome.reason },
          outcome.line === undefined ? fileSpan(shown) : { file: shown, line: outcome.line, column: outcome.column ?? 1, endLine: outcome.line, endColumn: outcome.column ?? 1 },
        ),
      );
      break;
  }
  return { ...base, data: undefined };
}
