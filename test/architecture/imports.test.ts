/**
 * The import rules of the parts that own the semantics and render them
 * (ARCHITECTURE: the runtime imports nothing of ours; analysis returns data,
 * reports render it): checked on the sources, so that a shortcut cannot
 * quietly bring back a second copy of a rule or a cycle.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/generated.js";
import { allImports as all, sourceFiles } from "./source-imports.js";

const under = (path: string, ...dirs: string[]): boolean => dirs.some((dir) => path.startsWith(`src/${dir}/`));

describe("import rules", () => {
  it("finds the imports it checks", () => {
    expect(all.filter((i) => under(i.from, "runtime")).length).toBeGreaterThan(20);
    expect(all.some((i) => i.from === "src/report/actors-table.ts" && i.to === "src/runtime/semantics/index.ts")).toBe(true);
  });

  it("the runtime imports nothing of ours outside src/runtime, and no package but Node's", () => {
    const outside = all.filter((i) => under(i.from, "runtime") && !(under(i.to, "runtime") || i.to.startsWith("node:")));
    expect(outside).toEqual([]);
  });

  it("the analyzer never imports reports (tables, docs, diff)", () => {
    expect(all.filter((i) => under(i.from, "analyzer") && under(i.to, "report", "docs", "diff"))).toEqual([]);
  });

  it("reports take only the analysis' data types from the analyzer", () => {
    const code = all.filter((i) => under(i.from, "report", "docs", "diff") && under(i.to, "analyzer"));
    expect(code.filter((i) => !i.typeOnly || i.to !== "src/analyzer/types.ts")).toEqual([]);
  });

  it("the compiler never imports the analyzer, and the runtime's semantics never the runtime's classes", () => {
    expect(all.filter((i) => under(i.from, "compiler") && under(i.to, "analyzer"))).toEqual([]);
    expect(all.filter((i) => under(i.from, "runtime/semantics") && !under(i.to, "runtime/semantics"))).toEqual([]);
  });

  it("the permission-test engine is pure: it reads the analysis' data types and the semantics, parses with the compiler's YAML reader, and touches no host, CLI or analyzer code", () => {
    const testing = all.filter((i) => under(i.from, "testing"));
    expect(testing.length).toBeGreaterThan(10);
    expect(testing.filter((i) => under(i.to, "analyzer") && (!i.typeOnly || i.to !== "src/analyzer/types.ts"))).toEqual([]);
    expect(testing.filter((i) => under(i.to, "cli", "host", "api", "emit", "docs", "diff"))).toEqual([]);
    expect(testing.filter((i) => i.to.startsWith("node:") && i.to !== "node:module" && i.to !== "node:path")).toEqual([]);
  });

  it("the CLI goes through the front door: nothing under src/cli imports the compiler, the analyzer or the code generator, not even a type", () => {
    expect(all.filter((i) => under(i.from, "cli") && under(i.to, "compiler", "analyzer", "emit"))).toEqual([]);
  });

  it("the language server goes through the front door too: nothing under src/lsp imports the compiler, the analyzer or the code generator", () => {
    expect(all.some((i) => i.from === "src/lsp/server.ts")).toBe(true);
    expect(all.filter((i) => under(i.from, "lsp") && under(i.to, "compiler", "analyzer", "emit"))).toEqual([]);
  });

  it("the library reads no environment variable and writes to no console: the CLI passes settings in as options", () => {
    const library = ["compiler", "analyzer", "emit", "api", "testing"].flatMap((dir) => sourceFiles(join(repoRoot, "src", dir)));
    const touches = library.filter((file) => /\bprocess\.(env|stdout|stderr)\b|\bconsole\./.test(readFileSync(file, "utf8")));
    expect(touches.map((file) => relative(repoRoot, file))).toEqual([]);
  });
});
