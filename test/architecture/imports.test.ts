/**
 * The import rules of the parts that own the semantics and render them
 * (ARCHITECTURE: the runtime imports nothing of ours; analysis returns data,
 * reports render it): checked on the sources, so that a shortcut cannot
 * quietly bring back a second copy of a rule or a cycle.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/generated.js";

interface Import {
  /** The importing file, relative to the repository root. */
  readonly from: string;
  /** The imported file, relative to the repository root, or the bare module name. */
  readonly to: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Static imports and re-exports (`import … from`, `export … from`), and dynamic `import("…")` of literals. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  const from = relative(repoRoot, file);
  const add = (specifier: string, typeOnly: boolean): void => {
    const to = specifier.startsWith(".") ? relative(repoRoot, resolve(dirname(file), specifier)).replace(/\.js$/, ".ts") : specifier;
    found.push({ from, to, typeOnly });
  };
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+"([^"]+)"/gms)) add(match[3] ?? "", match[2] !== undefined);
  for (const match of text.matchAll(/^\s*import\s+"([^"]+)"/gm)) add(match[1] ?? "", false);
  for (const match of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) add(match[1] ?? "", false);
  return found;
}

const all = sourceFiles(join(repoRoot, "src")).flatMap(importsOf);
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

  it("the library reads no environment variable and writes to no console: the CLI passes settings in as options", () => {
    const library = ["compiler", "analyzer", "emit", "api", "testing"].flatMap((dir) => sourceFiles(join(repoRoot, "src", dir)));
    const touches = library.filter((file) => /\bprocess\.(env|stdout|stderr)\b|\bconsole\./.test(readFileSync(file, "utf8")));
    expect(touches.map((file) => relative(repoRoot, file))).toEqual([]);
  });
});
