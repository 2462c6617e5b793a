/**
 * The recognizer of the generated subset (src/emit/plain-syntax.ts) held
 * against TypeScript's parser: it accepts the generated files, and nothing
 * it accepts, however mangled, gives TypeScript's parser an error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ts as TsApi } from "ts-morph";
import { typescript } from "../../src/compiler/typescript.js";
import { isPlainGeneratedSyntax } from "../../src/emit/plain-syntax.js";
import { repoRoot } from "../helpers/generated.js";

/** TypeScript's syntax errors for a text, as emit's check asks for them. */
function parseErrors(text: string): readonly TsApi.Diagnostic[] {
  const ts = typescript();
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile("generated.ts", text, options, false, ts.ScriptKind.TS);
  return (sourceFile as unknown as { parseDiagnostics?: readonly TsApi.Diagnostic[] }).parseDiagnostics ?? [];
}

function goldenFiles(): Map<string, string> {
  const root = join(repoRoot, "test", "fixtures", "emit");
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".ts") && path.includes(`expected`)) out.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return out;
}

/** Seeded numbers in [0, 1) from fast-check (unbiased): the same mutations every run. */
function random(seed: number, count: number): () => number {
  const values = fc.sample(fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })), { numRuns: count, seed });
  let at = 0;
  return () => values[at++ % values.length]! / 2 ** 30;
}

/** What a mutation may insert: the characters and words the subset is made of, and its edges. */
const PIECES = [
  '"', "\\", "\\u", "\\x41", "\\0", "{", "}", "(", ")", "[", "]", ";", ",", ":", "=", ".", "*", "-", "/", "/*", "*/", "//", "\n", "\r", "\t", "\u2028", "\u00a0",
  "0", "01", "1.", "1e", "1e+5", ".5", "x", "$", "_", "é", " ", "class", "static", "readonly", "override", "let", "await", "yield", "import", "export", "from", "as",
  "const", "this", "null", "true", "__proto__", '"__proto__"', "string", "extends", "{}", "[]", "=>", "?", "!", "'", "`", "#", "@", "<", ">", "=======",
];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.35) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
  if (choice < 0.75) return text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)]! + text.slice(at);
  // Repeat a stretch of the text elsewhere: whole tokens and lines out of place.
  const from = Math.floor(next() * text.length);
  return text.slice(0, at) + text.slice(from, from + 1 + Math.floor(next() * 40)) + text.slice(at);
}

describe("the generated subset", () => {
  const golden = goldenFiles();

  it("holds every golden file, which TypeScript parses", () => {
    expect(golden.size).toBeGreaterThan(5);
    for (const [path, text] of golden) {
      expect(parseErrors(text), path).toEqual([]);
      expect(isPlainGeneratedSyntax(text), path).toBe(true);
    }
  });

  it("accepts nothing TypeScript's parser refuses (mutations of the golden files)", () => {
    const next = random(20261208, 60_000);
    // The golden files, and a short one dense in numbers and nested literals (rare in the golden files).
    const dense = 'export const X = $rc.f([{ "a": 1, "b": -2.5e+3, "c": [0, 10, 7e-1], "d": { "e": null } }, 42]);\n';
    const texts = [...golden.values(), dense, dense];
    let accepted = 0;
    let refusedByBoth = 0;
    for (let round = 0; round < 4000; round++) {
      let text = texts[round % texts.length]!;
      const times = 1 + Math.floor(next() * 3);
      for (let i = 0; i < times; i++) text = mutate(text, next);
      if (!isPlainGeneratedSyntax(text)) {
        if (parseErrors(text).length > 0) refusedByBoth++;
        continue;
      }
      accepted++;
      expect(parseErrors(text).map((d) => d.messageText), JSON.stringify(text)).toEqual([]);
    }
    // Both sides were reached: mutations that keep the file in the subset, and ones that break it.
    expect(accepted).toBeGreaterThan(200);
    expect(refusedByBoth).toBeGreaterThan(200);
  });

  it("leaves to TypeScript what it does not know, valid or not", () => {
    const refused = [
      'export * as class from "./a.js";', // a keyword TypeScript allows there
      "export const X = { a: 1 };\nexport const Y = 0x10;",
      'export const X = { "__proto__": 1, "\\u005f_proto__": 2 };',
      "export const X = { __proto__: 1 };",
      'export const X = "a\u2028b";',
      'export const X = "\\01";',
      "export const X = 01;",
      "export class A extends B { static { ({ a: 1 }); } }",
      "/* never closed",
      'import * as let from "x";',
      // No comment's text is ever read as tokens, whatever follows it.
      "/* a */ # /* b */ export const X = 1;",
      "// export const X = 1;\n#",
      "export const Xé = 1;",
    ];
    for (const text of refused) expect(isPlainGeneratedSyntax(text), text).toBe(false);
    const accepted = ['export const X = { ["__proto__"]: { "a\\"b": -0, "c": [1.5e-7, true, null, "\\u2028"] } };', "// header\n/** doc */\nexport { A, B, } from \"./a.js\";"];
    for (const text of accepted) {
      expect(isPlainGeneratedSyntax(text), text).toBe(true);
      expect(parseErrors(text), text).toEqual([]);
    }
  });
});
