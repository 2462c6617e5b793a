/**
 * `rolecraft diff`: what a change does to who may see what.
 *
 * - `rolecraft diff <before> <after> [--src-before DIR --src-after DIR | --src DIR | --project tsconfig.json]`
 *   compares two role modules (files or folders) on disk.
 * - `rolecraft diff --base <rev> [--head <rev>] [module] [--src DIR | --project tsconfig.json]`
 *   compares revisions of the git repository around the working directory
 *   (read with git, never touching the working tree or the index); without
 *   `--head`, the after-state is the working tree as it is.
 *
 * Exit codes: 0 when both states load (whether or not anything changed),
 * 1 when a state has errors or, with `--fail-on-widening`, when some user
 * type gains a role or access; 2 for bad usage, an unknown revision or
 * unreadable input.
 */
import { diff } from "../../api/diff.js";
import type { DiffStateResult } from "../../index.js";
import { DIFF_FORMATS, isDiffFormat, renderDiff, type DiffFormat } from "../../diff/render.js";
import { widenings } from "../../diff/summary.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost, sourceReading } from "../environment.js";
import { configuredSeverity, reportText, useColor, type Lowering } from "../shared.js";
import { OptionResolver } from "../../api/options.js";

/** Options of `rolecraft diff` as commander parses them. */
export interface DiffOptions {
  readonly base?: string;
  readonly head?: string;
  readonly src?: string;
  readonly project?: string;
  readonly srcBefore?: string;
  readonly srcAfter?: string;
  readonly format?: string;
  readonly failOnWidening?: boolean;
  readonly color?: boolean;
}

/** Runs `rolecraft diff`; `paths` are the positional arguments (0 to 2). */
export async function diffCommand(ctx: CliContext, paths: readonly string[], options: DiffOptions): Promise<number> {
  const format = diffFormat(options.format);
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  const { severity, lowering } = configuredSeverity(new OptionResolver(host));
  const result = await diff({ ...options, modules: paths, ...(severity === undefined ? {} : { severity }), ...sourceReading(ctx) }, host);
  for (const state of result.states) if (!reportState(ctx, state, color, lowering)) return EXIT_PROBLEMS;
  const [before, after] = result.states;
  if (result.diff === undefined || before === undefined || after === undefined) return EXIT_PROBLEMS;
  // Text goes to stdout: colored only on explicit request (`--color`), never guessed from stderr's terminal.
  ctx.stdout(renderDiff(result.diff, format, { before: before.label, after: after.label, color: format === "text" && options.color === true }));
  if (options.failOnWidening === true && result.diff.summary.widening) {
    const users = new Set(result.diff.widening.map((g) => g.userType)).size;
    // Certain and possible widenings counted apart, as the headline does; both fail.
    const unknown = result.diff.summary.possibleWidenings === 0 ? "" : ": a possible one is unknown where part of a requirement is not known";
    ctx.stderr(`rolecraft: --fail-on-widening: ${users === 1 ? "1 user type gains" : `${users} user types gain`} roles or access (${widenings(result.diff)}${unknown})\n`);
    return EXIT_PROBLEMS;
  }
  // A state whose application has errors was compared (its unknowns are unknown) but does not pass.
  return result.states.some((state) => state.failed === true) ? EXIT_PROBLEMS : EXIT_OK;
}

function diffFormat(format: string | undefined): DiffFormat {
  const chosen = format ?? "text";
  if (!isDiffFormat(chosen)) throw new UsageError(`unknown format \`${chosen}\` (use one of ${DIFF_FORMATS.join(", ")})`);
  return chosen;
}

/**
 * Prints what loading a state reported, under one line naming the state
 * (so that the diagnostics of the two states can be told apart); false when
 * the state did not load. A usage problem is thrown after its diagnostics.
 */
function reportState(ctx: CliContext, state: DiffStateResult, color: boolean, lowering: Lowering | undefined): boolean {
  let headed = false;
  for (const group of state.reports) {
    if (group.diagnostics.length === 0) continue;
    if (!headed) ctx.stderr(`rolecraft diff: in ${state.heading}:\n`);
    headed = true;
    reportText(ctx, group.diagnostics, color, group.texts, lowering);
  }
  if (state.problem !== undefined) throw new UsageError(state.problem);
  return state.state !== undefined;
}
