/**
 * Lines are counted as editors, LSP and the code frame count them: a line
 * ends at LF, CRLF or CR, never at U+2028 or U+2029 (which a string literal
 * may hold, and which TypeScript's line map and JavaScript engines count as
 * line breaks). Checked in every output format of the analyzer (text with
 * its code frame, JSON, SARIF, GitHub) and on the compiler's side: YAML
 * positions, positions in the data of a TypeScript role module, and the
 * position of the error a TypeScript role module throws (from its stack
 * trace, where the engine counted the separators).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";

const LS = "\u2028";
const PS = "\u2029";

const ROLES = 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "1", names: a, text: A, role: A }\n';

let base: string;
let model: RoleModel;

beforeAll(async () => {
  base = freshDir("line-breaks");
  writeFileSync(join(base, "roles.yaml"), ROLES);
  const compiled = await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: base });
  expect(compiled.code, compiled.stderr).toBe(0);
  model = (await loadRoleModel(createNodeHost({ cwd: base }), join(base, "roles.yaml"))).value!.model;
}, 60_000);

/** An application folder beside the compiled roles holding `src/x.ts`. */
function app(name: string, source: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src", "x.ts"), source);
  return dir;
}

const check = (dir: string, format: string) => cli(["check", "../roles.yaml", "--src", "src", "--format", format], { cwd: dir });

describe("the analyzer counts lines as editors do", () => {
  // Line 3 holds both separators inside a string; the actor is on line 4 for an editor (line 6 for TypeScript).
  const source = [
    'import { Actor } from "rolecraft/runtime";',
    'import { A } from "../../generated/roles/app.js";',
    `export const note = "one${LS}two${PS}three";`,
    "export class X extends Actor { static override requiredRoles = [A, Unknown]; }",
    "",
  ].join("\n");
  const column = "export class X extends Actor { static override requiredRoles = [A, ".length + 1;

  it("in the text format and its code frame", async () => {
    const run = await check(app("text", source), "text");
    // RC5004 is an error (SPEC §6a).
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe(`src/x.ts:4:${column}: error RC5004: cannot resolve \`Unknown\` on src.X statically`);
    expect(lines[1]).toBe("  4 | export class X extends Actor { static override requiredRoles = [A, Unknown]; }");
    expect(lines[2]).toBe(`    | ${" ".repeat(column - 1)}^~~~~~~`);
  });

  it("in JSON, SARIF and GitHub's annotations", async () => {
    const dir = app("formats", source);
    const json = JSON.parse((await check(dir, "json")).stdout) as { diagnostics: { code: string; line: number; column: number; endLine: number; endColumn: number }[] };
    expect(json.diagnostics.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn])).toEqual([["RC5004", 4, column, 4, column + 7]]);
    const sarif = JSON.parse((await check(dir, "sarif")).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: object } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region])).toEqual([
      ["RC5004", { startLine: 4, startColumn: column, endLine: 4, endColumn: column + 7 }],
    ]);
    const github = await check(dir, "github");
    expect(github.stdout + github.stderr).toContain(`::error file=src/x.ts,line=4,col=${column},endLine=4,endColumn=${column + 7},title=RC5004::`);
  });

  it("with the separators on the line itself: the column counts them, the frame shows them as one character each", async () => {
    const line = `export const note = "a${LS}b"; export class X extends Actor { static override requiredRoles = [A, Unknown]; }`;
    const dir = app("same-line", ['import { Actor } from "rolecraft/runtime";', 'import { A } from "../../generated/roles/app.js";', line, ""].join("\n"));
    const at = line.indexOf("Unknown") + 1;
    const run = await check(dir, "text");
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe(`src/x.ts:3:${at}: error RC5004: cannot resolve \`Unknown\` on src.X statically`);
    expect(lines[1]).toBe(`  3 | ${line.replace(LS, "\ufffd")}`);
    expect(lines[2]).toBe(`    | ${" ".repeat(at - 1)}^~~~~~~`);
  });

  it("wherever LF, CR, CRLF, U+2028 and U+2029 stand before a requirement (property)", () => {
    const piece = fc.constantFrom("\n", "\r", "\r\n", LS, PS, "// c\n", "/* a\nb */", `"s${LS}t"`, `'u${PS}v'`, "`w\nx`", " ", "x");
    let n = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        // The pieces stand in a string or a comment (or as whitespace) before the actor: the file stays valid.
        const filler = pieces.map((p) => (p.startsWith('"') || p.startsWith("'") || p.startsWith("`") ? `void ${p};` : p.trim() === "x" ? "void 0;" : p)).join("");
        const text = ['import { Actor } from "rolecraft/runtime";', 'import { A } from "../../generated/roles/app.js";', filler, "export class X extends Actor { static override requiredRoles = [A, Unknown]; }", ""].join("\n");
        const dir = app(`p${n++}`, text);
        const offset = text.indexOf("Unknown");
        const before = text.slice(0, offset).split(/\r\n|\r|\n/);
        // The roles and their generated classes lie one folder up, beside the module: the project folder holds them.
        const result = analyzeApplication({ model, host: createNodeHost({ cwd: dir }), srcDir: "src", module: "../roles.yaml", lints: false });
        expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["RC5004", before.length, before.at(-1)!.length + 1]]);
      }),
      { numRuns: 60, seed: 2028 },
    );
  });
});

describe("the compiler counts lines as editors do", () => {
  it("in YAML, with separators in a doc before an unknown base", async () => {
    const dir = freshDir("line-breaks-yaml");
    writeFileSync(join(dir, "m.yaml"), `module: m\nroles:\n  A:\n    doc: "one${LS}two${PS}three"\n    bases: [core.Nope]\n`);
    const run = await cli(["check", "m.yaml", "--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["RC3001", 5, 13]]);
  });

  it("in the data of a TypeScript role module", async () => {
    const dir = freshDir("line-breaks-ts");
    writeFileSync(
      join(dir, "m.ts"),
      `import { defineRoleModule } from "rolecraft/define";\nconst note = "one${LS}two${PS}three";\nvoid note;\nexport default defineRoleModule({ module: "m", roles: { A: ["core.Nope"] } });\n`,
    );
    const run = await cli(["check", "m.ts", "--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["RC3001", 4, 61]]);
  });

  it("where a TypeScript role module throws (its stack trace counts the separators as line breaks)", async () => {
    const dir = freshDir("line-breaks-throw");
    writeFileSync(
      join(dir, "m.ts"),
      `import { defineRoleModule } from "rolecraft/define";\nconst note = "one${LS}two${PS}three";\nvoid note;\nthrow new Error("boom");\nexport default defineRoleModule({ module: "m", roles: {} });\n`,
    );
    const run = await cli(["check", "m.ts"], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe("m.ts:4:7: error RC1006: loading the TypeScript role module failed: Error: boom");
    expect(lines[1]).toBe('  4 | throw new Error("boom");');
  });

  it("with old Mac line ends (lone CR) before an error", async () => {
    const dir = freshDir("line-breaks-cr");
    writeFileSync(join(dir, "m.yaml"), "module: m\rroles:\r  A:\r    doc: one\r    bases: [core.Nope]\r");
    const run = await cli(["check", "m.yaml", "--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(report.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["RC3001", 5, 13]]);
  });
});
