/**
 * The data the interactive HTML report embeds: the answers themselves, as
 * the runtime's semantics compute them (`accessOf`, `explain`), so that the
 * page's script only looks them up and never decides a permission. Compact:
 * strings are stored once (roles, plugins and files by index), identical
 * requirement items, requirements, permissions and rows of verdicts once;
 * and instead of one path per explained item each user type carries the
 * breadth-first tree of its role's bases (`baseTree`), from which every path
 * `inheritancePath` gives is read back.
 */
import type { AnalyzedActor, Application, ResolvedItem, Target } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { compareStrings } from "../diagnostics/diagnostic.js";
import {
  accessOf,
  ancestorsOf,
  baseTree,
  describeLayoutElement,
  permissionOf,
  readonlyRefuses,
  renderKnownItem,
  renderRequirement,
  ROOT_ROLE,
  satisfyingMember,
  windowAccess,
  type Access,
  type KnownRequirement,
  type LayoutElementDescription,
} from "../runtime/semantics/index.js";

/** A role: `[id, bases, mro, doc]`, bases and MRO as role indices, doc `""` when none. */
export type ReportRole = readonly [id: string, bases: readonly number[], mro: readonly number[], doc: string];

/** A user type. */
export interface ReportUserType {
  /** value */
  readonly v: string;
  /** label: first name, else value */
  readonly l: string;
  /** all names joined by a space */
  readonly n: string;
  /** text */
  readonly t: string;
  /** role index */
  readonly r: number;
  /** readonly: 1 or 0 */
  readonly ro: 0 | 1;
}

/**
 * A requirement item (a role, or an OR-group of roles): `[roles, text, via,
 * unknown]`. `text` as `renderKnownItem` writes it; `via[t]` is the member
 * user type `t`'s role inherits (the one `explain` names), or -1 when it
 * inherits none; `unknown`: its members that are not known, as written
 * (the item is then unknown, not unsatisfied, where `via` is -1).
 */
export type ReportItem = readonly [roles: readonly number[], text: string, via: readonly number[], unknown: readonly string[]];

/**
 * A requirement: `[items (item indices), complete, text, unresolved]`,
 * `text` as `renderRequirement` writes it, `unresolved` its whole items
 * that are not known, as written.
 */
export type ReportRequirement = readonly [items: readonly number[], complete: 0 | 1, text: string, unresolved: readonly string[]];

/**
 * What decides who may see a target, and the answer: `[requirement index,
 * readonly, verdicts index]`.
 */
export type ReportPermission = readonly [requirement: number, readonly: 0 | 1, verdicts: number];

/** An action: `[name, permission index]`. */
export type ReportAction = readonly [name: string, permission: number];

/**
 * An actor: `[class name, plugin index, permission index (of its default
 * action), file index (-1: none), line, the actor whose requiredRoles apply
 * ("Actor" for the default), actions]`. Its id is `<plugin>.<class name>`.
 */
export type ReportActor = readonly [
  className: string,
  plugin: number,
  permission: number,
  file: number,
  line: number,
  requirementFrom: string,
  actions: readonly ReportAction[],
];

/**
 * A verdict as one character: the user type's {@link Access} (`0` hidden,
 * `1` visible, `2` refused as readonly, `3` unknown), and `4` for hidden
 * where the user type would also be refused as readonly (what `explain`
 * reports as `readonlyRefusal` although the role already fails).
 */
export function verdictCode(access: Access, readonlyRefusal: boolean): string {
  return access === "hidden" && readonlyRefusal ? "4" : ACCESS_CODES[access];
}

const ACCESS_CODES: Readonly<Record<Access, string>> = { hidden: "0", visible: "1", refused: "2", unknown: "3" };

/**
 * An element of an actor's detail layout: `[name, label ("" without one),
 * kind ("p" panel, "f" field, "s" slave table), found, elements]`. `found`
 * has one character per user type: whether users of that type find the
 * element in the window (it and every panel around it visible): `1` yes,
 * `0` no, `3` unknown (see `windowAccess`).
 */
export type ReportLayoutElement = readonly [name: string, label: string, kind: "p" | "f" | "s", found: string, elements: readonly ReportLayoutElement[]];

/**
 * Which cells permission tests decide (`rolecraft test --coverage`, see
 * docs/testing.md#coverage), as the docs take it: a test run's coverage.
 */
export interface CoverageInput {
  readonly cells: number;
  readonly decided: number;
  readonly percent: number;
  /** `decided[t * userTypes + u]` is 1 when target `targets[t]` × the `u`-th user type is decided. */
  readonly matrix: { readonly targets: readonly string[]; readonly userTypes: number; readonly decided: Uint8Array };
}

/** The coverage the report shows: cells the tests decide, marked. */
export interface ReportCoverage {
  readonly cells: number;
  readonly decided: number;
  readonly percent: number;
  /** Distinct rows of flags, one character per user type: `1` decided by some test, `0` not. */
  readonly rows: readonly string[];
  /** Parallel to `actors`: the row (index into `rows`) of the actor's default action, then one per action, in the same order. */
  readonly actors: readonly (readonly number[])[];
}

