/**
 * The imports of rolecraft's own sources, read from their text: static
 * imports and re-exports (`import … from`, `export … from`), bare imports,
 * and dynamic `import("…")` of literals. Shared by the import rules and the
 * picture test.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { repoRoot } from "../helpers/generated.js";

export interface Import {
  /** The importing file, relative to the repository root. */
  readonly from: string;
  /** The imported file, relative to the repository root, or the bare module name. */
  readonly to: string;
  readonly typeOnly: boolean;
}

/** The TypeScript files below `dir` (absolute paths). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.c?ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function importsOf(file: string): Import[] {
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

/** Every import of every source under src/. */
export const allImports: readonly Import[] = sourceFiles(join(repoRoot, "src")).flatMap(importsOf);
