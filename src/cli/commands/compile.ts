/** `rolecraft compile [module] [--out DIR] [--check]`. */
import { relative, resolve, sep } from "node:path";
import { compile, GENERATED_LAYOUT, isGeneratedText } from "../../api/compile.js";
import { OptionResolver } from "../../api/options.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import type { OutputOptions } from "../../host/output-dir.js";
import { compareOutput, staleDiagnostics, writeOutputDirectory } from "../../host/output-dir.js";
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from "../context.js";
import { cliHost } from "../environment.js";
import { reportModel, reportText, useColor } from "../shared.js";

export interface CompileOptions {
  readonly out?: string;
  readonly check?: boolean;
  readonly color?: boolean;
}

export async function compileCommand(ctx: CliContext, moduleArg: string | undefined, options: CompileOptions): Promise<number> {
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  const resolver = new OptionResolver(host);
  const module = resolver.module(moduleArg);
  const out = resolver.out(options.out);
  const compiled = await compile({ module, out }, host);
  if (!reportModel(ctx, compiled.model, color)) return EXIT_PROBLEMS;
  if (hasFailures(compiled.emitDiagnostics)) {
    reportText(ctx, compiled.emitDiagnostics, color, compiled.model.texts);
    return EXIT_PROBLEMS;
  }
  const outDir = resolve(ctx.cwd, out);
  const shown = relative(ctx.cwd, outDir).split(sep).join("/") || ".";
  const output: OutputOptions = { isGenerated: isGeneratedText, layout: GENERATED_LAYOUT, cwd: ctx.cwd };
  if (options.check === true) {
    const stale = staleDiagnostics(shown, compareOutput(outDir, compiled.files, output));
    if (stale.length > 0) {
      reportText(ctx, stale, color, new Map());
      return EXIT_PROBLEMS;
    }
    ctx.stderr(`${shown} is up to date (${compiled.files.length} files)\n`);
    return EXIT_OK;
  }
  const written = writeOutputDirectory(outDir, shown, compiled.files, output);
  reportText(ctx, written, color, new Map());
  if (hasFailures(written)) return EXIT_PROBLEMS;
  const model = compiled.model.model;
  ctx.stderr(`compiled ${model.roles.size} roles and ${model.userTypes.length} user types into ${shown}/ (${compiled.files.length} files)\n`);
  return EXIT_OK;
}
