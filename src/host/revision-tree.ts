/**
 * Writing a revision's files into a temporary folder, when the revision may
 * come from anyone: git accepts trees whose entries are named `..` or hold
 * a `/` (unless `transfer.fsckObjects` is on), and a tree may hold a
 * symbolic link `d` beside a file `d/x`. So every path is checked before
 * anything is written (no `..`, `.` or empty segment, nothing absolute),
 * every folder on the way is created here and checked to be a real folder
 * (never a link), a file is created only where nothing is (`O_EXCL`, which
 * does not follow a link either), and symbolic links are made last and kept
 * only when they resolve to something inside the tree. Nothing is ever
 * written outside the tree, or through a link.
 */
import { closeSync, constants, ftruncateSync, lstatSync, mkdirSync, openSync, realpathSync, symlinkSync, unlinkSync, writeSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";

/** An entry of a revision that was not written, and why. */
export interface RefusedEntry {
  /** The path as the revision names it (shown as data: it may hold anything). */
  readonly path: string;
  readonly reason: string;
}

/** Why a path from a revision can't name a place inside the tree, if it can't. */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "its path is empty";
  if (path.includes("\0")) return "its path holds a NUL character";
  if (path.startsWith("/")) return "its path is absolute";
  if (path.includes("\\")) return "its path holds a backslash (a folder separator on Windows)";
  if (/^[A-Za-z]:/.test(path)) return "its path starts with a drive letter";
  const segments = path.split("/");
  if (segments.some((s) => s === "")) return "its path has an empty segment";
  if (segments.some((s) => s === "." || s === "..")) return "its path has a `.` or `..` segment";
  return undefined;
}

/** Writes a revision's entries into `root`, a folder created for it (see the module comment). */
export class RevisionTree {
  /** Folders of the tree known to be real folders (created here or checked). */
  private readonly folders = new Set<string>();
  private readonly refused: RefusedEntry[] = [];
  private realRoot: string | undefined;

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    this.folders.add("");
  }

  /** Entries refused so far, each once, in the order met; then forgets them. */
  takeRefused(): RefusedEntry[] {
    return this.refused.splice(0);
  }

  /** Makes a folder of the tree (and those above it), never through a link; false (and a refusal) when it can't. */
  folder(path: string): boolean {
    const reason = path === "" ? undefined : unsafePathReason(path);
    if (reason !== undefined) return this.refuse(path, reason);
    return path === "" || this.makeFolders(path.split("/"), path);
  }

  /**
   * Writes a regular file. `content` undefined writes a file of `size`
   * bytes that holds nothing (a sparse file): big enough to be refused for
   * its size by whoever reads it, without rolecraft ever holding its content.
   */
  file(path: string, content: Uint8Array | undefined, size: number, executable: boolean): boolean {
    const reason = unsafePathReason(path);
    if (reason !== undefined) return this.refuse(path, reason);
    const segments = path.split("/");
    if (!this.makeFolders(segments.slice(0, -1), path)) return false;
    let fd: number;
    try {
      // O_EXCL: nothing may be there yet, not even a dangling link (which O_EXCL does not follow).
      fd = openSync(join(this.root, ...segments), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), executable ? 0o755 : 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST" || code === "ELOOP" || code === "EISDIR") return this.refuse(path, "another entry of the revision is already there (names that differ only in case?)");
      throw error;
    }
    try {
      if (content === undefined) ftruncateSync(fd, size);
      else for (let written = 0; written < content.length; ) written += writeSync(fd, content, written, content.length - written);
    } finally {
      closeSync(fd);
    }
    return true;
  }

  /**
   * Makes the symbolic links of one extraction (after its files): each is
   * kept only when it resolves, after every link of the tree is in place,
   * to a file or folder inside the tree. The others are removed again and
   * refused.
   */
  links(links: readonly { readonly path: string; readonly target: string }[]): void {
    const made: { path: string; full: string }[] = [];
    for (const { path, target } of links) {
      const reason = unsafePathReason(path) ?? (target === "" || target.includes("\0") ? "its target is not a path" : isAbsolute(target) || /^[A-Za-z]:|^\\\\/.test(target) ? "it is a symbolic link to an absolute path" : undefined);
      if (reason !== undefined) {
        this.refuse(path, reason);
        continue;
      }
      const segments = path.split("/");
      if (!this.makeFolders(segments.slice(0, -1), path)) continue;
      const full = join(this.root, ...segments);
      try {
        symlinkSync(target, full);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        this.refuse(path, "another entry of the revision is already there (names that differ only in case?)");
        continue;
      }
      made.push({ path, full });
    }
    // A link may lead through another one: check them all once all are there, again after each removal.
    let pending = made;
    for (let removed = true; removed; ) {
      removed = false;
      const kept: typeof pending = [];
      for (const link of pending) {
        const reason = this.escapes(link.full);
        if (reason === undefined) kept.push(link);
        else {
          unlinkSync(link.full);
          this.refuse(link.path, reason);
          removed = true;
        }
      }
      pending = kept;
    }
  }

  /** Why a link of the tree may not stay, if it may not: it resolves to nothing, or to something outside the tree. */
  private escapes(full: string): string | undefined {
    this.realRoot ??= realpathSync(this.root);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return "it is a symbolic link to nothing in the revision";
    }
    const rel = relative(this.realRoot, real);
    return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? "it is a symbolic link that leads outside the revision" : undefined;
  }

  /** Creates (or checks) each folder of `segments`, one level at a time; never through a link. */
  private makeFolders(segments: readonly string[], entry: string): boolean {
    for (let i = 1; i <= segments.length; i++) {
      const rel = segments.slice(0, i).join("/");
      if (this.folders.has(rel)) continue;
      const full = join(this.root, ...segments.slice(0, i));
      let stat;
      try {
        stat = lstatSync(full);
      } catch {
        stat = undefined;
      }
      if (stat === undefined) mkdirSync(full);
      else if (!stat.isDirectory()) return this.refuse(entry, stat.isSymbolicLink() ? `${rel} is a symbolic link in the revision: nothing is written through it` : `${rel} is a file in the revision`);
      this.folders.add(rel);
    }
    return true;
  }

  private refuse(path: string, reason: string): false {
    this.refused.push({ path, reason });
    return false;
  }
}
