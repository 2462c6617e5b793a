/**
 * The command line end to end (in-process): tables on stdout byte-identical
 * to Lino's, diagnostics on stderr with file:line:col, exit codes 0/1/2,
 * compile's atomic output, refusal to overwrite and --check.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

const lino = (app: string): { expected: { userRolesTable: string; userTypesTable: string } } =>
  JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "lino", `${app}.json`), "utf8")) as { expected: { userRolesTable: string; userTypesTable: string } };

describe("rolecraft show", () => {
  it.each(["noi", "xl_min9", "core_lets"])("prints %s's UserRoles and UserTypes tables byte for byte", async (app) => {
    const roles = await cli(["show", "user-roles", `user-types/${app}`]);
    expect(roles).toEqual({ code: 0, stdout: lino(app).expected.userRolesTable, stderr: "" });
    const types = await cli(["show", "user-types", `user-types/${app}/${app}.yaml`]);
    expect(types).toEqual({ code: 0, stdout: lino(app).expected.userTypesTable, stderr: "" });
  });

  it.each(["md", "csv", "json", "html"])("renders noi's tables as %s (golden)", async (format) => {
    for (const what of ["user-roles", "user-types"]) {
      const run = await cli(["show", what, "user-types/noi", "--format", format]);
      expect(run.code).toBe(0);
      const golden = join(repoRoot, "test", "fixtures", "cli", "show", `noi-${what}.${format}`);
      if (process.env["UPDATE_GOLDENS"] === "1") {
        mkdirSync(join(golden, ".."), { recursive: true });
        writeFileSync(golden, run.stdout);
      }
      expect(run.stdout).toBe(readFileSync(golden, "utf8"));
    }
  });

  it("prints the TypeScript example's tables", async () => {
    const run = await cli(["show", "user-roles", "user-types/shop"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(" shop.ShopManager ");
    expect(run.stdout.split("\n")[1]).toBe(" Name                    000   100   150   200   900");
  });

  it("rejects an unknown format with exit code 2 and one line", async () => {
    const run = await cli(["show", "user-roles", "user-types/noi", "--format", "pdf"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("unknown format `pdf`");
  });
});

describe("exit codes and messages", () => {
  it("exits 2 with one line for a missing module", async () => {
    const run = await cli(["show", "user-roles", "no/such/dir"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "rolecraft: cannot read no/such/dir: no such file or directory\n" });
  });

  it("exits 2 for an unknown command", async () => {
    const run = await cli(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command");
  });

  it("exits 1 with file:line:col and a hint for an invalid module, and prints no table", async () => {
    const run = await cli(["show", "user-roles", "main.yaml"], { cwd: join(repoRoot, "test", "fixtures", "compiler", "diagnostics", "unknown-role") });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("main.yaml:4:15: error RC3001: unknown role `Custmer`");
    expect(run.stderr).toContain("hint: did you mean `Customer`?");
    expect(run.stderr).toMatch(/3 errors, 0 warnings\n$/);
  });

  it("check exits 0 on a clean module and 1 on errors, with json and sarif on stdout", async () => {
    expect((await cli(["check", "user-types/noi"])).code).toBe(0);
    const cwd = join(repoRoot, "test", "fixtures", "compiler", "diagnostics", "inheritance-cycle");
    const json = await cli(["check", "main.yaml", "--format", "json"], { cwd });
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(parsed.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["RC3004", 3, 3]]);
    const sarif = await cli(["check", "main.yaml", "--format", "sarif"], { cwd });
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe("2.1.0");
    const github = await cli(["check", "main.yaml", "--format", "github"], { cwd });
    // Workflow commands go to stdout, where GitHub Actions reads them.
    expect(github.stdout).toMatch(/^::error file=main\.yaml,line=3,col=3,/);
    expect(github.stderr).toBe("");
  });
});

describe("rolecraft compile", () => {
  const files = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (d: string, prefix: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
        else out.push(`${prefix}${e.name}`);
      }
    };
    walk(dir, "");
    return out.sort();
  };

  it("writes one file per module, user-types.ts and index.ts; --check passes; a stale file fails --check", async () => {
    const dir = freshDir("cli-compile");
    const out = join(dir, "gen");
    const run = await cli(["compile", "user-types/noi", "--out", out]);
    expect(run.code).toBe(0);
    expect(files(out)).toContain("roles/noi.ts");
    expect(files(out)).toContain("roles/core.ts");
    expect(files(out)).toContain("user-types.ts");
    expect(files(out)).toContain("index.ts");
    expect((await cli(["compile", "user-types/noi", "--out", out, "--check"])).code).toBe(0);
    const noi = join(out, "roles", "noi.ts");
    writeFileSync(noi, readFileSync(noi, "utf8") + "// edited\n");
    const stale = await cli(["compile", "user-types/noi", "--out", out, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("RC4002");
    expect(stale.stderr).toContain("roles/noi.ts is out of date");
    // --check never writes.
    expect(readFileSync(noi, "utf8")).toContain("// edited");
    expect((await cli(["compile", "user-types/noi", "--out", out])).code).toBe(0);
    expect(readFileSync(noi, "utf8")).not.toContain("// edited");
  });

  it("refuses to overwrite a file it did not generate, and writes nothing", async () => {
    const dir = freshDir("cli-refuse");
    const out = join(dir, "gen");
    mkdirSync(join(out, "roles"), { recursive: true });
    writeFileSync(join(out, "roles", "noi.ts"), "export const mine = 1;\n");
    const run = await cli(["compile", "user-types/noi", "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("RC4001");
    expect(files(out)).toEqual(["roles/noi.ts"]);
    expect(readFileSync(join(out, "roles", "noi.ts"), "utf8")).toBe("export const mine = 1;\n");
  });

  it("writes nothing when the module has errors", async () => {
    const dir = freshDir("cli-errors");
    const out = join(dir, "gen");
    const run = await cli(["compile", join(repoRoot, "test/fixtures/compiler/diagnostics/inconsistent-mro/main.yaml"), "--out", out]);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it("removes generated files of modules that no longer exist", async () => {
    const dir = freshDir("cli-extra");
    const out = join(dir, "gen");
    expect((await cli(["compile", "user-types/noi", "--out", out])).code).toBe(0);
    expect((await cli(["compile", "user-types/core_lets", "--out", out])).code).toBe(0);
    expect(files(out)).toEqual([".rolecraft-generated", "index.ts", "roles/core.ts", "user-types.ts"]);
  });
});
