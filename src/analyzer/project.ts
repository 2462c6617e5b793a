/**
 * Which files make up the application: the TypeScript files under a source
 * folder, the files of a tsconfig project, or a list. Files that are not part
 * of the application (node_modules, declaration files, files rolecraft
 * generated) are not scanned for actors; they are still read on demand when
 * an import leads into them. Type-check diagnostics are never requested.
 * Every file is read through a {@link SourceHost}.
 */
import path from "node:path";
import type { ts as Ts } from "ts-morph";
import { typescript } from "../compiler/typescript.js";
import type { Diagnostic, Span } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan } from "../diagnostics/diagnostic.js";
import { errorReason } from "../diagnostics/system-error.js";
import { insideProject, isAbsoluteAnywhere, isInside, projectFolder, type ProjectFolder } from "../compiler/project-folder.js";
import type { PathKind } from "../compiler/host.js";
import { lineIndex } from "../compiler/locate.js";
import { skimSyntaxFile } from "./skim.js";
import { configText, sourceText, type SourceHost, type SourceReading } from "./source-host.js";
import { forgetInterned, parseSyntaxFile, type SyntaxFile } from "./syntax.js";
import { MAX_SOURCE_FILES } from "../compiler/limits.js";

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
  /** Where sources may be read from (see src/compiler/project-folder.ts). */
  readonly folder: ProjectFolder;
  /** Canonical paths known in the current {@link pass}; undefined outside one. */
  private realPaths: ((file: string) => string) | undefined;
  /** What is at each path asked about in the current {@link pass}; undefined outside one. */
  private kinds: Map<string, PathKind> | undefined;

  /**
   * @param folder the project folder; default: the host's working directory.
   */
  constructor(
    readonly host: SourceHost,
    private readonly reading: SourceReading = {},
    folder?: ProjectFolder,
  ) {
    this.skim = reading.skim !== false;
    this.folder = folder ?? projectFolder(host, host.cwd, "directory");
  }

  /**
   * True when `file` lies outside the project folder (after following
   * symbolic links): the analyzer never reads it, so that no import or
   * tsconfig from an untrusted change makes it quote a file elsewhere.
   */
  outside(file: string): boolean {
    return !insideProject(this.folder, this.realPath(file));
  }

  /** The canonical path of a file (see {@link SourceHost.realPath}), looked up once per {@link pass}. */
  realPath(file: string): string {
    return this.realPaths === undefined ? this.host.realPath(file) : this.realPaths(file);
  }

  /**
   * Runs `work` as one pass over the files: the canonical path of each, and
   * whether it is a file or a folder, is looked up once in it (thousands of
   * imports of a few files), not again for every import. Between passes
   * nothing is kept, so a file or link changed between two (watch mode, an
   * editor) is seen as it is now. (Reading a file checks it again.)
   */
  pass<T>(work: () => T): T {
    if (this.realPaths !== undefined) return work();
    this.realPaths = this.host.realPathMemo?.() ?? memo((file) => this.host.realPath(file));
    this.kinds = new Map();
    try {
      return work();
    } finally {
      this.realPaths = undefined;
      this.kinds = undefined;
    }
  }

  /** The parsed file, parsing it on first use; undefined when it does not exist (or lies outside the project folder). */
  get(file: string): SyntaxFile | undefined {
    const known = this.files.get(file);
    if (known !== undefined || !this.isFile(file) || this.outside(file)) return known;
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

  /**
   * Parses a file (again) from the host.
   *
   * @throws OutsideProjectError when the file lies outside the project folder (it is not read).
   */
  add(file: string): SyntaxFile {
    if (this.outside(file)) throw new OutsideProjectError(file);
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
    return this.kind(file) === "file";
  }

  isDirectory(dir: string): boolean {
    return this.kind(dir) === "directory";
  }

  /** What is at a path, looked up once per {@link pass} (module resolution asks about the same candidates from every folder). */
  private kind(file: string): PathKind {
    if (this.kinds === undefined) return this.host.kind(file);
    let kind = this.kinds.get(file);
    if (kind === undefined) this.kinds.set(file, (kind = this.host.kind(file)));
    return kind;
  }

  /**
   * Whether a configuration file (a tsconfig another extends, a
   * package.json) may be read: inside the project folder, or inside a
   * `node_modules` folder where TypeScript looks for packages (that of the
   * project folder or of a folder above it: a package's shared tsconfig),
   * symbolic links followed.
   */
  mayReadConfig(file: string): boolean {
    const real = this.realPath(file);
    return insideProject(this.folder, real) || this.packageFolders().some((folder) => isInside(folder, real));
  }

  private packages: readonly string[] | undefined;

  /** The `node_modules` folders of the project folder and of every folder above it. */
  private packageFolders(): readonly string[] {
    if (this.packages === undefined) {
      const found = new Set<string>();
      for (let folder of this.folder.real) {
        for (;;) {
          found.add(path.join(folder, "node_modules"));
          const parent = path.dirname(folder);
          if (parent === folder) break;
          folder = parent;
        }
      }
      this.packages = [...found];
    }
    return this.packages;
  }

  /** A package.json or tsconfig file's text, as TypeScript reads it; undefined when it can't (or may not) be read. */
  readConfigFile(file: string): string | undefined {
    if (!this.mayReadConfig(file)) return undefined;
    try {
      return configText(this.host.readFile(file));
    } catch {
      return undefined;
    }
  }

  /** Module resolution reads package.json and tsconfig data through the host. */
  readonly moduleResolutionHost: Ts.ModuleResolutionHost = {
    fileExists: (file) => this.files.has(file) || this.isFile(file),
    readFile: (file) => this.readConfigFile(file),
    directoryExists: (dir) => this.isDirectory(dir),
    realpath: (file) => this.realPath(file),
    getCurrentDirectory: () => this.host.cwd,
  };
}

