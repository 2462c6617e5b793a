/**
 * A one-line progress display on a terminal (`analyzing 812/2000 files`),
 * redrawn at most every 100 ms and erased at the end. Silent in CI and when
 * stderr is not a terminal, so logs stay clean.
 */
import type { ProgressCallback } from "../analyzer/project.js";
import type { CliContext } from "./context.js";

/** A progress callback and the function that erases the line; both no-ops when not on a terminal. */
export function progressDisplay(ctx: CliContext): { readonly onProgress?: ProgressCallback; readonly done: () => void } {
  if (!ctx.stderrIsTTY || (ctx.env["CI"] !== undefined && ctx.env["CI"] !== "false")) return { done: () => {} };
  let last = 0;
  let shown = false;
  return {
    onProgress: (phase, done, total) => {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      ctx.stderr(`\r\x1b[K${phase} ${done}/${total} files`);
    },
    done: () => {
      if (shown) ctx.stderr("\r\x1b[K");
    },
  };
}
