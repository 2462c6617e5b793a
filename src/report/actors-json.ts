/**
 * Machine-readable form of `rolecraft show actors --format json`: every
 * actor and action with its requirement as data and the user types that may
 * see it, instead of one "☑" column per user type.
 */
import type { Application, Target } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { canSee, permissionOf, visibleFor } from "../runtime/semantics/index.js";
import { describeAnalyzedLayout } from "./application-layouts.js";
import { layoutJson, type LayoutJson } from "./layout-json.js";
import { renderJsonDocument } from "./render-json.js";

/** One actor or action in `ActorsDocument`. */
export interface TargetSummary {
  readonly id: string;
  readonly kind: "actor" | "action";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Lino's readonly: the default action of an actor always is. */
  readonly readonly: boolean;
  /** The requirement that decides visibility: AND of items, each item an OR of role ids. */
  readonly requiredRoles: readonly (readonly string[])[];
  /** False when part of the requirement could not be resolved statically (see the RC5004 warnings). */
  readonly complete: boolean;
  /** Values of the user types that may see it, in declaration order. */
  readonly userTypes: readonly string[];
  /** Lino's visible_for line: `all`, `nobody` or labels. */
  readonly visibleFor: string;
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

function summarize(model: RoleModel, target: Target, kind: "actor" | "action", file: string): TargetSummary {
  const { requirement, readonly } = permissionOf(target);
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
    userTypes: model.userTypes.filter((t) => canSee(model, t, requirement, readonly)).map((t) => t.value),
    visibleFor: visibleFor(model, target),
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
