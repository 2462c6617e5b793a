/** `rolecraft compile [module] [--out DIR] [--check]`. */
import { relative, resolve, sep } from "node:path";
import { emitProject } from "../../emit/emit.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { compareOutput, staleDiagnostics, writeOutputDirectory } from "../output-dir.js";
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from "../context.js";
import { config, loadModelOrReport, moduleArgument, reportText, sourcesOf, useColor } from "../shared.js";

export interface CompileOptions {
  readonly out?: string;
  readonly check?: boolean;
  readonly color?: boolean;
}

export async function compileCommand(ctx: CliContext, moduleArg: string | undefined, options: CompileOptions): Promise<number> {
  const color = useColor(ctx, options.color);
  const module = moduleArgument(ctx, moduleArg);
  const compiled = await loadModelOrReport(ctx, module, color);
  if (compiled === undefined) return EXIT_PROBLEMS;
  const outShown = options.out ?? config(ctx).out ?? "generated";
  const outDir = resolve(ctx.cwd, outShown);
  const emitted = emitProject(compiled.model, {
    sourceName: (file) => relative(outDir, resolve(ctx.cwd, file)).split(sep).join("/"),
  });
  if (hasFailures(emitted.diagnostics)) {
    reportText(ctx, emitted.diagnostics, color, sourcesOf(compiled));
    return EXIT_PROBLEMS;
  }
  const shown = relative(ctx.cwd, outDir).split(sep).join("/") || ".";
  if (options.check === true) {
    const stale = staleDiagnostics(shown, compareOutput(outDir, emitted.value));
    if (stale.length > 0) {
      reportText(ctx, stale, color, new Map());
      return EXIT_PROBLEMS;
    }
    ctx.stderr(`${shown} is up to date (${emitted.value.length} files)\n`);
    return EXIT_OK;
  }
  const refused = writeOutputDirectory(outDir, shown, emitted.value);
  if (refused.length > 0) {
    reportText(ctx, refused, color, new Map());
    return EXIT_PROBLEMS;
  }
  const roles = [...compiled.model.roles.values()].length;
  ctx.stderr(`compiled ${roles} roles and ${compiled.model.userTypes.length} user types into ${shown}/ (${emitted.value.length} files)\n`);
  return EXIT_OK;
}
