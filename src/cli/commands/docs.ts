/**
 * `rolecraft docs [module] [--src DIR|--project tsconfig.json] --out DIR
 * [--templates DIR] [--check]`: the documentation tree (Markdown, Sphinx-ready
 * reStructuredText, one interactive HTML report), written atomically and never
 * over a file rolecraft did not generate; `--check` only compares.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { generateDocs } from "../../docs/generate.js";
import { isGeneratedDocText } from "../../docs/markers.js";
import { DocsTemplateError, DOC_TEMPLATE_NAMES, builtinDocTemplates, isDocTemplateName, type DocTemplateName, type DocTemplates } from "../../docs/templates.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { compareOutput, staleDiagnostics, writeOutputDirectory } from "../output-dir.js";
import { moduleArgument, reportText, useColor } from "../shared.js";
import { reportModel } from "../model-load.js";
import { loadModelAndAnalyze, sourceOptions, type SourceOptions } from "./sources.js";

export interface DocsOptions extends SourceOptions {
  readonly out: string;
  readonly templates?: string;
  readonly check?: boolean;
  readonly color?: boolean;
}

/** A path relative to the working directory, with `/` (`.` for the directory itself). */
function shownPath(ctx: CliContext, path: string): string {
  return relative(ctx.cwd, path).split(sep).join("/") || ".";
}

export async function docsCommand(ctx: CliContext, moduleArg: string | undefined, options: DocsOptions): Promise<number> {
  const color = useColor(ctx, options.color);
  const module = moduleArgument(ctx, moduleArg);
  const sources = sourceOptions(ctx, options, false);
  const templates = readTemplates(ctx, options.templates);
  if (!existsSync(resolve(ctx.cwd, module))) throw new UsageError(`cannot read ${module}: no such file or directory`);
  const { loaded, analyzed } = await loadModelAndAnalyze(ctx, { module, requireUserTypes: true, emitDiagnostics: false }, sources);
  if (!reportModel(ctx, loaded, color)) return EXIT_PROBLEMS;
  const compiled = { model: loaded.model };

  let application;
  if (analyzed !== undefined) {
    reportText(ctx, analyzed.diagnostics, color, analyzed.texts);
    if (hasFailures(analyzed.diagnostics)) return EXIT_PROBLEMS;
    application = analyzed.application;
  }

  const outDir = resolve(ctx.cwd, options.out);
  const shown = shownPath(ctx, outDir);
  let files;
  try {
    files = generateDocs({
      model: compiled.model,
      ...(application === undefined ? {} : { application }),
      source: shownPath(ctx, resolve(ctx.cwd, module)),
      templates,
      ...linkBase(outDir, ctx.cwd),
    });
  } catch (error) {
    if (error instanceof DocsTemplateError) throw new UsageError(error.message);
    throw error;
  }

  if (options.check === true) {
    const stale = staleDiagnostics(shown, compareOutput(outDir, files, isGeneratedDocText));
    if (stale.length > 0) {
      reportText(ctx, stale, color, new Map());
      ctx.stderr(`${shown} is not up to date: run \`rolecraft docs\` without --check to regenerate it\n`);
      return EXIT_PROBLEMS;
    }
    ctx.stderr(`${shown} is up to date (${files.length} files)\n`);
    return EXIT_OK;
  }
  const refused = writeOutputDirectory(outDir, shown, files, undefined, isGeneratedDocText);
  if (refused.length > 0) {
    reportText(ctx, refused, color, new Map());
    return EXIT_PROBLEMS;
  }
  const pages = files.filter((f) => f.path.endsWith(".md") || f.path.endsWith(".rst")).length;
  ctx.stderr(`wrote ${pages} pages and report.html into ${shown}/ (${files.length} files)\n`);
  return EXIT_OK;
}

/**
 * Pages link to source files only when the output directory is inside the
 * project (the link is then `../..`-style and the same on every machine);
 * from elsewhere a link would spell out where the project happens to be.
 */
function linkBase(outDir: string, root: string): { rootFromOut?: string } {
  const up = relative(outDir, root).split(sep).join("/");
  return up === "" || /^\.\.(\/\.\.)*$/.test(up) ? { rootFromOut: up === "" ? "." : up } : {};
}

/**
 * The built-in templates, with those of `--templates DIR` in their place: the
 * folder may hold any subset of the template names (the others stay
 * built-in); a `*.hbs`, `*.css` or `*.js` file with another name is a usage
 * error, as it is most likely a misspelled template that would be ignored.
 */
function readTemplates(ctx: CliContext, dir: string | undefined): DocTemplates {
  const builtin = builtinDocTemplates();
  if (dir === undefined) return builtin;
  const path = resolve(ctx.cwd, dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`cannot read templates folder ${dir}: not a directory`);
  const overrides: Partial<Record<DocTemplateName, string>> = {};
  for (const name of readdirSync(path).sort()) {
    if (isDocTemplateName(name)) {
      overrides[name] = readFileSync(join(path, name), "utf8");
    } else if (/\.(hbs|css|js)$/.test(name)) {
      throw new UsageError(`unknown template ${dir.replace(/\/$/, "")}/${name} (templates: ${DOC_TEMPLATE_NAMES.join(", ")})`);
    }
  }
  return { ...builtin, ...overrides };
}
