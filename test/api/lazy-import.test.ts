/**
 * Importing the built library loads none of its heavy dependencies: each is
 * loaded by the first call that needs it (TypeScript by the first parse,
 * or an emit whose output leaves the subset src/emit/plain-syntax.ts knows;
 * handlebars by the first render, ajv by the first permission test
 * file, tinyglobby by the first glob). Each case runs in a fresh `node`
 * process and lists the packages in its CommonJS module cache (TypeScript,
 * ts-morph, handlebars, ajv and picomatch, which tinyglobby requires, are
 * all CommonJS, however they are reached).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/generated.js";

const library = pathToFileURL(join(repoRoot, "dist", "index.js")).href;

/** The heavy packages, as the folder names in their files' paths. */
const HEAVY = ["typescript.js", "ts-morph", "handlebars", "ajv", "picomatch"] as const;

/** Runs `body` (an async function body with `lib`, the library) after importing the library in a fresh process; returns the heavy packages then loaded. */
function loadedAfter(body: string): string[] {
  const script = `
    import { createRequire } from "node:module";
    const lib = await import(${JSON.stringify(library)});
    await (async () => { ${body} })();
    const files = Object.keys(createRequire(import.meta.url).cache);
    const heavy = ${JSON.stringify(HEAVY)};
    process.stdout.write(JSON.stringify(heavy.filter((name) => files.some((file) => file.split(/[\\\\/]/).includes(name)))));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8", env: process.env });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

describe("the library's import", () => {
  it("loads none of TypeScript, ts-morph, handlebars, ajv and tinyglobby", () => {
    expect(loadedAfter("")).toEqual([]);
  });

  it("loads handlebars with the first emit, and no TypeScript: the generated files are checked without it", () => {
    const loaded = loadedAfter(`
      const model = await lib.loadRoleModel(lib.createNodeHost({ cwd: process.cwd() }), "user-types/noi");
      if (lib.hasFailures(model.diagnostics)) throw new Error("the example model has errors");
      lib.emitProject(model.value.model);
    `);
    expect(loaded).toEqual(["handlebars"]);
  });

  it("loads TypeScript (its bundled file, not ts-morph's entry) with an emit whose output leaves the plain subset", () => {
    // A module label that is a keyword: valid TypeScript (\`export * as class\`), left to TypeScript's parser.
    const loaded = loadedAfter(`
      const model = await lib.loadRoleModel(lib.createNodeHost({ cwd: process.cwd() }), "user-types/noi");
      if (lib.hasFailures(model.diagnostics)) throw new Error("the example model has errors");
      const m = model.value.model;
      const emitted = lib.emitProject({ ...m, modules: m.modules.map((x, i) => (i === m.modules.length - 1 ? { ...x, label: "class" } : x)), roles: new Map([...m.roles].map(([id, r]) => [id, r.module === m.modules[m.modules.length - 1].label ? { ...r, module: "class" } : r])) });
      if (lib.hasFailures(emitted.diagnostics)) throw new Error(emitted.diagnostics[0].message);
    `);
    expect(loaded).toEqual(["typescript.js", "handlebars"]);
  });

  it("loads TypeScript with the first analysis of sources", () => {
    const loaded = loadedAfter(`
      const result = await lib.check({ module: "user-types/noi", sources: { src: "examples/noi-app/src" } }, lib.createNodeHost({ cwd: process.cwd() }));
      if (result.diagnostics.length !== 0) throw new Error("the example has diagnostics");
    `);
    expect(loaded).toContain("typescript.js");
    expect(loaded).not.toContain("handlebars");
  });

  it("loads handlebars with the first documentation render", () => {
    const loaded = loadedAfter(`
      const result = await lib.docs({ module: "user-types/noi", sources: { src: "examples/noi-app/src" }, out: "docs-out" }, lib.createNodeHost({ cwd: process.cwd() }));
      if (result.files === undefined || result.files.length === 0) throw new Error("no documentation rendered");
    `);
    expect(loaded).toContain("handlebars");
    expect(loaded).not.toContain("ajv");
  });

  it("loads ajv with the first permission test file, and no TypeScript", () => {
    const loaded = loadedAfter(`
      const parsed = lib.parseTestFile("tests: 5\\n", "a.rolecraft-test.yaml");
      if (parsed.diagnostics.length === 0) throw new Error("expected the schema to reject the file");
    `);
    expect(loaded).toEqual(["ajv"]);
  });
});
