/**
 * An analyzer session keeps the parsed application between analyses, so that
 * after a change only the changed files are parsed again (watch mode). Every
 * analysis still rebuilds the module tables and requirement caches from the
 * parsed files: cheap next to parsing, and never stale.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic, Result } from "../diagnostics/diagnostic.js";
import type { RoleModel } from "../compiler/types.js";
import { analyzeLoaded, sourceInput, type AnalyzeInput } from "./analyze.js";
import { isApplicationFile, loadSources, type LoadedSources } from "./project.js";
import type { Application } from "./types.js";

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);

/** Long-lived analysis of one application's sources. */
export class AnalyzerSession {
  private loaded: LoadedSources;
  private loadDiagnostics: readonly Diagnostic[];
  private readonly cwd: string;
  private readonly srcRoot: string | undefined;

  constructor(private readonly input: Omit<AnalyzeInput, "model">) {
    this.cwd = input.cwd ?? process.cwd();
    this.srcRoot = input.srcDir === undefined ? undefined : path.resolve(this.cwd, input.srcDir);
    const loaded = loadSources(sourceInput(input, this.cwd));
    this.loaded = loaded.value;
    this.loadDiagnostics = loaded.diagnostics;
  }

  /** Analyzes the application as it is now against a role model. */
  analyze(model: RoleModel): Result<Application> {
    return analyzeLoaded(model, this.loaded, this.loadDiagnostics, this.cwd, this.input.lints !== false);
  }

  /** Files the session holds (application files and files their imports led to). */
  knownFiles(): string[] {
    return this.loaded.project.all().map((sf) => path.resolve(sf.fileName));
  }

  /**
   * Takes changes on disk into account: changed files are parsed again, new
   * application files are added, deleted ones dropped. Returns false when the
   * change can't be applied incrementally and the sources were loaded anew.
   */
  update(changedPaths: Iterable<string>): boolean {
    const project = this.loaded.project;
    const files = new Set(this.loaded.files);
    let incremental = true;
    for (const changed of changedPaths) {
      const file = path.resolve(this.cwd, changed);
      if (!SOURCE_EXTENSIONS.has(path.extname(file))) {
        // A tsconfig or a folder changed: start over.
        if (path.basename(file).startsWith("tsconfig") || (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false)) incremental = false;
        continue;
      }
      const exists = fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
      if (!exists) {
        project.remove(file);
        files.delete(file);
        continue;
      }
      if (project.holds(file)) {
        const sourceFile = project.add(file);
        if (isApplicationFile(sourceFile) && (files.has(file) || this.isUnderSources(file))) files.add(file);
        else files.delete(file);
      } else if (this.isUnderSources(file)) {
        const added = project.add(file);
        if (isApplicationFile(added)) files.add(file);
      }
    }
    if (!incremental) {
      const loaded = loadSources(sourceInput(this.input, this.cwd));
      this.loaded = loaded.value;
      this.loadDiagnostics = loaded.diagnostics;
      return false;
    }
    this.loaded = { ...this.loaded, files: [...files].sort() };
    return true;
  }

  private isUnderSources(file: string): boolean {
    if (this.srcRoot === undefined) return false;
    const rel = path.relative(this.srcRoot, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules") && !/\.d\.[mc]?ts$/.test(file);
  }
}