/** Everything the report's script reads. */
export interface ReportData {
  readonly version: 3;
  /** Label of the user types module. */
  readonly module: string;
  /** The role module, as given on the command line (relative to the project root). */
  readonly source: string;
  readonly hasSources: boolean;
  readonly roles: readonly ReportRole[];
  /** The UserRoles rows (role indices), sorted by id. */
  readonly meaningful: readonly number[];
  /** Per UserRoles row (parallel to `meaningful`), per user type: `1` when its role is (a subclass of) the row's role, else `0`. */
  readonly userRoles: readonly string[];
  readonly userTypes: readonly ReportUserType[];
  /**
   * Per user type, the breadth-first tree over direct bases from its role
   * (`baseTree`), flattened as `[role, previous, role, previous, …]` in
   * discovery order (the root's previous is -1). Following `previous` from a
   * role back to the root gives, reversed, the path `inheritancePath` returns.
   */
  readonly trees: readonly (readonly number[])[];
  /** App labels, sorted. */
  readonly plugins: readonly string[];
  /** Source files as shown (relative to the project root). */
  readonly files: readonly string[];
  /** Per file, a link relative to the report, or null when sources are not linked. */
  readonly fileHrefs: readonly (string | null)[];
  readonly items: readonly ReportItem[];
  readonly requirements: readonly ReportRequirement[];
  readonly permissions: readonly ReportPermission[];
  /** Distinct rows of verdicts, one character per user type (see {@link verdictCode}). */
  readonly verdicts: readonly string[];
  /** Actors sorted by id, each with its actions sorted by id. */
  readonly actors: readonly ReportActor[];
  /** Parallel to `actors`: the root (`main`) of its detail layout, or 0 when it has none. */
  readonly layouts: readonly (ReportLayoutElement | 0)[];
  /** With permission tests (`docs --coverage`): which cells they decide. */
  readonly coverage?: ReportCoverage;
}

/** Numbers the distinct values of one kind, by a key, in first-seen order. */
class Interned<T> {
  readonly values: T[] = [];
  readonly #index = new Map<string, number>();

  indexOf(key: string, make: () => T): number {
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(make());
      this.#index.set(key, i);
    }
    return i;
  }
}

/**
 * Builds the report data; `fileHref` turns a source file (as the analyzer
 * names it) into a link, when possible; `coverage` marks the cells
 * permission tests decide.
 */
