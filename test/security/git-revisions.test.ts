/**
 * `diff --base REV` reads a revision that anyone may have written: git
 * accepts trees with entries named `..` (unless `transfer.fsckObjects` is
 * on), a tree may hold a symbolic link `d` beside a file `d/x`, and links
 * may point anywhere. The revisions here are built with git's plumbing
 * (`hash-object`, `mktree`, `commit-tree`), as a hostile commit would be.
 * Nothing is written outside the diff's temporary folder (which TMPDIR puts
 * under the test's folder, deep enough that every `..` chain below lands
 * inside it), nothing is written through a link, and every entry left out
 * is named (RC1017).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { noStackTrace } from "./helpers.js";

const git = (cwd: string, args: readonly string[], input?: string): string =>
  execFileSync("git", ["-c", "user.name=rolecraft test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    input,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  }).trim();

const MODULE = 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n';

/** Entries of a tree to build: a blob (file or link) or a nested tree, by name; a name may repeat. */
type Entry = readonly [name: string, entry: { blob: string; link?: boolean } | { tree: readonly Entry[] }];

/** Writes a tree with `git mktree`, which checks no names (nor does git, without fsck). */
function mktree(repo: string, entries: readonly Entry[]): string {
  const lines = entries.map(([name, entry]) => {
    if ("tree" in entry) return `040000 tree ${mktree(repo, entry.tree)}\t${name}`;
    const oid = git(repo, ["hash-object", "-w", "--stdin"], entry.blob);
    return `${entry.link === true ? "120000" : "100644"} blob ${oid}\t${name}`;
  });
  return git(repo, ["mktree"], `${lines.join("\n")}\n`);
}

