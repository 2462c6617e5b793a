/**
 * `compile` as a library call: the role model and the TypeScript files the
 * code generator makes of it. Writing them (atomically) is the caller's job
 * (src/host/output-dir.ts).
 */
import { relative, resolve, sep } from "node:path";
import type { GeneratedFile } from "../emit/emit.js";
import { hasFailures, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RolecraftHost } from "./host.js";
import { isUsable, openModel, type LoadedModel } from "./model.js";

/** Whether a file's text carries the generated header: files without it are never overwritten. */
export { GENERATED_LAYOUT, isGeneratedText } from "../emit/escape.js";

/** Options of {@link compile}. */
export interface CompileOptions {
  /** The role module (a file or a folder), relative to the host's working directory. */
  readonly module: string;
  /** The output folder the files are meant for, relative to the host's working directory: generated headers name their sources relative to it. */
  readonly out: string;
}

/** The generated files, or why there are none. */
export interface CompileResult {
  /** The role model and its diagnostics. */
  readonly model: LoadedModel;
  /** What the code generator reports (names generated code can't carry, import cycles); empty when the model has errors. */
  readonly emitDiagnostics: readonly Diagnostic[];
  /** The files to write, paths relative to the output folder; empty when there are errors. */
  readonly files: readonly GeneratedFile[];
}

/**
 * Loads the role model and generates its TypeScript files.
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function compile(options: CompileOptions, host: RolecraftHost): Promise<CompileResult> {
  const model = await openModel(host, options.module, false);
  if (!isUsable(model)) return { model, emitDiagnostics: [], files: [] };
  const { emitProject } = await import("../emit/emit.js");
  const outDir = resolve(host.cwd, options.out);
  const emitted = emitProject(model.model, {
    sourceName: (file) => relative(outDir, resolve(host.cwd, file)).split(sep).join("/"),
  });
  return { model, emitDiagnostics: emitted.diagnostics, files: hasFailures(emitted.diagnostics) ? [] : emitted.value };
}
