/**
 * V8's code cache for the command line's own process: most of a small
 * project's `check` is compiling TypeScript's 9 MB `typescript.js`, the same
 * bytes every run.
 *
 * On Node ≥ 22.1 this is Node's own `module.enableCompileCache()` (every
 * module). On older Node (20) it is a narrow `require` hook: CommonJS files
 * of at least 1 MB (TypeScript) are compiled with V8's cached data kept in
 * the cache folder, written after the file first ran so that the functions
 * its start-up compiled are in it; everything else loads as before. V8
 * checks the data against the source and its own version and flags and
 * rejects a mismatch, which then compiles as usual and rewrites the entry.
 *
 * `NODE_DISABLE_COMPILE_CACHE=1` turns both off (Node's own switch); the
 * folder is `NODE_COMPILE_CACHE` when set, else `rolecraft-compile-cache`
 * in the system's temporary folder. Failures to read or write the cache are
 * ignored: it only ever saves time. Measured in bench/README.md ("Cold start").
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/** Files at least this large get the hook on Node < 22.1 (TypeScript's bundle; nothing else comes close). */
const LARGE_FILE_BYTES = 1 << 20;

interface CompileCacheSettings {
  /** The cache folder; default: `NODE_COMPILE_CACHE`, else `<tmpdir>/rolecraft-compile-cache`. */
  readonly dir?: string;
  /** The environment the two switches are read from. */
  readonly env: NodeJS.ProcessEnv;
}

/** What `enableCompileCache` did: Node's own cache, the large-file hook, or nothing. */
export type CompileCacheMode = "node" | "large-files" | "off";

interface ModuleInternals {
  _compile(this: ModuleInternals, content: string, filename: string): unknown;
  exports: unknown;
}

let mode: CompileCacheMode | undefined;

/** The default cache folder: `rolecraft-compile-cache-<uid>` in the system's temporary folder. */
export function defaultCompileCacheFolder(): string {
  // The user's own: cached code is executable, so a folder another user could
  // have planted or can write to is never used (see ownedPrivateFolder).
  return join(tmpdir(), `rolecraft-compile-cache-${process.getuid?.() ?? "user"}`);
}

/** Turns the cache on for this process (once; later calls return the first answer). */
export function enableCompileCache(settings: CompileCacheSettings): CompileCacheMode {
  if (mode !== undefined) return mode;
  if (settings.env["NODE_DISABLE_COMPILE_CACHE"] === "1") return (mode = "off");
  const dir = settings.dir ?? settings.env["NODE_COMPILE_CACHE"] ?? defaultCompileCacheFolder();
  const nodeCache = (Module as unknown as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof nodeCache === "function") {
    try {
      nodeCache(dir);
      return (mode = "node");
    } catch {
      return (mode = "off");
    }
  }
  const proto = (Module as unknown as { prototype: ModuleInternals }).prototype;
  const original = proto._compile;
  proto._compile = function compileWithCache(this: ModuleInternals, content: string, filename: string): unknown {
    if (content.length < LARGE_FILE_BYTES) return original.call(this, content, filename);
    return compileLarge(this, content, filename, dir);
  };
  return (mode = "large-files");
}

/**
 * Requires one large CommonJS file (TypeScript's bundle) with the cache in
 * `dir`, for callers of the library (the node host's `compileCache`),
 * without touching how the rest of the process loads its modules: the file
 * is compiled with its cached data and entered in `require.cache` as
 * `require` would. Where {@link enableCompileCache} already decided for the
 * process (the command line), this is a plain `require`.
 */
export function requireWithCodeCache(filename: string, dir: string): unknown {
  const require = createRequire(filename);
  const present = require.cache[filename];
  if (present !== undefined) return present.exports;
  if (mode !== undefined) return require(filename);
  const ModuleClass = Module as unknown as { new (id: string): NodeJS.Module; _nodeModulePaths(dir: string): string[] };
  const module = new ModuleClass(filename);
  module.filename = filename;
  module.paths = ModuleClass._nodeModulePaths(dirname(filename));
  require.cache[filename] = module;
  try {
    compileLarge(module as unknown as ModuleInternals, readFileSync(filename, "utf8"), filename, dir);
  } catch (error) {
    delete require.cache[filename];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

function compileLarge(module: ModuleInternals, content: string, filename: string, dir: string): unknown {
  let key: string;
  try {
    const stat = statSync(filename);
    key = createHash("sha1").update(`${process.version}\0${filename}\0${stat.size}\0${stat.mtimeMs}`).digest("hex");
  } catch {
    key = createHash("sha1").update(`${process.version}\0${content}`).digest("hex");
  }
  const cacheFile = join(dir, `${key}.v8`);
  const trusted = ownedPrivateFolder(dir);
  let cachedData: Buffer | undefined;
  try {
    cachedData = trusted ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const wrapped = (Module as unknown as { wrap(content: string): string }).wrap(content);
  const script = new Script(wrapped, { filename, ...(cachedData === undefined ? {} : { cachedData }) });
  const fn = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => unknown;
  const result = fn.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  if (cachedData === undefined || script.cachedDataRejected === true) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!ownedPrivateFolder(dir)) return result;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only or full disk only costs the next run its time.
    }
  }
  return result;
}

/**
 * Whether `dir` is a folder of this user's that nobody else can write to
 * (where the platform has user ids); the cache is read and written only
 * there, since V8 runs what it finds in it.
 */
function ownedPrivateFolder(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}
