/**
 * Names across files: each file's imports, exports and top-level declarations
 * (read once per file, see syntax.ts), module
 * specifiers resolved to files, and exported names followed through
 * re-exports to what they denote. Purely syntactic; the type checker is
 * never asked.
 */
import path from "node:path";
import type { ts as Ts } from "ts-morph";
import { typescript } from "../compiler/typescript.js";
import { isAbsoluteAnywhere } from "../compiler/project-folder.js";
import type { RoleModel } from "../compiler/types.js";
import { closest } from "../diagnostics/did-you-mean.js";
import { GeneratedModules, startsWithGeneratedHeader, type GeneratedPart } from "./generated-modules.js";
import type { LogEntry, ReportLog } from "./diagnostic-sink.js";
import type { SourceStore } from "./project.js";
import { nameRead } from "./read-keys.js";
import type { Expr, SyntaxClass, SyntaxFile, SyntaxVariable } from "./syntax.js";
import { CORE_ROLES } from "../runtime/core-roles.js";
import { CORE_MODULE } from "../runtime/semantics/role-hierarchy.js";
import { StackGuard } from "./stack-guard.js";

/** The module specifier of the rolecraft runtime, whose exports the analyzer knows by name. */
export const RUNTIME_MODULE = "rolecraft/runtime";

/** Role ids of the core roles the runtime exports, by export name. */
const RUNTIME_ROLES: ReadonlyMap<string, string> = new Map(CORE_ROLES.map((r) => [r.name, `${CORE_MODULE}.${r.name}`]));

/** What a module specifier leads to. */
export type ModuleRef =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "runtime" }
  | { readonly kind: "external"; readonly specifier: string }
  /** A file of the generated role classes, answered from the role model (see generated-modules.ts). */
  | { readonly kind: "generated"; readonly path: string; readonly part: GeneratedPart }
  /** An import the include policy does not follow (absolute, or leading outside the project folder). */
  | { readonly kind: "refused"; readonly specifier: string; readonly reason: string };

/** What a name denotes, after following imports and re-exports. */
export type Binding =
  | { readonly kind: "class"; readonly node: SyntaxClass }
  | { readonly kind: "const"; readonly node: SyntaxVariable & { readonly initializer: Expr } }
  /** `export default <expression>`. */
  | { readonly kind: "expression"; readonly node: Expr }
  | { readonly kind: "namespace"; readonly module: ModuleRef }
  /** A role: a core role exported by the runtime, or a class of the generated role classes (maybe one the model lacks). */
  | { readonly kind: "role"; readonly id: string }
  /** Any other export of the runtime (`Actor`, `Action`, `loginRequired`, …). */
  | { readonly kind: "runtime"; readonly name: string }
  /** A declaration that is clearly not a role or requirement (function, enum, interface, …). */
  | { readonly kind: "other"; readonly what: string }
  | { readonly kind: "unresolved"; readonly reason: string };

/** One file's top-level names: its {@link SyntaxFile}. */
export type ModuleTable = SyntaxFile;

const RELATIVE_EXTENSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  [".js", [".ts", ".tsx", ".js"]],
  [".jsx", [".tsx", ".jsx"]],
  [".mjs", [".mts", ".mjs"]],
  [".cjs", [".cts", ".cjs"]],
  [".ts", [".ts"]],
  [".tsx", [".tsx"]],
  [".mts", [".mts"]],
  [".cts", [".cts"]],
]);
const BARE_CANDIDATES = [".ts", ".tsx", ".mts", ".cts", "/index.ts", "/index.tsx"];

/**
 * The files of a project as far as names go. Files are parsed on first use
 * (through the ts-morph project) and read once; every answer is cached.
 */
