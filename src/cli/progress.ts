/**
 * A one-line progress display on a terminal (`analyzing 812/2000 files`),
 * redrawn at most every 100 ms, erased when the phase changes and at the
 * end. Silent in CI and when stderr is not a terminal, so logs stay clean.
 */
import type { ProgressCallback } from "../index.js";
import type { CliContext } from "./context.js";

/** A progress callback and the function that erases the line; both no-ops when not on a terminal. */
export function progressDisplay(ctx: CliContext): { readonly onProgress?: ProgressCallback; readonly done: () => void } {
  if (!ctx.stderrIsTTY || (ctx.env["CI"] !== undefined && ctx.env["CI"] !== "false")) return { done: () => {} };
  let last = 0;
  let shown = false;
  let current: string | undefined;
  const erase = (): void => {
    if (shown) ctx.stderr("\r\x1b[K");
    shown = false;
  };
  return {
    onProgress: (phase, done, total) => {
      if (phase !== current) {
        erase();
        current = phase;
        last = 0;
      }
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      ctx.stderr(`\r\x1b[K${phase} ${done}/${total} files`);
    },
    done: erase,
  };
}
