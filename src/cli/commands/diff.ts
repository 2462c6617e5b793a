/**
 * `rolecraft diff`: what a change does to who may see what.
 *
 * - `rolecraft diff <before> <after> [--src-before DIR --src-after DIR | --src DIR | --project tsconfig.json]`
 *   compares two role modules (files or folders) on disk.
 * - `rolecraft diff --base <rev> [--head <rev>] [module] [--src DIR | --project tsconfig.json]`
 *   compares revisions of the git repository around the working directory;
 *   without `--head`, the after-state is the working tree as it is.
 *
 * A revision is read with git itself (`git ls-tree` + `git cat-file
 * --batch`) into a temporary folder, never by touching the working tree or
 * the index. Not `git archive`: its `export-ignore` and `export-subst`
 * attributes would change what the revision holds.
 *
 * Exit codes: 0 when both states load (whether or not anything changed),
 * 1 when a state has errors or, with `--fail-on-widening`, when some user
 * type gains a role or access; 2 for bad usage, an unknown revision or
 * unreadable input.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { analyzeApplication } from "../../analyzer/analyze.js";
import type { Application } from "../../analyzer/types.js";
import { loadRoleModel } from "../../compiler/compile.js";
import type { RoleModel } from "../../compiler/types.js";
import { catalogue } from "../../diagnostics/catalogue.js";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { diffPermissions } from "../../diff/diff.js";
import { DIFF_FORMATS, isDiffFormat, renderDiff, type DiffFormat } from "../../diff/render.js";
import type { DiffState } from "../../diff/types.js";
import { emitProject } from "../../emit/emit.js";
import { createNodeHost } from "../../host/node-host.js";
import { writeOutputDirectory } from "../output-dir.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { config, loadModelOrReport, moduleArgument, reportText, sourcesOf, useColor } from "../shared.js";
import { sourceOptions, type SourceOptions } from "./sources.js";

/** Options of `rolecraft diff` as commander parses them. */
export interface DiffOptions {
  readonly base?: string;
  readonly head?: string;
  readonly src?: string;
  readonly project?: string;
  readonly srcBefore?: string;
  readonly srcAfter?: string;
  readonly format?: string;
  readonly failOnWidening?: boolean;
  readonly color?: boolean;
}

/** A loaded state and how the output names it. */
interface LoadedState {
  readonly label: string;
  readonly state: DiffState;
}

