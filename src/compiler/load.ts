/**
 * Loading: finds the files of a role-module project (a file, or every
 * top-level module file of a directory), follows `include` transitively
 * (cycles between files are fine) and parses each file into plain data
 * with a locator for positions. Parsing problems become diagnostics.
 */
import { typescript } from "./typescript.js";
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type CST, type Document, type Node as YamlNode } from "yaml";
import { dirname, extname, isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { diagnostic, type DiagnosticId } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic, type Result, type Span } from "../diagnostics/diagnostic.js";
import { errorReason as systemErrorWords } from "../diagnostics/system-error.js";
import { CONFIG_FILES, FileRefusedError, type CompilerHost, type TsModuleOutcome } from "./host.js";
import { MAX_ALIAS_COUNT, MAX_DATA_VALUES, MAX_FILE_BYTES, MAX_MODULE_FILES, MAX_NESTING_DEPTH } from "./limits.js";
import { clampSpan, fromScriptPosition, lineIndex, tsLocator, yamlLocator, yamlOffsetSpan, type DataPath, type Locator } from "./locate.js";
import { insideProject, isAbsoluteAnywhere, projectFolder } from "./project-folder.js";
import { describePath } from "./validate.js";
import { placeYamlErrors } from "./yaml-errors.js";

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
  /**
   * Absolute paths the load looked at, read or not: the named path and every
   * file a folder or an include brought in (a missing one too: its
   * appearance changes the project).
   */
  readonly looked: readonly string[];
}

/**
 * What earlier loads parsed, kept by a long-lived caller (the editor's
 * session) so that loading the project again parses only the files whose
 * text changed: YAML files by their text, TypeScript modules by their text
 * (their outcomes come from running them: the caller drops them when a file
 * such a module may import changed, see {@link ParseCache.forgetTsModules}),
 * and validation results by file.
 */
export class ParseCache {
  readonly yaml = new Map<string, { readonly text: string; readonly file: LoadedFile; readonly diagnostics: readonly Diagnostic[] }>();
  readonly ts = new Map<string, { readonly text: string; readonly outcome: TsModuleOutcome }>();
  /** Problems of each loaded file as validation found them (validate.ts). */
  readonly validated = new WeakMap<LoadedFile, readonly Diagnostic[]>();

  /** Forgets what TypeScript role modules gave: the next load runs them again. */
  forgetTsModules(): void {
    this.ts.clear();
  }
}

const MODULE_EXTENSIONS = new Set([".yaml", ".yml", ".ts", ".mts", ".cts"]);
const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);

/** Turns an absolute path into the display form used in diagnostics. */
export function displayPath(host: Pick<CompilerHost, "cwd">, absolutePath: string): string {
  const rel = relative(host.cwd, absolutePath) || ".";
  return rel.split(sep).join("/");
}

function isModuleFile(name: string): boolean {
  return MODULE_EXTENSIONS.has(extname(name)) && !/\.d\.[mc]?ts$/.test(name);
}

/**
 * Loads a project: `target` is a role-module file or a directory whose
 * top-level `.yaml`/`.yml`/`.ts` files are all loaded.
 *
 * The project folder is the host's root (the folder of the configuration
 * that applies) or working directory, or, when the target lies outside it,
 * the target's folder. Every file loaded must lie inside it
 * (after following symbolic links), and `include` paths must be relative: a
 * role module from an untrusted change can then never make rolecraft read,
 * and quote in its diagnostics, a file elsewhere on the machine.
 */