export function buildReportData(
  model: RoleModel,
  application: Application | undefined,
  source: string,
  fileHref: (file: string) => string | null,
  coverage?: CoverageInput,
): ReportData {
  const roleIds = new Interned<string>();
  for (const id of model.roles.keys()) roleIds.indexOf(id, () => id);
  // A requirement may name a role the model lacks (the analyzer reports it);
  // it then inherits only itself, as the semantics treat it.
  const roleIndex = (id: string): number => roleIds.indexOf(id, () => id);
  for (const t of model.userTypes) roleIndex(t.role);
  const ancestors = model.userTypes.map((t) => ancestorsOf(model, t.role));

  const items = new Interned<ReportItem>();
  const itemOf = (item: ResolvedItem): number => {
    const unknown = item.unresolved.map((u) => u.text);
    return items.indexOf(JSON.stringify([item.roles, unknown]), () => [
      item.roles.map(roleIndex),
      renderKnownItem(item),
      ancestors.map((has) => {
        const via = satisfyingMember(has, item);
        return via === undefined ? -1 : roleIndex(via);
      }),
      unknown,
    ]);
  };
  const requirements = new Interned<ReportRequirement>();
  const requirementOf = (requirement: KnownRequirement<ResolvedItem>): number => {
    const itemIndices = requirement.items.map(itemOf);
    const unresolved = (requirement.unresolved ?? []).map((u) => u.text);
    return requirements.indexOf(JSON.stringify([itemIndices, requirement.complete, unresolved]), () => [
      itemIndices,
      requirement.complete ? 1 : 0,
      renderRequirement(requirement),
      unresolved,
    ]);
  };
  const verdicts = new Interned<string>();
  const permissions = new Interned<ReportPermission>();
  const permissionIndex = (target: Target): number => {
    const permission = permissionOf(target);
    const requirement = requirementOf(permission.requirement);
    const readonly = permission.readonly ? 1 : 0;
    return permissions.indexOf(`${requirement}:${readonly}`, () => {
      const row = model.userTypes.map((t) => verdictCode(accessOf(model, t, permission), readonlyRefuses(t.readonly, permission.readonly))).join("");
      return [requirement, readonly, verdicts.indexOf(row, () => row)];
    });
  };

  const plugins = application === undefined ? [] : [...new Set(application.actors.map((a) => a.appLabel))].sort(compareStrings);
  const pluginIndex = new Map(plugins.map((p, i) => [p, i]));
  const files = new Interned<string>();
  const actors: ReportActor[] = [];
  const layouts: (ReportLayoutElement | 0)[] = [];
  const covered = coverage === undefined ? undefined : coverageRows(coverage);
  const coverageOfActors: number[][] = [];
  for (const actor of [...(application?.actors ?? [])].sort((a, b) => compareStrings(a.id, b.id))) {
    layouts.push(actor.detailLayout === undefined ? 0 : reportLayout(describeLayoutElement(model, actor.detailLayout.main), undefined));
    const actions = [...actor.actions].sort((a, b) => compareStrings(a.id, b.id));
    if (covered !== undefined) coverageOfActors.push([actor, ...actions].map((t) => covered.of(t.id)));
    actors.push([
      actor.className,
      pluginIndex.get(actor.appLabel) ?? 0,
      permissionIndex(actor),
      actor.file === "" ? -1 : files.indexOf(actor.file, () => actor.file),
      actor.span.line,
      actor.requiredRolesFrom,
      actions.map((action): ReportAction => [action.name, permissionIndex(action)]),
    ]);
  }
  checkActorIds(application?.actors ?? []);

  const meaningful = model.meaningful.map(roleIndex);
  const trees = model.userTypes.map((t) => flattenTree(baseTree(model, t.role), roleIndex));
  // Roles first met in requirements are known by now: the role list is complete.
  const roles: ReportRole[] = roleIds.values.map((id) => {
    const role = model.roles.get(id);
    if (role === undefined) return [id, [], [roleIndex(id)], ""];
    const bases = id === ROOT_ROLE ? [] : role.bases.map(roleIndex);
    return [id, bases, role.mro.map(roleIndex), role.doc ?? ""];
  });

  return {
    version: 3,
    module: model.userTypesModule ?? "",
    source,
    hasSources: application !== undefined,
    roles,
    meaningful,
    userRoles: model.meaningful.map((role) => ancestors.map((has) => (has.has(role) ? "1" : "0")).join("")),
    userTypes: model.userTypes.map((t) => ({
      v: t.value,
      l: t.names[0] ?? t.value,
      n: t.names.join(" "),
      t: t.text,
      r: roleIndex(t.role),
      ro: t.readonly ? 1 : 0,
    })),
    trees,
    plugins,
    files: files.values,
    fileHrefs: files.values.map(fileHref),
    items: items.values,
    requirements: requirements.values,
    permissions: permissions.values,
    verdicts: verdicts.values,
    actors,
    layouts,
    ...(coverage === undefined || covered === undefined
      ? {}
      : { coverage: { cells: coverage.cells, decided: coverage.decided, percent: coverage.percent, rows: covered.rows, actors: coverageOfActors } }),
  };
}

const KIND_CODES = { panel: "p", field: "f", slave: "s" } as const;

/** A described layout element as the report stores it; `enclosing`: the access per user type to the panel around it as found in the window (undefined for `main`). */
function reportLayout(node: LayoutElementDescription, enclosing: readonly Access[] | undefined): ReportLayoutElement {
  const found = node.access.map((own, t) => windowAccess(enclosing?.[t] ?? "visible", own));
  return [node.name, node.label ?? "", KIND_CODES[node.kind], found.map((a) => ACCESS_CODES[a === "refused" ? "hidden" : a]).join(""), node.elements.map((child) => reportLayout(child, found))];
}

/** The decided flags of each target as interned rows of `0`/`1` characters. */
function coverageRows(coverage: CoverageInput): { readonly rows: readonly string[]; of(id: string): number } {
  const { targets, userTypes, decided } = coverage.matrix;
  const rows = new Interned<string>();
  const byTarget = new Map<string, number>();
  targets.forEach((id, t) => {
    let flags = "";
    for (let u = 0; u < userTypes; u++) flags += decided[t * userTypes + u] === 1 ? "1" : "0";
    if (!byTarget.has(id)) byTarget.set(id, rows.indexOf(flags, () => flags));
  });
  const none = "0".repeat(userTypes);
  return { rows: rows.values, of: (id) => byTarget.get(id) ?? rows.indexOf(none, () => none) };
}

/** A base tree as `[role, previous, …]` role indices, the root's previous -1. */
function flattenTree(tree: ReadonlyMap<string, string | undefined>, roleIndex: (id: string) => number): number[] {
  const flat: number[] = [];
  for (const [role, previous] of tree) flat.push(roleIndex(role), previous === undefined ? -1 : roleIndex(previous));
  return flat;
}

/** The report names actors `<plugin>.<class>`: make sure that is their id. */
function checkActorIds(actors: readonly AnalyzedActor[]): void {
  for (const actor of actors) {
    if (actor.id !== `${actor.appLabel}.${actor.className}`) {
      throw new Error(`actor id ${actor.id} is not <appLabel>.<className> (${actor.appLabel}.${actor.className})`);
    }
  }
}
