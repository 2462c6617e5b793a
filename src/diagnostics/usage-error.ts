/**
 * The one error the pipeline throws on purpose: rolecraft was asked for
 * something it cannot do (an input that does not exist or cannot be read,
 * options that contradict each other, a name that is not there). Findings
 * in the inputs are never thrown: they are diagnostics.
 */
import { errorReason } from "./system-error.js";

/** A problem with the request rather than with the inputs' content; the CLI exits 2 with its message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Why a path that is neither a file nor a folder can't be read, as the host
 * tells it: no such file, not a regular file (a FIFO, a device), a link loop…
 */
export function missingPathReason(host: { readFile(absolutePath: string, maxBytes?: number): Uint8Array }, absolutePath: string): string {
  try {
    // The host refuses anything but a regular file before opening it: this never blocks or reads.
    host.readFile(absolutePath, 0);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return "no such file or directory";
    return errorReason(error);
  }
  return "no such file or directory";
}
