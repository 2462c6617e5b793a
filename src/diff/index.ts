/**
 * The permission diff: what a change of the role model or the application
 * does to who may see what. Pure functions; `rolecraft diff` (src/cli)
 * loads the two states and prints one of the renderings.
 */
export { diffPermissions, isEmptyDiff } from "./diff.js";
export { headline, countsLine, widenings } from "./summary.js";
export { renderDiff, isDiffFormat, DIFF_FORMATS, type DiffFormat } from "./render.js";
export { renderDiffText, type DiffRenderOptions } from "./render-text.js";
export { renderDiffMarkdown, DETAILS_THRESHOLD, MARKDOWN_MARKER } from "./render-markdown.js";
export { renderDiffJson, diffJsonDocument, type DiffJsonDocument } from "./render-json.js";
export * from "./types.js";