/** Every file below `dir` whose name starts with `pwned`, relative to `dir`. */
function pwned(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.name.startsWith("pwned")) found.push(relative(dir, path));
      if (entry.isDirectory() && !entry.isSymbolicLink() && entry.name !== ".git") walk(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** `..` repeated `n` times around a tree holding `pwned-n.yaml`. */
function upChain(n: number): Entry {
  let entry: Entry = [`pwned-${n}.yaml`, { blob: `written ${n} levels up\n` }];
  for (let i = 0; i < n; i++) entry = ["..", { tree: [entry] }];
  return entry;
}

describe("diff --base on a hostile revision", () => {
  let dir = "";
  let repo = "";
  let outside = "";
  let savedTmp: string | undefined;

  beforeEach(() => {
    dir = freshDir("git-hostile");
    // The diff's temporary folder goes deep below the test's folder: every `..` chain lands inside it.
    const tmp = join(dir, "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "tmp");
    mkdirSync(tmp, { recursive: true });
    savedTmp = process.env["TMPDIR"];
    process.env["TMPDIR"] = tmp;
    outside = join(dir, "outside");
    mkdirSync(outside);
    repo = join(dir, "repo");
    mkdirSync(join(repo, "roles"), { recursive: true });
    git(repo, ["init", "-q"]);
    writeFileSync(join(repo, "roles", "app.yaml"), MODULE);
    git(repo, ["add", "-A"]);
    git(repo, ["commit", "-q", "-m", "roles"]);
  });

  afterEach(() => {
    if (savedTmp === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = savedTmp;
  });

  /** Commits `roles` (the folder module) as the given entries, beside nothing else, and returns the commit. */
  function commitRoles(entries: readonly Entry[], top: readonly Entry[] = []): string {
    const tree = mktree(repo, [["roles", { tree: entries }], ...top]);
    return git(repo, ["commit-tree", tree, "-p", "HEAD", "-m", "hostile"]);
  }

  it("writes nothing for entries named `..`, at any depth, and names each one it left out", async () => {
    const chains = [1, 2, 3, 4, 5, 6, 7, 8].map(upChain);
    const commit = commitRoles([["app.yaml", { blob: MODULE }], ...chains], chains);
    const run = await cli(["diff", "roles", "--base", commit, "--format", "json"], { cwd: repo });
    noStackTrace(run);
    expect(pwned(dir)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    const refused = run.stderr.split("\n").filter((line) => line.includes("RC1017"));
    expect(refused).toHaveLength(8);
    for (const line of refused) expect(line).toContain("is not read: its path has a `.` or `..` segment");
  });

  it("never writes through a symbolic link: neither a link `d` beside a folder `d`, nor one that leads outside", async () => {
    const commit = commitRoles([
      ["app.yaml", { blob: MODULE }],
      ["d", { blob: outside, link: true }],
      ["d", { tree: [["pwned-through-link.yaml", { blob: MODULE.replace("module: app", "module: evil") }]] }],
      ["up", { blob: "../../../../../../../../../..", link: true }],
      ["zero.yaml", { blob: "/dev/zero", link: true }],
      ["same.yaml", { blob: "app.yaml", link: true }],
    ]);
    const run = await cli(["diff", "roles", "--base", commit, "--format", "json"], { cwd: repo });
    noStackTrace(run);
    expect(readdirSync(outside)).toEqual([]);
    expect(pwned(dir)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    const refused = run.stderr.split("\n").filter((line) => line.includes("RC1017"));
    expect(refused.map((line) => /"([^"]*)" at revision/.exec(line)?.[1]).sort()).toEqual(["roles/d", "roles/up", "roles/zero.yaml"]);
    expect(run.stderr).toContain('"roles/zero.yaml" at revision');
    expect(run.stderr).toContain("it is a symbolic link to an absolute path");
    expect(run.stderr).toContain("it is a symbolic link that leads outside the revision");
  });

  it("writes nothing under a link whose file comes first in the tree's order, nor at an absolute-looking or empty name", async () => {
    const commit = commitRoles([
      ["app.yaml", { blob: MODULE }],
      ["a", { tree: [["pwned-in-a.yaml", { blob: "x\n" }]] }],
      ["b", { blob: "a", link: true }],
      ["c", { blob: outside, link: true }],
    ]);
    // A second tree that names the link as a folder: `roles/c/pwned.yaml` would be written through `c`.
    const through = mktree(repo, [["roles", { tree: [["app.yaml", { blob: MODULE }], ["c", { tree: [["pwned-c.yaml", { blob: "x\n" }]] }], ["c", { blob: outside, link: true }]] }]]);
    const second = git(repo, ["commit-tree", through, "-p", commit, "-m", "through"]);
    for (const base of [commit, second]) {
      const run = await cli(["diff", "roles", "--base", base], { cwd: repo });
      noStackTrace(run);
      expect(readdirSync(outside)).toEqual([]);
      expect(run.code, run.stderr).toBe(0);
    }
  });

  it("with --project, which takes the whole revision, writes nothing outside either", async () => {
    writeFileSync(join(repo, "tsconfig.json"), '{ "include": ["src"] }\n');
    mkdirSync(join(repo, "src"));
    writeFileSync(join(repo, "src", "app.ts"), "export const x = 1;\n");
    git(repo, ["add", "-A"]);
    git(repo, ["commit", "-q", "-m", "sources"]);
    const chains = [2, 3, 4, 5, 6, 7].map(upChain);
    const tree = mktree(repo, [
      ["roles", { tree: [["app.yaml", { blob: MODULE }]] }],
      ["src", { tree: [["app.ts", { blob: "export const x = 1;\n" }], ["d", { blob: outside, link: true }], ["d", { tree: [["pwned.ts", { blob: "x\n" }]] }]] }],
      ["tsconfig.json", { blob: '{ "include": ["src"] }\n' }],
      ...chains,
    ]);
    const commit = git(repo, ["commit-tree", tree, "-p", "HEAD", "-m", "hostile"]);
    const run = await cli(["diff", "roles", "--base", commit, "--project", "tsconfig.json"], { cwd: repo });
    noStackTrace(run);
    expect(readdirSync(outside)).toEqual([]);
    expect(pwned(dir)).toEqual([]);
    expect(run.stderr).toContain("RC1017");
  });
});