export async function loadProject(host: CompilerHost, target: string, cache?: ParseCache): Promise<Result<LoadedProject>> {
  const diagnostics: Diagnostic[] = [];
  const files: LoadedFile[] = [];
  const absoluteTarget = resolve(host.cwd, target);
  const looked = [absoluteTarget];
  const shownTarget = displayPath(host, absoluteTarget);
  const roots: { path: string; from?: Span }[] = [];
  const kind = host.kind(absoluteTarget);
  if (kind === "missing") {
    diagnostics.push(diagnostic("unreadableFile", { path: shownTarget, reason: missingReason(host, absoluteTarget) }, fileSpan(shownTarget)));
    return { value: { target: shownTarget, files, looked }, diagnostics };
  }
  const root = projectFolder(host, absoluteTarget, kind);
  if (kind === "directory") {
    let names: readonly string[];
    try {
      names = host.readDirectory(absoluteTarget);
    } catch (error) {
      diagnostics.push(diagnostic("unreadableFile", { path: shownTarget, reason: errorReason(error) }, fileSpan(shownTarget)));
      return { value: { target: shownTarget, files, looked }, diagnostics };
    }
    for (const name of names) {
      // One past the limit is enough for the load to say so.
      if (roots.length > MAX_MODULE_FILES) break;
      const path = resolve(absoluteTarget, name);
      // The folder may also be the project's root, with its rolecraft.config.yaml.
      if (!isModuleFile(name) || CONFIG_FILES.includes(name)) continue;
      const entryKind = host.kind(path);
      // A folder named like a module file is not one; a broken or looping link is a module file that can't be read.
      if (entryKind === "file") roots.push({ path });
      else if (entryKind === "missing") {
        const shown = displayPath(host, path);
        diagnostics.push(diagnostic("unreadableFile", { path: shown, reason: missingReason(host, path) }, fileSpan(shown)));
      }
    }
    if (roots.length === 0 && diagnostics.length === 0) {
      diagnostics.push(diagnostic("noUserTypesModule", { path: shownTarget }, fileSpan(shownTarget), { hint: "the directory holds no .yaml, .yml, .ts, .mts or .cts role module" }));
    }
  } else if (!isModuleFile(absoluteTarget)) {
    diagnostics.push(diagnostic("unsupportedFile", { path: shownTarget }, fileSpan(shownTarget)));
    return { value: { target: shownTarget, files, looked }, diagnostics };
  } else {
    roots.push({ path: absoluteTarget });
  }

  const seen = new Set<string>();
  // Files are loaded in rounds so that the TypeScript modules of a round load side by side.
  let queue: { path: string; from?: Span }[] = roots;
  let named = true;
  let tooMany = false;
  while (queue.length > 0 && !tooMany) {
    const round: { path: string; from?: Span }[] = [];
    for (const item of queue) {
      const real = host.realPath(item.path);
      if (seen.has(real)) continue;
      if (seen.size === MAX_MODULE_FILES) {
        const shown = displayPath(host, item.path);
        diagnostics.push(diagnostic("tooManyModuleFiles", { max: MAX_MODULE_FILES, path: shown }, item.from ?? fileSpan(shown)));
        tooMany = true;
        break;
      }
      looked.push(item.path);
      seen.add(real);
      // The named file itself may be anywhere; what it (or a folder's entry) brings in must stay inside the project.
      if (!(named && item.path === absoluteTarget) && !insideProject(root, real)) {
        const shown = displayPath(host, item.path);
        diagnostics.push(diagnostic("includeOutsideProject", { path: shown, root: root.shown }, item.from ?? fileSpan(shown)));
        continue;
      }
      round.push(item);
    }
    named = false;
    queue = [];
    const tsPaths = round.filter((item) => isTs(item.path) && readable(host, item, diagnostics)).map((item) => item.path);
    // Modules whose text ran before keep their outcome (cache); the others run now.
    const cachedTs = new Map<string, TsModuleOutcome>();
    for (const path of tsPaths) {
      const known = cache?.ts.get(path);
      if (known !== undefined && known.text === readText(host, path)) cachedTs.set(path, known.outcome);
    }
    const tsOutcomes = new Map(await host.loadTsModules(tsPaths.filter((path) => !cachedTs.has(path))));
    for (const [path, outcome] of cachedTs) tsOutcomes.set(path, outcome);
    for (const item of round) {
      if (!isTs(item.path) && !readable(host, item, diagnostics)) continue;
      if (isTs(item.path) && !tsPaths.includes(item.path)) continue;
      const loaded = isTs(item.path) ? await parseTsFile(host, item.path, tsOutcomes, diagnostics, cache) : parseYamlFile(host, item.path, diagnostics, cache);
      if (loaded === undefined) continue;
      files.push(loaded);
      for (const include of includesOf(loaded, diagnostics)) queue.push(include);
    }
  }
  return { value: { target: shownTarget, files, looked }, diagnostics };
}

function isTs(path: string): boolean {
  return TS_EXTENSIONS.has(extname(path));
}

