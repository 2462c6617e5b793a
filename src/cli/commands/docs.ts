/**
 * `rolecraft docs [module] [--src DIR|--project tsconfig.json] --out DIR
 * [--templates DIR] [--check]`: the documentation tree (Markdown, Sphinx-ready
 * reStructuredText, one interactive HTML report), written atomically and never
 * over a file rolecraft did not generate; `--check` only compares.
 */
import { resolve } from "node:path";
import { analyze } from "../../api/check.js";
import { readDocTemplates, renderDocs, shownPath } from "../../api/docs.js";
import { findTestFiles, readTestFiles, testsOnResult } from "../../api/test.js";
import { OptionResolver, type SourceOptions } from "../../api/options.js";
import { DOCS_LAYOUT, isGeneratedDocText } from "../../docs/markers.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { compareOutput, staleDiagnostics, writeOutputDirectory, type OutputOptions } from "../../host/output-dir.js";
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import { configuredSeverity, reportAnalyzed, reportText, useColor } from "../shared.js";

export interface DocsOptions extends SourceOptions {
  readonly out: string;
  readonly templates?: string;
  readonly check?: boolean;
  readonly color?: boolean;
  readonly coverage?: boolean;
  readonly tests?: readonly string[];
}

export async function docsCommand(ctx: CliContext, moduleArg: string | undefined, options: DocsOptions): Promise<number> {
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  const resolver = new OptionResolver(host);
  const module = resolver.module(moduleArg);
  const sources = resolver.sources(options, false);
  const templates = readDocTemplates(host, options.templates);
  const coverage = options.coverage === true || options.tests !== undefined;
  const tests = coverage ? readTestFiles(host, findTestFiles(host, options.tests, resolver.configuration())) : undefined;
  const { severity, lowering } = configuredSeverity(resolver);
  const result = await analyze(
    { module, out: resolver.out(undefined), ...(sources === undefined ? {} : { sources }), ...(severity === undefined ? {} : { severity }), ...sourceReading(ctx) },
    host,
  );
  if (!reportAnalyzed(ctx, result, color, lowering)) return EXIT_PROBLEMS;
  // The report marks the cells the permission tests decide (whether they pass is `rolecraft test`'s business).
  const tested = tests === undefined ? undefined : testsOnResult(result, tests, { coverage: true }, host).run?.coverage;
  const files = renderDocs(result, { module, out: options.out, templates, ...(tested === undefined ? {} : { coverage: tested }) }, ctx.cwd);
  if (files === undefined) return EXIT_PROBLEMS;

  const outDir = resolve(ctx.cwd, options.out);
  const shown = shownPath(ctx.cwd, outDir);
  const output: OutputOptions = { isGenerated: isGeneratedDocText, layout: DOCS_LAYOUT, cwd: ctx.cwd };
  if (options.check === true) {
    const stale = staleDiagnostics(shown, compareOutput(outDir, files, output));
    if (stale.length > 0) {
      reportText(ctx, stale, color, new Map());
      ctx.stderr(`${shown} is not up to date: run \`rolecraft docs\` without --check to regenerate it\n`);
      return EXIT_PROBLEMS;
    }
    ctx.stderr(`${shown} is up to date (${files.length} files)\n`);
    return EXIT_OK;
  }
  const written = writeOutputDirectory(outDir, shown, files, output);
  reportText(ctx, written, color, new Map());
  if (hasFailures(written)) return EXIT_PROBLEMS;
  const pages = files.filter((f) => f.path.endsWith(".md") || f.path.endsWith(".rst")).length;
  ctx.stderr(`wrote ${pages} pages and report.html into ${shown}/ (${files.length} files)\n`);
  return EXIT_OK;
}