export class ModuleGraph {
  /** Resolved specifiers by folder, then specifier (files of one folder share them). */
  private readonly folderModules = new Map<string, Map<string, ModuleRef>>();
  /** The same, by file and specifier: no key to build on the hot path. */
  private readonly fileModules = new Map<string, Map<string, ModuleRef>>();
  /** Each file's folder. */
  private readonly folders = new Map<string, string>();
  /** Followed exports, by file and name. */
  private readonly exportCache = new Map<string, Map<string, Binding>>();
  private readonly exportsInProgress = new Set<string>();
  /** What top-level names of a file denote. */
  private readonly localCache = new Map<ModuleTable, Map<string, Binding>>();
  /** The generated role classes, answered from the role model. */
  private readonly generated: GeneratedModules;
  /** Module resolution that also finds the generated files of the output folder, present or not. */
  private readonly resolutionHost: Ts.ModuleResolutionHost;
  /**
   * Incremental analysis: where lookups record what they read (read-keys.ts);
   * a cached answer replays the reads of its first lookup. Undefined otherwise.
   */
  log: ReportLog | undefined;
  private readonly localReads = new Map<ModuleTable, Map<string, readonly LogEntry[]>>();
  private readonly exportReads = new Map<string, Map<string, readonly LogEntry[]>>();
  /** Files that could not be read or parsed (asked again after {@link invalidate}). */
  private readonly unreadable = new Set<string>();
  /**
   * Keeps chains of computations (re-exports of re-exports, consts naming
   * consts …) off a deep call stack; shared by every computation of the
   * analyses that use this graph (see stack-guard.ts).
   */
  readonly guard = new StackGuard();

  /**
   * @param outDir the output folder of the generated role classes (absolute), whose files are answered from the role model
   */
  constructor(
    private readonly project: SourceStore,
    private readonly compilerOptions: Ts.CompilerOptions,
    outDir?: string,
  ) {
    this.generated = new GeneratedModules(outDir, (file) => {
      // A file read already says so; another is read only as far as its first bytes matter (it is not parsed).
      if (project.holds(file)) return project.get(file)?.generated === true;
      try {
        return project.isFile(file) && startsWithGeneratedHeader(project.host.readFile(file));
      } catch {
        return false;
      }
    });
    const base = project.moduleResolutionHost;
    this.resolutionHost = {
      ...base,
      fileExists: (file) => this.generated.exists(file) || base.fileExists(file),
      directoryExists: (dir) => this.generated.isDirectory(dir) || base.directoryExists?.(dir) === true,
    };
  }

  /** Answers imports of the generated role classes from this model from now on. */
  useModel(model: RoleModel): void {
    if (!this.generated.useModel(model)) return;
    this.exportCache.clear();
    this.localCache.clear();
  }

  /**
   * The table of a file, parsing it if the project does not hold it yet;
   * undefined when it does not exist or cannot be read or parsed. A file is
   * parsed from a short stack (see {@link StackGuard.deep}), so whether it
   * parses does not depend on how it was reached.
   */
  table(file: string): ModuleTable | undefined {
    if (this.unreadable.has(file)) return undefined;
    if (this.guard.deep && !this.project.holds(file)) this.guard.shallow(() => this.table(file));
    const table = this.project.get(file);
    if (table === undefined) this.unreadable.add(file);
    return table;
  }

  /**
   * Forgets what depends on the text of `files` (their tables, and every
   * followed export); with `filesAddedOrRemoved`, resolved module specifiers
   * too (a new file can make an import resolve, or resolve elsewhere).
   */
  invalidate(filesAddedOrRemoved: boolean): void {
    this.exportCache.clear();
    this.localCache.clear();
    this.generated.forgetFiles();
    this.exportReads.clear();
    this.localReads.clear();
    this.unreadable.clear();
    if (filesAddedOrRemoved) {
      this.folderModules.clear();
      this.fileModules.clear();
    }
  }

