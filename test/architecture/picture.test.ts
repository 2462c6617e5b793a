/**
 * The picture of the parts (architecture.json, drawn in ARCHITECTURE.md)
 * held against the code: every source file lies on exactly one part, every
 * import from one part into another is an arrow of the picture, no import
 * runs where the picture says never, and every arrow is still used — so the
 * picture a newcomer reads is the house as it is.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/generated.js";
import { allImports, sourceFiles } from "./source-imports.js";

interface Picture {
  readonly parts: Readonly<Record<string, { readonly is: readonly string[] }>>;
  readonly arrows: readonly (readonly [string, string])[];
  readonly never: readonly (readonly [string, string, string])[];
}

const picture = JSON.parse(readFileSync(join(repoRoot, "architecture.json"), "utf8")) as Picture;

/** The arrows along which only types may travel (`import type`): interfaces implemented, data rendered. */
const TYPES_ONLY: readonly string[] = ["Host -> API", "Reports -> Analyzer", "Reports -> Emit", "Testing -> Analyzer"];

function partsOf(file: string): string[] {
  return Object.entries(picture.parts)
    .filter(([, part]) => part.is.some((place) => (place.endsWith("/") ? file.startsWith(place) : file === place)))
    .map(([name]) => name);
}

const crossings = allImports
  .filter((i) => i.to.startsWith("src/"))
  .map((i) => ({ ...i, arrow: `${partsOf(i.from)[0] ?? "?"} -> ${partsOf(i.to)[0] ?? "?"}` }))
  .filter((i) => partsOf(i.from)[0] !== partsOf(i.to)[0]);
const arrows = new Set(picture.arrows.map(([from, to]) => `${from} -> ${to}`));

describe("the picture of the parts (architecture.json)", () => {
  it("puts every source file on exactly one part", () => {
    const files = sourceFiles(join(repoRoot, "src")).map((file) => relative(repoRoot, file));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => partsOf(file).length !== 1)).toEqual([]);
  });

  it("draws every import between two parts as an arrow", () => {
    expect(crossings.length).toBeGreaterThan(100);
    expect(crossings.filter((i) => !arrows.has(i.arrow)).map((i) => `${i.arrow}: ${i.from} -> ${i.to}`)).toEqual([]);
  });

  it("has no import where it says never", () => {
    const never = new Map(picture.never.map(([from, to, why]) => [`${from} -> ${to}`, why]));
    expect(never.size).toBeGreaterThan(10);
    expect(crossings.filter((i) => never.has(i.arrow)).map((i) => `${i.from} -> ${i.to}: ${never.get(i.arrow)}`)).toEqual([]);
  });

  it("draws no arrow the code does not have", () => {
    const used = new Set(crossings.map((i) => i.arrow));
    expect([...arrows].filter((arrow) => !used.has(arrow))).toEqual([]);
  });

  it("lets only types travel along the types-only arrows", () => {
    for (const arrow of TYPES_ONLY) expect(arrows.has(arrow), arrow).toBe(true);
    expect(crossings.filter((i) => TYPES_ONLY.includes(i.arrow) && !i.typeOnly).map((i) => `${i.from} -> ${i.to}`)).toEqual([]);
  });
});
