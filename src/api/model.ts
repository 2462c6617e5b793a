/**
 * Loading the role model, the first step of every command: load, validate
 * and build the model (src/compiler), and for `check` also what only the
 * code generator finds (reserved names, module import cycles). One function
 * for every caller, on any thread, so that `check`, watch mode and the
 * editor report the same diagnostics.
 */
import { resolve } from "node:path";
import type { CompilerHost } from "../compiler/host.js";
import type { ParseCache } from "../compiler/load.js";
import type { RoleModel } from "../compiler/types.js";
import { catalogue } from "../diagnostics/catalogue.js";
import { hasFailures, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { missingPathReason, UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";

/** What to load. Plain data: it crosses to the model's thread. */
export interface ModelRequest {
  /** The role module (a file or a folder), relative to the host's working directory or absolute. */
  readonly module: string;
  /** Report RC1010 when no file declares `userTypes` (for commands that need the user types). */
  readonly requireUserTypes: boolean;
  /** Also report what only the code generator finds (reserved names, import cycles), when the model has no errors. */
  readonly emitDiagnostics: boolean;
}

/** A loaded role model as plain, cloneable data. */
export interface LoadedModel {
  /** The model; partial when there are errors. */
  readonly model: RoleModel;
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The texts of the module's files, by the path diagnostics name them with (for code frames). */
  readonly texts: ReadonlyMap<string, string>;
  /** Absolute paths of the files read (empty when the module itself could not be read). */
  readonly files: readonly string[];
  /**
   * Absolute paths whose change can change the model: the files read, and
   * those looked for but missing (the named module, an include); a folder
   * named as the module stands for its files.
   */
  readonly watched?: readonly string[];
  /** The problem when the named module itself cannot be read: a usage error, not a finding. */
  readonly unreadable?: string;
  /** Which thread loaded it: the caller's, or a worker (see {@link ModelThread}). */
  readonly loadedBy: "caller" | "worker";
}

/** A role model loading elsewhere (see {@link ModelThread}). */
export interface ConcurrentModel {
  /** The model, for a caller that has nothing else to do until it comes. */
  settle(): Promise<LoadedModel>;
  /** Stops loading: the caller failed and will not ask for the model. */
  abandon(): void;
}

/**
 * Loads a role model in this thread; with a cache (a long-lived session),
 * files whose text did not change since an earlier load are not parsed again.
 */
export async function loadModel(host: CompilerHost, request: ModelRequest, cache?: ParseCache): Promise<LoadedModel> {
  // Imported here, not at the top: a thread that only waits for the model never loads the compiler.
  const { loadRoleModel } = await import("../compiler/compile.js");
  const result = await loadRoleModel(host, resolve(host.cwd, request.module), { requireUserTypes: request.requireUserTypes, ...(cache === undefined ? {} : { cache }) });
  const diagnostics = [...result.diagnostics];
  if (request.emitDiagnostics && !hasFailures(diagnostics)) {
    const { emitProject } = await import("../emit/emit.js");
    for (const problem of emitProject(result.value.model, { diagnosticsOnly: true }).diagnostics) diagnostics.push(problem);
  }
  const files = result.value.project.files;
  const unreadable = diagnostics.find((d) => d.code === catalogue.unreadableFile.code || d.code === catalogue.unsupportedFile.code);
  return {
    model: result.value.model,
    diagnostics: sortDiagnostics(diagnostics),
    texts: new Map(files.map((f) => [f.path, f.text])),
    files: files.map((f) => f.absolutePath),
    watched: [...new Set([...files.map((f) => f.absolutePath), ...result.value.project.looked])],
    ...(unreadable !== undefined && files.length === 0 ? { unreadable: unreadable.message } : {}),
    loadedBy: "caller",
  };
}

/**
 * Starts loading the model, on the host's model thread when it has one
 * (the caller parses its sources meanwhile), else in this thread.
 */
export function startModelLoad(host: RolecraftHost, request: ModelRequest, cache?: ParseCache): ConcurrentModel {
  const loadHere = (): Promise<LoadedModel> => loadModel(host, request, cache);
  if (host.modelThread !== undefined) return host.modelThread.start(request, loadHere);
  const loaded = loadHere();
  loaded.catch(() => undefined); // settled (and reported) by settle()
  return { settle: () => loaded, abandon: () => undefined };
}

/** Throws the usage error of a module path that does not exist. */
export function requireModule(host: CompilerHost, module: string): void {
  const path = resolve(host.cwd, module);
  if (host.kind(path) === "missing") throw new UsageError(`cannot read ${module}: ${missingPathReason(host, path)}`);
}

/** Throws the usage error of a module that exists but cannot be read as one. */
export function requireReadable(loaded: LoadedModel): void {
  if (loaded.unreadable !== undefined) throw new UsageError(loaded.unreadable);
}

/** True when the model can be used: readable and without errors. */
export function isUsable(loaded: LoadedModel): boolean {
  return loaded.unreadable === undefined && !hasFailures(loaded.diagnostics);
}

/**
 * Loads the model in this thread for a command that needs it whole
 * (compile, the tables, checkmro): the module must exist and be readable.
 */
export async function openModel(host: RolecraftHost, module: string, requireUserTypes: boolean): Promise<LoadedModel> {
  requireModule(host, module);
  const loaded = await loadModel(host, { module, requireUserTypes, emitDiagnostics: false });
  requireReadable(loaded);
  return loaded;
}
