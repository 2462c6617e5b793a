/**
 * The analyzer reads nothing outside the project folder: an absolute
 * import, a `../` import that leaves the project, a source that is a link
 * to a file elsewhere and a tsconfig that extends or includes files
 * elsewhere are refused, never read and never quoted. A broken `--project`
 * tsconfig is a positioned error (RC5016), and nothing is analyzed from a
 * guessed set of files.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";

/** A text that must never appear in any output: it is only in files outside the project. */
const SECRET = "OUTSIDE_SECRET_7f3a";

interface Reported {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

let base: string;
let project: string;

beforeAll(async () => {
  base = freshDir("analyzer-imports");
  project = join(base, "project");
  const outside = join(base, "outside");
  mkdirSync(join(project, "src"), { recursive: true });
  mkdirSync(outside, { recursive: true });
  // The project is a project of its own: the configuration of the folder above (which holds the outside folder) does not apply.
  writeFileSync(join(project, "rolecraft.config.yaml"), "# the project folder\n");
  // The file elsewhere: a const the application would like to use, a syntax error a code frame would quote, and a tsconfig.
  writeFileSync(join(outside, "secret.ts"), `import { A } from "./roles.js";\nexport const Secret = [A];\nexport const ${SECRET} = (;\n`);
  writeFileSync(join(outside, "tsconfig.json"), `{ "compilerOptions": { "strict": true }, "include": ["${SECRET}/**/*"] }\n`);
  writeFileSync(join(project, "roles.yaml"), 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "1", names: a, text: A, role: A }\n');
  expect((await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: project })).code).toBe(0);
}, 120_000);

/**
 * Checks a source folder of its own in the project, made of `files` (`$BASE`
 * in a text is the folder holding the project and the folder outside it)
 * and `links` (name → target): nothing of the outside folder, and no
 * absolute path, may appear in the output.
 */
