/**
 * The analyzer looks canonical paths up once per pass (src/host/read-file.ts
 * `realPathMemo`, src/analyzer/project.ts `SourceStore.pass`): a folder once
 * for all its files, one `lstat` per file. Its answers must be those of
 * `realpath` itself (the include policy compares them with the project
 * folder), and nothing may be kept from one pass to the next: a file turned
 * into a link outside between two passes (watch mode, an editor) is outside.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSources } from "../../src/analyzer/project.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { realPathMemo, realPathOrSelf } from "../../src/host/read-file.js";
import { freshDir } from "../helpers/generated.js";

describe("realPathMemo answers as realpath", () => {
  let dir: string;
  let paths: string[];
  beforeAll(() => {
    dir = freshDir("realpath-memo");
    const project = join(dir, "project");
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(join(project, "src", "deep"), { recursive: true });
    mkdirSync(join(elsewhere, "sub"), { recursive: true });
    writeFileSync(join(project, "src", "a.ts"), "");
    writeFileSync(join(project, "src", "deep", "b.ts"), "");
    writeFileSync(join(elsewhere, "sub", "c.ts"), "");
    symlinkSync(join(elsewhere, "sub"), join(project, "src", "linked-folder"));
    symlinkSync(join(elsewhere, "sub", "c.ts"), join(project, "src", "linked-file.ts"));
    symlinkSync("../src/deep", join(project, "src", "relative-link"));
    symlinkSync(join(project, "src", "loop-b"), join(project, "src", "loop-a"));
    symlinkSync(join(project, "src", "loop-a"), join(project, "src", "loop-b"));
    symlinkSync(join(dir, "nowhere.ts"), join(project, "src", "dangling.ts"));
    paths = [
      join(project, "src", "a.ts"),
      join(project, "src", "deep", "b.ts"),
      join(project, "src", "linked-folder", "c.ts"),
      join(project, "src", "linked-folder"),
      join(project, "src", "linked-file.ts"),
      join(project, "src", "relative-link", "b.ts"),
      join(project, "src", "relative-link", "..", "a.ts"),
      join(project, "src", "loop-a"),
      join(project, "src", "loop-a", "x.ts"),
      join(project, "src", "dangling.ts"),
      join(project, "src", "missing.ts"),
      join(project, "missing-folder", "x.ts"),
      join(project, "src", "a.ts", "not-a-folder.ts"),
      join(project, "src"),
      join(project, "src") + "/",
      relative(process.cwd(), join(project, "src", "a.ts")),
      "/",
    ];
  });

  it("for plain files, links to files and folders, loops, dangling links and missing paths, asked once and again", () => {
    const memo = realPathMemo();
    for (const round of [1, 2]) {
      for (const path of paths) expect({ round, path, real: memo(path) }).toEqual({ round, path, real: realPathOrSelf(path) });
    }
  });
});

describe("nothing is kept from one pass to the next", () => {
  it("a file replaced by a link outside between two loads is refused by the second", () => {
    const dir = freshDir("realpath-passes");
    const project = join(dir, "project");
    mkdirSync(join(project, "src"), { recursive: true });
    mkdirSync(join(dir, "outside"));
    writeFileSync(join(dir, "outside", "secret.ts"), "export class Secret {}\n");
    const file = join(project, "src", "a.ts");
    writeFileSync(file, "export class A {}\n");
    const host = createNodeHost({ cwd: project });
    const first = loadSources({ host, files: ["src/a.ts"] });
    expect(first.value.project.outside(file)).toBe(false);
    expect(first.value.project.pass(() => first.value.project.outside(file))).toBe(false);

    rmSync(file);
    symlinkSync(join(dir, "outside", "secret.ts"), file);
    // The same store, a new pass (as watch mode's next round): the link is followed where it leads now.
    expect(first.value.project.pass(() => first.value.project.outside(file))).toBe(true);
    expect(first.value.project.outside(file)).toBe(true);
    const second = loadSources({ host, files: ["src/a.ts"] });
    expect(second.value.files).toEqual([]);
    expect(second.diagnostics.map((d) => d.code)).toContain("RC1014");
  });
});
