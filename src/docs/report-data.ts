/**
 * The data the interactive HTML report embeds: compact, and enough for the
 * page's script to compute every cell and every explanation itself, exactly
 * as `canSee` and `explain` do. Strings are stored once (roles, plugins and
 * files by index), identical requirements once, and instead of one
 * explanation per cell each user type carries the breadth-first tree of its
 * role's bases, from which both "does it inherit X" and "through which
 * bases" (the path `inheritancePath` gives) are read.
 */
import type { AnalyzedAction, AnalyzedActor, Application, ResolvedRequirement } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { compareStrings } from "../diagnostics/diagnostic.js";

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

/** A requirement: `[items, complete]`; an item is a list of role indices (more than one: an OR-group). */
export type ReportRequirement = readonly [items: readonly (readonly number[])[], complete: 0 | 1];

/** An action: `[name, requirement index (the effective, combined one), readonly]`. */
export type ReportAction = readonly [name: string, requirement: number, readonly: 0 | 1];

/**
 * An actor: `[class name, plugin index, requirement index, file index (-1:
 * none), line, the actor whose requiredRoles apply ("Actor" for the default),
 * actions]`. Its id is `<plugin>.<class name>`.
 */
export type ReportActor = readonly [
  className: string,
  plugin: number,
  requirement: number,
  file: number,
  line: number,
  requirementFrom: string,
  actions: readonly ReportAction[],
];

/** Everything the report's script reads. */
export interface ReportData {
  readonly version: 1;
  /** Label of the user types module. */
  readonly module: string;
  /** The role module, as given on the command line (relative to the project root). */
  readonly source: string;
  readonly hasSources: boolean;
  readonly roles: readonly ReportRole[];
  /** The UserRoles rows (role indices), sorted by id. */
  readonly meaningful: readonly number[];
  readonly userTypes: readonly ReportUserType[];
  /**
   * Per user type, the breadth-first tree over direct bases from its role,
   * flattened as `[role, previous, role, previous, …]` in discovery order
   * (the root's previous is -1). Its roles are exactly the role's ancestors
   * (its MRO as a set), and following `previous` from a role back to the root
   * gives, reversed, the path `inheritancePath` returns.
   */
  readonly trees: readonly (readonly number[])[];
  /** App labels, sorted. */
  readonly plugins: readonly string[];
  /** Source files as shown (relative to the project root). */
  readonly files: readonly string[];
  /** Per file, a link relative to the report, or null when sources are not linked. */
  readonly fileHrefs: readonly (string | null)[];
  readonly requirements: readonly ReportRequirement[];
  /** Actors sorted by id, each with its actions sorted by id. */
  readonly actors: readonly ReportActor[];
}

/** Builds the report data; `fileHref` turns a source file (as the analyzer names it) into a link, when possible. */
export function buildReportData(
  model: RoleModel,
  application: Application | undefined,
  source: string,
  fileHref: (file: string) => string | null,
): ReportData {
  const roleIds = [...model.roles.keys()];
  const index = new Map(roleIds.map((id, i) => [id, i]));
  // A requirement may name a role the model lacks (the analyzer reports it);
  // it then inherits only itself, as `ancestorsOf` treats it.
  const roleIndex = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = roleIds.length;
      roleIds.push(id);
      index.set(id, i);
    }
    return i;
  };
  for (const t of model.userTypes) roleIndex(t.role);

  const requirements: ReportRequirement[] = [];
  const requirementIndex = new Map<string, number>();
  const requirementOf = (requirement: ResolvedRequirement): number => {
    const items = requirement.items.map((item) => item.roles.map(roleIndex));
    const entry: ReportRequirement = [items, requirement.complete ? 1 : 0];
    const key = JSON.stringify(entry);
    let i = requirementIndex.get(key);
    if (i === undefined) {
      i = requirements.length;
      requirements.push(entry);
      requirementIndex.set(key, i);
    }
    return i;
  };

  const plugins = application === undefined ? [] : [...new Set(application.actors.map((a) => a.appLabel))].sort(compareStrings);
  const pluginIndex = new Map(plugins.map((p, i) => [p, i]));
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const fileOf = (file: string): number => {
    let i = fileIndex.get(file);
    if (i === undefined) {
      i = files.length;
      files.push(file);
      fileIndex.set(file, i);
    }
    return i;
  };
  const actors: ReportActor[] = [];
  for (const actor of [...(application?.actors ?? [])].sort((a, b) => compareStrings(a.id, b.id))) {
    actors.push([
      actor.className,
      pluginIndex.get(actor.appLabel) ?? 0,
      requirementOf(actor.requiredRoles),
      actor.file === "" ? -1 : fileOf(actor.file),
      actor.span.line,
      actor.requiredRolesFrom,
      [...actor.actions]
        .sort((a, b) => compareStrings(a.id, b.id))
        .map((action: AnalyzedAction): ReportAction => [action.name, requirementOf(action.combined), action.readonly ? 1 : 0]),
    ]);
  }
  checkActorIds(application?.actors ?? []);

  const roles: ReportRole[] = roleIds.map((id) => {
    const role = model.roles.get(id);
    if (role === undefined) return [id, [], [roleIndex(id)], ""];
    const bases = id === "core.UserRole" ? [] : role.bases.map(roleIndex);
    return [id, bases, role.mro.map(roleIndex), role.doc ?? ""];
  });

  return {
    version: 1,
    module: model.userTypesModule ?? "",
    source,
    hasSources: application !== undefined,
    roles,
    meaningful: model.meaningful.map(roleIndex),
    userTypes: model.userTypes.map((t) => ({
      v: t.value,
      l: t.names[0] ?? t.value,
      n: t.names.join(" "),
      t: t.text,
      r: roleIndex(t.role),
      ro: t.readonly ? 1 : 0,
    })),
    trees: model.userTypes.map((t) => baseTree(model, t.role, roleIndex)),
    plugins,
    files,
    fileHrefs: files.map(fileHref),
    requirements,
    actors,
  };
}

/**
 * The breadth-first tree over direct bases from `root`, visiting bases in
 * declaration order: the same traversal as `inheritancePath`, run to the end.
 */
function baseTree(model: RoleModel, root: string, roleIndex: (id: string) => number): number[] {
  const previous = new Map<string, string | undefined>([[root, undefined]]);
  const queue = [root];
  const flat: number[] = [roleIndex(root), -1];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? root;
    for (const base of model.roles.get(current)?.bases ?? []) {
      if (previous.has(base)) continue;
      previous.set(base, current);
      flat.push(roleIndex(base), roleIndex(current));
      queue.push(base);
    }
  }
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
