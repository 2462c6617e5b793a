/**
 * Small promises of a CLI that runs on hostile repositories: errors of the
 * machine are named and show no absolute path; help without a command is
 * bad usage; the YAML alias limit is the one the documentation states; a
 * TypeScript module's data is held to the size limit of a file; a
 * collection as a YAML key is a positioned error and Node prints no
 * warning; a custom documentation template prints nothing.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ALIAS_COUNT, MAX_FILE_BYTES, MAX_MODULE_FILES } from "../../src/compiler/limits.js";
import { sanitizeOutcome } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { runCliProcess } from "./child-cli.js";
import { noStackTrace } from "./helpers.js";

const MODULE = 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n';

/** A project folder holding `main.yaml`. */
function project(text = MODULE): string {
  const dir = freshDir("hygiene");
  writeFileSync(join(dir, "main.yaml"), text);
  return dir;
}

describe("errors of the machine", () => {
  it.each([
    ["EEXIST", "a file where the output's parent folder should be", "main.yaml/generated", "cannot create the folder main.yaml: something else is already there (EEXIST)"],
    ["ENOTDIR", "a file inside the output's parent path", "main.yaml/sub/generated", "cannot create the folder main.yaml/sub: a part of the path is not a directory (ENOTDIR)"],
    ["ELOOP", "a link loop as the output's parent folder", "loop/generated", "cannot create the folder loop: too many levels of symbolic links, a link loop (ELOOP)"],
  ])("names %s (%s), exits 2, and shows paths relative to the working directory", async (_code, _what, out, message) => {
    const dir = project();
    symlinkSync("loop", join(dir, "loop"));
    const run = await cli(["compile", "main.yaml", "--out", out], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`rolecraft: ${message}\n`);
    expect(run.stderr).not.toContain(dir);
    noStackTrace(run);
  });
});

describe("help", () => {
  it("exits 2 when no command is given, and 0 when help is asked for", async () => {
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: rolecraft");
    expect((await cli(["show"])).code).toBe(2);
    expect((await cli(["--help"])).code).toBe(0);
    expect((await cli(["help"])).code).toBe(0);
    expect((await cli(["help", "compile"])).code).toBe(0);
    expect((await cli(["compile", "--help"])).code).toBe(0);
  });
});

describe("the number of role-module files", () => {
  it("is limited: the file past the limit is named where it is included, and nothing after it is read", async () => {
    const names = Array.from({ length: MAX_MODULE_FILES + 5 }, (_, i) => `m${i}.yaml`);
    const dir = project(`${MODULE}include:\n${names.map((n) => `  - roles/${n}`).join("\n")}\n`);
    mkdirSync(join(dir, "roles"));
    // The files past the limit are broken: read, each would be an error of its own.
    names.forEach((name, i) => writeFileSync(join(dir, "roles", name), i < MAX_MODULE_FILES - 1 ? `module: m${i}\nroles: {}\n` : "module: [\n"));
    const run = await cli(["check", "main.yaml", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; line: number; message: string }[] }).diagnostics;
    // main.yaml is the first file: the include at index MAX - 1 is the one past the limit.
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([["RC1018", "main.yaml", 6 + MAX_MODULE_FILES]]);
    expect(found[0]!.message).toContain(`roles/m${MAX_MODULE_FILES - 1}.yaml`);
  }, 300_000);
});

