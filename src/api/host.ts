/**
 * What the pipeline needs from the outside world, in one object: the
 * compiler's file access and TypeScript-module execution, the analyzer's
 * source reading, and optional capabilities a host may offer (loading the
 * role model on another thread). `createNodeHost()` (src/host/node-host.ts)
 * is the real file system; a host with in-memory overlays serves an editor's
 * unsaved buffers (src/host/overlay-host.ts).
 */
import type { SourceHost } from "../analyzer/source-host.js";
import type { CompilerHost } from "../compiler/host.js";
import type { ConcurrentModel, LoadedModel, ModelRequest } from "./model.js";

/** Everything the pipeline reads goes through a host. Paths are absolute unless said otherwise. */
export interface RolecraftHost extends CompilerHost, SourceHost {
  /**
   * Loads the role model beside the caller's thread, so that one-shot runs
   * parse the application while the model loads. Optional: without it the
   * model loads in the caller's thread. A host whose files are not all on
   * disk (overlays) must not offer it, since the other thread reads the disk.
   */
  readonly modelThread?: ModelThread;
  /**
   * Opens the past revisions of the version-controlled project around the
   * working directory (`diff --base`). Optional: without it, revisions
   * can't be compared.
   *
   * @throws UsageError when the working directory is not under version control.
   */
  readonly openSnapshots?: () => Snapshots;
  /**
   * Writes a text file atomically: readers see the old content or the new
   * one, never a part (`rolecraft test --update-snapshot`). Optional:
   * without it, nothing can be written through the host.
   *
   * @throws Error with a readable message when the file can't be written.
   */
  readonly writeTextFile?: (absolutePath: string, text: string) => void;
}

/** A host capability: loading a role model elsewhere (see {@link RolecraftHost.modelThread}). */
export interface ModelThread {
  /**
   * Starts loading and returns at once. `loadHere` loads the same model in
   * the caller's thread; the capability may use it when the other thread
   * cannot start or does not answer in time. Whichever loads it, the answer
   * is the same data.
   */
  start(request: ModelRequest, loadHere: () => Promise<LoadedModel>): ConcurrentModel;
}

/** Past revisions of a repository, each extracted into a tree of its own (see {@link RolecraftHost.openSnapshots}). */
export interface Snapshots {
  /**
   * The commit a revision names.
   *
   * @throws UsageError for a revision the repository does not have.
   */
  commit(rev: string): string;
  /** An empty tree for one revision, filled on demand; `name` tells trees apart. */
  checkout(name: string, commit: string): Checkout;
  /** Removes every tree. */
  close(): void;
}

/**
 * One revision's files, extracted on demand. Paths named "repository
 * paths" are relative to the top of the repository, with `/` (`.` for the
 * top); others are relative to the working directory, as the user gives them.
 */
export interface Checkout {
  /** A host over the tree, whose working directory is the working directory's place in the repository. */
  readonly host: RolecraftHost;
  /**
   * A path relative to the working directory (or absolute), as a repository path.
   *
   * @throws UsageError when it lies outside the repository.
   */
  repoPath(path: string): string;
  /** Whether the revision has this repository path. */
  exists(repoPath: string): boolean;
  /** A path inside the tree as a repository path; undefined outside the tree. */
  treePath(absolutePath: string): string | undefined;
  /** Whether {@link take} was asked for this repository path already. */
  taken(repoPath: string): boolean;
  /**
   * Extracts these repository paths (folders whole) and the package.json and
   * tsconfig.json files of every folder above them; each path once.
   */
  take(repoPaths: readonly string[]): void;
  /**
   * The entries of the revision that {@link take} did not write since the
   * last call, and why: a path that would leave the tree (`..`), a file
   * under a symbolic link, a link that leads outside the tree or nowhere.
   */
  takeRefused(): readonly { readonly path: string; readonly reason: string }[];
  /** Creates a folder of the tree (a source folder the revision does not have yet). */
  makeDirectory(path: string): void;
}
