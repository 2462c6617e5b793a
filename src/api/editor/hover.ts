/**
 * What an editor shows on hover, as Markdown: for a role, its MRO, doc,
 * the user types that have it and where it is defined; for an actor or
 * action, its required roles (resolved) and who may see it (Lino's
 * `visible_for` line; unknown where part of the requirement can't be
 * resolved statically).
 */
import type { AnalyzedAction, AnalyzedActor } from "../../analyzer/types.js";
import type { RoleModel } from "../../compiler/types.js";
import type { Span } from "../../diagnostics/diagnostic.js";
import { ancestorsOf, renderRequirement, visibleFor, visibleForLabel } from "../../runtime/semantics/index.js";
import { roleAt, roleDefinition, spanFile, type EditorContext } from "./roles.js";
import { spanContains, type Position } from "./text.js";

/** Hover content and the span it is about. */
export interface HoverInfo {
  readonly markdown: string;
  readonly span: Span;
}

/** The hover at a position of a file, if there is something to say. */
export function hoverAt(ctx: EditorContext, file: string, position: Position): HoverInfo | undefined {
  const mention = roleAt(ctx, file, position);
  if (mention !== undefined) return { markdown: describeRole(ctx, mention.role), span: mention.span };
  const target = targetAt(ctx, file, position);
  if (target !== undefined) return { markdown: describeTarget(ctx, target.actor, target.action), span: target.span };
  return undefined;
}

/** The actor (its class name) or action (its key in `static actions`) written at a position. */
export function targetAt(ctx: EditorContext, file: string, position: Position): { actor: AnalyzedActor; action?: AnalyzedAction; span: Span } | undefined {
  const application = ctx.result.analysis?.value;
  if (application === undefined) return undefined;
  const name = spanFile(ctx, file);
  // An action key belongs to the class whose name comes last before it in the file (its body holds the key);
  // a key of a class that is no actor (an abstract base) shows the first actor that inherits it.
  let first: { actor: AnalyzedActor; action: AnalyzedAction; span: Span } | undefined;
  let declaring: typeof first;
  for (const actor of application.actors) {
    if (actor.span.file === name && spanContains(actor.span, position)) return { actor, span: actor.span };
    for (const action of actor.actions) {
      if (action.span.file !== name || !spanContains(action.span, position)) continue;
      first ??= { actor, action, span: action.span };
      const above = actor.file === name && before(actor.span, action.span);
      if (above && (declaring === undefined || before(declaring.actor.span, actor.span))) declaring = { actor, action, span: action.span };
    }
  }
  return declaring ?? first;
}

/** True when span `a` starts before span `b`. */
function before(a: Span, b: Span): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** A role: id, doc, MRO, the user types that have it, where it is defined. */
export function describeRole(ctx: EditorContext, role: string): string {
  const model = ctx.result.model.model;
  const definition = roleDefinition(ctx, role);
  if (definition === undefined) return `**${role}** (role)\n\nThe role model does not define \`${role}\`.`;
  const lines = [`**${role}** (role)`];
  if (definition.doc !== undefined) lines.push("", definition.doc);
  lines.push("", `MRO: ${definition.mro.map((id) => `\`${id}\``).join(" → ")}`);
  const having = model.userTypes.filter((type) => ancestorsOf(model, type.role).has(role));
  lines.push("", `User types that have it: ${having.length === 0 ? "none" : having.map((type) => `\`${type.value}\`${type.names[0] === undefined ? "" : ` (${type.names[0]})`}`).join(", ")}`);
  lines.push("", definition.span === undefined ? "Built-in role of Lino's `core` module." : `Defined in \`${definition.span.file}:${definition.span.line}\``);
  return lines.join("\n");
}

/** An actor or action: its required roles and who may see it. */
export function describeTarget(ctx: EditorContext, actor: AnalyzedActor, action?: AnalyzedAction): string {
  const model = ctx.result.model.model;
  const target = action ?? actor;
  const requirement = action?.combined ?? actor.requiredRoles;
  const readonly = action?.readonly ?? true;
  const lines = [`**${target.id}** (${action === undefined ? "actor" : readonly ? "action, readonly" : "action, not readonly"})`];
  lines.push("", `Required roles: ${renderRequirement(requirement)}`);
  if (action === undefined && actor.requiredRolesFrom !== actor.id) {
    lines.push("", actor.requiredRolesFrom === "Actor" ? "(the default of `Actor`: any signed-in user)" : `(inherited from ${actor.requiredRolesFrom})`);
  }
  lines.push("", `Visible for: ${visibleForLine(ctx, model, target, requirement, readonly)}`);
  return lines.join("\n");
}

/**
 * Lino's `visible_for` line, or, when part of the requirement could not be
 * resolved statically, `unknown` with what could not be resolved and the
 * user types the resolved part does not already exclude.
 */
function visibleForLine(ctx: EditorContext, model: RoleModel, target: AnalyzedActor | AnalyzedAction, requirement: AnalyzedActor["requiredRoles"], readonly: boolean): string {
  if (requirement.complete) return visibleFor(model, target);
  const unresolved = (ctx.result.analysis?.diagnostics ?? [])
    .filter((d) => d.code === "RC5004" && (d.data["actor"] === target.id || target.id.startsWith(`${String(d.data["actor"])}.`)))
    .map((d) => `\`${String(d.data["expr"])}\``);
  const atMost = visibleForLabel(model, requirement, readonly);
  const what = unresolved.length === 0 ? "part of the requirement cannot be resolved statically" : `cannot resolve ${[...new Set(unresolved)].join(", ")}`;
  return `unknown (${what}); at most: ${atMost}`;
}

