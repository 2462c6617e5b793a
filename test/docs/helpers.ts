/** Shared by the docs tests: reading a tree of files, running `rolecraft docs` on a fixture case, docutils. */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { cli, type CliRun } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

/** The fixture cases' folder. */
export const docsFixtures = join(repoRoot, "test", "fixtures", "docs");

/** A golden case: `test/fixtures/docs/<case>/case.json`. */
export interface DocsCase {
  readonly description: string;
  /** Working directory of the run: the repository root, or the case folder. */
  readonly cwd: "repo" | "case";
  /** Arguments after `docs` (without `--out`). */
  readonly args: readonly string[];
}

/** Every case folder. */
export function docsCases(): string[] {
  return readdirSync(docsFixtures)
    .filter((name) => existsSync(join(docsFixtures, name, "case.json")))
    .sort();
}

export function readCase(name: string): DocsCase {
  return JSON.parse(readFileSync(join(docsFixtures, name, "case.json"), "utf8")) as DocsCase;
}

/** Every file below `dir` (relative paths with `/`) and its text; empty when `dir` does not exist. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (lstatSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** Runs `rolecraft docs <case args> --out <fresh dir>/docs` and returns the run and the output directory. */
export async function runCase(name: string, extra: readonly string[] = []): Promise<{ run: CliRun; out: string }> {
  const docsCase = readCase(name);
  const out = join(freshDir(`docs-${name}`), "docs");
  const cwd = docsCase.cwd === "repo" ? repoRoot : join(docsFixtures, name);
  const run = await cli(["docs", ...docsCase.args, "--out", out, ...extra], { cwd });
  return { run, out };
}

/** The first Python with docutils: the one on PATH, else Debian's (where python3-docutils installs it); undefined when none has it. */
export const docutilsPython: string | undefined = ["python3", "/usr/bin/python3"].find(
  (candidate) => spawnSync(candidate, ["-c", "import docutils"], { encoding: "utf8" }).status === 0,
);

/**
 * Python that imports docutils and stands in for what Sphinx adds to it and
 * the pages use: the `toctree` directive (nothing) and the `:doc:` role (a
 * literal).
 */
export const SPHINX_STAND_INS = String.raw`
import json, sys, io
import docutils.core
from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles

class Toctree(Directive):
    has_content = True
    option_spec = {"maxdepth": directives.nonnegative_int}
    def run(self):
        return []

directives.register_directive("toctree", Toctree)
roles.register_local_role("doc", lambda name, rawtext, text, lineno, inliner, options={}, content=[]: ([nodes.literal(rawtext, text)], []))
`;