  /**
   * The files `file` imports or re-exports from (each once, in order): the
   * only files whose contents can change what names in `file` denote.
   */
  dependencies(file: string): string[] {
    const table = this.table(file);
    if (table === undefined) return [];
    const found = new Set<string>();
    const add = (specifier: string): void => {
      const ref = this.resolveModule(specifier, file);
      if (ref.kind === "file") found.add(ref.path);
    };
    for (const entry of table.imports.values()) add(entry.specifier);
    for (const entry of table.exports.values()) if (entry.kind === "reexport" || entry.kind === "namespace") add(entry.specifier);
    for (const specifier of table.starExports) add(specifier);
    return [...found];
  }


  /** Resolves a module specifier written in `fromFile`. */
  resolveModule(specifier: string, fromFile: string): ModuleRef {
    if (specifier === RUNTIME_MODULE) return { kind: "runtime" };
    // A path with a NUL byte names no file (and would make the path functions throw).
    if (specifier.includes("\0")) return { kind: "external", specifier };
    let ofFile = this.fileModules.get(fromFile);
    if (ofFile === undefined) this.fileModules.set(fromFile, (ofFile = new Map()));
    let ref = ofFile.get(specifier);
    if (ref !== undefined) return ref;
    let dir = this.folders.get(fromFile);
    if (dir === undefined) this.folders.set(fromFile, (dir = path.dirname(fromFile)));
    let ofFolder = this.folderModules.get(dir);
    if (ofFolder === undefined) this.folderModules.set(dir, (ofFolder = new Map()));
    ref = ofFolder.get(specifier);
    if (ref === undefined) {
      ref = this.resolveUncached(specifier, dir, fromFile);
      ofFolder.set(specifier, ref);
    }
    ofFile.set(specifier, ref);
    return ref;
  }

  /** What the name `name`, used at the top level of `table`'s file, denotes. */
  lookupLocal(table: ModuleTable, name: string): Binding {
    let ofFile = this.localCache.get(table);
    if (ofFile === undefined) this.localCache.set(table, (ofFile = new Map()));
    let binding = ofFile.get(name);
    if (binding === undefined) {
      const log = this.log;
      if (log === undefined) binding = this.lookupLocalUncached(table, name);
      else {
        log.begin();
        log.record(nameRead(table.file, "l", name));
        binding = this.lookupLocalUncached(table, name);
        rememberReads(this.localReads, table, name, log.end());
      }
      ofFile.set(name, binding);
    } else if (this.log !== undefined) {
      this.log.replay(this.localReads.get(table)?.get(name));
    }
    return binding;
  }

  private lookupLocalUncached(table: ModuleTable, name: string): Binding {
    const imported = table.imports.get(name);
    if (imported !== undefined) {
      const module = this.resolveModule(imported.specifier, table.file);
      return imported.kind === "namespace" ? { kind: "namespace", module } : this.lookupExport(module, imported.name);
    }
    const local = table.locals.get(name);
    if (local === undefined) return { kind: "unresolved", reason: `\`${name}\` is not declared at the top level of ${path.basename(table.file)}` };
    switch (local.kind) {
      case "class":
        return { kind: "class", node: local.node };
      case "variable": {
        const decl = local.node;
        if (!decl.isConst) return { kind: "unresolved", reason: `\`${name}\` is not a const` };
        if (decl.initializer === undefined) return { kind: "unresolved", reason: `\`${name}\` has no initializer` };
        return { kind: "const", node: decl as SyntaxVariable & { readonly initializer: Expr } };
      }
      case "other":
        return { kind: "other", what: local.what };
    }
  }