/** Why a path that is neither a file nor a directory can't be read (a broken link, a link loop…). */
function missingReason(host: CompilerHost, path: string): string {
  try {
    // The host refuses what is not a regular file (a FIFO, /dev/zero) before reading it.
    host.readFile(path, MAX_FILE_BYTES);
  } catch (error) {
    return errorReason(error);
  }
  return "no such file";
}

/** Checks that a queued path is a readable file; reports why not. */
function readable(host: CompilerHost, item: { path: string; from?: Span }, diagnostics: Diagnostic[]): boolean {
  const shown = displayPath(host, item.path);
  const kind = host.kind(item.path);
  if (kind === "file") {
    const size = host.fileSize?.(item.path);
    if (size !== undefined && size > MAX_FILE_BYTES) {
      diagnostics.push(diagnostic("fileTooLarge", { path: shown, size, max: MAX_FILE_BYTES }, item.from ?? fileSpan(shown)));
      return false;
    }
    if (isModuleFile(item.path)) return true;
    diagnostics.push(diagnostic("unsupportedFile", { path: shown }, item.from ?? fileSpan(shown)));
    return false;
  }
  const reason = kind === "directory" ? "it is a directory" : missingReason(host, item.path);
  diagnostics.push(
    item.from === undefined
      ? diagnostic("unreadableFile", { path: shown, reason }, fileSpan(shown))
      : diagnostic("unreadableInclude", { path: shown, reason }, item.from),
  );
  return false;
}

/** The `include` entries of a loaded file, resolved against its folder; absolute paths are refused. */
function includesOf(file: LoadedFile, diagnostics: Diagnostic[]): { path: string; from: Span }[] {
  const data = file.data;
  if (typeof data !== "object" || data === null || !("include" in data)) return [];
  const include = (data as { include?: unknown }).include;
  if (!Array.isArray(include)) return [];
  const out: { path: string; from: Span }[] = [];
  include.forEach((entry: unknown, index) => {
    if (typeof entry !== "string" || entry === "") return;
    const from = file.locate(["include", index]);
    if (isAbsoluteAnywhere(entry)) {
      diagnostics.push(diagnostic("absoluteInclude", { include: entry }, from));
      return;
    }
    out.push({ path: resolve(dirname(file.absolutePath), entry), from });
  });
  return out;
}

/** Reads and decodes a file (see {@link decodeText}); problems become diagnostics. */
function decode(host: CompilerHost, path: string, diagnostics: Diagnostic[]): string | undefined {
  const shown = displayPath(host, path);
  let bytes: Uint8Array;
  try {
    bytes = host.readFile(path, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileRefusedError && error.refusal === "tooLarge") {
      diagnostics.push(diagnostic("fileTooLarge", { path: shown, size: error.size ?? MAX_FILE_BYTES + 1, max: MAX_FILE_BYTES }, fileSpan(shown)));
    } else {
      diagnostics.push(diagnostic("unreadableFile", { path: shown, reason: errorReason(error) }, fileSpan(shown)));
    }
    return undefined;
  }
  return decodeText(bytes, shown, diagnostics);
}

/**
 * Decodes a file's bytes as UTF-8, strictly, dropping a byte order mark and
 * turning lone CRs into LFs; a file over `maxBytes` (default
 * {@link MAX_FILE_BYTES}, the limit of role modules) or not valid
 * UTF-8 gives a diagnostic instead. Every YAML input rolecraft reads (role
 * modules, permission tests) is decoded this way, so positions agree.
 */
export function decodeText(bytes: Uint8Array, shown: string, diagnostics: Diagnostic[], maxBytes = MAX_FILE_BYTES): string | undefined {
  // Hosts that can't tell a file's size up front are checked here.
  if (bytes.length > maxBytes) {
    diagnostics.push(diagnostic("fileTooLarge", { path: shown, size: bytes.length, max: maxBytes }, fileSpan(shown)));
    return undefined;
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // A lone CR (old Mac line ends) is a line break for YAML, JavaScript and LSP, but not for the
    // yaml library: make it LF, so that the text, its parse and every position agree.
    return (text.startsWith("\uFEFF") ? text.slice(1) : text).replace(/\r(?!\n)/g, "\n");
  } catch {
    diagnostics.push(diagnostic("invalidEncoding", { path: shown }, fileSpan(shown)));
    return undefined;
  }
}

