/**
 * Reading past revisions of the git repository around the working
 * directory, for `rolecraft diff --base REV`: a revision is read with git
 * itself (`git ls-tree` + `git cat-file --batch`) into a temporary folder,
 * never by touching the working tree or the index. Not `git archive`: its
 * `export-ignore` and `export-subst` attributes would change what the
 * revision holds.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { UsageError } from "../diagnostics/usage-error.js";
import type { Checkout, RolecraftHost, Snapshots } from "../api/host.js";
import { MAX_SOURCE_BYTES } from "../compiler/limits.js";
import { readRegularFile, realPathOrSelf } from "./read-file.js";
import { RevisionTree, unsafePathReason, type RefusedEntry } from "./revision-tree.js";

/** The repository around the working directory. */
interface Repository {
  /** The top-level folder (symlinks resolved). */
  readonly root: string;
  /** The working directory relative to `root`, with `/`, `""` at the top. */
  readonly prefix: string;
}

function git(cwd: string, args: readonly string[], input?: string): { status: number; stdout: Buffer; stderr: string } {
  const result = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (result.error !== undefined) throw new UsageError(`cannot run git: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr.toString("utf8") };
}

function repository(cwd: string): Repository {
  const result = git(cwd, ["rev-parse", "--show-toplevel", "--show-prefix"]);
  if (result.status !== 0) throw new UsageError("--base reads git revisions, but the working directory is not inside a git repository");
  const [root = "", prefix = ""] = result.stdout.toString("utf8").split("\n");
  return { root: realpathSync(root), prefix: prefix.replace(/\/$/, "") };
}

function commitOf(repo: Repository, rev: string): string {
  // A revision starting with `-` would be read as an option by git.
  const result = rev.startsWith("-") || rev === "" ? undefined : git(repo.root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  const commit = result?.status === 0 ? result.stdout.toString("utf8").trim() : "";
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new UsageError(`unknown git revision \`${rev}\``);
  return commit;
}

/** A path given relative to the working directory, as a path inside the repository (`/`, `.` for the top). */
function repoPath(repo: Repository, path: string): string {
  const fromRoot = isAbsolute(path) ? relative(repo.root, realPathOrSelf(path)).split(sep).join("/") : posix.join(repo.prefix, path.split(sep).join("/"));
  const normalized = posix.normalize(fromRoot === "" ? "." : fromRoot).replace(/\/$/, "");
  if (normalized === ".." || normalized.startsWith("../") || posix.isAbsolute(normalized)) throw new UsageError(`${path} is outside the git repository`);
  return normalized;
}


/** Whether `path` (inside the repository) exists at `commit`. */
function existsAt(repo: Repository, commit: string, path: string): boolean {
  return git(repo.root, ["cat-file", "-e", `${commit}:${path === "." ? "" : path}`]).status === 0;
}

/** Most bytes of blobs read from git in one `cat-file --batch` call. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Writes the files under `paths` at `commit` into `tree` (the repository's
 * top level), with git's own plumbing and through a {@link RevisionTree}:
 * only paths that stay inside the tree, never through a symbolic link.
 * Symbolic links are recreated when they lead to something inside the
 * tree; submodules are left out. A blob larger than any file rolecraft
 * reads ({@link MAX_SOURCE_BYTES}) is not read from git: a file of its size
 * that holds nothing stands for it, so that whoever reads it refuses it for
 * its size.
 */
