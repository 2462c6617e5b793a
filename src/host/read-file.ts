/**
 * Reading a file without trusting what the path is: only a regular file is
 * read, its size is checked before reading, and nothing is opened in a way
 * that can block (a FIFO) or has effects (a device is never opened at all).
 * A committed symbolic link to `/dev/zero` or a FIFO among the sources
 * becomes a refusal with a reason, not a hang or an exhausted heap.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FileRefusedError } from "../compiler/host.js";
import { MAX_SOURCE_BYTES } from "../compiler/limits.js";

// O_NONBLOCK: opening a FIFO that was swapped in after the check returns at once instead of
// waiting for a writer. O_NOCTTY: a terminal never becomes rolecraft's controlling terminal.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a non-regular file is, in words. */
export function fileKindName(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

/**
 * Reads the regular file at `path` (symbolic links followed), at most
 * `maxBytes`.
 *
 * @throws FileRefusedError when it is not a regular file or holds more than `maxBytes`.
 * @throws the system error when it can't be opened or read (ENOENT, EACCES, ELOOP…).
 */
export function readRegularFile(path: string, maxBytes: number = MAX_SOURCE_BYTES): Buffer {
  // Checked before opening: opening a device can do things (a tape rewinds), opening a FIFO can wait.
  check(statSync(path), maxBytes);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    // Checked again on what was opened: the path may have changed in between.
    const stat = fstatSync(fd);
    check(stat, maxBytes);
    return readAll(fd, stat.size, maxBytes);
  } finally {
    closeSync(fd);
  }
}

function check(stat: Stats, maxBytes: number): void {
  if (!stat.isFile()) throw FileRefusedError.notRegular(fileKindName(stat));
  if (stat.size > maxBytes) throw FileRefusedError.tooLarge(stat.size, maxBytes);
}

/** Reads to the end, refusing once more than `maxBytes` came (a file may grow while it is read). */
function readAll(fd: number, expected: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One read for a file of the size fstat gave (plus one byte to see the end), then chunks if it grew.
  let size = Math.min(expected, maxBytes) + 1;
  for (;;) {
    const chunk = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < chunk.length) {
      const n = readSync(fd, chunk, filled, chunk.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    chunks.push(chunk.subarray(0, filled));
    total += filled;
    if (total > maxBytes) throw FileRefusedError.tooLarge(total, maxBytes);
    if (filled < chunk.length) break;
    size = 64 * 1024;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** The path with symbolic links resolved; the path itself when it can't be resolved (missing, a link loop). */
export function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * {@link realPathOrSelf} for one pass over a tree that does not change during
 * the pass, with the same answers: each path is resolved once, and a file
 * that is not a link costs one `lstat` (its folder is resolved once for all
 * its files) instead of one per path component. A link is resolved in full.
 * Only for the length of one pass: a link changed afterwards (an edit in
 * watch mode or an editor) must be seen, so a new pass takes a new memo.
 */
export function realPathMemo(): (path: string) => string {
  const folders = new Map<string, string>();
  const paths = new Map<string, string>();
  const resolveOnce = (path: string): string => {
    const absolute = resolve(path);
    const folder = dirname(absolute);
    if (folder === absolute) return realPathOrSelf(path);
    const stats = lstatSync(absolute, { throwIfNoEntry: false });
    // Missing (realPathOrSelf answers the path itself), or a link: resolved in full.
    if (stats === undefined) return path;
    if (stats.isSymbolicLink()) return realPathOrSelf(path);
    let realFolder = folders.get(folder);
    if (realFolder === undefined) folders.set(folder, (realFolder = realPathOrSelf(folder)));
    return join(realFolder, basename(absolute));
  };
  return (path) => {
    let real = paths.get(path);
    if (real === undefined) {
      try {
        real = resolveOnce(path);
      } catch {
        real = realPathOrSelf(path);
      }
      paths.set(path, real);
    }
    return real;
  };
}
