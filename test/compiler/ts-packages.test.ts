/**
 * TypeScript role modules load in every kind of package a user may have:
 * `"type": "module"`, `"type": "commonjs"` and no `type` at all (what
 * `npm init -y` writes), as `.ts`, `.mts` and `.cts`, importing
 * `rolecraft/define` from an installed rolecraft (a link to this package,
 * as `npm install` makes one). What the loader says when a module fails is
 * kept whole, with esbuild's position of a syntax error.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { loaderFailure } from "../../src/compiler/load.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { repoRoot } from "../helpers/generated.js";

const PACKAGE_TYPES = { module: "module", commonjs: "commonjs", none: undefined } as const;
const EXTENSIONS = ["ts", "mts", "cts"] as const;

let root: string;
/** One host for every package, as for one project: its workers load module after module. */
let host: ReturnType<typeof createNodeHost>;

/** A package folder with rolecraft installed (linked) and these files. */
function makePackage(name: string, type: string | undefined, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(repoRoot, join(dir, "node_modules", "rolecraft"), "dir");
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, version: "1.0.0", ...(type === undefined ? {} : { type }) }, null, 2)}\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A user types module that includes a second module and builds user types with a spread. */
function clinicModule(ext: string): string {
  return `import { defineRoleModule } from "rolecraft/define";
const staff: string[] = ["100", "200"];
export default defineRoleModule({
  module: "clinic",
  include: ["./base.${ext}"],
  roles: { Doctor: ["base.Helper"], Nurse: ["core.SiteUser"] },
  userTypes: [
    { value: "000", names: "anonymous", text: "Anonymous", role: "core.Anonymous", readonly: true },
    ...staff.map((value) => ({ value, text: \`Staff \${value}\`, role: "Doctor" })),
  ],
});
`;
}

const BASE = `import { defineRoleModule } from "rolecraft/define";
export default defineRoleModule({ module: "base", roles: { Helper: ["core.SiteUser"] } });
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "rolecraft-ts-packages-"));
  host = createNodeHost({ cwd: root, modelThread: false });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("TypeScript role modules in every kind of package", () => {
  const cases = Object.entries(PACKAGE_TYPES).flatMap(([kind, type]) => EXTENSIONS.map((ext) => [kind, ext, type] as const));

  it.each(cases)("loads a module in a package of type %s, as .%s", async (kind, ext, type) => {
    makePackage(`${kind}-${ext}`, type, { [`roles/clinic.${ext}`]: clinicModule(ext), [`roles/base.${ext}`]: BASE });
    const result = await loadRoleModel(host, `${kind}-${ext}/roles/clinic.${ext}`, { requireUserTypes: true });
    expect(result.diagnostics).toEqual([]);
    const model = result.value.model;
    expect(model.roles.get("clinic.Doctor")?.mro).toEqual(["clinic.Doctor", "base.Helper", "core.SiteUser", "core.UserRole"]);
    expect(model.userTypes.map((t) => [t.value, t.text, t.role])).toEqual([
      ["000", "Anonymous", "core.Anonymous"],
      ["100", "Staff 100", "clinic.Doctor"],
      ["200", "Staff 200", "clinic.Doctor"],
    ]);
  });

  it("loads CommonJS written out: `export =` and `module.exports =` with `require`", async () => {
    makePackage("cjs-forms", "commonjs", {
      "roles/main.cts": `import { defineRoleModule } from "rolecraft/define";
export = defineRoleModule({ module: "main", include: ["./other.ts"], roles: { Clerk: ["other.Reader"] }, userTypes: [{ value: "1", text: "Clerk", role: "Clerk" }] });
`,
      "roles/other.ts": `const { defineRoleModule } = require("rolecraft/define");
