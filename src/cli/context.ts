/**
 * What a CLI run talks to: output streams, the working directory and the
 * environment. Injected so the whole CLI runs in-process in tests.
 */

/** The outside world of one CLI run. */
export interface CliContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (colors, progress). */
  readonly stderrIsTTY: boolean;
  /** The process's own streams, for a command that speaks a protocol on them (`lsp --stdio`). */
  readonly streams?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream };
}

/** A problem with how rolecraft was called or with unreadable input: exit code 2. */
export { UsageError } from "../api/errors.js";

/** Exit codes: 0 fine, 1 problems found, 2 bad usage or internal failure. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
