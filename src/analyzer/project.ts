/**
 * Which files make up the application: the TypeScript files under a source
 * folder, the files of a tsconfig project, or a list. Files that are not part
 * of the application (node_modules, declaration files, files rolecraft
 * generated) are not scanned for actors; they are still read on demand when
 * an import leads into them. Type-check diagnostics are never requested.
 */
import fs from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import { Project, ts, type SourceFile } from "ts-morph";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan } from "../diagnostics/diagnostic.js";
import { GENERATED_HEADER } from "./module-graph.js";

/** Where the application's sources are. Paths are relative to `cwd`. */
export interface SourceInput {
  /** Every `*.ts`, `*.tsx`, `*.mts`, `*.cts` below this folder. */
  readonly srcDir?: string;
  /** A tsconfig.json: the files it includes, with its compiler options. */
  readonly project?: string;
  /** These files. */
  readonly files?: readonly string[];
  readonly cwd: string;
  /** Called while files are parsed (for a progress display). */
  readonly onProgress?: ProgressCallback;
}

/** Progress of a long analysis: a phase, files done and files in all. */
export type ProgressCallback = (phase: "parsing" | "analyzing", done: number, total: number) => void;

/** The loaded project and the application files to scan for actors. */
export interface LoadedSources {
  readonly project: Project;
  /** Compiler options used to resolve bare module specifiers (tsconfig `paths` and the like). */
  readonly compilerOptions: ts.CompilerOptions;
  /** Absolute paths of the application files, sorted. */
  readonly files: readonly string[];
}

const SOURCE_PATTERN = "**/*.{ts,tsx,mts,cts}";
const IGNORED = ["**/node_modules/**", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"];
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/** True for files the analyzer never scans for actors. */
export function isApplicationFile(sourceFile: SourceFile): boolean {
  const file = sourceFile.getFilePath();
  return !sourceFile.isDeclarationFile() && !file.split("/").includes("node_modules") && !sourceFile.getFullText().startsWith(GENERATED_HEADER);
}

/**
 * Loads the sources named by `input` into a ts-morph project (without
 * following their imports: those are read later, only as far as needed).
 */
export function loadSources(input: SourceInput): { readonly value: LoadedSources; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const relative = (file: string): string => path.relative(input.cwd, file).split(path.sep).join("/") || ".";
  const unreadable = (file: string, reason: string): void => {
    diagnostics.push(diagnostic("unreadableFile", { path: relative(file), reason }, fileSpan(relative(file))));
  };

  let project: Project | undefined;
  if (input.project !== undefined) {
    const tsconfig = path.resolve(input.cwd, input.project);
    if (!isFile(tsconfig)) unreadable(tsconfig, "no such file");
    else {
      try {
        project = new Project({ tsConfigFilePath: tsconfig, skipFileDependencyResolution: true, skipLoadingLibFiles: true });
      } catch (error) {
        unreadable(tsconfig, error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error));
      }
    }
  }
  if (project === undefined) {
    // Without --project, the nearest tsconfig.json above the sources still gives
    // the compiler options that bare imports need (`paths`), but not its files.
    const start = input.srcDir !== undefined ? path.resolve(input.cwd, input.srcDir) : input.cwd;
    const tsconfig = ts.findConfigFile(start, ts.sys.fileExists);
    project = tryProject(tsconfig) ?? new Project({ compilerOptions: DEFAULT_OPTIONS, skipLoadingLibFiles: true });
  }

  if (input.srcDir !== undefined) {
    const dir = path.resolve(input.cwd, input.srcDir);
    if (!isDirectory(dir)) unreadable(dir, "no such directory");
    else {
      const found = globSync(SOURCE_PATTERN, { cwd: dir, absolute: true, ignore: IGNORED, followSymbolicLinks: false });
      found.forEach((file, i) => {
        project.addSourceFileAtPath(path.resolve(file));
        input.onProgress?.("parsing", i + 1, found.length);
      });
      const scanned = found.filter((file) => {
        const sourceFile = project.getSourceFile(path.resolve(file));
        return sourceFile !== undefined && isApplicationFile(sourceFile);
      });
      if (scanned.length === 0) diagnostics.push(diagnostic("noSources", { path: relative(dir) }, fileSpan(relative(dir))));
    }
  }
  for (const given of input.files ?? []) {
    const file = path.resolve(input.cwd, given);
    if (!isFile(file)) unreadable(file, "no such file");
    else project.addSourceFileAtPath(file);
  }

  // The application: everything the project holds now (its tsconfig files, the
  // folder's files, the listed files), less what is not the application's own code.
  const files = project
    .getSourceFiles()
    .filter(isApplicationFile)
    .map((sf) => path.resolve(sf.getFilePath()))
    .sort();
  if (input.project !== undefined && input.srcDir === undefined && input.files === undefined && files.length === 0 && diagnostics.length === 0) {
    const where = relative(path.resolve(input.cwd, input.project));
    diagnostics.push(diagnostic("noSources", { path: where }, fileSpan(where)));
  }
  return { value: { project, compilerOptions: project.getCompilerOptions(), files }, diagnostics };
}

function tryProject(tsconfig: string | undefined): Project | undefined {
  if (tsconfig === undefined) return undefined;
  try {
    return new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, skipLoadingLibFiles: true });
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
