/**
 * The front half of the compiler as one call: load → validate → model.
 */
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, sortDiagnostics, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { CompilerHost } from "./host.js";
import { loadProject, type LoadedProject, type ParseCache } from "./load.js";
import { buildModel } from "./model.js";
import type { RoleModel } from "./types.js";
import { validateFile, type ValidFile } from "./validate.js";

/** A loaded project and the role model built from it. */
export interface CompiledProject {
  readonly project: LoadedProject;
  readonly model: RoleModel;
}

/**
 * Loads a role-module project (a file or a directory), validates every file
 * against the schema and builds the role model. Every problem of every file
 * is reported; the model is partial when there are errors.
 */
/** Options of {@link loadRoleModel}. */
export interface LoadRoleModelOptions {
  /** Report RC1010 when no file declares `userTypes` (for commands that need the user types). */
  readonly requireUserTypes?: boolean;
  /** What earlier loads parsed and validated, reused for files whose text did not change (and updated). */
  readonly cache?: ParseCache;
}

export async function loadRoleModel(host: CompilerHost, target: string, options: LoadRoleModelOptions = {}): Promise<Result<CompiledProject>> {
  const cache = options.cache;
  const loaded = await loadProject(host, target, cache);
  // Never `push(...list)`: a list of a few hundred thousand diagnostics would overflow the stack as arguments.
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const valid: ValidFile[] = [];
  const brokenModules = new Set<string>();
  let incomplete = loaded.diagnostics.length > 0;
  for (const file of loaded.value.files) {
    let problems = cache?.validated.get(file);
    if (problems === undefined) {
      problems = validateFile(file);
      cache?.validated.set(file, problems);
    }
    for (const problem of problems) diagnostics.push(problem);
    if (file.data !== undefined && problems.length === 0) {
      valid.push(file as ValidFile);
    } else {
      incomplete = true;
      const label = (file.data as { module?: unknown } | undefined)?.module;
      // A file whose label is unknown may declare any module: don't report unknown modules then.
      brokenModules.add(typeof label === "string" ? label : "*");
    }
  }
  const model = buildModel(valid, { brokenModules, incomplete });
  for (const problem of model.diagnostics) diagnostics.push(problem);
  if (options.requireUserTypes === true && model.value.userTypesFile === undefined && !incomplete) {
    const first = loaded.value.files[0];
    diagnostics.push(
      diagnostic("noUserTypesModule", { path: loaded.value.target }, first === undefined ? fileSpan(loaded.value.target) : first.locate([], "value")),
    );
  }
  return { value: { project: loaded.value, model: model.value }, diagnostics: sortDiagnostics(diagnostics) };
}
