/**
 * The permission diff as JSON: the {@link PermissionDiff} object itself,
 * preceded by `version` ({@link DIFF_JSON_VERSION}) and the names of the two
 * states (`before`, `after`; `null` when not given). Two-space indented,
 * ends with `"\n"`. Every key is always present; lists are sorted as
 * documented on the types, so equal diffs render byte-identical.
 */
import type { DiffRenderOptions } from "./render-text.js";
import { DIFF_JSON_VERSION, type PermissionDiff } from "./types.js";

/** The JSON document `rolecraft diff --format json` prints. */
export interface DiffJsonDocument extends PermissionDiff {
  readonly version: typeof DIFF_JSON_VERSION;
  readonly before: string | null;
  readonly after: string | null;
}

/** The diff as a JSON document (see {@link DiffJsonDocument}). */
export function diffJsonDocument(diff: PermissionDiff, options: DiffRenderOptions = {}): DiffJsonDocument {
  return { version: DIFF_JSON_VERSION, before: options.before ?? null, after: options.after ?? null, ...diff };
}

/** Renders {@link diffJsonDocument} as indented JSON. */
export function renderDiffJson(diff: PermissionDiff, options: DiffRenderOptions = {}): string {
  return `${JSON.stringify(diffJsonDocument(diff, options), null, 2)}\n`;
}
