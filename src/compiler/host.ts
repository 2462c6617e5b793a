/**
 * Everything the compiler needs from the outside world. The library never
 * touches the file system itself: the CLI (or a test) passes a host.
 */

import { MAX_SOURCE_BYTES } from "./limits.js";

/**
 * The names a configuration file may have (`rolecraft.config.yaml`), in the
 * order they are looked for in each folder. A folder of role modules may
 * hold one: it is not a role module.
 */
export const CONFIG_FILES: readonly string[] = ["rolecraft.config.yaml", "rolecraft.config.yml"];

/** What a path is on disk. */
export type PathKind = "file" | "directory" | "missing";

/** Outcome of executing one TypeScript role module. */
export type TsModuleOutcome =
  | { readonly kind: "ok"; readonly value: unknown }
  | { readonly kind: "noDefaultExport" }
  | { readonly kind: "notPlainData"; readonly reason: string; readonly path?: readonly (string | number)[] }
  | { readonly kind: "tooDeep"; readonly path: readonly (string | number)[] }
  /** The default export is larger, written as JSON, than a role module may be (`MAX_FILE_BYTES`). */
  | { readonly kind: "tooLarge"; readonly size: number }
  | { readonly kind: "error"; readonly reason: string; readonly line?: number; readonly column?: number }
  | { readonly kind: "timeout"; readonly ms: number };

/** File access and module execution used by the loader. */
export interface CompilerHost {
  /** The directory paths in diagnostics are relative to. */
  readonly cwd: string;
  /**
   * The project folder, when it is not the working directory: the folder of
   * the `rolecraft.config.yaml` that applies (an ancestor of `cwd`). Role
   * modules may include files anywhere inside it, and nowhere else.
   */
  readonly root?: string;
  /**
   * Reads a regular file as bytes. Throws a {@link FileRefusedError} for
   * anything else (a FIFO, a device, a socket: never opened in a way that
   * blocks) and for a file larger than `maxBytes` (checked before reading;
   * default {@link MAX_SOURCE_BYTES}), an Error with a readable message when
   * it can't read the file.
   */
  readFile(absolutePath: string, maxBytes?: number): Uint8Array;
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

/** Why a host refused to read a path: it is not a regular file, or it is larger than the reader allows. */
export class FileRefusedError extends Error {
  override readonly name = "FileRefusedError";

  private constructor(
    readonly refusal: "notRegular" | "tooLarge",
    message: string,
    /** The file's size, for `tooLarge`. */
    readonly size?: number,
    /** The most bytes the reader allows, for `tooLarge`. */
    readonly max?: number,
  ) {
    super(message);
  }

  /** A FIFO, a device, a socket…: `what` says which. */
  static notRegular(what: string): FileRefusedError {
    return new FileRefusedError("notRegular", `not a regular file (${what})`);
  }

  static tooLarge(size: number, max: number = MAX_SOURCE_BYTES): FileRefusedError {
    return new FileRefusedError("tooLarge", `larger than ${formatMiB(max)} (${size} bytes)`, size, max);
  }
}

/** A byte count as whole (or fractional) MiB: `1 MiB`, `16 MiB`, `0.5 MiB`. */
export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2).replace(/0+$/, "")} MiB`;
}
