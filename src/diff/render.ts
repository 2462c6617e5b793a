/** One entry point for the diff renderers, by format name. */
import { renderDiffJson } from "./render-json.js";
import { renderDiffMarkdown } from "./render-markdown.js";
import { renderDiffText, type DiffRenderOptions } from "./render-text.js";
import type { PermissionDiff } from "./types.js";

/** Output formats of `rolecraft diff`. */
export const DIFF_FORMATS = ["text", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function isDiffFormat(format: string): format is DiffFormat {
  return (DIFF_FORMATS as readonly string[]).includes(format);
}

/** Renders the diff in `format`; every renderer is pure and ends its output with `"\n"`. */
export function renderDiff(diff: PermissionDiff, format: DiffFormat, options: DiffRenderOptions = {}): string {
  switch (format) {
    case "text":
      return renderDiffText(diff, options);
    case "markdown":
      return renderDiffMarkdown(diff, options);
    case "json":
      return renderDiffJson(diff, options);
  }
}
