/**
 * AnalyzerSession (watch mode) keeps module tables and per-actor results
 * between rounds and re-analyzes only what a change can affect: after every
 * edit its result must equal a from-scratch analysis of the same files.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { AnalyzerSession } from "../../src/analyzer/session.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { internedCount } from "../../src/analyzer/syntax.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

let model: RoleModel;
let template: string;

beforeAll(async () => {
  template = freshDir("session-noi");
  cpSync(join(repoRoot, "user-types", "noi"), join(template, "user-types"), { recursive: true });
  expect((await cli(["compile", "user-types", "--out", "generated"], { cwd: template })).code).toBe(0);
  const loaded = await loadRoleModel(createNodeHost({ cwd: template }), join(template, "user-types"));
  model = loaded.value!.model;
}, 60_000);

/** A copy of examples/noi-app with its compiled role classes. */
function app(): string {
  const dir = freshDir("session-app");
  cpSync(join(template, "generated"), join(dir, "generated"), { recursive: true });
  cpSync(join(repoRoot, "examples", "noi-app", "src"), join(dir, "src"), { recursive: true });
  return dir;
}

function expectSameAsFullAnalysis(session: AnalyzerSession, dir: string, changed: readonly string[]): void {
  session.update(changed.map((f) => join(dir, f)));
  const incremental = session.analyze(model);
  const full = analyzeApplication({ model, host: createNodeHost({ cwd: dir }), srcDir: "src" });
  expect(incremental).toEqual(full);
}

const edit = (dir: string, file: string, change: (text: string) => string): void => {
  const full = join(dir, file);
  writeFileSync(full, change(readFileSync(full, "utf8")));
};

