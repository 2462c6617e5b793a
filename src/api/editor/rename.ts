/**
 * Renaming a role: its definition, every role-module reference that writes
 * its name (`module.Name` or the bare name; aliases keep theirs), every
 * source identifier that writes its class name (imports, re-exports, uses;
 * an alias given in a source keeps its name) and its id in permission test
 * files. Generated role classes are not edited: `rolecraft compile` writes
 * them anew.
 */
import type { Span } from "../../diagnostics/diagnostic.js";
import { CORE_MODULE } from "../../runtime/semantics/index.js";
import { nameSpan, roleAt, roleMentions, type EditorContext, type RoleMention } from "./roles.js";
import type { Position, TextEdit } from "./text.js";

/** Where a rename starts: the role's name as written at the position. */
export interface RenameTarget {
  readonly role: string;
  readonly span: Span;
  readonly placeholder: string;
}

/** Why a rename can't be done here, in words for the user. */
export interface RenameRefusal {
  readonly refused: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The role name at a position that a rename would change; undefined where no role is named. */
export function prepareRename(ctx: EditorContext, file: string, position: Position): RenameTarget | RenameRefusal | undefined {
  const mention = roleAt(ctx, file, position);
  if (mention === undefined) return undefined;
  return renamable(ctx, mention);
}

function renamable(ctx: EditorContext, mention: RoleMention): RenameTarget | RenameRefusal {
  const role = mention.role;
  const name = role.slice(role.lastIndexOf(".") + 1);
  if (role.startsWith(`${CORE_MODULE}.`)) return { refused: `${role} is one of Lino's core roles: it can't be renamed` };
  if (ctx.result.model.model.roles.get(role)?.span === undefined) return { refused: `the role model does not define ${role}` };
  const span = nameSpan(ctx, mention);
  if (span === undefined) return { refused: `\`${mention.text}\` is another name of ${role}: rename the role where its name is written` };
  return { role, span, placeholder: name };
}

/** The edits that rename the role named at a position to `newName` (a class name, without module label). */
export function renameRole(ctx: EditorContext, file: string, position: Position, newName: string): { readonly edits: readonly TextEdit[] } | RenameRefusal {
  const mention = roleAt(ctx, file, position);
  if (mention === undefined) return { refused: "no role is named here" };
  const target = renamable(ctx, mention);
  if ("refused" in target) return target;
  if (!NAME.test(newName)) return { refused: `\`${newName}\` is not a role name (letters, digits and _, not starting with a digit; the module label stays)` };
  const module = target.role.slice(0, target.role.lastIndexOf("."));
  if (newName === target.placeholder) return { edits: [] };
  if (ctx.result.model.model.roles.has(`${module}.${newName}`)) return { refused: `${module}.${newName} exists already` };
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const found of roleMentions(ctx, target.role, true)) {
    const span = nameSpan(ctx, found);
    if (span === undefined) continue;
    const key = `${span.file}:${span.line}:${span.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push({ span, newText: newName });
  }
  return { edits };
}