/** `realPath` answered once per path. */
function memo(realPath: (file: string) => string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let real = known.get(file);
    if (real === undefined) known.set(file, (real = realPath(file)));
    return real;
  };
}

/** A source that the include policy keeps the analyzer from reading. */
export class OutsideProjectError extends Error {
  override readonly name = "OutsideProjectError";
  constructor(readonly file: string) {
    super(`${file} is outside the project folder`);
  }
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
  /** The role module (file or folder) the sources are checked against: its folder belongs to the project folder too. */
  readonly module?: string;
  readonly host: SourceHost;
  /** Called while files are parsed (for a progress display). */
  readonly onProgress?: ProgressCallback;
  /** Most files read below `srcDir` (RC5018); default {@link MAX_SOURCE_FILES}. */
  readonly maxSourceFiles?: number;
}

/** Progress of a long analysis: a phase, files done and files in all. */
export type ProgressCallback = (phase: "parsing" | "analyzing", done: number, total: number) => void;

/** The loaded project and the application files to scan for actors. */
export interface LoadedSources {
  readonly project: SourceStore;
  /** Compiler options used to resolve bare module specifiers (tsconfig `paths` and the like). */
  readonly compilerOptions: Ts.CompilerOptions;
  /** Absolute paths of the application files, sorted. */
  readonly files: readonly string[];
  /** The output folder of the generated role classes (absolute), if one was given. */
  readonly generated?: string;
}

