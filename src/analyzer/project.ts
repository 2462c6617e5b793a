/**
 * Which files make up the application: the TypeScript files under a source
 * folder, the files of a tsconfig project, or a list. Files that are not part
 * of the application (node_modules, declaration files, files rolecraft
 * generated) are not scanned for actors; they are still read on demand when
 * an import leads into them. Type-check diagnostics are never requested.
 * Every file is read through a {@link SourceHost}.
 */
import path from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan } from "../diagnostics/diagnostic.js";
import { skimSyntaxFile } from "./skim.js";
import { configText, sourceText, type SourceHost, type SourceReading } from "./source-host.js";
import { parseSyntaxFile, type SyntaxFile } from "./syntax.js";

/**
 * The parsed files of an application, each parsed once with TypeScript's own
 * parser (no language service, no wrappers, no type checker) and kept in the
 * compact form of syntax.ts: the analyzer needs syntax only, and this keeps
 * it close to the cost of parsing the files at all.
 */
export class SourceStore {
  private readonly files = new Map<string, SyntaxFile>();
  /** Texts read that are not parsed sources (tsconfig files, and sources the parser refused), for code frames. */
  private readonly otherTexts = new Map<string, string>();
  private readonly skim: boolean;

  constructor(
    readonly host: SourceHost,
    private readonly reading: SourceReading = {},
  ) {
    this.skim = reading.skim !== false;
  }

  /** The parsed file, parsing it on first use; undefined when it does not exist. */
  get(file: string): SyntaxFile | undefined {
    const known = this.files.get(file);
    if (known !== undefined || !this.isFile(file)) return known;
    try {
      return this.add(file);
    } catch {
      // Unreadable, or too deeply nested for the parser: an import that leads
      // here stays unresolved (a warning where it is used), never a crash.
      return undefined;
    }
  }

  /** True when the store holds the file already. */
  holds(file: string): boolean {
    return this.files.has(file);
  }

  /** Parses a file (again) from the host. */
  add(file: string): SyntaxFile {
    const text = sourceText(this.host.readFile(file));
    this.otherTexts.delete(file);
    let parsed: SyntaxFile;
    try {
      // Declarative files are read from their tokens; anything else is parsed (see skim.ts).
      parsed = (this.skim ? skimSyntaxFile(file, text, this.reading.onSkimGiveUp) : undefined) ?? parseSyntaxFile(file, text);
    } catch (error) {
      this.otherTexts.set(file, text);
      throw error;
    }
    this.files.set(file, parsed);
    return parsed;
  }

  remove(file: string): void {
    this.files.delete(file);
    this.otherTexts.delete(file);
  }

  /** Every file parsed so far. */
  all(): SyntaxFile[] {
    return [...this.files.values()];
  }

  /** The text of a file as the analysis read it (a source or a tsconfig file), if it did. */
  textOf(file: string): string | undefined {
    return this.files.get(file)?.text ?? this.otherTexts.get(file);
  }

  /** Remembers the text of a configuration file read on the side (for code frames). */
  remember(file: string, text: string): void {
    if (!this.files.has(file)) this.otherTexts.set(file, text);
  }

  isFile(file: string): boolean {
    return this.host.kind(file) === "file";
  }

  isDirectory(dir: string): boolean {
    return this.host.kind(dir) === "directory";
  }

  /** A package.json or tsconfig file's text, as TypeScript reads it; undefined when it can't be read. */
  readConfigFile(file: string): string | undefined {
    try {
      return configText(this.host.readFile(file));
    } catch {
      return undefined;
    }
  }

  /** Module resolution reads package.json and tsconfig data through the host. */
  readonly moduleResolutionHost: ts.ModuleResolutionHost = {
    fileExists: (file) => this.files.has(file) || this.isFile(file),
    readFile: (file) => this.readConfigFile(file),
    directoryExists: (dir) => this.isDirectory(dir),
    realpath: (file) => this.host.realPath(file),
    getCurrentDirectory: () => this.host.cwd,
  };
}

/** Where the application's sources are. Paths are relative to the host's `cwd`. */
export interface SourceInput extends SourceReading {
  /** The output folder of the generated role classes (`compile --out`, default `generated`): imports into it are answered from the role model. */
  readonly out?: string;
  /** Every `*.ts`, `*.tsx`, `*.mts`, `*.cts` below this folder. */
  readonly srcDir?: string;
  /** A tsconfig.json: the files it includes, with its compiler options. */
  readonly project?: string;
  /** These files. */
  readonly files?: readonly string[];
  readonly host: SourceHost;
  /** Called while files are parsed (for a progress display). */
  readonly onProgress?: ProgressCallback;
}

/** Progress of a long analysis: a phase, files done and files in all. */
export type ProgressCallback = (phase: "parsing" | "analyzing", done: number, total: number) => void;

/** The loaded project and the application files to scan for actors. */
export interface LoadedSources {
  readonly project: SourceStore;
  /** Compiler options used to resolve bare module specifiers (tsconfig `paths` and the like). */
  readonly compilerOptions: ts.CompilerOptions;
  /** Absolute paths of the application files, sorted. */
  readonly files: readonly string[];
  /** The output folder of the generated role classes (absolute), if one was given. */
  readonly generated?: string;
}