describe("the YAML alias limit", () => {
  /** A module whose user type's attributes hold the given flow-mapping entries. */
  const withAttributes = (entries: string): string =>
    `module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A, attributes: { ${entries} } }\n`;
  const aliases = (name: string, n: number): string => Array.from({ length: n }, () => `*${name}`).join(", ");

  it("is the number SECURITY.md and docs/semantics.md state", () => {
    const stated = (file: string): number[] =>
      [...readFileSync(join(repoRoot, file), "utf8").matchAll(/at most ([\d,]+)\s+(?:alias )?expansions/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
    expect(stated("SECURITY.md")).toEqual([MAX_ALIAS_COUNT]);
    expect(stated("docs/semantics.md")).toEqual([MAX_ALIAS_COUNT]);
  });

  it.each([
    ["one anchor, aliased 1,000 times", `a: &x v, l: [${aliases("x", 1000)}]`],
    ["two anchors, 500 aliases each", `a: &x v, b: &y w, l: [${aliases("x", 500)}, ${aliases("y", 500)}]`],
    ["a list of 9 aliases, aliased 99 times (99 × 10 + 9 = 999) and one more", `a: &x v, b: &y [${aliases("x", 9)}], l: [${aliases("y", 99)}, *x]`],
  ])("accepts exactly 1,000 expansions: %s", async (_what, entries) => {
    const dir = project(withAttributes(entries));
    const run = await cli(["check", "main.yaml", "--format", "json"], { cwd: dir });
    expect(run.stdout).not.toContain("RC1001");
    expect(run.code).toBe(0);
  });

  it.each([
    ["one anchor, aliased 1,001 times", `a: &x v, l: [${aliases("x", 1001)}]`],
    ["two anchors, 600 aliases each", `a: &x v, b: &y w, l: [${aliases("x", 600)}, ${aliases("y", 600)}]`],
    ["a list of 9 aliases, aliased 100 times (1,009)", `a: &x v, b: &y [${aliases("x", 9)}], l: [${aliases("y", 100)}]`],
  ])("refuses more: %s, as RC1001 at the first alias", async (_what, entries) => {
    const dir = project(withAttributes(entries));
    const run = await cli(["check", "main.yaml", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number; message: string }[] }).diagnostics;
    const firstAlias = withAttributes(entries).split("\n")[4]!.indexOf("*") + 1;
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([["RC1001", 5, firstAlias]]);
    expect(found[0]!.message).toContain(`expand more than ${MAX_ALIAS_COUNT} times`);
  });
});

describe("a collection as a YAML key", () => {
  it.each([
    ["a list", "  [a, b]: [core.SiteUser]\n", 3, 3],
    ["a mapping", "  ? { a: 1 }\n  : [core.SiteUser]\n", 3, 5],
    ["an alias of a list", "  B: &l [core.SiteUser]\n  *l : [core.SiteUser]\n", 4, 3],
  ])("is RC1001 at the key when the key is %s, and Node prints no warning", (_what, roles, line, column) => {
    const dir = project(`module: app\nroles:\n${roles}  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n`);
    const run = runCliProcess(["check", "main.yaml", "--format", "json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] }).diagnostics;
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([["RC1001", line, column]]);
  });
});

describe("what a TypeScript role module returns", () => {
  it("is held to the size limit of a role module file, measured before it is sent", async () => {
    const dir = freshDir("hygiene");
    writeFileSync(
      join(dir, "main.ts"),
      'const doc = "x".repeat(2_000_000);\nexport default { module: "app", doc, roles: { A: ["core.SiteUser"] }, userTypes: [{ value: "100", names: "user", text: "User", role: "A" }] };\n',
    );
    const run = await cli(["check", "main.ts", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics;
    expect(found.map((d) => d.code)).toEqual(["RC1016"]);
    expect(found[0]!.message).toMatch(/^the default export of main\.ts, written as JSON, is \d+ bytes/);
  });

  it("is measured again when the answer comes back (a forged answer from the worker), shared parts counted each time", () => {
    const big = "y".repeat(4096);
    const shared = Array.from({ length: 300 }, () => big);
    expect(sanitizeOutcome({ kind: "ok", value: { module: "app", doc: shared } })).toMatchObject({ kind: "tooLarge" });
    expect(sanitizeOutcome({ kind: "ok", value: { module: "app", doc: "z".repeat(MAX_FILE_BYTES) } })).toMatchObject({ kind: "tooLarge" });
    expect(sanitizeOutcome({ kind: "ok", value: { module: "app", doc: "z".repeat(1000) } })).toMatchObject({ kind: "ok" });
    expect(sanitizeOutcome({ kind: "tooLarge", size: "huge" })).toEqual({ kind: "tooLarge", size: MAX_FILE_BYTES + 1 });
  });
});

describe("custom documentation templates", () => {
  it("can't print: `{{log}}` is an error of the template, and nothing but the files reaches stdout", () => {
    const dir = project();
    mkdirSync(join(dir, "templates"));
    writeFileSync(join(dir, "templates", "index.md.hbs"), '{{log "hello from a template"}}{{log "on stderr" level="error"}}# roles\n');
    const run = runCliProcess(["docs", "main.yaml", "--out", "docs", "--templates", "templates"], { cwd: dir });
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("hello from a template");
    expect(run.stderr).not.toContain("on stderr\n");
    expect(run.stderr).toContain("index.md.hbs");
    expect(run.code).toBe(2);
  });

  it("a template reading what the view model does not own gets no access and prints nothing", () => {
    const dir = project();
    mkdirSync(join(dir, "templates"));
    writeFileSync(join(dir, "templates", "index.md.hbs"), "{{#with this}}{{lookup this \"constructor\"}}{{__proto__}}{{/with}}# roles\n");
    const run = runCliProcess(["docs", "main.yaml", "--out", "docs", "--templates", "templates"], { cwd: dir });
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("Handlebars: Access has been denied");
  });
});