/** Runs `rolecraft diff`; `paths` are the positional arguments (0 to 2). */
export async function diffCommand(ctx: CliContext, paths: readonly string[], options: DiffOptions): Promise<number> {
  const format = diffFormat(options.format);
  const color = useColor(ctx, options.color);
  const states = options.base !== undefined ? await revisionStates(ctx, options.base, paths, options, color) : await pathStates(ctx, paths, options, color);
  if (states === undefined) return EXIT_PROBLEMS;
  const [before, after] = states;
  const diff = diffPermissions(before.state, after.state);
  // Text goes to stdout: colored only on explicit request (`--color`), never guessed from stderr's terminal.
  ctx.stdout(renderDiff(diff, format, { before: before.label, after: after.label, color: format === "text" && options.color === true }));
  if (options.failOnWidening === true && diff.summary.widening) {
    const users = new Set(diff.widening.map((g) => g.userType)).size;
    ctx.stderr(`rolecraft: --fail-on-widening: ${users === 1 ? "1 user type gains" : `${users} user types gain`} roles or access (${diff.widening.length} new grants)\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function diffFormat(format: string | undefined): DiffFormat {
  const chosen = format ?? "text";
  if (!isDiffFormat(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${DIFF_FORMATS.join(", ")})`);
  return chosen;
}

// ─── two modules on disk ────────────────────────────────────────────────────

async function pathStates(ctx: CliContext, paths: readonly string[], options: DiffOptions, color: boolean): Promise<[LoadedState, LoadedState] | undefined> {
  if (options.head !== undefined) throw new UsageError("--head needs --base");
  const [beforePath, afterPath] = paths;
  if (paths.length !== 2 || beforePath === undefined || afterPath === undefined) {
    throw new UsageError("name two role modules to compare (before and after), or a git revision with --base REV");
  }
  if ((options.srcBefore === undefined) !== (options.srcAfter === undefined)) throw new UsageError("give --src-before and --src-after together (or --src for both states)");
  if (options.srcBefore !== undefined && (options.src !== undefined || options.project !== undefined)) {
    throw new UsageError("give --src-before/--src-after or --src/--project, not both");
  }
  // Sources only when named: the configuration's `src` belongs to one state of the project, not to two modules.
  const shared = options.src !== undefined || options.project !== undefined ? sourceOptions(ctx, pick(options), true) : undefined;
  const sourcesFor = (dir: string | undefined): SourceOptions | undefined => (dir === undefined ? shared : sourceOptions(ctx, { src: dir }, true));
  const before = await loadWorkingState(ctx, "before", beforePath, beforePath, sourcesFor(options.srcBefore), color);
  const after = await loadWorkingState(ctx, "after", afterPath, afterPath, sourcesFor(options.srcAfter), color);
  return before === undefined || after === undefined ? undefined : [before, after];
}

function pick(options: DiffOptions): SourceOptions {
  return { ...(options.src === undefined ? {} : { src: options.src }), ...(options.project === undefined ? {} : { project: options.project }) };
}

/** A state read from the file system as it is, relative to the working directory. */
async function loadWorkingState(
  ctx: CliContext,
  side: "before" | "after",
  label: string,
  module: string,
  sources: SourceOptions | undefined,
  color: boolean,
): Promise<LoadedState | undefined> {
  const sideCtx = headedContext(ctx, ctx.cwd, `${side} (${label})`);
  const compiled = await loadModelOrReport(sideCtx, module, color, { requireUserTypes: true });
  if (compiled === undefined) return undefined;
  if (sources === undefined) return { label, state: { model: compiled.model } };
  const app = analyze(sideCtx, compiled.model, sources, color);
  return app === undefined ? undefined : { label, state: { model: compiled.model, app } };
}

/**
 * The same context, with `cwd` replaced and every stderr output of a state
 * preceded once by a line naming the state, so that diagnostics of the two
 * states can be told apart.
 */
function headedContext(ctx: CliContext, cwd: string, heading: string): CliContext {
  let headed = false;
  return {
    ...ctx,
    cwd,
    stderr: (text) => {
      if (!headed) ctx.stderr(`rolecraft diff: in ${heading}:\n`);
      headed = true;
      ctx.stderr(text);
    },
  };
}

/** The application analyzed against `model` (lints off: a diff reports changes, `check` reports smells). */
function analyze(ctx: CliContext, model: RoleModel, sources: SourceOptions, color: boolean): Application | undefined {
  const result = analyzeApplication({
    model,
    cwd: ctx.cwd,
    lints: false,
    ...(sources.src === undefined ? {} : { srcDir: sources.src }),
    ...(sources.project === undefined ? {} : { project: sources.project }),
  });
  reportText(ctx, result.diagnostics, color, fileTexts(ctx.cwd, result.diagnostics));
  return hasFailures(result.diagnostics) ? undefined : result.value;
}

function fileTexts(cwd: string, diagnostics: readonly Diagnostic[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const d of diagnostics) {
    if (texts.has(d.span.file)) continue;
    try {
      texts.set(d.span.file, readFileSync(resolve(cwd, d.span.file), "utf8"));
    } catch {
      // No code frame for a file that can't be read again.
    }
  }
  return texts;
}

// ─── git revisions ──────────────────────────────────────────────────────────

/** The repository around the working directory. */
interface Repository {
  /** The top-level folder (symlinks resolved). */
  readonly root: string;
  /** The working directory relative to `root`, with `/`, `""` at the top. */
  readonly prefix: string;
}

async function revisionStates(
  ctx: CliContext,
  base: string,
  paths: readonly string[],
  options: DiffOptions,
  color: boolean,
): Promise<[LoadedState, LoadedState] | undefined> {
  if (options.srcBefore !== undefined || options.srcAfter !== undefined) {
    throw new UsageError("--src-before and --src-after compare two modules on disk; with --base, give --src or --project (one path, read at each revision)");
  }
  if (paths.length > 1) throw new UsageError("with --base, name at most one role module (it is read at both revisions)");
  if (options.src !== undefined && options.project !== undefined) throw new UsageError("give --src or --project, not both");
  const module = moduleArgument(ctx, paths[0]);
  const sources = revisionSources(ctx, options);
  const repo = repository(ctx.cwd);
  const baseCommit = commitOf(repo, base);
  const headCommit = options.head === undefined ? undefined : commitOf(repo, options.head);
  const scratch = mkdtempSync(join(tmpdir(), "rolecraft-diff-"));
  try {
    linkOwnPackage(ctx.cwd, repo, scratch);
    const before = await loadRevisionState(ctx, repo, scratch, { side: "before", rev: base, commit: baseCommit }, module, sources, color);
    if (before === undefined) return undefined;
    const after =
      options.head === undefined || headCommit === undefined
        ? await loadWorkingState(ctx, "after", "working tree", module, sources === undefined ? undefined : sourceOptions(ctx, sources, true), color)
        : await loadRevisionState(ctx, repo, scratch, { side: "after", rev: options.head, commit: headCommit }, module, sources, color);
    return after === undefined ? undefined : [before, { ...after, label: options.head ?? "working tree" }];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `--src`/`--project`, else the configuration's; not checked on disk (they are read at each revision). */
function revisionSources(ctx: CliContext, options: DiffOptions): SourceOptions | undefined {
  if (options.src !== undefined || options.project !== undefined) return pick(options);
  const cfg = config(ctx);
  if (cfg.src !== undefined) return { src: cfg.src };
  if (cfg.project !== undefined) return { project: cfg.project };
  return undefined;
}

interface Revision {
  readonly side: "before" | "after";
  /** As the user wrote it. */
  readonly rev: string;
  readonly commit: string;
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
  const fromRoot = isAbsolute(path) ? relative(repo.root, resolveReal(path)).split(sep).join("/") : posix.join(repo.prefix, path.split(sep).join("/"));
  const normalized = posix.normalize(fromRoot === "" ? "." : fromRoot).replace(/\/$/, "");
  if (normalized === ".." || normalized.startsWith("../") || posix.isAbsolute(normalized)) throw new UsageError(`${path} is outside the git repository`);
  return normalized;
}

function resolveReal(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Whether `path` (inside the repository) exists at `commit`. */
function existsAt(repo: Repository, commit: string, path: string): boolean {
  return git(repo.root, ["cat-file", "-e", `${commit}:${path === "." ? "" : path}`]).status === 0;
}

/**
 * Writes the files under `paths` at `commit` into `tree` (the repository's
 * top level), with git's own plumbing. Symbolic links are recreated;
 * submodules are left out.
 */
function extract(repo: Repository, commit: string, paths: readonly string[], tree: string): void {
  const listing = git(repo.root, ["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, "--", ...paths.map((p) => (p === "." ? "" : p)).filter((p) => p !== "")]);
  if (listing.status !== 0) throw new UsageError(`cannot list ${paths.join(", ")} at ${commit}: ${listing.stderr.split("\n")[0] ?? ""}`);
  const entries: { mode: string; oid: string; path: string }[] = [];
  for (const record of listing.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (match === null || match[2] !== "blob") continue;
    entries.push({ mode: match[1] ?? "", oid: match[3] ?? "", path: match[4] ?? "" });
  }
  if (entries.length === 0) return;
  const batch = git(repo.root, ["cat-file", "--batch"], `${entries.map((e) => e.oid).join("\n")}\n`);
  if (batch.status !== 0) throw new UsageError(`cannot read objects of ${commit}: ${batch.stderr.split("\n")[0] ?? ""}`);
  const out = batch.stdout;
  let offset = 0;
  for (const entry of entries) {
    const newline = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, newline).toString("utf8").split(" ");
    const size = Number(header[2]);
    if (header[1] !== "blob" || !Number.isInteger(size)) throw new UsageError(`cannot read ${entry.path} at ${commit}`);
    const content = out.subarray(newline + 1, newline + 1 + size);
    offset = newline + 1 + size + 1;
    const target = join(tree, ...entry.path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    if (entry.mode === "120000") symlinkSync(content.toString("utf8"), target);
    else if (posix.basename(entry.path) === "package.json") writeFileSync(target, moduleManifest(content));
    else writeFileSync(target, content);
  }
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
  for (let dir = resolveReal(cwd); ; dir = dirname(dir)) {
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
  for (let dir = resolveReal(cwd); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      let name: unknown;
      try {
        name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
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

/** Most rounds of following includes that point outside what was extracted. */
const MAX_INCLUDE_ROUNDS = 50;

async function loadRevisionState(
  ctx: CliContext,
  repo: Repository,
  scratch: string,
  revision: Revision,
  module: string,
  sources: SourceOptions | undefined,
  color: boolean,
): Promise<LoadedState | undefined> {
  const tree = join(scratch, revision.side, "tree");
  const cwd = join(tree, ...repo.prefix.split("/").filter((p) => p !== ""));
  mkdirSync(cwd, { recursive: true });
  const modulePath = repoPath(repo, module);
  if (!existsAt(repo, revision.commit, modulePath)) throw new UsageError(`${module} does not exist at revision ${revision.rev}`);

  const wanted = [modulePath];
  const outShown = config(ctx).out ?? "generated";
  if (sources?.src !== undefined) wanted.push(repoPath(repo, sources.src), repoPath(repo, outShown));
  // A tsconfig may include files anywhere and extend other configs: take the whole revision.
  if (sources?.project !== undefined) wanted.splice(0, wanted.length, ".");
  const extracted = new Set<string>();
  // A path inside a folder already extracted is there (or absent from the revision) already.
  const covered = (path: string): boolean => [...extracted].some((e) => e === "." || e === path || path.startsWith(`${e}/`));
  const depth = (path: string): number => (path === "." ? 0 : path.split("/").length);
  const take = (paths: readonly string[]): void => {
    const present: string[] = [];
    // Folders before what they hold, so nothing is written twice.
    for (const path of [...new Set(paths)].sort((x, y) => depth(x) - depth(y))) {
      if (covered(path)) continue;
      extracted.add(path);
      if (existsAt(repo, revision.commit, path)) present.push(path);
    }
    if (present.length > 0) extract(repo, revision.commit, present, tree);
  };
  // Node needs the package.json files above a module to know whether it is ESM.
  take([...wanted, ...new Set(wanted.flatMap(manifestsAround))]);
  linkNodeModules(ctx.cwd, repo, tree);

  // Includes may point outside the module's folder: fetch what the loader misses, until nothing more can be found.
  const host = createNodeHost({ cwd });
  let result = await loadRoleModel(host, resolve(cwd, module), { requireUserTypes: true });
  for (let round = 0; round < MAX_INCLUDE_ROUNDS; round++) {
    const missing = result.diagnostics
      .filter((d) => d.code === catalogue.unreadableInclude.code && typeof d.data["path"] === "string")
      .map((d) => relative(tree, resolve(cwd, String(d.data["path"]))).split(sep).join("/"))
      .filter((p) => !p.startsWith("..") && !extracted.has(p));
    if (missing.length === 0) break;
    take([...missing, ...new Set(missing.flatMap(manifestsAround))]);
    result = await loadRoleModel(host, resolve(cwd, module), { requireUserTypes: true });
  }
  const sideCtx = headedContext(ctx, cwd, `${revision.side} (${revision.rev})`);
  reportText(sideCtx, result.diagnostics, color, sourcesOf(result.value));
  if (hasFailures(result.diagnostics)) return undefined;
  const model = result.value.model;
  if (sources === undefined) return { label: revision.rev, state: { model } };

  // A source folder the revision does not have yet: an application without actors (RC5011 says so).
  if (sources.src !== undefined) mkdirSync(resolve(cwd, sources.src), { recursive: true });
  // Generated role classes are usually not committed: generate them as `rolecraft compile` would.
  const outDir = resolve(cwd, outShown);
  if (!existsSync(outDir)) {
    const emitted = emitProject(model, { sourceName: (file) => relative(outDir, resolve(cwd, file)).split(sep).join("/") });
    const refused = hasFailures(emitted.diagnostics) ? emitted.diagnostics : writeOutputDirectory(outDir, outShown, emitted.value);
    if (refused.length > 0) {
      reportText(sideCtx, refused, color, sourcesOf(result.value));
      return undefined;
    }
  }
  const app = analyze(sideCtx, model, sources, color);
  return app === undefined ? undefined : { label: revision.rev, state: { model, app } };
}
