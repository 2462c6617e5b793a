/**
 * What the documentation says, before any format: the user types, the roles
 * (grouped by module, with MRO and docs), and, with application sources, the
 * plugins (app labels) with their actors and actions × user types. Plain
 * data computed once from the role model and the analyzed application; the
 * Markdown, reStructuredText and HTML views are built from it.
 */
import type { Application, Target } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { compareStrings } from "../diagnostics/diagnostic.js";
import {
  accessOf,
  ancestorsOf,
  describeLayoutElement,
  permissionOf,
  renderRequirement,
  ROOT_ROLE,
  userTypeLabel,
  visibleFor,
  type Access,
  type LayoutElementDescription,
} from "../runtime/semantics/index.js";

/** One user type, as the documentation lists it. */
export interface DocsUserType {
  readonly value: string;
  /** First name, else the value (Lino's label in `visible_for`). */
  readonly label: string;
  /** All names joined by one space (the `name` column of the UserTypes table). */
  readonly names: string;
  readonly text: string;
  readonly role: string;
  readonly readonly: boolean;
  readonly hiddenLanguages: readonly string[];
  readonly maskNotifications: readonly string[];
  /** Free attributes as `key=JSON` strings, sorted by key. */
  readonly attributes: readonly string[];
}

/** One role with its inheritance. */
export interface DocsRole {
  readonly id: string;
  readonly module: string;
  readonly name: string;
  /** Direct bases in declaration order (empty for `core.UserRole`). */
  readonly bases: readonly string[];
  /** C3 linearization, the role first. */
  readonly mro: readonly string[];
  readonly doc: string | undefined;
  /** Whether it is a UserRoles row (a role bound in the user types module). */
  readonly meaningful: boolean;
  /** Labels of the user types whose role is (a subclass of) this role: Lino's `getUserProfiles()`. */
  readonly userTypes: readonly string[];
  /** The file declaring it, relative to the project root, or `<builtin>`. */
  readonly file: string;
  /** 1-based line of its declaration (0 for built-ins). */
  readonly line: number;
}

/** A role module label and its roles, in model order. */
export interface DocsModule {
  readonly label: string;
  readonly roles: readonly DocsRole[];
}

/** The cell of one user type for one actor or action: `unknown` where part of the requirement is not known. */
export type DocsAccess = "visible" | "readonly-refused" | "hidden" | "unknown";

const DOCS_ACCESS: Readonly<Record<Access, DocsAccess>> = { visible: "visible", unknown: "unknown", refused: "readonly-refused", hidden: "hidden" };

/** An action of an actor. */
export interface DocsAction {
  readonly id: string;
  readonly name: string;
  readonly readonly: boolean;
  /** The effective requirement (the actor's items, then the action's own), as `renderRequirement` writes it. */
  readonly requirement: string;
  /** The action's own items only. */
  readonly ownRequirement: string;
  /** Lino's `visible_for` line, or `unknown (…)` naming what is not known. */
  readonly visibleFor: string;
  /** One per user type, in declaration order. */
  readonly access: readonly DocsAccess[];
}

/** An actor (its default action) and its actions. */
export interface DocsActor {
  readonly id: string;
  readonly className: string;
  readonly file: string;
  readonly line: number;
  readonly requirement: string;
  /** The actor class whose `requiredRoles` applies, or `Actor` for the default. */
  readonly requirementFrom: string;
  readonly complete: boolean;
  readonly visibleFor: string;
  readonly access: readonly DocsAccess[];
  readonly actions: readonly DocsAction[];
  /** Its detail layout, every element with who may see it, when it has one. */
  readonly layout: LayoutElementDescription | undefined;
}

/** The actors of one app label. */
export interface DocsPlugin {
  readonly label: string;
  /** File name (without extension) of the plugin's page: the label when it is a safe file name. */
  readonly slug: string;
  readonly actors: readonly DocsActor[];
  readonly actionCount: number;
}

/** Everything the documentation says. */
export interface DocsSite {
  /** Module label of the user types module (`""` when the model has none). */
  readonly module: string;
  /** The role module as given, relative to the project root (shown, never absolute). */
  readonly source: string;
  readonly userTypes: readonly DocsUserType[];
  readonly modules: readonly DocsModule[];
  readonly roleCount: number;
  readonly meaningfulCount: number;
  /** Undefined without application sources. */
  readonly plugins: readonly DocsPlugin[] | undefined;
}

