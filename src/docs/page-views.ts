/**
 * The view models of the Markdown and reStructuredText pages: the
 * documentation's content with every string already written in the page's
 * markup (escaped text, literals, links, tables), so that templates stay
 * logic-free and cannot produce broken markup from odd input.
 */
import { posix } from "node:path";
import { CHECK_MARK, UNKNOWN_MARK, type Table } from "../report/table.js";
import type { LayoutElementDescription } from "../runtime/semantics/index.js";
import type { DocsAccess, DocsActor, DocsPlugin, DocsRole, DocsSite } from "./docs-model.js";
import type { TextFormat } from "./text-formats.js";

/** Where generated pages live in the output tree, by format. */
export const PAGE_DIRS = { md: "md", rst: "rst" } as const;

/** The interactive report's path in the output tree. */
export const REPORT_FILE = "report.html";

/** Options that decide links. */
export interface LinkOptions {
  /**
   * The project root (against which source files are named) relative to the
   * output directory, with `/`; pages then link to source files. Undefined:
   * source files are named but not linked.
   */
  readonly rootFromOut: string | undefined;
}

/** A role, as a page shows it. */
export interface RoleView {
  readonly id: string;
  readonly anchor: string;
  readonly heading: string;
  readonly underline: string;
  readonly bases: string;
  readonly mro: string;
  readonly userTypes: string;
  readonly meaningful: boolean;
  readonly declared: string;
  readonly hasDoc: boolean;
  readonly doc: string;
}

/** A module of roles, as the roles page shows it. */
export interface ModuleView {
  readonly label: string;
  readonly heading: string;
  readonly underline: string;
  readonly roleCount: number;
  readonly roles: readonly RoleView[];
}

/** A plugin as the index lists it. */
export interface PluginLinkView {
  readonly label: string;
  readonly link: string;
  readonly docName: string;
  readonly actorCount: number;
  readonly actionCount: number;
  /** `5 actors and 10 actions` */
  readonly counted: string;
}

/** The fields every page gets. */
export interface SiteView {
  readonly title: string;
  readonly titleUnderline: string;
  readonly module: string;
  readonly source: string;
  readonly userTypeCount: number;
  readonly roleCount: number;
  readonly meaningfulCount: number;
  readonly moduleCount: number;
  readonly hasSources: boolean;
  readonly pluginCount: number;
  readonly actorCount: number;
  readonly actionCount: number;
  /** The counts as words: `1 actor`, `23 actors` … */
  readonly counted: {
    readonly userTypes: string;
    readonly roles: string;
    readonly meaningful: string;
    readonly modules: string;
    readonly plugins: string;
    readonly actors: string;
    readonly actions: string;
  };
  readonly links: {
    readonly index: string;
    readonly userTypes: string;
    readonly userRoles: string;
    readonly roles: string;
    readonly report: string;
  };
  readonly plugins: readonly PluginLinkView[];
}

/** An actor on its plugin's page. */
export interface ActorView {
  readonly id: string;
  readonly anchor: string;
  readonly heading: string;
  readonly underline: string;
  readonly declared: string;
  readonly requirement: string;
  readonly requirementFrom: string;
  readonly inherited: boolean;
  readonly complete: boolean;
  readonly visibleFor: string;
  readonly hasActions: boolean;
  readonly actionsTable: string;
  readonly hasLayout: boolean;
  /** Its detail layout as a nested list, every element with who may see it where that differs from its panel. */
  readonly layout: string;
}

/** The view of a plugin page. */
export interface PluginPageView extends SiteView {
  readonly plugin: {
    readonly label: string;
    readonly heading: string;
    readonly underline: string;
    readonly actorCount: number;
    readonly actionCount: number;
    /** `5 actors and 17 actions` */
    readonly counted: string;
    readonly table: string;
    readonly actors: readonly ActorView[];
  };
}

/** The views of every page of one format, keyed by their path in the output tree. */
export interface PageViews {
  readonly index: SiteView;
  readonly userTypes: SiteView & { readonly userTypesTable: string; readonly detailsTable: string };
  readonly userRoles: SiteView & { readonly userRolesTable: string; readonly readonlyTypes: string; readonly hasReadonlyTypes: boolean };
  readonly roles: SiteView & { readonly modules: readonly ModuleView[] };
  readonly plugins: readonly { readonly slug: string; readonly view: PluginPageView }[];
}

/**
 * Builds the page views of one format. `userTypesTable` and `userRolesTable`
 * are the neutral tables of Lino's two listings (rendered by the format:
 * Lino's exact simple tables in rst).
 */