const SOURCE_PATTERN = "**/*.{ts,tsx,mts,cts}";
const IGNORED = ["**/node_modules/**", "**/*.d.ts", "**/*.d.mts", "**/*.d.cts"];
/** The compiler options without a tsconfig (a function: TypeScript is loaded when sources are, not with this module). */
function defaultOptions(): Ts.CompilerOptions {
  const ts = typescript();
  return { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
}

/** True for files the analyzer never scans for actors. */
export function isApplicationFile(parsed: SyntaxFile): boolean {
  return !parsed.isDeclarationFile && !parsed.file.split(/[\\/]/).includes("node_modules") && !parsed.generated;
}

const SOURCES_POLICY =
  "application sources must lie inside the project folder (the working directory, or the folder of --src or --project when it lies outside it), also after following symbolic links";

/** What reading a tsconfig gave: its options and files when it has no errors, and its problems. */
interface TsconfigRead {
  readonly config?: { readonly options: Ts.CompilerOptions; readonly fileNames: readonly string[] };
  readonly diagnostics: readonly Diagnostic[];
}

/** TypeScript's "no inputs were found": rolecraft says that itself (RC5011), once the files are known. */
const NO_INPUTS = 18003;

/** Most tsconfig problems reported (a file that is not JSON at all has one per token). */
const MAX_TSCONFIG_PROBLEMS = 20;

/**
 * Reads a tsconfig as TypeScript does, through the store (so every file is
 * a regular file read within the size limit, and the include policy holds:
 * `extends` leads only to files inside the project folder or in a
 * `node_modules` folder, `include` patterns only below the project folder).
 * Its problems are positioned diagnostics (RC5016, or RC1014 for what lies
 * outside); a tsconfig with problems gives no options and no files, so that
 * nothing is analyzed from a guessed file set.
 */
function readTsconfig(store: SourceStore, tsconfig: string): TsconfigRead {
  const ts = typescript();
  const host = store.host;
  const cwd = host.cwd;
  const shown = (file: string): string => path.relative(cwd, file).split(path.sep).join("/") || ".";
  const refused = new Set<string>();
  const refusedPatterns: string[] = [];
  const problems: Ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    useCaseSensitiveFileNames: host.useCaseSensitiveFileNames,
    getCurrentDirectory: () => cwd,
    fileExists: (file) => store.isFile(file),
    readFile: (file) => {
      if (!store.mayReadConfig(file)) {
        // TypeScript also looks at the package.json files above a package it resolves: those are not read, and not the tsconfig's doing.
        if (path.basename(file) !== "package.json") refused.add(path.resolve(file));
        return undefined;
      }
      const text = store.readConfigFile(file);
      if (text !== undefined) store.remember(file, text);
      return text;
    },
    readDirectory: (root, extensions, excludes, includes, depth) => {
      // An include pattern whose fixed part leads outside the project is never walked (`/**/*` would list the whole disk).
      const kept = includes?.filter((pattern) => {
        const inside = !isAbsoluteAnywhere(pattern) || isInside(root, pattern) ? !store.outside(path.resolve(root, fixedPart(pattern))) : false;
        if (!inside) refusedPatterns.push(pattern);
        return inside;
      });
      if (kept !== undefined && kept.length === 0) return [];
      return [...host.matchFiles(root, extensions, excludes, kept, depth)];
    },
    onUnRecoverableConfigFileDiagnostic: (problem) => problems.push(problem),
  });
  if (parsed !== undefined) problems.push(...ts.getConfigFileParsingDiagnostics(parsed));
  const diagnostics: Diagnostic[] = [];
  const configFile: unknown = parsed?.options.configFile;
  // TypeScript keeps the parsed JSON of the root tsconfig there (typed as any option value).
  const root = typeof configFile === "object" && configFile !== null && "statements" in configFile ? (configFile as Ts.TsConfigSourceFile) : undefined;
  const extendsAt = (): Span => (root === undefined ? fileSpan(shown(tsconfig)) : (propertySpan(root, "extends", shown(tsconfig)) ?? fileSpan(shown(tsconfig))));
  for (const file of refused) {
    diagnostics.push(diagnostic("includeOutsideProject", { path: shown(file), root: store.folder.shown }, extendsAt(), { hint: TSCONFIG_POLICY }));
  }
  for (const pattern of refusedPatterns) {
    const at = root === undefined ? fileSpan(shown(tsconfig)) : (propertySpan(root, "include", shown(tsconfig)) ?? fileSpan(shown(tsconfig)));
    diagnostics.push(diagnostic("includeOutsideProject", { path: `include pattern \`${pattern}\``, root: store.folder.shown }, at, { hint: TSCONFIG_POLICY }));
  }
  // A listed file (or one an include pattern finds through a link) that lies outside is not read.
  const fileNames = (parsed?.fileNames ?? []).map((f) => path.resolve(cwd, f));
  for (const file of fileNames.filter((f) => store.outside(f))) {
    const at = root === undefined ? undefined : (propertySpan(root, "files", shown(tsconfig)) ?? propertySpan(root, "include", shown(tsconfig)));
    diagnostics.push(diagnostic("includeOutsideProject", { path: shown(file), root: store.folder.shown }, at ?? fileSpan(shown(tsconfig)), { hint: SOURCES_POLICY }));
  }
  const seen = new Set<string>();
  for (const problem of problems) {
    if (problem.code === NO_INPUTS) continue;
    const text = ts.flattenDiagnosticMessageText(problem.messageText, " ");
    // "Cannot read file" of a file the policy refused is said above.
    if ([...refused].some((file) => text.includes(file))) continue;
    const file = problem.file;
    const span =
      file === undefined || problem.start === undefined
        ? fileSpan(shown(tsconfig))
        : offsetSpan(shown(path.resolve(file.fileName)), file.text, problem.start, problem.start + (problem.length ?? 0));
    const detail = withoutCwd(text, cwd);
    const key = `${span.file}:${span.line}:${span.column}:${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic("invalidTsconfig", { detail, tsCode: problem.code }, span));
  }
  if (diagnostics.length > MAX_TSCONFIG_PROBLEMS) {
    const more = diagnostics.length - MAX_TSCONFIG_PROBLEMS;
    diagnostics.splice(MAX_TSCONFIG_PROBLEMS);
    const last = diagnostics.pop()!;
    diagnostics.push({ ...last, hint: `${last.hint ?? ""} (and ${more} more problems not shown)`.trim() });
  }
  if (parsed === undefined || diagnostics.length > 0) return { diagnostics };
  return { config: { options: parsed.options, fileNames }, diagnostics };
}

const TSCONFIG_POLICY = "a tsconfig may extend files inside the project folder (or a package's tsconfig in node_modules) and include files below it";

/** The part of a glob pattern before its first wildcard segment (`src/**\/*.ts` → `src`). */
function fixedPart(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const first = segments.findIndex((segment) => /[*?[\]{}]/.test(segment));
  return (first < 0 ? segments : segments.slice(0, first)).join("/") || ".";
}

/** A message of TypeScript's without the working directory in its paths. */
function withoutCwd(text: string, cwd: string): string {
  return text.split(`${cwd}${path.sep}`).join("").split(cwd).join(".");
}

/** The span of two offsets into a file's text, lines counted as editors count them. */
function offsetSpan(file: string, text: string, start: number, end: number): Span {
  const lines = lineIndex(text);
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(start, end));
  return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The span of the value of a top-level property of a tsconfig, if it has one. */
function propertySpan(configFile: Ts.TsConfigSourceFile, name: string, shownFile: string): Span | undefined {
  const ts = typescript();
  const statement = configFile.statements[0];
  const object = statement === undefined ? undefined : statement.expression;
  if (object === undefined || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isStringLiteral(property.name) || property.name.text !== name) continue;
    const value = property.initializer;
    return offsetSpan(shownFile, configFile.text, value.getStart(configFile), value.getEnd());
  }
  return undefined;
}