function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file";
    if (code === "ERR_INVALID_ARG_VALUE" || code === "ERR_INVALID_ARG_TYPE") return "the path is not valid (it holds a NUL character)";
  }
  // A system error's own message spells out the absolute path: name the error instead.
  return systemErrorWords(error);
}

/** A file's text as {@link decode} gives it, or undefined when it can't be read (for cache lookups; never reports). */
function readText(host: CompilerHost, path: string): string | undefined {
  return decode(host, path, []);
}

/** A YAML file parsed, or taken from the cache when its text is what the cache parsed. */
function parseYamlFile(host: CompilerHost, path: string, diagnostics: Diagnostic[], cache?: ParseCache): LoadedFile | undefined {
  if (cache === undefined) return readYamlFile(host, path, diagnostics);
  const text = readText(host, path);
  const known = cache.yaml.get(path);
  if (known !== undefined && text !== undefined && known.text === text) {
    for (const d of known.diagnostics) diagnostics.push(d);
    return known.file;
  }
  const found: Diagnostic[] = [];
  const file = readYamlFile(host, path, found);
  for (const d of found) diagnostics.push(d);
  if (file !== undefined) cache.yaml.set(path, { text: file.text, file, diagnostics: found });
  else cache.yaml.delete(path);
  return file;
}

function readYamlFile(host: CompilerHost, path: string, diagnostics: Diagnostic[]): LoadedFile | undefined {
  const shown = displayPath(host, path);
  const text = decode(host, path, diagnostics);
  if (text === undefined) return undefined;
  const parsed = parseYamlText(text, shown, ROLE_MODULE_DOCUMENT, diagnostics);
  if (parsed === undefined) return { path: shown, absolutePath: path, format: "yaml", data: undefined, locate: () => fileSpan(shown), text };
  return { path: shown, absolutePath: path, format: "yaml", data: parsed.data, locate: parsed.locate, text };
}

/** What a kind of YAML document is called in the diagnostics about it, and which it gets when it is empty or holds several documents. */
export interface YamlDocumentKind {
  /** How a message names the whole document: `the role module`. */
  readonly noun: string;
  /** Names a position in the document for people (see describePath). */
  readonly describe: (path: DataPath) => string;
  /** Reported for a file with no document, or an empty one (data: `path`). */
  readonly empty: DiagnosticId;
  /** Reported for a file with more than one document (data: `count`). */
  readonly multiple: DiagnosticId;
}

/** Role modules as YAML documents. */
const ROLE_MODULE_DOCUMENT: YamlDocumentKind = {
  noun: "the role module",
  describe: (path) => describePath(path, undefined),
  empty: "emptyModule",
  multiple: "multipleDocuments",
};

/** A parsed YAML document: its data and where each part of it is written. */
export interface ParsedYaml {
  readonly data: unknown;
  readonly locate: Locator;
}

/**
 * Parses one YAML document with exact positions: syntax errors, several
 * documents, an empty document, duplicate keys, nesting beyond
 * {@link MAX_NESTING_DEPTH} and alias bombs become diagnostics (then the
 * result is undefined). Every YAML input rolecraft reads goes through here,
 * so that all of them are refused and positioned the same way.
 *
 * @param shown the file as diagnostics name it
 */