export function buildPageViews(site: DocsSite, format: TextFormat, tables: { readonly userTypes: Table; readonly userRoles: Table }, links: LinkOptions): PageViews {
  const f = format;
  const pageLink = (fromDepth: number, page: string): string =>
    `${"../".repeat(fromDepth)}${page}${f.ext === "rst" ? "" : ".md"}`;
  const siteView = (depth: number): SiteView => {
    const title = site.module === "" ? "Permissions" : `Permissions of ${site.module}`;
    const plugins = site.plugins ?? [];
    return {
      title: f.text(title),
      titleUnderline: f.underline(f.text(title), "="),
      module: f.code(site.module),
      source: f.code(site.source),
      userTypeCount: site.userTypes.length,
      roleCount: site.roleCount,
      meaningfulCount: site.meaningfulCount,
      moduleCount: site.modules.length,
      hasSources: site.plugins !== undefined,
      pluginCount: plugins.length,
      actorCount: plugins.reduce((n, p) => n + p.actors.length, 0),
      actionCount: plugins.reduce((n, p) => n + p.actionCount, 0),
      counted: {
        userTypes: counted(site.userTypes.length, "user type"),
        roles: counted(site.roleCount, "role"),
        meaningful: counted(site.meaningfulCount, "role"),
        modules: counted(site.modules.length, "module"),
        plugins: counted(plugins.length, "plugin"),
        actors: counted(plugins.reduce((n, p) => n + p.actors.length, 0), "actor"),
        actions: counted(plugins.reduce((n, p) => n + p.actionCount, 0), "action"),
      },
      links: {
        index: pageLink(depth, "index"),
        userTypes: pageLink(depth, "user-types"),
        userRoles: pageLink(depth, "user-roles"),
        roles: pageLink(depth, "roles"),
        report: `${"../".repeat(depth + 1)}${REPORT_FILE}`,
      },
      plugins: plugins.map((p) => ({
        label: f.code(p.label),
        link: f.ext === "rst" ? f.link(p.label, `plugins/${p.slug}`, true) : f.link(p.label, `${"../".repeat(depth)}plugins/${p.slug}.md`),
        docName: `plugins/${p.slug}`,
        actorCount: p.actors.length,
        actionCount: p.actionCount,
        counted: `${counted(p.actors.length, "actor")} and ${counted(p.actionCount, "action")}`,
      })),
    };
  };

  const sourceRef = (file: string, line: number, depth: number): string => {
    const shown = line > 0 ? `${file}:${line}` : file;
    if (file === "<builtin>") return `${f.text("rolecraft's built-in module")} ${f.code("core")} (${f.text("Lino's")} ${f.code("lino/core/roles.py")})`;
    if (links.rootFromOut === undefined || f.ext === "rst") return f.code(shown);
    const href = posix.join("../".repeat(depth + 1), links.rootFromOut, file) + (line > 0 ? `#L${line}` : "");
    return f.link(shown, href);
  };

  const roleView = (role: DocsRole): RoleView => ({
    id: f.code(role.id),
    anchor: roleAnchor(role.id),
    heading: f.code(role.id),
    underline: f.underline(f.code(role.id), "~"),
    bases: role.bases.length === 0 ? f.text("(none: the root of all roles)") : role.bases.map((b) => f.code(b)).join(", "),
    mro: role.mro.map((r) => f.code(r)).join(", "),
    userTypes: role.userTypes.length === 0 ? f.text("none") : role.userTypes.map((label) => f.code(label)).join(", "),
    meaningful: role.meaningful,
    declared: sourceRef(role.file, role.line, 0),
    hasDoc: f.paragraphs(role.doc ?? "") !== "",
    doc: f.paragraphs(role.doc ?? ""),
  });

  const details: Table = {
    columns: [
      { key: "value", header: "value" },
      { key: "text", header: "text" },
      { key: "role", header: "role" },
      { key: "readonly", header: "readonly" },
      { key: "hiddenLanguages", header: "hidden languages" },
      { key: "maskNotifications", header: "masked notifications" },
      { key: "attributes", header: "attributes" },
    ],
    rows: site.userTypes.map((t) => [
      t.value,
      t.text,
      t.role,
      t.readonly ? "yes" : "no",
      t.hiddenLanguages.join(" "),
      t.maskNotifications.join(" "),
      t.attributes.join(" "),
    ]),
  };
  const readonlyTypes = site.userTypes.filter((t) => t.readonly).map((t) => f.code(t.label));

  return {
    index: siteView(0),
    userTypes: { ...siteView(0), userTypesTable: f.linoTable(tables.userTypes), detailsTable: f.table(details) },
    userRoles: {
      ...siteView(0),
      userRolesTable: f.linoTable(tables.userRoles),
      readonlyTypes: readonlyTypes.join(", "),
      hasReadonlyTypes: readonlyTypes.length > 0,
    },
    roles: {
      ...siteView(0),
      modules: site.modules.map((m) => {
        const heading = `Module ${f.code(m.label)}`;
        return { label: f.code(m.label), heading, underline: f.underline(heading, "-"), roleCount: m.roles.length, roles: m.roles.map(roleView) };
      }),
    },
    plugins: (site.plugins ?? []).map((plugin) => ({ slug: plugin.slug, view: pluginPageView(siteView(1), plugin, site, f, sourceRef) })),
  };
}

