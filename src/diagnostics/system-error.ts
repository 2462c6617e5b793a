/**
 * Errors of the machine rather than of the input: a folder rolecraft may not
 * write, a disk that is full, a link loop. They are named as such (with
 * their code, e.g. `EACCES`), never as an internal error, and their paths
 * are shown relative to the working directory: a report never spells out
 * where a project happens to live.
 */
import { isAbsolute, relative, sep } from "node:path";

/** What each system error code means, in the words rolecraft prints. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or directory",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many levels of symbolic links, a link loop",
  EEXIST: "something else is already there",
  ENOTEMPTY: "the folder is not empty",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the file system is read-only",
  EMFILE: "too many open files",
  ENFILE: "too many open files on the system",
  EBUSY: "the file or folder is busy",
  ETXTBSY: "the file is busy",
  ENAMETOOLONG: "the name is too long",
  EXDEV: "it is on another device",
  EIO: "an input/output error",
  ENXIO: "no such device",
  ENODEV: "no such device",
  EFBIG: "the file is too large",
  EAGAIN: "the resource is temporarily unavailable",
};

/** What a system call was doing, in the words rolecraft prints. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create the folder",
  mkdtemp: "create a temporary folder",
  rmdir: "remove",
  rm: "remove",
  unlink: "remove",
  rename: "move",
  scandir: "list",
  opendir: "list",
  stat: "read",
  lstat: "read",
  fstat: "read",
  realpath: "resolve",
  symlink: "create the link",
  copyfile: "copy",
  utime: "touch",
  chmod: "change the permissions of",
};

/** A Node system error: an Error with an errno-style `code` (`EACCES`, `ENOSPC`…). */
export interface SystemError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/** True for an error the operating system raised (its `code` is an errno name such as `EACCES`). */
export function isSystemError(error: unknown): error is SystemError {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/** The words for a system error's code (`permission denied`), or undefined for a code rolecraft does not know. */
export function systemErrorReason(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined;
  return REASONS[error.code];
}

/** A path as reports show it: relative to `cwd`, with `/` (`.` for `cwd` itself). */
export function shownRelative(cwd: string, path: string): string {
  if (!isAbsolute(path)) return path.split(sep).join("/");
  return relative(cwd, path).split(sep).join("/") || ".";
}

/**
 * One line naming a system error: what could not be done to which path
 * (relative to `cwd`), why, and the code, e.g. `cannot create the folder
 * out/x: permission denied (EACCES)`. Node's own message is not used: it
 * spells out absolute paths.
 */
export function describeSystemError(error: SystemError, cwd: string): string {
  const action = error.syscall === undefined ? "use" : (ACTIONS[error.syscall] ?? error.syscall);
  const reason = REASONS[error.code] ?? "a system error";
  const target = error.path === undefined ? "" : ` ${shownRelative(cwd, error.path)}`;
  const dest = error.dest === undefined ? "" : ` to ${shownRelative(cwd, error.dest)}`;
  return `cannot ${action}${target}${dest}: ${reason} (${error.code})`;
}

/**
 * Why something could not be read, in one line without absolute paths: a
 * system error's words and code (`permission denied (EACCES)`), else the
 * first line of the error's message.
 */
export function errorReason(error: unknown): string {
  if (isSystemError(error)) return `${REASONS[error.code] ?? "a system error"} (${error.code})`;
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.message;
  return String(error);
}