  /** What the export `name` of `module` denotes, following re-exports (`export … from`, `export *`). */
  lookupExport(module: ModuleRef, name: string): Binding {
    if (module.kind === "runtime") {
      const role = RUNTIME_ROLES.get(name);
      return role === undefined ? { kind: "runtime", name } : { kind: "role", id: role };
    }
    // Specifiers are quoted as JSON strings: one line, control characters escaped.
    if (module.kind === "external") return { kind: "unresolved", reason: `module ${JSON.stringify(module.specifier)} cannot be analyzed` };
    if (module.kind === "refused") return { kind: "unresolved", reason: `the import ${JSON.stringify(module.specifier)} is not followed: ${module.reason}` };
    if (module.kind === "generated") return this.generatedExport(module, name);
    let ofFile = this.exportCache.get(module.path);
    if (ofFile === undefined) this.exportCache.set(module.path, (ofFile = new Map()));
    const cached = ofFile.get(name);
    const log = this.log;
    if (cached !== undefined) {
      log?.replay(this.exportReads.get(module.path)?.get(name));
      return cached;
    }
    const key = `${module.path}\0${name}`;
    if (this.exportsInProgress.has(key)) return { kind: "unresolved", reason: `circular re-export of \`${name}\`` };
    const exports = ofFile;
    return this.guard.compute(
      () => {
        // The reads are recorded inside the guarded run: an abandoned attempt's are rewound with it.
        log?.begin();
        log?.record(nameRead(module.path, "e", name));
        const binding = this.lookupExportUncached(module.path, name);
        if (log !== undefined) rememberReads(this.exportReads, module.path, name, log.end());
        exports.set(name, binding);
        return binding;
      },
      (busy) => (busy ? this.exportsInProgress.add(key) : this.exportsInProgress.delete(key)),
      log,
    );
  }

  private lookupExportUncached(file: string, name: string): Binding {
    const table = this.table(file);
    if (table === undefined) {
      // Named without its folder: a diagnostic never shows where the project lies on the machine.
      const name = path.basename(file);
      const exists = this.project.moduleResolutionHost.fileExists(file);
      return { kind: "unresolved", reason: exists ? `${name} cannot be read or parsed` : `${name} does not exist` };
    }
    const entry = table.exports.get(name);
    if (entry !== undefined) {
      switch (entry.kind) {
        case "local":
          return this.lookupLocal(table, entry.name);
        case "reexport":
          return this.lookupExport(this.resolveModule(entry.specifier, file), entry.name);
        case "namespace":
          return { kind: "namespace", module: this.resolveModule(entry.specifier, file) };
        case "expression":
          return { kind: "expression", node: entry.node };
      }
    }
    // `export *` never re-exports `default`; the first star that has the name wins.
    if (name !== "default") {
      let firstGenerated: (ModuleRef & { readonly kind: "generated" }) | undefined;
      const stars = table.starExports.map((specifier) => this.resolveModule(specifier, file));
      for (let i = 0; i < stars.length; i++) {
        const module = stars[i]!;
        if (module.kind === "generated") {
          firstGenerated ??= module;
          if (!this.generated.has(module.part, name)) continue;
          // Two generated modules exporting the name: an ambiguous `export *`, which TypeScript refuses.
          const other = stars.slice(i + 1).find((m) => m.kind === "generated" && this.generated.has(m.part, name));
          if (other !== undefined) {
            return { kind: "unresolved", reason: `\`${name}\` is ambiguous in ${path.basename(file)}: more than one \`export *\` of the generated role classes exports it` };
          }
          return this.generatedExport(module, name);
        }
        // A barrel re-exports many modules that do not have the name: skip those without a lookup.
        if (module.kind === "file" && this.lacksExport(module.path, name)) continue;
        const binding = this.lookupExport(module, name);
        if (binding.kind !== "unresolved") return binding;
      }
      // Re-exported from the generated role classes, but no module has it: a role the model lacks (RC5003 suggests one).
      if (firstGenerated?.part.kind === "roles") return this.generatedExport(firstGenerated, name);
    }
    return { kind: "unresolved", reason: `${path.basename(file)} does not export \`${name}\`` };
  }

