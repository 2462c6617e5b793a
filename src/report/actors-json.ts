/**
 * Machine-readable form of `rolecraft show actors --format json`: every
 * actor and action with its requirement as data and the user types that may
 * see it, instead of one "☑" column per user type.
 */
import type { Application, ResolvedRequirement, Target } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { permissionOf, visibilityOf } from "../runtime/semantics/index.js";
import { describeAnalyzedLayout } from "./application-layouts.js";
import { layoutJson, type LayoutJson } from "./layout-json.js";
import { renderJsonDocument } from "./render-json.js";
import { unresolvedExpressions, unresolvedSummary, type UnresolvedSummary } from "./unresolved.js";

export { unresolvedExpressions, type UnresolvedSummary };

/** One actor or action in `ActorsDocument`. */
export interface TargetSummary {
  readonly id: string;
  readonly kind: "actor" | "action";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Lino's readonly: the default action of an actor always is. */
  readonly readonly: boolean;
  /** The requirement that decides visibility: AND of items, each item an OR of role ids (the resolved ones). */
  readonly requiredRoles: readonly (readonly string[])[];
  /** False when part of the requirement is not known (see `unresolved`). */
  readonly complete: boolean;
  /** Values of the user types that certainly may see it, in declaration order. */
  readonly userTypes: readonly string[];
  /** Values of the user types for which it is not known, in declaration order (empty when it is known for all). */
  readonly unknownUserTypes: readonly string[];
  /** Lino's visible_for line (`all`, `nobody` or labels); null when it is not known for some user type. */
  readonly visibleFor: string | null;
  /** The parts of the requirement that are not known, in order: members of its items, then whole items. */
  readonly unresolved: readonly UnresolvedSummary[];
  /**
   * An actor's detail layout or an action's parameter layout, when it has
   * one: every element with who may see it, as `show layout --format json`
   * prints it.
   */
  readonly layout?: LayoutJson;
}

/** The JSON document of `actorsJson`. */
export interface ActorsDocument {
  readonly version: 1;
  readonly userTypes: readonly { readonly value: string; readonly name: string | null; readonly text: string; readonly role: string; readonly readonly: boolean }[];
  readonly targets: readonly TargetSummary[];
}

/** The requirement that decides who may see a target, as the analyzer found it. */
function requirementOf(target: Target): ResolvedRequirement {
  return "combined" in target ? target.combined : target.requiredRoles;
}

function summarize(model: RoleModel, target: Target, kind: "actor" | "action", file: string): TargetSummary {
  const { readonly } = permissionOf(target);
  const requirement = requirementOf(target);
  const visibility = visibilityOf(model, target);
  const layout = "combined" in target ? target.paramsLayout : target.detailLayout;
  return {
    id: target.id,
    kind,
    file,
    line: target.span.line,
    column: target.span.column,
    readonly,
    requiredRoles: requirement.items.map((i) => [...i.roles]),
    complete: requirement.complete,
    userTypes: visibility.visible.map((t) => t.value),
    unknownUserTypes: visibility.unknown.map((t) => t.value),
    visibleFor: visibility.known ? visibility.text : null,
    unresolved: unresolvedExpressions(requirement).map(unresolvedSummary),
    ...(layout === undefined ? {} : { layout: layoutJson(describeAnalyzedLayout(model, layout)) }),
  };
}

/** Builds the actors document: actors sorted by id, each followed by its actions. */
export function actorsDocument(model: RoleModel, app: Application): ActorsDocument {
  const targets: TargetSummary[] = [];
  for (const actor of app.actors) {
    targets.push(summarize(model, actor, "actor", actor.file));
    for (const action of actor.actions) targets.push(summarize(model, action, "action", action.span.file));
  }
  return {
    version: 1,
    userTypes: model.userTypes.map((t) => ({ value: t.value, name: t.names[0] ?? null, text: t.text, role: t.role, readonly: t.readonly })),
    targets,
  };
}

/** `actorsDocument` as JSON text (2-space indent, trailing newline): `show actors --format json`. */
export function actorsJson(model: RoleModel, app: Application): string {
  return renderJsonDocument(actorsDocument(model, app));
}