function extract(repo: Repository, commit: string, paths: readonly string[], tree: RevisionTree): void {
  const listing = git(repo.root, ["--literal-pathspecs", "ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", ...paths.map((p) => (p === "." ? "" : p)).filter((p) => p !== "")]);
  if (listing.status !== 0) throw new UsageError(`cannot list ${paths.join(", ")} at ${commit}: ${listing.stderr.split("\n")[0] ?? ""}`);
  const entries: { mode: string; oid: string; size: number; path: string }[] = [];
  for (const record of listing.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(record);
    if (match === null || match[2] !== "blob") continue;
    entries.push({ mode: match[1] ?? "", oid: match[3] ?? "", size: Number(match[4]), path: match[5] ?? "" });
  }
  const links: { path: string; target: string }[] = [];
  const toRead = entries.filter((entry) => {
    if (unsafePathReason(entry.path) === undefined && entry.mode !== "120000" && entry.size > MAX_SOURCE_BYTES) {
      tree.file(entry.path, undefined, entry.size, false);
      return false;
    }
    return true;
  });
  for (let first = 0; first < toRead.length; ) {
    // Batches of bounded size: a revision's blobs are never all held at once.
    let last = first;
    for (let bytes = 0; last < toRead.length && (last === first || bytes + toRead[last]!.size <= BATCH_BYTES); last++) bytes += toRead[last]!.size;
    const batch = toRead.slice(first, last);
    first = last;
    const read = git(repo.root, ["cat-file", "--batch"], `${batch.map((e) => e.oid).join("\n")}\n`);
    if (read.status !== 0) throw new UsageError(`cannot read objects of ${commit}: ${read.stderr.split("\n")[0] ?? ""}`);
    const out = read.stdout;
    let offset = 0;
    for (const entry of batch) {
      const newline = out.indexOf(0x0a, offset);
      const header = out.subarray(offset, newline).toString("utf8").split(" ");
      const size = Number(header[2]);
      if (header[1] !== "blob" || !Number.isInteger(size)) throw new UsageError(`cannot read ${JSON.stringify(entry.path)} at ${commit}`);
      const content = out.subarray(newline + 1, newline + 1 + size);
      offset = newline + 1 + size + 1;
      if (entry.mode === "120000") links.push({ path: entry.path, target: content.toString("utf8") });
      else if (posix.basename(entry.path) === "package.json") tree.file(entry.path, Buffer.from(moduleManifest(content)), 0, false);
      else tree.file(entry.path, content, size, entry.mode === "100755");
    }
  }
  // Links last, so that no file is written through one.
  tree.links(links);
}

/**
 * A revision's package.json as far as loading modules needs it: `type`
 * (ESM or CommonJS) and `imports` (`#internal` specifiers). Its `name` and
 * `exports` are dropped so that a package importing itself by name resolves
 * to the working copy linked by {@link linkOwnPackage} (the revision holds
 * no build output for its own `exports` to point at).
 */
function moduleManifest(content: Buffer): string {
  try {
    const manifest = JSON.parse(content.toString("utf8")) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(manifest).filter(([key]) => key === "type" || key === "imports"));
    return `${JSON.stringify(kept, null, 2)}\n`;
  } catch {
    return "{}\n";
  }
}

/** `package.json` and `tsconfig.json` of every folder from the top of the repository down to `path`'s folder. */
function manifestsAround(path: string): string[] {
  const out: string[] = [];
  const parts = path === "." ? [] : path.split("/");
  for (let i = 0; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join("/");
    for (const name of ["package.json", "tsconfig.json"]) out.push(dir === "" ? name : `${dir}/${name}`);
  }
  return out;
}

/**
 * Lets role modules of a revision import packages as they do in the working
 * tree: every `node_modules` from the working directory up to the top of the
 * repository is linked at the same place in the extracted tree.
 */
function linkNodeModules(cwd: string, repo: Repository, tree: string): void {
  for (let dir = realPathOrSelf(cwd); ; dir = dirname(dir)) {
    const rel = relative(repo.root, dir);
    if (rel.startsWith("..") || isAbsolute(rel)) break;
    const modules = join(dir, "node_modules");
    const link = join(tree, rel, "node_modules");
    if (existsSync(modules) && !existsSync(link)) {
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(modules, link, "dir");
    }
    if (dir === repo.root) break;
  }
}

/**
 * A package that imports itself by name (`rolecraft/define` inside
 * rolecraft's own repository) resolves that name through its package.json,
 * which the extracted tree does not hold: link the nearest named package
 * under `scratch/node_modules`, above every extracted tree.
 */
function linkOwnPackage(cwd: string, repo: Repository, scratch: string): void {
  for (let dir = realPathOrSelf(cwd); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      let name: unknown;
      try {
        name = (JSON.parse(readRegularFile(manifest).toString("utf8")) as { name?: unknown }).name;
      } catch {
        name = undefined;
      }
      if (typeof name === "string" && /^(@[\w.-]+\/)?[\w.-]+$/.test(name)) {
        const link = join(scratch, "node_modules", ...name.split("/"));
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(dir, link, "dir");
        return;
      }
    }
    if (dir === repo.root || dirname(dir) === dir) return;
  }
}