describe("AnalyzerSession", () => {
  it("does not grow the intern table from round to round, and still equals a full analysis", () => {
    const dir = app();
    const session = new AnalyzerSession({ host: createNodeHost({ cwd: dir }), srcDir: "src" });
    session.analyze(model);
    const afterLoad = internedCount();
    expect(afterLoad).toBeGreaterThan(50);
    const sizes: number[] = [];
    for (let round = 0; round < 6; round++) {
      // Each round brings 200 names never seen before.
      const names = Array.from({ length: 200 }, (_, i) => `Fresh${round}x${i}`);
      writeFileSync(join(dir, "src", "tickets", "fresh.ts"), `${names.map((n) => `export const ${n} = ${JSON.stringify(n)};`).join("\n")}\n`);
      expectSameAsFullAnalysis(session, dir, ["src/tickets/fresh.ts"]);
      session.update([join(dir, "src", "tickets", "fresh.ts")]);
      session.analyze(model);
      sizes.push(internedCount());
    }
    // A table that kept every name would hold 1,200 more after the sixth round than before the first.
    expect(Math.max(...sizes)).toBeLessThan(afterLoad + 400);
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual((sizes[0] ?? 0) + 10);
  });

  it("gives a full analysis's result after each of a sequence of edits", () => {
    const dir = app();
    const session = new AnalyzerSession({ host: createNodeHost({ cwd: dir }), srcDir: "src" });
    expect(session.analyze(model)).toEqual(analyzeApplication({ model, host: createNodeHost({ cwd: dir }), srcDir: "src" }));

    // A shared const other files import: an empty OR-group, then an unknown name.
    edit(dir, "src/common/requirements.ts", (t) => t.replace("[Triager, TicketsStaff]", "[]"));
    expectSameAsFullAnalysis(session, dir, ["src/common/requirements.ts"]);
    expect(session.analyze(model).diagnostics.some((d) => d.code === "RC5001")).toBe(true);
    edit(dir, "src/common/requirements.ts", (t) => t.replace("= []", "= [Triager, NoSuchRole]"));
    expectSameAsFullAnalysis(session, dir, ["src/common/requirements.ts"]);

    // A new actor in a new file, and one in an existing file.
    writeFileSync(
      join(dir, "src", "tickets", "extra.ts"),
      `import { Actor, loginRequired } from "rolecraft/runtime";\nimport { ticketManagers } from "../common/requirements.js";\nexport class Extra extends Actor {\n  static override requiredRoles = loginRequired(ticketManagers);\n}\n`,
    );
    expectSameAsFullAnalysis(session, dir, ["src/tickets/extra.ts"]);
    edit(dir, "src/tickets/tickets.ts", (t) => `${t}\nexport class Another extends Tickets {\n  static override requiredRoles = loginRequired([]);\n}\n`);
    expectSameAsFullAnalysis(session, dir, ["src/tickets/tickets.ts"]);

    // Rename an actor; a duplicate id.
    edit(dir, "src/tickets/extra.ts", (t) => t.replace("class Extra ", "class Renamed "));
    expectSameAsFullAnalysis(session, dir, ["src/tickets/extra.ts"]);
    edit(dir, "src/tickets/extra.ts", (t) => t.replace("class Renamed ", "class Another "));
    expectSameAsFullAnalysis(session, dir, ["src/tickets/extra.ts"]);

    // Break an import (a missing file), then make it resolve by adding the file.
    edit(dir, "src/tickets/extra.ts", (t) => t.replace("../common/requirements.js", "../common/later.js"));
    expectSameAsFullAnalysis(session, dir, ["src/tickets/extra.ts"]);
    writeFileSync(join(dir, "src", "common", "later.ts"), `export { ticketManagers } from "./requirements.js";\n`);
    expectSameAsFullAnalysis(session, dir, ["src/common/later.ts"]);

    // Delete a file others import, and a file with actors.
    rmSync(join(dir, "src", "common", "later.ts"));
    expectSameAsFullAnalysis(session, dir, ["src/common/later.ts"]);
    rmSync(join(dir, "src", "votes", "votes.ts"));
    expectSameAsFullAnalysis(session, dir, ["src/votes/votes.ts"]);
  });

  it("gives a full analysis's result after random edits", () => {
    const dir = app();
    const session = new AnalyzerSession({ host: createNodeHost({ cwd: dir }), srcDir: "src" });
    session.analyze(model);
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const files = [
      "src/common/requirements.ts",
      "src/common/base.ts",
      "src/common/actions.ts",
      "src/roles.ts",
      "src/tickets/tickets.ts",
      "src/users/users.ts",
      "src/votes/votes.ts",
      "src/working/sessions.ts",
    ];
    const originals = new Map(files.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    const edits: ((text: string) => string)[] = [
      (t) => `${t}\n// touched ${random(1000)}\n`,
      (t) => t.replace(/loginRequired\(([A-Za-z]+)\)/, "loginRequired([])"),
      (t) => t.replace(/\[([A-Za-z]+), /, "[Unknown$1, "),
      (t) => t.replace(/export class ([A-Za-z]+)/, "export class $1X"),
      (t) => t.replace(/from "\.\.\/roles\.js"/, 'from "../missing.js"'),
      (t) => `${t}\nexport class Added${random(5)} extends Actor {}\n`,
      (t) => t.replace(/readonly: false/, "readonly: true"),
      () => "",
    ];
    for (let round = 0; round < 40; round++) {
      const file = files[random(files.length)]!;
      const path = join(dir, file);
      const action = random(edits.length + 2);
      if (action === edits.length) rmSync(path, { force: true });
      else if (action === edits.length + 1) writeFileSync(path, originals.get(file)!);
      else writeFileSync(path, edits[action]!(readFileSync(path, { encoding: "utf8", flag: "a+" })));
      expectSameAsFullAnalysis(session, dir, [file]);
    }
  });

  it("starts over when the model changes", async () => {
    const dir = app();
    const session = new AnalyzerSession({ host: createNodeHost({ cwd: dir }), srcDir: "src" });
    session.analyze(model);
    const other: RoleModel = { ...model, roles: new Map([...model.roles].filter(([id]) => !id.endsWith(".Triager"))) };
    expect(session.analyze(other)).toEqual(analyzeApplication({ model: other, host: createNodeHost({ cwd: dir }), srcDir: "src" }));
    expect(session.analyze(model)).toEqual(analyzeApplication({ model, host: createNodeHost({ cwd: dir }), srcDir: "src" }));
  });
});
