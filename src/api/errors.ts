/**
 * The one error the pipeline throws on purpose: rolecraft was asked for
 * something it cannot do (an input that does not exist or cannot be read,
 * options that contradict each other, a name that is not there). Findings
 * in the inputs are never thrown: they are diagnostics.
 */

/** A problem with the request rather than with the inputs' content; the CLI exits 2 with its message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