/**
 * Revisions of the repository around `cwd`, extracted into a temporary
 * folder that {@link Snapshots.close} removes. `hostAt` builds the host
 * that reads an extracted tree, given the working directory's place in it
 * and the place of the project folder `root` (when it is not the working
 * directory and lies inside the repository).
 *
 * @throws UsageError when `cwd` is not inside a git repository.
 */
export function openGitSnapshots(cwd: string, root: string | undefined, hostAt: (cwd: string, root?: string) => RolecraftHost): Snapshots {
  const repo = repository(cwd);
  const scratch = mkdtempSync(join(tmpdir(), "rolecraft-diff-"));
  try {
    linkOwnPackage(cwd, repo, scratch);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  return {
    commit: (rev) => commitOf(repo, rev),
    checkout: (name, commit) => new GitCheckout(repo, commit, join(scratch, name, "tree"), cwd, root, hostAt),
    close: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/** One revision's files, extracted on demand into `tree`. */
class GitCheckout implements Checkout {
  readonly host: RolecraftHost;
  /** The working directory's place in the tree. */
  private readonly cwd: string;
  /** Repository paths asked for so far (present at the commit or not). */
  private readonly extracted = new Set<string>();
  private readonly files: RevisionTree;
  private linked = false;

  constructor(
    private readonly repo: Repository,
    private readonly commit: string,
    private readonly tree: string,
    private readonly workingDirectory: string,
    root: string | undefined,
    hostAt: (cwd: string, root?: string) => RolecraftHost,
  ) {
    this.cwd = join(tree, ...repo.prefix.split("/").filter((p) => p !== ""));
    this.files = new RevisionTree(tree);
    this.files.folder(repo.prefix);
    const rootInRepo = root === undefined ? undefined : relative(repo.root, realPathOrSelf(root));
    const treeRoot = rootInRepo === undefined || rootInRepo.startsWith("..") || isAbsolute(rootInRepo) ? undefined : join(tree, rootInRepo);
    this.host = hostAt(this.cwd, treeRoot);
  }

  repoPath(path: string): string {
    return repoPath(this.repo, path);
  }

  exists(path: string): boolean {
    return existsAt(this.repo, this.commit, path);
  }

  treePath(absolutePath: string): string | undefined {
    const path = relative(this.tree, absolutePath).split(sep).join("/");
    return path === ".." || path.startsWith("../") || isAbsolute(path) ? undefined : path;
  }

  taken(path: string): boolean {
    return this.extracted.has(path);
  }

  take(paths: readonly string[]): void {
    const depth = (path: string): number => (path === "." ? 0 : path.split("/").length);
    // Node needs the package.json files above a module to know whether it is ESM.
    const wanted = [...new Set([...paths, ...new Set(paths.flatMap(manifestsAround))])];
    const present: string[] = [];
    // Folders before what they hold, so nothing is written twice.
    for (const path of wanted.sort((x, y) => depth(x) - depth(y))) {
      if (this.covered(path)) continue;
      this.extracted.add(path);
      if (this.exists(path)) present.push(path);
    }
    if (present.length > 0) extract(this.repo, this.commit, present, this.files);
    if (!this.linked) {
      this.linked = true;
      linkNodeModules(this.workingDirectory, this.repo, this.tree);
    }
  }

  takeRefused(): RefusedEntry[] {
    return this.files.takeRefused();
  }

  makeDirectory(path: string): void {
    if (!this.files.folder(this.inTree(path))) throw new UsageError(`cannot create ${path} in the revision: ${this.files.takeRefused().map((r) => r.reason).join("; ")}`);
  }

  /** A path relative to the working directory as a path of the tree; nothing is ever written outside it. */
  private inTree(path: string): string {
    const inside = this.treePath(resolve(this.cwd, path));
    if (inside === undefined) throw new UsageError(`${path} lies outside the repository: a revision is only written inside its temporary folder`);
    return inside;
  }

  /** A path inside a folder already extracted is there (or absent from the revision) already. */
  private covered(path: string): boolean {
    return [...this.extracted].some((e) => e === "." || e === path || path.startsWith(`${e}/`));
  }
}