/** Builds the documentation's content from a model and, when given, the analyzed application. */
export function buildDocsSite(model: RoleModel, application: Application | undefined, source: string): DocsSite {
  const mroSets = model.userTypes.map((t) => ancestorsOf(model, t.role));
  const labels = model.userTypes.map(userTypeLabel);
  const meaningful = new Set(model.meaningful);
  const modules = new Map<string, DocsRole[]>();
  for (const role of model.roles.values()) {
    const list = modules.get(role.module) ?? [];
    list.push({
      id: role.id,
      module: role.module,
      name: role.name,
      bases: role.id === ROOT_ROLE ? [] : role.bases,
      mro: role.mro,
      doc: role.doc,
      meaningful: meaningful.has(role.id),
      userTypes: labels.filter((_, i) => mroSets[i]?.has(role.id) === true),
      file: role.file,
      line: role.span?.line ?? 0,
    });
    modules.set(role.module, list);
  }
  return {
    module: model.userTypesModule ?? "",
    source,
    userTypes: model.userTypes.map((t) => ({
      value: t.value,
      label: userTypeLabel(t),
      names: t.names.join(" "),
      text: t.text,
      role: t.role,
      readonly: t.readonly,
      hiddenLanguages: t.hiddenLanguages,
      maskNotifications: t.maskNotifications,
      attributes: Object.keys(t.attributes)
        .sort(compareStrings)
        .map((key) => `${key}=${JSON.stringify(t.attributes[key])}`),
    })),
    modules: [...modules].map(([label, roles]) => ({ label, roles })),
    roleCount: model.roles.size,
    meaningfulCount: model.meaningful.length,
    plugins: application === undefined ? undefined : buildPlugins(model, application),
  };
}

function buildPlugins(model: RoleModel, application: Application): DocsPlugin[] {
  const access = (target: Target): DocsAccess[] => {
    const permission = permissionOf(target);
    // Where part of the requirement is not known, so is the verdict: `unknown`, never visible.
    return model.userTypes.map((t): DocsAccess => DOCS_ACCESS[accessOf(model, t, permission)]);
  };
  const byLabel = new Map<string, DocsActor[]>();
  for (const actor of application.actors) {
    const list = byLabel.get(actor.appLabel) ?? [];
    list.push({
      id: actor.id,
      className: actor.className,
      file: actor.file,
      line: actor.span.line,
      requirement: renderRequirement(actor.requiredRoles),
      requirementFrom: actor.requiredRolesFrom,
      complete: actor.requiredRoles.complete,
      visibleFor: visibleFor(model, actor),
      access: access(actor),
      actions: actor.actions.map((action) => ({
        id: action.id,
        name: action.name,
        readonly: action.readonly,
        requirement: renderRequirement(action.combined),
        ownRequirement: renderRequirement(action.requiredRoles),
        visibleFor: visibleFor(model, action),
        access: access(action),
      })),
      layout: actor.detailLayout === undefined ? undefined : describeLayoutElement(model, actor.detailLayout.main),
    });
    byLabel.set(actor.appLabel, list);
  }
  const labels = [...byLabel.keys()].sort(compareStrings);
  const slugs = pluginSlugs(labels);
  return labels.map((label, i) => {
    const actors = [...(byLabel.get(label) ?? [])].sort((a, b) => compareStrings(a.id, b.id));
    return { label, slug: slugs[i] ?? label, actors, actionCount: actors.reduce((n, a) => n + a.actions.length, 0) };
  });
}

/**
 * File names for plugin pages: the label itself when it is a plain name
 * (`tickets`), else the label with every other character written as `_xx`
 * (its code point in hex); a name that differs from an earlier one only by
 * case gets `-2`, `-3` … so that no two pages collide on a case-insensitive
 * file system.
 */
export function pluginSlugs(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    const base = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(label)
      ? label
      : [...label].map((c) => (/[A-Za-z0-9-]/.test(c) ? c : `_${(c.codePointAt(0) ?? 0).toString(16)}`)).join("") || "_";
    let slug = base;
    for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    return slug;
  });
}
