/**
 * Lints on layouts (SPEC §6b): RC5031 a panel that no user type can see,
 * RC5032 a slave table that no user type admitted by the requirements of
 * the panels around it can see (the panels' own requirements already hide
 * it). Each layout object is looked at once (an inherited layout, or one a
 * const shares, under the first actor or action by id that has it).
 *
 * Answers that are unknown for some user type report nothing: a lint says
 * what is certain.
 */
import type { RoleModel } from "../compiler/types.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { accessOf, layoutElementAccess, renderRequirement, type Access } from "../runtime/semantics/index.js";
import type { AnalyzedLayout, AnalyzedPanel, Application, ResolvedRequirement } from "./types.js";

/** What the layout lints find, and the roles the layouts' own requirements name (they count as used for RC5009). */
export interface LayoutLints {
  readonly diagnostics: readonly Diagnostic[];
  readonly roles: readonly string[];
}

/** The layouts of every actor and action, each layout once. */
export function lintLayouts(model: RoleModel, app: Application): LayoutLints {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const roles: string[] = [];
  const visit = (owner: string, layout: AnalyzedLayout | undefined): void => {
    if (layout === undefined || seen.has(layout.key)) return;
    seen.add(layout.key);
    lintPanel(model, owner, layout.main, undefined, diagnostics, roles);
  };
  for (const actor of app.actors) {
    visit(actor.id, actor.detailLayout);
    for (const action of actor.actions) visit(action.id, action.paramsLayout);
  }
  return { diagnostics, roles };
}

/**
 * Who the enclosing panels' own requirements admit: one flag per user type,
 * and the innermost panel with a requirement and that requirement, for
 * messages.
 */
interface Admitted {
  readonly admits: readonly boolean[];
  readonly panel: string;
  readonly requirement: ResolvedRequirement;
}

/** The access every user type has under a requirement, as a layout element (seen, never written). */
function accessList(model: RoleModel, requirement: ResolvedRequirement): Access[] {
  return model.userTypes.map((userType) => accessOf(model, userType, { requirement, readonly: true }));
}

function lintPanel(model: RoleModel, owner: string, panel: AnalyzedPanel, outer: Admitted | undefined, found: Diagnostic[], roles: string[]): void {
  const own = panel.requiredRoles === undefined ? undefined : accessList(model, panel.requiredRoles);
  if (panel.requiredRoles !== undefined) for (const item of panel.requiredRoles.items) roles.push(...item.roles);
  const access = model.userTypes.map((userType) => layoutElementAccess(model, userType, panel));
  if (access.every((a) => a === "hidden")) {
    found.push(diagnostic("invisiblePanel", { panel: panel.name, owner, reason: invisibleReason(panel, own) }, panel.span));
    return; // what is inside is hidden with it
  }
  let admitted = outer;
  if (own !== undefined && panel.requiredRoles !== undefined && !own.includes("unknown")) {
    const admits = own.map((a, i) => a === "visible" && (outer === undefined || outer.admits[i] === true));
    admitted = { admits, panel: panel.name, requirement: panel.requiredRoles };
  } else if (own !== undefined) {
    admitted = undefined; // unknown: nothing certain below
  }
  for (const element of panel.elements) {
    if (element.kind === "field" && element.requiredRoles !== undefined) for (const item of element.requiredRoles.items) roles.push(...item.roles);
    if (element.kind === "panel") lintPanel(model, owner, element, admitted, found, roles);
    if (element.kind !== "slave" || admitted === undefined || !admitted.admits.includes(true)) continue;
    const slave = accessList(model, element.actorRequiredRoles);
    if (slave.includes("unknown")) continue;
    if (slave.some((a, i) => a === "visible" && admitted.admits[i] === true)) continue;
    found.push(
      diagnostic(
        "slaveHiddenByPanel",
        { panel: admitted.panel, owner, slave: element.name, panelRequired: renderRequirement(admitted.requirement), slaveRequired: renderRequirement(element.actorRequiredRoles) },
        element.span,
      ),
    );
  }
}

/** Why nobody sees a panel: its own requirement, or its elements. */
function invisibleReason(panel: AnalyzedPanel, own: readonly Access[] | undefined): string {
  if (panel.elements.length === 0) return "it has no elements: add some or remove it";
  const required = panel.requiredRoles === undefined ? undefined : renderRequirement(panel.requiredRoles);
  if (own !== undefined && own.every((a) => a !== "visible")) return `its own requirement (${required ?? ""}) admits no user type: loosen it or remove the panel`;
  if (required !== undefined) return `the user types its requirement (${required}) admits see none of its elements: check the elements' requirements`;
  return "no user type sees any of its elements: check the elements' requirements";
}
