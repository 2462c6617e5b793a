/**
 * The configuration as a user meets it: found upward from a subfolder, its
 * paths relative to its own folder for every command, its folder the
 * project folder, and its problems positioned (exit 2). Also the help of
 * `show`, which names every table.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

/** A project: Noi's roles in roles/, the example application in app/, a configuration at the top, and a subfolder. */
function project(config: string): string {
  const dir = freshDir("config");
  cpSync(join(repoRoot, "user-types", "noi"), join(dir, "roles"), { recursive: true });
  cpSync(join(repoRoot, "examples", "noi-app", "src"), join(dir, "app", "src"), { recursive: true });
  writeFileSync(join(dir, "rolecraft.config.yaml"), config);
  mkdirSync(join(dir, "app", "src", "deep"), { recursive: true });
  return dir;
}

describe("rolecraft.config.yaml, found upward", () => {
  const config = "module: roles\nsrc: app/src\nout: app/generated\n";

  it("compile writes to `out` relative to the configuration's folder, run from a subfolder", async () => {
    const dir = project(config);
    const cwd = join(dir, "app", "src", "deep");
    const run = await cli(["compile"], { cwd });
    expect(run.stderr).toBe("compiled 42 roles and 5 user types into ../../generated/ (16 files)\n");
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, "app", "generated", "roles", "noi.ts"))).toBe(true);
    expect((await cli(["compile", "--check"], { cwd })).code).toBe(0);
  });

  it("check, the tables, visible-for and checkmro read the module and the sources the configuration names", async () => {
    const dir = project(config);
    const cwd = join(dir, "app", "src", "deep");
    expect((await cli(["compile"], { cwd: dir })).code).toBe(0);
    const fromTop = await cli(["show", "user-roles"], { cwd: dir });
    const fromBelow = await cli(["show", "user-roles"], { cwd });
    expect(fromBelow).toEqual(fromTop);
    expect(fromBelow.stdout).toContain("noi.Customer");
    const check = await cli(["check", "--format", "json"], { cwd });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ diagnostics: [], summary: { errors: 0 } });
    expect((await cli(["visible-for", "tickets.AllTickets"], { cwd })).stdout).toBe((await cli(["visible-for", "tickets.AllTickets"], { cwd: dir })).stdout);
    expect((await cli(["checkmro", "Customer", "Developer"], { cwd })).code).toBe(1);
  });

  it.each(["rolecraft.config.yaml", "rolecraft.config.yml"])("is no role module when it lies in the folder of role modules (%s)", async (name) => {
    const dir = freshDir("config-in-modules");
    rmSync(join(dir, "rolecraft.config.yaml"));
    writeFileSync(join(dir, "main.yaml"), "module: app\nroles:\n  Clerk: [core.SiteUser]\nuserTypes:\n  - { value: '1', text: Clerk, role: Clerk }\n");
    writeFileSync(join(dir, name), "module: .\n");
    const run = await cli(["show", "user-types"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(" 1              Clerk");
    expect((await cli(["check", "."], { cwd: dir })).stderr).toBe("0 errors, 0 warnings\n");
  });

  it("makes its folder the project folder: an include outside the working directory but inside it is read", async () => {
    // Outside this repository, whose own configuration would apply otherwise.
    const dir = mkdtempSync(join(tmpdir(), "rolecraft-config-root-"));
    mkdirSync(join(dir, "shared"));
    mkdirSync(join(dir, "roles"));
    mkdirSync(join(dir, "work"));
    writeFileSync(join(dir, "shared", "base.yaml"), "module: base\nroles:\n  Reader: [core.SiteUser]\n");
    writeFileSync(join(dir, "roles", "main.yaml"), "module: app\ninclude: [../shared/base.yaml]\nroles:\n  Clerk: [base.Reader]\nuserTypes:\n  - { value: '1', text: Clerk, role: Clerk }\n");
    writeFileSync(join(dir, "rolecraft.config.yaml"), "module: roles/main.yaml\n");
    const run = await cli(["show", "user-types"], { cwd: join(dir, "work") });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Without the configuration, the project folder is the module's folder, and the include is refused.
    rmSync(join(dir, "rolecraft.config.yaml"));
    const alone = await cli(["show", "user-types", "../roles/main.yaml"], { cwd: join(dir, "work") });
    expect(alone.stderr).toContain("error RC1014");
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a problem of the configuration where it is written, with a code frame, and exits 2", async () => {
    const dir = freshDir("config-bad");
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "rolecraft.config.yaml"), "# defaults\nmodul: roles\n");
    const run = await cli(["check"], { cwd: join(dir, "sub") });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("../rolecraft.config.yaml:2:1: error RC2007: the configuration has an unknown key `modul`\n  2 | modul: roles\n    | ^~~~~\n");
    expect(run.stderr).toContain("hint: the keys are module, src, project, out, severity, tests");
  });

  it("is not read by a command that names everything it needs", async () => {
    const dir = freshDir("config-unused");
    writeFileSync(join(dir, "rolecraft.config.yaml"), "modul: broken\n");
    writeFileSync(join(dir, "main.yaml"), "module: app\nroles:\n  Clerk: [core.SiteUser]\nuserTypes:\n  - { value: '1', text: Clerk, role: Clerk }\n");
    expect((await cli(["show", "user-types", "main.yaml"], { cwd: dir })).code).toBe(0);
  });
});

describe("help", () => {
  it("`show` names every table it prints, in rolecraft --help and in its own help", async () => {
    const top = await cli(["--help"]);
    expect(top.stdout.replace(/\s+/g, " ")).toContain("show print a table or a layout: user-types, user-roles, actors, layout, dialog-actions");
    const show = await cli(["show", "--help"]);
    expect(show.stdout.replace(/\s+/g, " ")).toContain("print a table or a layout: user-types, user-roles, actors, layout, dialog-actions Options:");
  });
});