async function check(
  files: Record<string, string>,
  args: readonly string[],
  links: Record<string, string> = {},
): Promise<{ code: number; diagnostics: Reported[]; all: string }> {
  const src = mkdtempSync(join(project, "case-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(src, name, ".."), { recursive: true });
    writeFileSync(join(src, name), text.replaceAll("$BASE", base));
  }
  for (const [name, target] of Object.entries(links)) symlinkSync(target.replaceAll("$BASE", base), join(src, name));
  const rel = src.slice(project.length + 1);
  const run = await cli(["check", "roles.yaml", ...args.map((a) => a.replaceAll("$SRC", rel)), "--format", "json"], { cwd: project });
  const all = `${run.stdout}\n${run.stderr}`;
  expect(all).not.toContain(SECRET);
  // No absolute path of the machine either, but for one the input itself holds.
  if (!Object.values(files).some((text) => text.includes("$BASE"))) expect(all).not.toContain(base);
  const report = JSON.parse(run.stdout) as { diagnostics: Reported[] };
  return { code: run.code, diagnostics: report.diagnostics, all };
}

const ACTOR = (from: string): string =>
  `import { Actor } from "rolecraft/runtime";\nimport { Secret } from "${from}";\nexport class Tickets extends Actor {\n  static override requiredRoles = Secret;\n}\n`;

describe("analyzer imports follow the include policy", () => {
  it("does not follow an absolute import", async () => {
    const run = await check({ "app.ts": ACTOR("$BASE/outside/secret.js") }, ["--src", "$SRC"]);
    expect(run.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["RC5004", 4, 35]]);
    expect(run.diagnostics[0]!.hint).toMatch(/not followed: it is an absolute path/);
  });

  it("does not follow a file: URL import", async () => {
    const run = await check({ "app.ts": ACTOR("file://$BASE/outside/secret.js") }, ["--src", "$SRC"]);
    expect(run.diagnostics.map((d) => d.code)).toEqual(["RC5004"]);
    expect(run.diagnostics[0]!.hint).toMatch(/not followed: it is an absolute path/);
  });

  it("does not follow a relative import that leaves the project folder", async () => {
    const run = await check({ "app.ts": ACTOR("../../outside/secret.js") }, ["--src", "$SRC"]);
    expect(run.diagnostics.map((d) => d.code)).toEqual(["RC5004"]);
    expect(run.diagnostics[0]!.hint).toMatch(/not followed: it leads outside the project folder \./);
  });

  it("does not follow an import through a folder link that leads outside", async () => {
    const run = await check({ "app.ts": ACTOR("./lib/secret.js") }, ["--src", "$SRC"], { lib: "$BASE/outside" });
    // The folder link itself is named where the scan skips it (RC5017), by its own path, not its target's.
    expect(run.diagnostics.map((d) => [d.code, d.file.replace(/^case-[^/]+\//, "")])).toEqual([
      ["RC5004", "app.ts"],
      ["RC5017", "lib"],
    ]);
    expect(run.diagnostics[0]!.hint).toMatch(/not followed: it leads outside the project folder \./);
  });

  it("does not read a source that is a link to a file outside (the folder scan skips links, and names each: RC5017)", async () => {
    const run = await check({ "app.ts": ACTOR("./secret.js") }, ["--src", "$SRC"], { "secret.ts": "$BASE/outside/secret.ts" });
    expect(run.diagnostics.map((d) => [d.code, d.file.replace(/^case-[^/]+\//, "")])).toEqual([
      ["RC5004", "app.ts"],
      ["RC5017", "secret.ts"],
    ]);
    expect(run.diagnostics[0]!.hint).toMatch(/not followed: it leads outside the project folder \./);
  });

  it("refuses a source a tsconfig lists that is a link to a file outside, without reading it", async () => {
    const run = await check(
      { "tsconfig.json": '{\n  "files": ["app.ts", "secret.ts"]\n}\n', "app.ts": ACTOR("./secret.js") },
      ["--project", "$SRC/tsconfig.json"],
      { "secret.ts": "$BASE/outside/secret.ts" },
    );
    expect(run.diagnostics.map((d) => [d.code, d.file.replace(/^case-[^/]+\//, ""), d.line])).toEqual([
      ["RC1014", "tsconfig.json", 2],
    ]);
    expect(run.code).toBe(1);
  });
});

describe("a --project tsconfig", () => {
  const tsconfigCase = async (tsconfig: string, extra: Record<string, string> = {}): Promise<{ code: number; diagnostics: Reported[] }> =>
    check({ "tsconfig.json": tsconfig, "app.ts": ACTOR("./roles-const.js"), "roles-const.ts": "export const Secret = [];\n", ...extra }, ["--project", "$SRC/tsconfig.json"]);

  it("that is not valid JSON is a positioned error, and nothing is analyzed", async () => {
    const run = await tsconfigCase('{\n  "compilerOptions": { "strict": true,, }\n  "include": ["*.ts"]\n}\n');
    expect(run.code).toBe(1);
    expect(run.diagnostics.length).toBeGreaterThan(0);
    for (const d of run.diagnostics) expect(d.code).toBe("RC5016");
    expect(run.diagnostics[0]!.file).toMatch(/tsconfig\.json$/);
    expect(run.diagnostics[0]!.line).toBe(2);
  });

  it("that extends itself is a positioned error", async () => {
    const run = await tsconfigCase('{\n  "extends": "./tsconfig.json",\n  "include": ["*.ts"]\n}\n');
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => d.code)).toContain("RC5016");
    expect(run.diagnostics.every((d) => d.code === "RC5016")).toBe(true);
    expect(run.diagnostics.find((d) => d.code === "RC5016")!.message).toMatch(/Circularity/i);
  });

  it("that extends a file that is not JSON is a positioned error", async () => {
    const run = await tsconfigCase('{\n  "extends": "./app.ts",\n  "include": ["*.ts"]\n}\n');
    expect(run.code).toBe(1);
    expect(run.diagnostics.length).toBeGreaterThan(0);
    expect(run.diagnostics.every((d) => d.code === "RC5016")).toBe(true);
  });

  it("that extends a tsconfig outside the project is refused at its extends, without reading it", async () => {
    const run = await tsconfigCase('{\n  "extends": "$BASE/outside/tsconfig.json",\n  "include": ["*.ts"]\n}\n');
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => [d.code, d.line])).toEqual([["RC1014", 2]]);
  });

  it("may extend a package's tsconfig in a node_modules folder where TypeScript looks, but no other node_modules", async () => {
    const shared = '{ "compilerOptions": { "strict": true } }\n';
    mkdirSync(join(project, "node_modules", "@org", "tsconfig"), { recursive: true });
    writeFileSync(join(project, "node_modules", "@org", "tsconfig", "base.json"), shared);
    const fine = await tsconfigCase('{\n  "extends": "@org/tsconfig/base.json",\n  "include": ["*.ts"]\n}\n');
    expect(fine.diagnostics.map((d) => d.code)).toEqual([]);
    mkdirSync(join(base, "outside", "node_modules", "x"), { recursive: true });
    writeFileSync(join(base, "outside", "node_modules", "x", "tsconfig.json"), shared);
    const refused = await tsconfigCase('{\n  "extends": "$BASE/outside/node_modules/x/tsconfig.json",\n  "include": ["*.ts"]\n}\n');
    expect(refused.diagnostics.map((d) => [d.code, d.line])).toEqual([["RC1014", 2]]);
  });

  it("whose include pattern starts at the file-system root is refused, and the disk is not walked", async () => {
    const run = await tsconfigCase('{\n  "include": ["/**/*"]\n}\n');
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => [d.code, d.line])).toEqual([["RC1014", 2]]);
  });

  it("that is fine is used (the contrast)", async () => {
    const run = await tsconfigCase('{\n  "compilerOptions": { "strict": true },\n  "include": ["*.ts"]\n}\n');
    expect(run.diagnostics.map((d) => d.code)).toEqual([]);
    expect(run.code).toBe(0);
  });
});