function pluginPageView(
  siteView: SiteView,
  plugin: DocsPlugin,
  site: DocsSite,
  f: TextFormat,
  sourceRef: (file: string, line: number, depth: number) => string,
): PluginPageView {
  const mark = (access: readonly DocsAccess[]): string[] => access.map((a) => (a === "visible" ? CHECK_MARK : a === "unknown" ? UNKNOWN_MARK : ""));
  const matrix: Table = {
    columns: [
      { key: "id", header: "Actor / action" },
      { key: "requiredRoles", header: "Required roles" },
      ...site.userTypes.map((t) => ({ key: t.value, header: t.value })),
    ],
    rows: plugin.actors.flatMap((actor) => [
      [actor.id, actor.requirement, ...mark(actor.access)],
      ...actor.actions.map((action) => [action.id, action.requirement, ...mark(action.access)]),
    ]),
  };
  const heading = `Plugin ${f.code(plugin.label)}`;
  const actorView = (actor: DocsActor): ActorView => {
    const actions: Table = {
      columns: [
        { key: "action", header: "Action" },
        { key: "readonly", header: "Readonly" },
        { key: "own", header: "Own required roles" },
        { key: "visibleFor", header: "Visible for" },
      ],
      rows: actor.actions.map((a) => [a.name, a.readonly ? "yes" : "no", a.ownRequirement, a.visibleFor]),
    };
    return {
      id: f.code(actor.id),
      anchor: actorAnchor(actor.id),
      heading: f.code(actor.id),
      underline: f.underline(f.code(actor.id), "-"),
      declared: sourceRef(actor.file, actor.line, 1),
      requirement: f.code(actor.requirement),
      requirementFrom: f.code(actor.requirementFrom),
      inherited: actor.requirementFrom !== actor.id,
      complete: actor.complete,
      visibleFor: f.code(actor.visibleFor),
      hasActions: actor.actions.length > 0,
      actionsTable: actor.actions.length > 0 ? f.table(actions) : "",
      hasLayout: actor.layout !== undefined,
      layout: actor.layout === undefined ? "" : layoutList(actor.layout, f),
    };
  };
  return {
    ...siteView,
    plugin: {
      label: f.code(plugin.label),
      heading,
      underline: f.underline(heading, "="),
      actorCount: plugin.actors.length,
      actionCount: plugin.actionCount,
      counted: `${counted(plugin.actors.length, "actor")} and ${counted(plugin.actionCount, "action")}`,
      table: f.table(matrix),
      actors: plugin.actors.map(actorView),
    },
  };
}

/**
 * A layout as a nested bullet list of the page's format, with the rule of
 * Lino's `py2rst`: every element `**Label** (name)` or `(name)`, and who may
 * see it where that differs from its panel (always on `main`). Items are
 * separated by blank lines and nested two spaces per level, which both
 * reStructuredText and Markdown read as nested lists; labels and names are
 * plain text.
 */
function layoutList(root: LayoutElementDescription, f: TextFormat): string {
  const lines: string[] = [];
  const visit = (node: LayoutElementDescription, parentVisibleFor: string | undefined, indent: string): void => {
    const name = `(${f.code(node.name)})`;
    let text = node.label === undefined || node.label === "" ? name : `**${f.text(node.label)}** ${name}`;
    if (node.visibleFor !== parentVisibleFor) text += ` ${f.text("—")} ${f.text("visible for")} ${f.code(node.visibleFor)}`;
    lines.push(`${indent}- ${text}`, "");
    for (const child of node.elements) visit(child, node.visibleFor, `${indent}  `);
  };
  visit(root, undefined, "");
  return lines.join("\n");
}

/** `1 actor`, `2 actors`. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** An HTML id for a role's section (`role-noi.Customer`). */
export function roleAnchor(id: string): string {
  return `role-${id.replace(/[^A-Za-z0-9_.-]/g, "-")}`;
}

/** An HTML id for an actor's section. */
export function actorAnchor(id: string): string {
  return `actor-${id.replace(/[^A-Za-z0-9_.-]/g, "-")}`;
}