export function parseYamlText(text: string, shown: string, kind: YamlDocumentKind, diagnostics: Diagnostic[]): ParsedYaml | undefined {
  const lines = lineIndex(text);
  // (yaml may put an error one past the end of the text; the line index keeps it inside.)
  const at = (start: number, end: number): Span => yamlOffsetSpan(shown, lines, start, end);
  // yaml's parser to tokens is iterative, its composer to nodes recursive: measure the nesting
  // on the tokens first, so that deep input gets the same diagnostic whatever the stack size.
  const tokens = Array.from(new Parser().parse(text));
  const deepAt = tooDeepToken(tokens);
  if (deepAt !== undefined) {
    diagnostics.push(diagnostic("nestingTooDeep", { where: kind.noun, max: MAX_NESTING_DEPTH }, at(deepAt, deepAt + 1)));
    return undefined;
  }
  // Unique keys are checked below in linear time: yaml's own check is quadratic in the size of a map.
  // logLevel "error": the yaml library prints warnings on the process (a collection as a key); they are diagnostics here.
  const documents: Document.Parsed[] = Array.from(new Composer({ prettyErrors: false, uniqueKeys: false, strict: true, logLevel: "error" }).compose(tokens));
  if (documents.length === 0) {
    diagnostics.push(diagnostic(kind.empty, { path: shown }, fileSpan(shown)));
    return undefined;
  }
  if (documents.length > 1) {
    const second = documents[1];
    const start = second?.range[0] ?? 0;
    diagnostics.push(diagnostic(kind.multiple, { count: documents.length }, at(start, start)));
    return undefined;
  }
  const document = documents[0];
  if (document === undefined) return undefined;
  // yaml reports its own stack overflow on absurdly deep nesting as resource exhaustion;
  // the first one says it all (what follows it are echoes of the same overflow).
  const overflow = document.errors.find((problem) => problem.code === "RESOURCE_EXHAUSTION" && /call stack/i.test(problem.message));
  if (overflow !== undefined) {
    diagnostics.push(diagnostic("nestingTooDeep", { where: kind.noun, max: MAX_NESTING_DEPTH }, at(overflow.pos[0], overflow.pos[1])));
    return undefined;
  }
  for (const problem of placeYamlErrors(document.errors, text, tokens)) {
    diagnostics.push(diagnostic("yamlSyntax", { detail: problem.detail }, at(problem.start, problem.end), problem.hint === undefined ? {} : { hint: problem.hint }));
  }
  if (document.errors.length > 0) return undefined;
  const scan = scanYamlNodes(document.contents);
  for (const [start, end] of scan.duplicateKeys) {
    diagnostics.push(diagnostic("yamlSyntax", { detail: "Map keys must be unique" }, at(start, end), { hint: "each key may appear once in a mapping" }));
  }
  const unfolded = scan.firstAlias === undefined ? undefined : unfoldAliases(document.contents);
  const collectionKeys = [...scan.collectionKeys, ...(unfolded?.collectionKeys ?? [])].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of collectionKeys) {
    diagnostics.push(diagnostic("yamlSyntax", { detail: "a mapping key must be a scalar, not a mapping or a list" }, at(start, end), { hint: "write the key as a name" }));
  }
  if (collectionKeys.length > 0) return undefined;
  if (unfolded !== undefined && scan.firstAlias !== undefined && (unfolded.expansions > MAX_ALIAS_COUNT || unfolded.values > MAX_DATA_VALUES)) {
    const detail =
      unfolded.expansions > MAX_ALIAS_COUNT
        ? `the aliases expand more than ${MAX_ALIAS_COUNT} times`
        : `with its aliases expanded, the data holds more than ${MAX_DATA_VALUES} values`;
    diagnostics.push(diagnostic("yamlSyntax", { detail }, at(scan.firstAlias[0], scan.firstAlias[1]), { hint: "expand fewer aliases; rolecraft refuses alias bombs" }));
    return undefined;
  }
  if (scan.tooDeep !== undefined) {
    const [start, end] = scan.tooDeep.range;
    diagnostics.push(diagnostic("nestingTooDeep", { where: kind.describe(scan.tooDeep.path.slice(0, 4)), max: MAX_NESTING_DEPTH }, at(start, end)));
  }
  if (scan.duplicateKeys.length > 0 || scan.tooDeep !== undefined) return undefined;
  let data: unknown;
  try {
    // The aliases were counted above, exactly: the yaml library's own estimate would refuse a different number.
    data = document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const span = scan.firstAlias === undefined ? fileSpan(shown) : at(scan.firstAlias[0], scan.firstAlias[1]);
    diagnostics.push(diagnostic("yamlSyntax", { detail: firstLine(errorReason(error)) }, span, { hint: "expand fewer aliases; rolecraft refuses alias bombs" }));
    return undefined;
  }
  if (data === null || data === undefined) {
    diagnostics.push(diagnostic(kind.empty, { path: shown }, fileSpan(shown)));
    return undefined;
  }
  return { data, locate: yamlLocator(shown, document.contents, lines) };
}