  /**
   * What a generated file exports, from the role model: `roles/<m>.ts` a
   * role `m.<name>` for every name (one the model lacks is an unknown role,
   * reported with a did-you-mean where it is used), `index.ts` one namespace
   * per module and `UserTypes`, `user-types.ts` `UserTypes`.
   */
  private generatedExport(module: ModuleRef & { readonly kind: "generated" }, name: string): Binding {
    const part = module.part;
    if (part.kind === "roles") return { kind: "role", id: `${part.module}.${name}` };
    if (name === "UserTypes") return { kind: "other", what: "the UserTypes choicelist" };
    if (part.kind === "index" && this.generated.has(part, name)) {
      return { kind: "namespace", module: { kind: "generated", path: path.join(path.dirname(module.path), "roles", name), part: { kind: "roles", module: name } } };
    }
    const near = part.kind === "index" ? closest(name, this.generated.modules(), { comparisons: 10_000 }) : undefined;
    const what = part.kind === "index" ? `the generated index.ts exports no role module \`${name}\`` : `the generated user-types.ts exports only UserTypes, not \`${name}\``;
    return { kind: "unresolved", reason: `${what}${near === undefined ? "" : ` (did you mean \`${near}\`?)`}` };
  }

  /** True when the file exists and neither declares nor re-exports `name` (a quick negative answer of {@link lookupExport}). */
  private lacksExport(file: string, name: string): boolean {
    this.log?.record(nameRead(file, "e", name));
    const table = this.table(file);
    return table !== undefined && table.starExports.length === 0 && !table.exports.has(name);
  }

  private resolveUncached(specifier: string, dir: string, fromFile: string): ModuleRef {
    // The include policy of role modules holds for imports too (src/compiler/project-folder.ts).
    if (isAbsoluteAnywhere(specifier) || specifier.startsWith("file:")) return { kind: "refused", specifier, reason: "it is an absolute path" };
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..") {
      const target = path.resolve(dir, specifier);
      // Into the output folder: the generated role classes, whether or not they are on disk.
      const part = this.generated.inOutDir(target);
      if (part !== undefined) return { kind: "generated", path: target, part };
      const file = this.resolveRelative(target);
      return file === undefined ? { kind: "external", specifier } : this.inside(specifier, file);
    }
    // Bare specifiers (tsconfig `paths`, package self-references, packages): the
    // compiler's module resolution, which reads only package.json and tsconfig data.
    const resolved = typescript().resolveModuleName(specifier, fromFile, this.compilerOptions, this.resolutionHost).resolvedModule;
    if (resolved === undefined || resolved.isExternalLibraryImport === true || resolved.resolvedFileName.endsWith(".d.ts")) {
      return { kind: "external", specifier };
    }
    return this.inside(specifier, path.resolve(resolved.resolvedFileName));
  }

  /**
   * A resolved file, unless it lies outside the project folder (symbolic
   * links followed); the generated file it is when it is one (in the output
   * folder, or carrying the generated header).
   */
  private inside(specifier: string, file: string): ModuleRef {
    if (this.project.outside(file)) return { kind: "refused", specifier, reason: `it leads outside the project folder ${this.project.folder.shown}` };
    const part = this.generated.partOf(file);
    return part === undefined ? { kind: "file", path: file } : { kind: "generated", path: file, part };
  }

  private resolveRelative(base: string): string | undefined {
    const exists = this.project.moduleResolutionHost.fileExists;
    const ext = path.extname(base);
    const mapped = RELATIVE_EXTENSIONS.get(ext);
    if (mapped !== undefined) {
      const stem = base.slice(0, -ext.length);
      for (const e of mapped) if (exists(stem + e)) return stem + e;
    }
    for (const suffix of BARE_CANDIDATES) if (exists(base + suffix)) return base + suffix;
    return undefined;
  }
}

/** Keeps the reads of a cached lookup, to replay them when the answer is used again. */
function rememberReads<K>(reads: Map<K, Map<string, readonly LogEntry[]>>, key: K, name: string, entries: readonly LogEntry[]): void {
  let of = reads.get(key);
  if (of === undefined) reads.set(key, (of = new Map()));
  of.set(name, entries);
}
