/**
 * Everything the analyzer needs from the outside world: the application's
 * files, folder listings, tsconfig data and canonical paths. The analyzer
 * never touches the file system itself; the caller passes a host
 * (`createNodeHost()` for the real file system, or one with in-memory
 * overlays for an editor's unsaved buffers).
 */
import type { PathKind } from "../compiler/host.js";

/** File access of the analyzer. Paths are absolute. */
export interface SourceHost {
  /** The directory paths in diagnostics are relative to. */
  readonly cwd: string;
  /**
   * Reads a regular file as bytes, at most `maxBytes` (default
   * `MAX_SOURCE_BYTES`); throws a `FileRefusedError` for anything that is not
   * a regular file or is larger, an Error with a readable message when it
   * can't read it (see `CompilerHost.readFile`).
   */
  readFile(absolutePath: string, maxBytes?: number): Uint8Array;
  kind(absolutePath: string): PathKind;
  /** The canonical path (symlinks resolved); the path itself when it can't be resolved. */
  realPath(absolutePath: string): string;
  /**
   * A memo of `realPath` for one pass over files that do not change during
   * it (the same answers, cheaper); without it, the store keeps the answers
   * of `realPath` for the pass.
   */
  realPathMemo?(): (absolutePath: string) => string;
  /**
   * The files below `dir` that match one of the glob `patterns` and none of
   * `ignore`, as absolute paths, in any order. Symbolic links to folders are
   * not followed (a link loop must not hang the analysis).
   */
  globFiles(dir: string, patterns: readonly string[], ignore: readonly string[]): readonly string[];
  /**
   * The symbolic links below `dir` that {@link globFiles} does not follow
   * but that stand where a source would be (named like a source file, or
   * leading to a folder), as absolute paths: the analyzer names each one.
   * A host without links (in memory) may leave it out.
   */
  sourceLinks?(dir: string): readonly string[];
  /**
   * The files a tsconfig's `include`/`exclude` select below `rootDir`, as
   * TypeScript's own system answers it (`ts.sys.readDirectory`).
   */
  matchFiles(rootDir: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[] | undefined, depth?: number): readonly string[];
  /** Whether file names differ by case (tsconfig matching needs to know). */
  readonly useCaseSensitiveFileNames: boolean;
}

/** How the analyzer reads sources; every field has the default a plain run wants. */
export interface SourceReading {
  /**
   * Read declarative files from TypeScript's scanner (the skimmer) instead
   * of its parser; false parses every file (to compare, or to rule the
   * skimmer out). Default: true.
   */
  readonly skim?: boolean;
  /** Told where the skimmer gave up on a file and handed it to the parser (debugging the skimmer). */
  readonly onSkimGiveUp?: (message: string) => void;
}

/** A source file's bytes as text, as Node reads a file as UTF-8 (a byte order mark is kept, as the parser expects). */
export function sourceText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * A tsconfig or package.json file's bytes as text, decoded as TypeScript's
 * own system does: a UTF-16 byte order mark selects UTF-16, a UTF-8 one is
 * dropped.
 */
export function configText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(0, buffer.length & ~1));
    swapped.swap16();
    return swapped.toString("utf16le", 2);
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString("utf16le", 2);
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.toString("utf8", 3);
  return buffer.toString("utf8");
}