/** The offset of the first collection nested deeper than the limit, walking the parser's tokens without recursion. */
function tooDeepToken(tokens: readonly CST.Token[]): number | undefined {
  for (const token of tokens) {
    const stack: { token: CST.Token | undefined; depth: number }[] = [{ token, depth: 0 }];
    while (stack.length > 0) {
      const { token: current, depth } = stack.pop()!;
      if (current === undefined) continue;
      if (current.type === "document") {
        stack.push({ token: current.value, depth });
        continue;
      }
      if (current.type !== "block-map" && current.type !== "block-seq" && current.type !== "flow-collection") continue;
      if (depth >= MAX_NESTING_DEPTH) return current.offset;
      // Reversed, so that the first found is the first in the text.
      for (let i = current.items.length - 1; i >= 0; i--) {
        const item = current.items[i]!;
        stack.push({ token: item.value, depth: depth + 1 });
        if ("key" in item && item.key !== null && item.key !== undefined) stack.push({ token: item.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** What one pass over a YAML document's nodes finds. */
interface YamlNodeScan {
  /** Ranges of keys that repeat an earlier key of the same mapping. */
  readonly duplicateKeys: [number, number][];
  /** The first node (in text order) nested deeper than the limit. */
  readonly tooDeep?: { readonly path: DataPath; readonly range: [number, number] };
  /** The first alias (in text order), where an alias bomb is reported. */
  readonly firstAlias?: [number, number];
  /** Ranges of keys that are maps or lists (JavaScript objects can't have them). */
  readonly collectionKeys: [number, number][];
}

/**
 * Walks the nodes of a document without recursion (the input may nest as
 * deep as the parser allows): duplicate keys, nesting beyond the limit and
 * the first alias. Keys are compared as the object keys they become.
 */
function scanYamlNodes(root: YamlNode | null): YamlNodeScan {
  const duplicateKeys: [number, number][] = [];
  const collectionKeys: [number, number][] = [];
  let tooDeep: { path: DataPath; range: [number, number] } | undefined;
  let firstAlias: [number, number] | undefined;
  const stack: { node: unknown; path: DataPath }[] = [{ node: root, path: [] }];
  const rangeOf = (node: unknown): [number, number] => {
    const range = (node as { range?: readonly number[] } | null)?.range;
    return [range?.[0] ?? 0, range?.[1] ?? range?.[0] ?? 0];
  };
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (isAlias(node)) {
      const range = rangeOf(node);
      if (firstAlias === undefined || range[0] < firstAlias[0]) firstAlias = range;
      continue;
    }
    const pairs = isMap(node) ? node.items : isPair(node) ? [node] : undefined;
    if (pairs === undefined && !isSeq(node)) continue;
    if (path.length >= MAX_NESTING_DEPTH) {
      const range = rangeOf(node);
      if (tooDeep === undefined || range[0] < tooDeep.range[0]) tooDeep = { path, range };
      continue;
    }
    if (pairs !== undefined) {
      const keys = new Set<string>();
      for (const pair of pairs) {
        const key: unknown = pair.key;
        const name = isScalar(key) ? String(key.value) : undefined;
        if (name !== undefined) {
          if (keys.has(name)) duplicateKeys.push(rangeOf(key));
          else keys.add(name);
        } else if (key !== null && key !== undefined) {
          if (isMap(key) || isSeq(key)) collectionKeys.push(rangeOf(key));
          stack.push({ node: key, path: [...path, "?"] });
        }
        stack.push({ node: pair.value, path: [...path, name ?? "?"] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index] }));
    }
  }
  duplicateKeys.sort((a, b) => a[0] - b[0]);
  return { duplicateKeys, collectionKeys, ...(tooDeep === undefined ? {} : { tooDeep }), ...(firstAlias === undefined ? {} : { firstAlias }) };
}

/** What a document's aliases do once its data is unfolded as a tree. */
interface UnfoldedAliases {
  /** Aliases met while unfolding (see {@link MAX_ALIAS_COUNT}), up to a bound past the limit. */
  readonly expansions: number;
  /** Values unfolded (see {@link MAX_DATA_VALUES}), up to a bound past the limit. */
  readonly values: number;
  /** Ranges of alias keys that stand for a map or a list. */
  readonly collectionKeys: [number, number][];
}

/**
 * Counts, without recursion and without unfolding anything, what the
 * document's data holds once every alias is replaced by its node: each
 * node's counts are computed once, after those of the nodes it holds and
 * of the node its alias names. An alias names the last node before it (in
 * document order, its own ancestors included) with that anchor, as the
 * yaml library resolves it; an alias inside the node it names counts once
 * (the data is then circular, which the nesting limit refuses later).
 */
function unfoldAliases(root: YamlNode | null): UnfoldedAliases {
  const targets = new Map<object, unknown>();
  const collectionKeys: [number, number][] = [];
  const anchors = new Map<string, unknown>();
  // Document order: a node before what it holds, items and pairs in order.
  const order: unknown[] = [root];
  while (order.length > 0) {
    const node = order.pop();
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === "string") anchors.set(anchor, node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) order.push(children[i]);
  }
  const cap = Number.MAX_SAFE_INTEGER;
  const counts = new Map<unknown, { expansions: number; values: number }>();
  const active = new Set<unknown>();
  const frames: { node: unknown; deps: unknown[]; next: number; expansions: number; values: number }[] = [];
  const enter = (node: unknown): void => {
    active.add(node);
    const target = isAlias(node) ? targets.get(node) : undefined;
    frames.push({ node, deps: isAlias(node) ? (target === undefined ? [] : [target]) : childrenOf(node), next: 0, expansions: 0, values: 0 });
  };
  let result = { expansions: 0, values: 0 };
  enter(root);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.deps.length) {
      const dep = frame.deps[frame.next++];
      if (dep === null || dep === undefined) continue;
      const known = counts.get(dep);
      if (known !== undefined) {
        frame.expansions = Math.min(cap, frame.expansions + known.expansions);
        frame.values = Math.min(cap, frame.values + known.values);
      } else if (!active.has(dep)) {
        enter(dep);
      }
      continue;
    }
    frames.pop();
    active.delete(frame.node);
    const node = frame.node;
    const own = isAlias(node)
      ? { expansions: Math.min(cap, frame.expansions + 1), values: frame.values }
      : isPair(node)
        ? { expansions: frame.expansions, values: frame.values }
        : { expansions: frame.expansions, values: Math.min(cap, frame.values + 1) };
    if (isPair(node) && isAlias(node.key)) {
      const target = targets.get(node.key);
      if (isMap(target) || isSeq(target)) {
        const range = node.key.range;
        collectionKeys.push([range?.[0] ?? 0, range?.[1] ?? 0]);
      }
    }
    counts.set(node, own);
    const parent = frames[frames.length - 1];
    if (parent === undefined) result = own;
    else {
      parent.expansions = Math.min(cap, parent.expansions + own.expansions);
      parent.values = Math.min(cap, parent.values + own.values);
    }
  }
  return { ...result, collectionKeys };
}

/** The nodes a YAML node holds, in document order: a map's pairs, a pair's key and value, a list's items. */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) return node.items as unknown[];
  if (isPair(node)) return [node.key, node.value];
  return [];
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
}

