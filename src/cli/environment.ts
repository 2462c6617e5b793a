/**
 * Settings rolecraft takes from environment variables, read here at the
 * edge and passed into the pipeline as options (the library reads no
 * environment):
 *
 * - `ROLECRAFT_TS_TIMEOUT`: the time limit of one TypeScript role module, in ms;
 * - `ROLECRAFT_THREADS=2`: load the role model on a worker thread beside the
 *   analysis (default, and `ROLECRAFT_THREADS=1`: everything in one thread);
 * - `ROLECRAFT_MODEL_GRACE_MS`: how long a waiting main thread gives the model's worker;
 * - `ROLECRAFT_SKIM=0`: parse every source with TypeScript's parser (no skimmer);
 * - `ROLECRAFT_SKIM_DEBUG`: tell on stderr where the skimmer gave up on a file.
 */
import { dirname } from "node:path";
import { findConfigFile } from "../api/config.js";
import type { RolecraftHost, SourceReading } from "../index.js";
import { createNodeHost, type NodeHostOptions } from "../host/node-host.js";
import type { CliContext } from "./context.js";

/** The options of the Node host the environment asks for. */
export function hostOptions(ctx: CliContext): NodeHostOptions {
  const timeout = positiveInteger(ctx.env["ROLECRAFT_TS_TIMEOUT"]);
  const grace = ctx.env["ROLECRAFT_MODEL_GRACE_MS"];
  return {
    cwd: ctx.cwd,
    ...(timeout === undefined ? {} : { tsTimeoutMs: timeout }),
    ...(ctx.env["ROLECRAFT_THREADS"] === "2" ? { modelThread: true } : {}),
    ...(grace === undefined ? {} : { modelGraceMs: Number(grace) }),
  };
}

/**
 * The host of a CLI run: the file system at the working directory, as the
 * environment configures it. The project folder is the folder of the
 * `rolecraft.config.yaml` that applies (the nearest one in the working
 * directory or above), so that a command run in a subfolder reads the
 * project as one run at its root does.
 */
export function cliHost(ctx: CliContext): RolecraftHost {
  const options = hostOptions(ctx);
  const config = findConfigFile(createNodeHost({ ...options, modelThread: false }));
  return createNodeHost(config === undefined ? options : { ...options, root: dirname(config) });
}

/** How the analyzer reads sources, as the environment asks. */
export function sourceReading(ctx: CliContext): SourceReading {
  return {
    ...(ctx.env["ROLECRAFT_SKIM"] === "0" ? { skim: false } : {}),
    ...(ctx.env["ROLECRAFT_SKIM_DEBUG"] === undefined ? {} : { onSkimGiveUp: (message: string) => ctx.stderr(`${message}\n`) }),
  };
}

/** A positive number of ms, when the text is one. */
function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  const ms = Number(raw.trim());
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}
