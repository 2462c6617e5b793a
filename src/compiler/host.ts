/**
 * Everything the compiler needs from the outside world. The library never
 * touches the file system itself: the CLI (or a test) passes a host.
 */

/** What a path is on disk. */
export type PathKind = "file" | "directory" | "missing";

/** Outcome of executing one TypeScript role module. */
export type TsModuleOutcome =
  | { readonly kind: "ok"; readonly value: unknown }
  | { readonly kind: "noDefaultExport" }
  | { readonly kind: "notPlainData"; readonly reason: string; readonly path?: readonly (string | number)[] }
  | { readonly kind: "tooDeep"; readonly path: readonly (string | number)[] }
  | { readonly kind: "error"; readonly reason: string; readonly line?: number; readonly column?: number }
  | { readonly kind: "timeout"; readonly ms: number };

/** File access and module execution used by the loader. */
export interface CompilerHost {
  /** The directory paths in diagnostics are relative to. */
  readonly cwd: string;
  /** Reads a file as bytes; throws an Error with a readable message when it can't. */
  readFile(absolutePath: string): Uint8Array;
  kind(absolutePath: string): PathKind;
  /** The size of a file in bytes, if the host can tell without reading it. */
  fileSize?(absolutePath: string): number | undefined;
  /** Entries of a directory (names only), sorted. */
  readDirectory(absolutePath: string): readonly string[];
  /** The canonical path (symlinks resolved), used to detect the same file reached twice. */
  realPath(absolutePath: string): string;
  /**
   * Executes TypeScript role modules and returns their default exports as
   * plain data. Each module is isolated: one that throws, hangs or exits
   * fails alone. Outcomes come from user code, so callers treat them as untrusted.
   * `texts` gives some modules a text to run instead of their file's (an
   * editor's unsaved buffers).
   */
  loadTsModules(absolutePaths: readonly string[], texts?: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, TsModuleOutcome>>;
}