async function parseTsFile(
  host: CompilerHost,
  path: string,
  outcomes: ReadonlyMap<string, TsModuleOutcome>,
  diagnostics: Diagnostic[],
  cache?: ParseCache,
): Promise<LoadedFile | undefined> {
  const shown = displayPath(host, path);
  const text = decode(host, path, diagnostics);
  if (text === undefined) return undefined;
  const ran = outcomes.get(path);
  if (cache !== undefined && ran !== undefined && ran.kind !== "timeout") cache.ts.set(path, { text, outcome: ran });
  const ts = typescript();
  const outcome = outcomes.get(path) ?? { kind: "error", reason: "not loaded" };
  let locate: Locator;
  try {
    // The data tells the locator how many items each spread in the module produced.
    locate = tsLocator(shown, text, ts, outcome.kind === "ok" ? outcome.value : undefined);
  } catch (error) {
    // TypeScript's parser recurses: absurdly deep nesting overflows the stack.
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push(diagnostic("nestingTooDeep", { where: "the role module", max: MAX_NESTING_DEPTH }, fileSpan(shown)));
    return { path: shown, absolutePath: path, format: "ts", data: undefined, locate: () => fileSpan(shown), text };
  }
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
    case "tooDeep":
      diagnostics.push(diagnostic("nestingTooDeep", { where: describePath(outcome.path.slice(0, 4), undefined), max: MAX_NESTING_DEPTH }, locate(outcome.path)));
      break;
    case "timeout":
      diagnostics.push(diagnostic("tsModuleTimeout", { ms: outcome.ms }, fileSpan(shown)));
      break;
    case "tooLarge":
      // What a module computes is held to the limit of what it could have written.
      diagnostics.push(
        diagnostic("fileTooLarge", { path: `the default export of ${shown}, written as JSON,`, size: outcome.size, max: MAX_FILE_BYTES }, fileSpan(shown), {
          hint: "a role module is at most {max} bytes, however it is computed; split it into several role modules and include them",
        }),
      );
      break;
    case "error": {
      const failure = loaderFailure(host, outcome.reason, path, text);
      // The position comes from esbuild's report or from the module's own stack trace, where lines also
      // end at U+2028 and U+2029: count them as editors do, and keep the position inside the file.
      const at = failure.at ?? (outcome.line === undefined ? undefined : fromScriptPosition(text, outcome.line, outcome.column ?? 1));
      const span = at === undefined ? fileSpan(shown) : clampSpan({ file: shown, line: at.line, column: at.column, endLine: at.line, endColumn: at.column }, text);
      diagnostics.push(diagnostic("tsModuleFailed", { reason: failure.reason }, span));
      break;
    }
  }
  return { ...base, data: undefined };
}