/**
 * The project folder of an analysis: the working directory, or the source
 * folder or tsconfig's folder when it lies outside it, and the role
 * module's folder when that lies outside it.
 */
function sourcesFolder(input: SourceInput): ProjectFolder {
  const host = input.host;
  const named: ProjectFolder[] = [];
  if (input.srcDir !== undefined) named.push(projectFolder(host, path.resolve(host.cwd, input.srcDir), "directory"));
  if (input.project !== undefined) named.push(projectFolder(host, path.resolve(host.cwd, input.project), "file"));
  if (named.length > 0 && input.module !== undefined) {
    const module = path.resolve(host.cwd, input.module);
    named.push(projectFolder(host, module, host.kind(module) === "directory" ? "directory" : "file"));
  }
  if (named.length === 0) return projectFolder(host, host.cwd, "directory");
  return { real: [...new Set(named.flatMap((folder) => folder.real))], shown: named[0]!.shown };
}

/** Why a named path is not a file: no such file, a FIFO, a link loop… */
function missingReason(host: SourceHost, file: string): string {
  try {
    host.readFile(file, 0);
  } catch (error) {
    return (error as { code?: unknown }).code === "ENOENT" ? "no such file" : errorReason(error);
  }
  return "no such file";
}

/**
 * Loads the sources named by `input` (without following their imports:
 * those are parsed later, only as far as needed).
 */