const SOURCE_PATTERN = "**/*.{ts,tsx,mts,cts}";
const IGNORED = ["**/node_modules/**", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"];
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
};

/** True for files the analyzer never scans for actors. */
export function isApplicationFile(parsed: SyntaxFile): boolean {
  return !parsed.isDeclarationFile && !parsed.file.split(/[\\/]/).includes("node_modules") && !parsed.generated;
}

/** A tsconfig's compiler options and files; undefined when it can't be read. */
function readTsconfig(store: SourceStore, tsconfig: string): { options: ts.CompilerOptions; fileNames: string[] } | undefined {
  let failed = false;
  const host = store.host;
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    useCaseSensitiveFileNames: host.useCaseSensitiveFileNames,
    getCurrentDirectory: () => host.cwd,
    fileExists: (file) => store.isFile(file),
    readFile: (file) => {
      const text = store.readConfigFile(file);
      if (text !== undefined) store.remember(file, text);
      return text;
    },
    readDirectory: (root, extensions, excludes, includes, depth) => [...host.matchFiles(root, extensions, excludes, includes, depth)],
    onUnRecoverableConfigFileDiagnostic: () => {
      failed = true;
    },
  });
  if (parsed === undefined || failed) return undefined;
  return { options: parsed.options, fileNames: parsed.fileNames.map((f) => path.resolve(f)) };
}

/**
 * Loads the sources named by `input` (without following their imports:
 * those are parsed later, only as far as needed).
 */
export function loadSources(input: SourceInput): { readonly value: LoadedSources; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cwd = input.host.cwd;
  const relative = (file: string): string => path.relative(cwd, file).split(path.sep).join("/") || ".";
  const unreadable = (file: string, reason: string): void => {
    diagnostics.push(diagnostic("unreadableFile", { path: relative(file), reason }, fileSpan(relative(file))));
  };

  // The store reads the tsconfig files too: their texts serve code frames.
  const project = new SourceStore(input.host, input);
  let options: ts.CompilerOptions | undefined;
  let listed: string[] = [];
  if (input.project !== undefined) {
    const tsconfig = path.resolve(cwd, input.project);
    if (!project.isFile(tsconfig)) unreadable(tsconfig, "no such file");
    else {
      const config = readTsconfig(project, tsconfig);
      if (config === undefined) unreadable(tsconfig, "not a valid tsconfig.json");
      else {
        options = config.options;
        listed = config.fileNames.filter((f) => !/\.d\.[mc]?ts$/.test(f));
      }
    }
  }
  if (options === undefined) {
    // Without --project, the nearest tsconfig.json above the sources still gives
    // the compiler options that bare imports need (`paths`), but not its files.
    const start = input.srcDir !== undefined ? path.resolve(cwd, input.srcDir) : cwd;
    const tsconfig = ts.findConfigFile(start, (file) => project.isFile(file));
    options = (tsconfig === undefined ? undefined : readTsconfig(project, tsconfig)?.options) ?? DEFAULT_OPTIONS;
  }
  const parse = (files: readonly string[]): void => {
    files.forEach((file, i) => {
      try {
        project.add(file);
      } catch (error) {
        unreadable(file, error instanceof RangeError ? "it is nested too deeply to parse" : error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error));
      }
      input.onProgress?.("parsing", i + 1, files.length);
    });
  };
  parse(listed);

  if (input.srcDir !== undefined) {
    const dir = path.resolve(cwd, input.srcDir);
    if (!project.isDirectory(dir)) unreadable(dir, "no such directory");
    else {
      const found = input.host
        .globFiles(dir, [SOURCE_PATTERN], IGNORED)
        .map((f) => path.resolve(f))
        .sort();
      parse(found.filter((f) => !project.holds(f)));
      const scanned = found.filter((file) => {
        const sourceFile = project.get(file);
        return sourceFile !== undefined && isApplicationFile(sourceFile);
      });
      if (scanned.length === 0) diagnostics.push(diagnostic("noSources", { path: relative(dir) }, fileSpan(relative(dir))));
    }
  }
  for (const given of input.files ?? []) {
    const file = path.resolve(cwd, given);
    if (!project.isFile(file)) unreadable(file, "no such file");
    else if (!project.holds(file)) parse([file]);
  }

  // The application: everything parsed now (the tsconfig's files, the folder's
  // files, the listed files), less what is not the application's own code.
  const files = project
    .all()
    .filter(isApplicationFile)
    .map((parsed) => path.resolve(parsed.file))
    .sort();
  if (input.project !== undefined && input.srcDir === undefined && input.files === undefined && files.length === 0 && diagnostics.length === 0) {
    const where = relative(path.resolve(cwd, input.project));
    diagnostics.push(diagnostic("noSources", { path: where }, fileSpan(where)));
  }
  const generated = input.out === undefined ? {} : { generated: path.resolve(cwd, input.out) };
  return { value: { project, compilerOptions: options, files, ...generated }, diagnostics };
}