module.exports = defineRoleModule({ module: "other", roles: { Reader: ["core.SiteUser"] } });
`,
    });
    const result = await loadRoleModel(host, "cjs-forms/roles/main.cts");
    expect(result.diagnostics).toEqual([]);
    expect(result.value.model.roles.get("main.Clerk")?.bases).toEqual(["other.Reader"]);
  });

  it("loads every module file of a folder, .cts and .mts included, and no declaration files", async () => {
    makePackage("folder", undefined, {
      "roles/a.cts": 'export default { module: "a", roles: { A: ["core.SiteUser"] } };\n',
      "roles/b.mts": 'export default { module: "b", roles: { B: ["a.A"] } };\n',
      "roles/c.d.cts": "export {};\n",
      "roles/d.d.mts": "export {};\n",
    });
    const result = await loadRoleModel(host, "folder/roles");
    expect(result.diagnostics).toEqual([]);
    expect(result.value.project.files.map((f) => f.path)).toEqual(["folder/roles/a.cts", "folder/roles/b.mts"]);
  });
});

describe("RC1006 keeps the loader's message", () => {
  it("gives esbuild's details of a syntax error and its position (columns in UTF-16 code units, not bytes)", async () => {
    makePackage("syntax", undefined, {
      "roles/bad.ts": 'import { defineRoleModule } from "rolecraft/define";\nconst label = "Ärzte 😀"; export default defineRoleModule({\n  module: "bad",\n  roles: { A: ["core.SiteUser"] B: [] },\n});\n',
    });
    const result = await loadRoleModel(host, "syntax/roles/bad.ts");
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["RC1006", 4, 33]]);
    expect(result.diagnostics[0]?.data["reason"]).toBe('TransformError: Transform failed with 1 error:\nsyntax/roles/bad.ts:4:33: ERROR: Expected "}" but found "B"');
  });

  it("positions a syntax error of a .cts module in a CommonJS package at the error, naming the module", async () => {
    makePackage("syntax-cts", "commonjs", { "roles/bad.cts": 'import { defineRoleModule } from "rolecraft/define";\nconst x = ;\nexport = defineRoleModule({ module: "bad" });\n' });
    const result = await loadRoleModel(host, "syntax-cts/roles/bad.cts");
    expect(result.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.column])).toEqual([["RC1006", "syntax-cts/roles/bad.cts", 2, 11]]);
    expect(result.diagnostics[0]?.data["reason"]).toBe('TransformError: Transform failed with 1 error:\nsyntax-cts/roles/bad.cts:2:11: ERROR: Unexpected ";"');
  });

  it("keeps the message of an error thrown while loading, with paths relative to the working directory", async () => {
    makePackage("missing-import", "commonjs", { "roles/m.ts": 'import "./nothere";\nexport default { module: "m" };\n' });
    const result = await loadRoleModel(host, "missing-import/roles/m.ts");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["RC1006"]);
    const reason = String(result.diagnostics[0]?.data["reason"]);
    expect(reason).toContain("nothere");
    expect(reason).not.toContain(root);
  });
});

describe("loaderFailure", () => {
  const host = { cwd: "/work/app" };
  it("turns esbuild's 0-based byte columns into 1-based UTF-16 columns in the module", () => {
    const text = 'const s = "ééé😀"; const t = 1 2;\n';
    const failure = loaderFailure(host, 'TransformError: Transform failed with 1 error:\n/work/app/roles/u.ts:1:36: ERROR: Expected ";" but found "2"', "/work/app/roles/u.ts", text);
    expect(failure).toEqual({ reason: 'TransformError: Transform failed with 1 error:\nroles/u.ts:1:32: ERROR: Expected ";" but found "2"', at: { line: 1, column: 32 } });
  });

  it("counts esbuild's lines as JavaScript does (U+2028 ends one) and gives them as editors count them", () => {
    const text = "// a\u2028b\nconst t = 1 2;\n";
    const failure = loaderFailure(host, 'TransformError: Transform failed with 1 error:\n/work/app/roles/ls.ts:3:12: ERROR: Expected ";" but found "2"', "/work/app/roles/ls.ts", text);
    expect(failure.at).toEqual({ line: 2, column: 13 });
    expect(failure.reason).toContain('roles/ls.ts:2:13: ERROR: Expected ";" but found "2"');
  });

  it.each(["cts", "mts"])("takes the position of a .%s module that tsx hands to esbuild under its name with .ts", (ext) => {
    const failure = loaderFailure(host, 'TransformError: Transform failed with 1 error:\n/work/app/roles/m.ts:2:10: ERROR: Unexpected ";"', `/work/app/roles/m.${ext}`, "export {};\nconst x = ;\n");
    expect(failure).toEqual({ reason: `TransformError: Transform failed with 1 error:\nroles/m.${ext}:2:11: ERROR: Unexpected ";"`, at: { line: 2, column: 11 } });
  });

  it("names an error in another file by its relative path and takes no position from it", () => {
    const failure = loaderFailure(host, "TransformError: Transform failed with 1 error:\n/work/app/roles/helper.ts:2:4: ERROR: Unexpected \";\"", "/work/app/roles/main.ts", "import './helper';\n");
    expect(failure).toEqual({ reason: 'TransformError: Transform failed with 1 error:\nroles/helper.ts:2:5: ERROR: Unexpected ";"' });
  });

  it("shortens file URLs of the working directory", () => {
    expect(loaderFailure(host, "Error: Cannot find module 'file:///work/app/roles/x.ts'", "/work/app/roles/m.ts", "").reason).toBe("Error: Cannot find module 'roles/x.ts'");
  });
});