export function loadSources(input: SourceInput): { readonly value: LoadedSources; readonly diagnostics: readonly Diagnostic[] } {
  forgetInterned();
  // The store reads the tsconfig files too: their texts serve code frames.
  const project = new SourceStore(input.host, input, sourcesFolder(input));
  return project.pass(() => loadInto(project, input));
}

function loadInto(project: SourceStore, input: SourceInput): { readonly value: LoadedSources; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cwd = input.host.cwd;
  const relative = (file: string): string => path.relative(cwd, file).split(path.sep).join("/") || ".";
  const unreadable = (file: string, reason: string): void => {
    diagnostics.push(diagnostic("unreadableFile", { path: relative(file), reason }, fileSpan(relative(file))));
  };

  /** At most `maxSourceFiles` of the files, in their order; past that, RC5018 names the first file not read. */
  const bounded = (files: readonly string[], from: string): readonly string[] => {
    const max = input.maxSourceFiles ?? MAX_SOURCE_FILES;
    if (files.length <= max) return files;
    diagnostics.push(diagnostic("tooManySourceFiles", { path: relative(from), max, first: relative(files[max]!) }, fileSpan(relative(from))));
    return files.slice(0, max);
  };

  let options: Ts.CompilerOptions | undefined;
  let listed: readonly string[] = [];
  let tsconfigFailed = false;
  if (input.project !== undefined) {
    const tsconfig = path.resolve(cwd, input.project);
    if (!project.isFile(tsconfig)) {
      unreadable(tsconfig, missingReason(input.host, tsconfig));
      tsconfigFailed = true;
    } else {
      const read = readTsconfig(project, tsconfig);
      diagnostics.push(...read.diagnostics);
      if (read.config === undefined) tsconfigFailed = true;
      else {
        options = read.config.options;
        listed = read.config.fileNames.filter((f) => !/\.d\.[mc]?ts$/.test(f));
        listed = bounded(listed, tsconfig);
      }
    }
  }
  if (options === undefined) {
    // Without --project, the nearest tsconfig.json above the sources still gives
    // the compiler options that bare imports need (`paths`), but not its files.
    const start = input.srcDir !== undefined ? path.resolve(cwd, input.srcDir) : cwd;
    const tsconfig = tsconfigFailed ? undefined : typescript().findConfigFile(start, (file) => project.isFile(file) && !project.outside(file));
    options = (tsconfig === undefined ? undefined : readTsconfig(project, tsconfig).config?.options) ?? defaultOptions();
  }
  const parse = (files: readonly string[]): void => {
    files.forEach((file, i) => {
      try {
        project.add(file);
      } catch (error) {
        if (error instanceof OutsideProjectError) {
          const shown = relative(file);
          diagnostics.push(diagnostic("includeOutsideProject", { path: shown, root: project.folder.shown }, fileSpan(shown), { hint: SOURCES_POLICY }));
        } else {
          unreadable(file, error instanceof RangeError ? "it is nested too deeply to parse" : errorReason(error));
        }
      }
      input.onProgress?.("parsing", i + 1, files.length);
    });
  };
  parse(listed);

  if (input.srcDir !== undefined) {
    const dir = path.resolve(cwd, input.srcDir);
    if (!project.isDirectory(dir)) unreadable(dir, "no such directory");
    else {
      // Links are not followed (a loop must not hang the analysis; a link may lead out of the project): each is named.
      for (const link of input.host.sourceLinks?.(dir) ?? []) diagnostics.push(diagnostic("sourceSymbolicLink", { path: relative(link) }, fileSpan(relative(link))));
      const found = bounded(
        input.host
          .globFiles(dir, [SOURCE_PATTERN], IGNORED)
          .map((f) => path.resolve(f))
          .sort(),
        dir,
      );
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
