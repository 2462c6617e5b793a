/**
 * Editor services over a session's last round, as plain data: what a
 * language server (src/lsp) answers, with no protocol in it. Positions are
 * 1-based lines and columns in UTF-16 code units, spans name files relative
 * to the workspace root (the session's working directory), as diagnostics
 * do; files are given by absolute path and read through the session's host
 * (the editor's buffers laid over the disk).
 */
import type { Span } from "../../diagnostics/diagnostic.js";
import { roleAt, roleDefinition, roleMentions, type EditorContext } from "./roles.js";
import type { Position } from "./text.js";

export type { EditorContext, RoleMention } from "./roles.js";
export { roleAt, roleMentions, spanFile, testFiles, TEST_FILE_PATTERN } from "./roles.js";
export { hoverAt, describeRole, describeTarget, targetAt, type HoverInfo } from "./hover.js";
export { completionsAt, type CompletionEntry } from "./completion.js";
export { prepareRename, renameRole, type RenameTarget, type RenameRefusal } from "./rename.js";
export { quickFixes, suggestions, type QuickFix } from "./actions.js";
export { LineMap, spanContains, type Position, type TextEdit } from "./text.js";

/** Where the role named at a position is defined (its key in a role module); none for core roles and unknown ones. */
export function definitionAt(ctx: EditorContext, file: string, position: Position): Span | undefined {
  const mention = roleAt(ctx, file, position);
  return mention === undefined ? undefined : roleDefinition(ctx, mention.role)?.span;
}

/** Every place that names the role named at a position (its definition too when asked). */
export function referencesAt(ctx: EditorContext, file: string, position: Position, includeDefinition: boolean): Span[] {
  const mention = roleAt(ctx, file, position);
  return mention === undefined ? [] : roleMentions(ctx, mention.role, includeDefinition).map((m) => m.span);
}
