/**
 * Writing generated files: all or nothing, and never over a file rolecraft
 * did not generate. The new tree is written next to the output directory,
 * then swapped in with renames; on any failure the previous output stays.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isGeneratedText } from "../emit/escape.js";
import type { GeneratedFile } from "../emit/emit.js";

/** Files currently in a directory (recursive), relative paths with `/`, or undefined when it doesn't exist. */
function listFiles(dir: string): Map<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, string>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const stat = lstatSync(path);
      const rel = relative(dir, path).split(sep).join("/");
      if (stat.isDirectory()) walk(path);
      else out.set(rel, stat.isFile() ? readFileSync(path, "utf8") : "");
    }
  };
  walk(dir);
  return out;
}

/** How the output directory differs from what would be generated. */
export interface OutputComparison {
  readonly missing: readonly string[];
  readonly changed: readonly string[];
  /** Generated files on disk that are no longer generated. */
  readonly extra: readonly string[];
  /** Files on disk without rolecraft's header. */
  readonly foreign: readonly string[];
}

/** Compares the output directory with the generated files. */
export function compareOutput(outDir: string, files: readonly GeneratedFile[]): OutputComparison {
  const existing = listFiles(outDir) ?? new Map<string, string>();
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  const missing: string[] = [];
  const changed: string[] = [];
  const extra: string[] = [];
  const foreign: string[] = [];
  for (const [path, content] of wanted) {
    const current = existing.get(path);
    if (current === undefined) missing.push(path);
    else if (current !== content) changed.push(path);
  }
  for (const [path, content] of existing) {
    if (!isGeneratedText(content)) foreign.push(path);
    else if (!wanted.has(path)) extra.push(path);
  }
  return { missing, changed, extra, foreign };
}

/** Diagnostics for `compile --check`: every file that is stale. */
export function staleDiagnostics(outDirShown: string, comparison: OutputComparison): Diagnostic[] {
  const at = (path: string): string => `${outDirShown.replace(/\/$/, "")}/${path}`;
  return [
    ...comparison.missing.map((p) => diagnostic("staleOutput", { path: at(p), state: "missing" }, fileSpan(at(p)))),
    ...comparison.changed.map((p) => diagnostic("staleOutput", { path: at(p), state: "out of date" }, fileSpan(at(p)))),
    ...comparison.extra.map((p) => diagnostic("staleOutput", { path: at(p), state: "no longer generated" }, fileSpan(at(p)))),
    ...comparison.foreign.map((p) => diagnostic("notGenerated", { path: at(p) }, fileSpan(at(p)))),
  ];
}

/** Test hook: a failure injected at a named step of the write. */
export type FailureInjector = (step: "write" | "swap") => void;

/**
 * Replaces `outDir` with exactly the generated files, atomically as seen by
 * readers of the directory: nothing is written when any existing file lacks
 * the generated header, and a failure leaves the previous output intact.
 * Returns diagnostics (refusals); throws only on unexpected I/O failure.
 */
export function writeOutputDirectory(outDir: string, outDirShown: string, files: readonly GeneratedFile[], inject?: FailureInjector): Diagnostic[] {
  recoverInterruptedSwap(outDir);
  if (existsSync(outDir) && !lstatSync(outDir).isDirectory()) {
    return [diagnostic("outputNotDirectory", { path: outDirShown }, fileSpan(outDirShown))];
  }
  const comparison = compareOutput(outDir, files);
  if (comparison.foreign.length > 0) return staleDiagnostics(outDirShown, { missing: [], changed: [], extra: [], foreign: comparison.foreign });
  if (comparison.missing.length + comparison.changed.length + comparison.extra.length === 0) return [];

  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const token = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(parent, `.${basename(outDir)}.rolecraft-new-${token}`);
  const retired = join(parent, `.${basename(outDir)}.rolecraft-old-${token}`);
  try {
    for (const file of files) {
      const path = join(staging, ...file.path.split("/"));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      inject?.("write");
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const hadOutput = existsSync(outDir);
  try {
    if (hadOutput) renameSync(outDir, retired);
    inject?.("swap");
    renameSync(staging, outDir);
  } catch (error) {
    if (hadOutput && !existsSync(outDir) && existsSync(retired)) renameSync(retired, outDir);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(retired, { recursive: true, force: true });
  return [];
}

/**
 * If a previous run was killed between its two renames, the output directory
 * is missing and the retired copy is still there: put it back first.
 */
function recoverInterruptedSwap(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefixOld = `.${basename(outDir)}.rolecraft-old-`;
  const prefixNew = `.${basename(outDir)}.rolecraft-new-`;
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    if (name.startsWith(prefixOld)) {
      if (!existsSync(outDir)) renameSync(path, outDir);
      else rmSync(path, { recursive: true, force: true });
    } else if (name.startsWith(prefixNew)) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
