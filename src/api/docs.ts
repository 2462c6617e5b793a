/**
 * `docs` as a library call: the documentation tree (Markdown,
 * Sphinx-ready reStructuredText, one interactive HTML report) of a role
 * model and, with sources, of the application. Writing it (atomically, never
 * over a file rolecraft did not generate) is the caller's job.
 */
import { join, relative, resolve, sep } from "node:path";
import type { GeneratedFile } from "../emit/emit.js";
import { generateDocs } from "../docs/generate.js";
import { DocsTemplateError, DOC_TEMPLATE_NAMES, builtinDocTemplates, isDocTemplateName, type DocTemplateName, type DocTemplates } from "../docs/templates.js";
import { hasFailures } from "../diagnostics/diagnostic.js";
import { errorReason } from "../diagnostics/system-error.js";
import { analyze, type CheckOptions, type CheckResult } from "./check.js";
import { UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";
import { isUsable } from "./model.js";
import { OptionResolver } from "./options.js";
import { findTestFiles, readTestFiles, testsOnResult } from "./test.js";
import type { CoverageInput } from "../docs/report-data.js";

/** Options of {@link docs}. */
export interface DocsOptions extends CheckOptions {
  /** The output folder the tree is meant for, relative to the host's working directory (pages link to sources relative to it). */
  readonly out: string;
  /** A folder of templates replacing the built-in ones of the same name. */
  readonly templates?: string;
  /**
   * Run the permission tests and mark, in the HTML report, the cells they
   * decide. Test files: `tests`, else the configuration's `tests:` glob,
   * else every `*.rolecraft-test.yaml` below the working directory.
   */
  readonly coverage?: boolean;
  /** With `coverage`: the test files (or folders of them). */
  readonly tests?: readonly string[];
}

/** The documentation tree, or the errors instead. */
export interface DocsResult extends CheckResult {
  /** The files to write, paths relative to the output folder; undefined when the model or the application has errors. */
  readonly files?: readonly GeneratedFile[];
}

/**
 * The documentation tree of a role model and (with sources) its application.
 *
 * @throws UsageError when the module or the templates folder can't be read, or a template is broken.
 */
export async function docs(options: DocsOptions, host: RolecraftHost): Promise<DocsResult> {
  const templates = readDocTemplates(host, options.templates);
  const tests = options.coverage === true ? readTestFiles(host, findTestFiles(host, options.tests, new OptionResolver(host).configuration())) : undefined;
  const result = await analyze(options, host);
  const coverage = tests === undefined ? undefined : testsOnResult(result, tests, { coverage: true }, host).run?.coverage;
  const files = renderDocs(result, { module: options.module, out: options.out, templates, ...(coverage === undefined ? {} : { coverage }) }, host.cwd);
  return files === undefined ? result : { ...result, files };
}

/**
 * The files of the documentation tree of a check result; undefined when its
 * model or application has errors.
 *
 * @throws UsageError when a template does not compile or names a field the view model lacks.
 */
export function renderDocs(
  result: CheckResult,
  options: { readonly module: string; readonly out: string; readonly templates: DocTemplates; readonly coverage?: CoverageInput },
  cwd: string,
): GeneratedFile[] | undefined {
  if (!isUsable(result.model) || (result.analysis !== undefined && hasFailures(result.analysis.diagnostics))) return undefined;
  const application = result.analysis?.value;
  const outDir = resolve(cwd, options.out);
  try {
    return generateDocs({
      model: result.model.model,
      ...(application === undefined ? {} : { application }),
      source: shownPath(cwd, resolve(cwd, options.module)),
      templates: options.templates,
      ...(options.coverage === undefined ? {} : { coverage: options.coverage }),
      ...linkBase(outDir, cwd),
    });
  } catch (error) {
    if (error instanceof DocsTemplateError) throw new UsageError(error.message);
    throw error;
  }
}

/** A path relative to the working directory, with `/` (`.` for the directory itself). */
export function shownPath(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join("/") || ".";
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
 * The built-in templates, with those of `dir` in their place: the folder
 * may hold any subset of the template names (the others stay built-in); a
 * `*.hbs`, `*.css` or `*.js` file with another name is a usage error, as it
 * is most likely a misspelled template that would be ignored.
 *
 * @throws UsageError when the folder can't be read or holds an unknown template.
 */
export function readDocTemplates(host: RolecraftHost, dir: string | undefined): DocTemplates {
  const builtin = builtinDocTemplates();
  if (dir === undefined) return builtin;
  const path = resolve(host.cwd, dir);
  if (host.kind(path) !== "directory") throw new UsageError(`cannot read templates folder ${dir}: not a directory`);
  const overrides: Partial<Record<DocTemplateName, string>> = {};
  for (const name of host.readDirectory(path)) {
    if (isDocTemplateName(name)) {
      let bytes: Uint8Array;
      try {
        bytes = host.readFile(join(path, name));
      } catch (error) {
        throw new UsageError(`cannot read template ${dir.replace(/\/$/, "")}/${name}: ${errorReason(error)}`);
      }
      overrides[name] = Buffer.from(bytes).toString("utf8");
    } else if (/\.(hbs|css|js)$/.test(name)) {
      throw new UsageError(`unknown template ${dir.replace(/\/$/, "")}/${name} (templates: ${DOC_TEMPLATE_NAMES.join(", ")})`);
    }
  }
  return { ...builtin, ...overrides };
}
