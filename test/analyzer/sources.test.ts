/**
 * Which files the analyzer reads, and how it reports unreadable input. These
 * cases build their application in a temporary folder (node_modules folders
 * cannot live in the repository's fixtures).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/index.js";
import { shorten } from "../../src/analyzer/spans.js";
import { noiModel } from "./model.js";
import { createNodeHost } from "../../src/host/node-host.js";

const model = noiModel();
const dirs: string[] = [];

/** Writes `files` (path → text) into a fresh temporary folder and returns it. */
function app(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rolecraft-analyzer-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ACTOR = (name: string) => `import { Actor } from "rolecraft/runtime";\n\nexport class ${name} extends Actor {}\n`;

describe("sources", () => {
  it("skips node_modules below the source folder", () => {
    const dir = app({
      "src/tickets/tickets.ts": ACTOR("Tickets"),
      "src/node_modules/lib/tables.ts": ACTOR("Vendored"),
      "src/tickets/node_modules/x/index.ts": ACTOR("Nested"),
    });
    const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }) });
    expect(result.value.actors.map((a) => a.id)).toEqual(["tickets.Tickets"]);
  });

  it("names each symbolic link under --src it does not read (RC5017, a warning at the link): to a source, to a folder, to nothing", () => {
    const dir = app({
      "src/tickets/tickets.ts": ACTOR("Tickets"),
      "shared/notes.ts": ACTOR("Notes"),
      "shared/more/extra.ts": ACTOR("Extra"),
      "src/readme.md": "not a source\n",
    });
    symlinkSync("../../shared/notes.ts", path.join(dir, "src", "tickets", "notes.ts"));
    symlinkSync("../shared/more", path.join(dir, "src", "more"));
    symlinkSync("nowhere.ts", path.join(dir, "src", "dangling.ts"));
    // Not where a source would be: no warning.
    symlinkSync("readme.md", path.join(dir, "src", "readme-link.md"));
    symlinkSync("../shared/notes.ts", path.join(dir, "src", "types.d.ts"));
    const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }), lints: false });
    expect(result.value.actors.map((a) => a.id)).toEqual(["tickets.Tickets"]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.file, d.data["path"]])).toEqual([
      ["RC5017", "warning", "src/dangling.ts", "src/dangling.ts"],
      ["RC5017", "warning", "src/more", "src/more"],
      ["RC5017", "warning", "src/tickets/notes.ts", "src/tickets/notes.ts"],
    ]);
    expect(result.diagnostics[0]!.message).toBe("src/dangling.ts is skipped: a symbolic link; rolecraft reads only regular files inside the project folder");
  });

  it("reads at most maxSourceFiles below --src: RC5018 names the limit and the first file not read, which is not parsed", () => {
    const dir = app({
      "src/a.ts": ACTOR("A"),
      "src/b.ts": ACTOR("B"),
      "src/c.ts": ACTOR("C"),
      "src/d/d.ts": ACTOR("D"),
    });
    const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }), lints: false, maxSourceFiles: 2 });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.file, d.data])).toEqual([["RC5018", "error", "src", { path: "src", max: 2, first: "src/c.ts" }]]);
    expect(result.value.actors.map((a) => a.id)).toEqual(["src.A", "src.B"]);
    // At the limit, nothing is refused.
    const exact = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }), lints: false, maxSourceFiles: 4 });
    expect(exact.diagnostics).toEqual([]);
    expect(exact.value.actors).toHaveLength(4);
  });

  it("reads at most maxSourceFiles a --project tsconfig lists: RC5018 at the tsconfig names the first file not read", () => {
    const dir = app({
      "tsconfig.json": `{ "include": ["src"] }\n`,
      "src/a.ts": ACTOR("A"),
      "src/b.ts": ACTOR("B"),
      "src/c.ts": ACTOR("C"),
    });
    const result = analyzeApplication({ model, project: "tsconfig.json", host: createNodeHost({ cwd: dir }), lints: false, maxSourceFiles: 2 });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.file, d.data])).toEqual([["RC5018", "error", "tsconfig.json", { path: "tsconfig.json", max: 2, first: "src/c.ts" }]]);
    expect(result.value.actors.map((a) => a.id)).toEqual(["src.A", "src.B"]);
    const exact = analyzeApplication({ model, project: "tsconfig.json", host: createNodeHost({ cwd: dir }), lints: false, maxSourceFiles: 3 });
    expect(exact.diagnostics).toEqual([]);
    expect(exact.value.actors).toHaveLength(3);
  });

  it("analyzes an explicit list of files, resolving what they import from other files", () => {
    const dir = app({
      "src/tickets/base.ts": `import { Actor, loginRequired } from "rolecraft/runtime";\nimport { SiteStaff } from "./roles.js";\nexport abstract class Base extends Actor {\n  static override requiredRoles = loginRequired(SiteStaff);\n}\n`,
      "src/tickets/roles.ts": `export { SiteStaff } from "rolecraft/runtime";\n`,
      "src/tickets/tickets.ts": `import { Base } from "./base.js";\nexport class Tickets extends Base {}\n`,
      "src/tickets/other.ts": ACTOR("Other"),
    });
    const result = analyzeApplication({ model, files: ["src/tickets/tickets.ts"], host: createNodeHost({ cwd: dir }), lints: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.value.actors.map((a) => [a.id, a.requiredRoles.items.map((i) => i.roles), a.requiredRolesFrom])).toEqual([
      ["tickets.Tickets", [["core.SiteStaff"]], "tickets.Base"],
    ]);
  });

  it("reports RC1002 for a missing source folder, tsconfig or file", () => {
    const dir = app({});
    const codes = (input: { srcDir?: string; project?: string; files?: string[] }) =>
      analyzeApplication({ model, host: createNodeHost({ cwd: dir }), ...input }).diagnostics.map((d) => [d.code, d.data["path"], d.span.file]);
    expect(codes({ srcDir: "nowhere" })).toEqual([["RC1002", "nowhere", "nowhere"]]);
    expect(codes({ project: "tsconfig.json" })).toEqual([["RC1002", "tsconfig.json", "tsconfig.json"]]);
    expect(codes({ files: ["a.ts"] })).toEqual([["RC1002", "a.ts", "a.ts"]]);
  });

  it("reports RC5011 for a tsconfig that includes no application file", () => {
    const dir = app({ "tsconfig.json": `{ "include": ["src"] }`, "src/types.d.ts": "export {};\n" });
    const result = analyzeApplication({ model, project: "tsconfig.json", host: createNodeHost({ cwd: dir }) });
    expect(result.diagnostics.map((d) => [d.code, d.span.file])).toEqual([["RC5011", "tsconfig.json"]]);
  });

  it("quotes a long unresolvable expression cut to 80 characters", () => {
    const long = `pick(${"SomeVeryLongArgumentName, ".repeat(6)}x)`;
    const dir = app({
      "src/tickets/tickets.ts": `import { Actor } from "rolecraft/runtime";\n\nexport class Tickets extends Actor {\n  static override requiredRoles = [${long}];\n}\n`,
    });
    const [d] = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }) }).diagnostics;
    expect(d?.code).toBe("RC5004");
    expect(d?.data["expr"]).toBe(shorten(long));
    expect([...String(d?.data["expr"])].length).toBe(80);
    expect(String(d?.data["expr"]).endsWith("…")).toBe(true);
    expect([d?.span.line, d?.span.column, d?.span.endLine, d?.span.endColumn]).toEqual([4, 36, 4, 36 + long.length]);
  });

  it("reports inheritance cycles between requiredRoles as unresolved instead of looping", () => {
    const dir = app({
      "src/a/a.ts": `import { Actor, addRequirements } from "rolecraft/runtime";\nimport { B } from "./b.js";\nexport class A extends Actor {\n  static override requiredRoles = addRequirements(B.requiredRoles);\n}\n`,
      "src/a/b.ts": `import { Actor, addRequirements } from "rolecraft/runtime";\nimport { A } from "./a.js";\nexport class B extends Actor {\n  static override requiredRoles = addRequirements(A.requiredRoles);\n}\n`,
    });
    const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }) });
    expect(result.diagnostics.map((d) => [d.code, d.span.file, d.span.line])).toEqual([["RC5004", "src/a/b.ts", 4]]);
    expect(result.value.actors.map((a) => [a.id, a.requiredRoles.complete])).toEqual([
      ["a.A", false],
      ["a.B", false],
    ]);
  });
});

describe("declaration forms outside the fixtures", () => {
  it("reads a static getter that only returns, and this.requiredRoles in a static initializer", () => {
    const dir = app({
      "src/tickets/tickets.ts": [
        `import { Action, Actor, loginRequired } from "rolecraft/runtime";`,
        `import { SiteStaff } from "rolecraft/runtime";`,
        `export class Tickets extends Actor {`,
        `  static override get requiredRoles() {`,
        `    return loginRequired(SiteStaff);`,
        `  }`,
        `  static override actions = {`,
        `    again: new Action({ requiredRoles: this.requiredRoles }),`,
        `  };`,
        `}`,
        ``,
      ].join("\n"),
    });
    const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: dir }), lints: false });
    expect(result.diagnostics).toEqual([]);
    const [tickets] = result.value.actors;
    expect(tickets?.requiredRoles.items.map((i) => i.roles)).toEqual([["core.SiteStaff"]]);
    expect(tickets?.requiredRolesSpan.line).toBe(5);
    expect(tickets?.actions.map((a) => [a.id, a.requiredRoles.items.map((i) => i.roles)])).toEqual([["tickets.Tickets.again", [["core.SiteStaff"]]]]);
  });
});
