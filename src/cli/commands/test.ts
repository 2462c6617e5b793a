/**
 * `rolecraft test [FILES…] [--module M] [--src DIR|--project TSCONFIG]
 * [--format text|json|junit|github|sarif] [--coverage] [--min-coverage N]
 * [--update-snapshot] [--filter GLOB]`: permission tests, invariants and
 * snapshots (docs/testing.md). The report goes to stdout in every format;
 * with text, the analysis' own diagnostics (warnings it went on with, or
 * the errors that stopped it) go to stderr. Exit 0 when everything passed,
 * 1 on any failure, unknown verdict, stale snapshot, problem in a test file
 * or coverage under the minimum, 2 for bad usage or an unreadable file.
 */
import { runPermissionTests } from "../../api/test.js";
import { renderStoppedRun, renderTestRun, TEST_FORMATS, type TestFormat } from "../../testing/format/index.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import { progressDisplay } from "../progress.js";
import { reportText, useColor, VERSION } from "../shared.js";

export interface TestCommandOptions {
  readonly module?: string;
  readonly src?: string;
  readonly project?: string;
  readonly format?: string;
  readonly coverage?: boolean;
  readonly minCoverage?: string;
  readonly updateSnapshot?: boolean;
  readonly filter?: string;
  readonly color?: boolean;
}

function testFormat(format: string | undefined): TestFormat {
  const chosen = format ?? "text";
  if (!(TEST_FORMATS as readonly string[]).includes(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${TEST_FORMATS.join(", ")})`);
  return chosen as TestFormat;
}

/** `--min-coverage N`: a percentage from 0 to 100. */
function minimumCoverage(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not \`${text}\``);
  return value;
}

export async function testCommand(ctx: CliContext, files: readonly string[], options: TestCommandOptions): Promise<number> {
  const format = testFormat(options.format);
  const minimum = minimumCoverage(options.minCoverage);
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  const progress = progressDisplay(ctx);
  const result = await runPermissionTests(
    {
      files,
      ...(options.module === undefined ? {} : { module: options.module }),
      ...(options.src === undefined ? {} : { src: options.src }),
      ...(options.project === undefined ? {} : { project: options.project }),
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.coverage === true ? { coverage: true } : {}),
      ...(minimum === undefined ? {} : { minCoverage: minimum }),
      ...(options.updateSnapshot === true ? { updateSnapshot: true } : {}),
      ...sourceReading(ctx),
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    },
    host,
  );
  progress.done();
  if (result.run === undefined) {
    if (format === "text") reportText(ctx, result.diagnostics, color, result.texts);
    else ctx.stdout(renderStoppedRun(result.diagnostics, format, VERSION));
    return EXIT_PROBLEMS;
  }
  if (format === "text") reportText(ctx, result.diagnostics, color, result.texts);
  ctx.stdout(
    renderTestRun(result.run, format, {
      color,
      sources: result.texts,
      analysis: format === "text" ? [] : result.diagnostics,
      toolVersion: VERSION,
      ...(minimum === undefined ? {} : { minimum }),
    }),
  );
  if (format === "text") for (const file of result.written) ctx.stderr(`wrote ${file}\n`);
  return result.passed ? EXIT_OK : EXIT_PROBLEMS;
}