/** esbuild's report of one error: `file:line:column: ERROR: text`, the column 0-based and counted in UTF-8 bytes. */
const ESBUILD_ERROR = /^(.+):(\d+):(\d+): ERROR: (.*)$/;

/**
 * The loader's message as a diagnostic shows it: whole (esbuild lists its
 * errors on the lines after the first), with the module's absolute path
 * shortened to its display path, esbuild's positions turned into
 * rolecraft's (1-based columns in UTF-16 code units; exact for the module
 * itself, whose text is at hand), and the first position in the module as
 * the position of the failure. Other paths below the working directory
 * are made relative to it, as in every diagnostic.
 */
export function loaderFailure(host: Pick<CompilerHost, "cwd">, reason: string, absolutePath: string, text: string): { reason: string; at?: { line: number; column: number } } {
  const display = (file: string): string => displayPath(host, file);
  const shown = display(absolutePath);
  const url = pathToFileURL(absolutePath).href;
  // tsx hands a .cts or .mts module to esbuild under the name with .ts, and esbuild reports it so.
  const tsxName = absolutePath.replace(/\.[cm]ts$/, ".ts");
  const cwd = host.cwd.endsWith(sep) ? host.cwd : `${host.cwd}${sep}`;
  const cwdUrl = pathToFileURL(cwd).href;
  // esbuild counts lines as JavaScript does (U+2028 and U+2029 end one too).
  const scriptLines = text.split(/\r\n|[\n\r\u2028\u2029]/);
  let at: { line: number; column: number } | undefined;
  const rendered = reason.split("\n").map((raw) => {
    const own = ESBUILD_ERROR.exec(raw)?.[1] === tsxName ? `${shown}${raw.slice(tsxName.length)}` : raw;
    const line = own.split(url).join(shown).split(absolutePath).join(shown).split(cwdUrl).join("").split(cwd).join("");
    const match = ESBUILD_ERROR.exec(line);
    if (match === null) return line;
    const [, file = "", lineText = "1", byteText = "0", message = ""] = match;
    const lineNumber = Number(lineText);
    if (file !== shown) {
      // Another file (a helper the module imports): its text is not at hand, so the byte column is taken as is.
      return `${isAbsolute(file) ? display(file) : file}:${lineNumber}:${Number(byteText) + 1}: ERROR: ${message}`;
    }
    const position = fromScriptPosition(text, lineNumber, utf16Column(scriptLines[lineNumber - 1] ?? "", Number(byteText)));
    at ??= position;
    return `${shown}:${position.line}:${position.column}: ERROR: ${message}`;
  });
  return { reason: rendered.join("\n"), ...(at === undefined ? {} : { at }) };
}

/** The 1-based UTF-16 column of a 0-based UTF-8 byte offset into a line. */
function utf16Column(line: string, byteOffset: number): number {
  const bytes = new TextEncoder().encode(line);
  return new TextDecoder().decode(bytes.subarray(0, Math.min(Math.max(0, byteOffset), bytes.length))).length + 1;
}
