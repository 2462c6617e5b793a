/**
 * The questions rolecraft answers, as data: Lino's tables of a role model,
 * the actors table of an application, who may see an actor or action and
 * why (the runtime's semantics), and Lino's checkmro. Rendering them is the
 * reports' job (src/report).
 */
import type { Application, Target } from "../analyzer/types.js";
import type { RoleModel, UserTypeDef } from "../compiler/types.js";
import { actorsReport, userRolesReport, userTypesReport, type Report } from "../report/report.js";
import type { ColumnLabels } from "../report/table.js";
import { checkmroLines, createClass, explain, findTarget, findUserType, visibilityOf, type ClassCreation, type Explanation, type Visibility } from "../runtime/semantics/index.js";
import { analyze, type CheckOptions, type CheckResult } from "./check.js";
import { UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";
import { isUsable, openModel, type LoadedModel } from "./model.js";

/** Options of the commands that need the role model only. */
export interface ModelOptions {
  /** The role module (a file or a folder), relative to the host's working directory. */
  readonly module: string;
}

/** How the tables head the columns of user types: by value (default, as Lino prints them) or by label (first name, else value). */
export interface LabelOptions {
  readonly labels?: ColumnLabels;
}

/** A report of the role model (its table, and its JSON document), or the model's errors instead. */
export interface TableResult {
  readonly model: LoadedModel;
  /** Undefined when the model has errors. */
  readonly report?: Report;
}

/**
 * The UserTypes table (value, name, text) of a user types module.
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function showUserTypes(options: ModelOptions, host: RolecraftHost): Promise<TableResult> {
  return modelTable(options, host, userTypesReport);
}

/**
 * The UserRoles table: meaningful roles × user types, as Lino prints it.
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function showUserRoles(options: ModelOptions & LabelOptions, host: RolecraftHost): Promise<TableResult> {
  return modelTable(options, host, (model) => userRolesReport(model, options.labels));
}

async function modelTable(options: ModelOptions, host: RolecraftHost, report: (model: RoleModel) => Report): Promise<TableResult> {
  const model = await openModel(host, options.module, true);
  return isUsable(model) ? { model, report: report(model.model) } : { model };
}

/**
 * The role model alone, loaded in this thread (for `checkmro`, or to render
 * it some other way).
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function loadRoles(options: ModelOptions & { readonly requireUserTypes?: boolean }, host: RolecraftHost): Promise<LoadedModel> {
  return openModel(host, options.module, options.requireUserTypes ?? false);
}

/** An analyzed application that had no errors, with its model. */
export interface AnalyzedProject {
  readonly model: RoleModel;
  readonly application: Application;
}

/**
 * The model and application of a check result, when the model has no
 * errors. The application's own errors do not hold the answers back: what
 * they leave unknown (an unresolved requirement, an unknown role, a file
 * with syntax errors) is unknown in every answer, never guessed.
 */
export function analyzedProject(result: CheckResult): AnalyzedProject | undefined {
  if (!isUsable(result.model) || result.analysis === undefined) return undefined;
  return { model: result.model.model, application: result.analysis.value };
}

/** The actors report, or the model's errors instead. */
export interface ActorsResult extends CheckResult {
  /** Actors and actions × user types; undefined when the model has errors. */
  readonly report?: Report;
}

/**
 * Actors and actions × user types (who may see what; `?` where that is not known).
 *
 * @throws UsageError when the module does not exist or cannot be read as one.
 */
export async function showActors(options: CheckOptions & LabelOptions, host: RolecraftHost): Promise<ActorsResult> {
  const result = await analyze(options, host);
  const project = analyzedProject(result);
  return project === undefined ? result : { ...result, report: actorsReport(project.model, project.application, options.labels) };
}

/**
 * The actor or action with that id.
 *
 * @throws UsageError naming a few similar ids when there is none.
 */
export function lookupTarget(application: Application, id: string): Target {
  const target = findTarget(application, id);
  if (target !== undefined) return target;
  const ids = application.actors.flatMap((a) => [a.id, ...a.actions.map((x) => x.id)]);
  const near = ids.filter((candidate) => candidate.toLowerCase().includes(id.toLowerCase().split(".").pop() ?? id)).slice(0, 5);
  throw new UsageError(`no actor or action \`${id}\`${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}`);
}

/**
 * The user type with that value or name.
 *
 * @throws UsageError listing the known ones when there is none.
 */
export function lookupUserType(model: RoleModel, valueOrName: string): UserTypeDef {
  const userType = findUserType(model, valueOrName);
  if (userType !== undefined) return userType;
  const known = model.userTypes.map((t) => (t.names[0] === undefined ? t.value : `${t.value} (${t.names[0]})`)).join(", ");
  throw new UsageError(`no user type \`${valueOrName}\` (known: ${known})`);
}

/**
 * The user types that may see an actor or action, as Lino's `visible_for`
 * prints them (`all`, `nobody`, or their labels), or `unknown (…)` naming
 * what is not known (see {@link visibilityOfTarget}).
 *
 * @throws UsageError when the target does not exist.
 */
export function visibleForTarget(project: AnalyzedProject, id: string): string {
  return visibilityOfTarget(project, id).text;
}

/**
 * Who may see an actor or action, as data: certainly, and for whom it is
 * unknown, and what is not known.
 *
 * @throws UsageError when the target does not exist.
 */
export function visibilityOfTarget(project: AnalyzedProject, id: string): Visibility {
  return visibilityOf(project.model, lookupTarget(project.application, id));
}

/**
 * Why a user type may or may not see an actor or action: each requirement
 * item, satisfied or not, and through which MRO path.
 *
 * @throws UsageError when the target or the user type does not exist.
 */
export function explainTarget(project: AnalyzedProject, id: string, userType: string): Explanation {
  const type = lookupUserType(project.model, userType);
  return explain(project.model, lookupTarget(project.application, id), type);
}

/**
 * Finds a role by id, or by a name bound in the user types module, or by a
 * unique class name.
 *
 * @throws UsageError when there is none, or several by that class name.
 */
export function lookupRole(model: RoleModel, ref: string): string {
  if (model.roles.has(ref)) return ref;
  const bound = model.bindings.find((b) => b.name === ref);
  if (bound !== undefined) return bound.role;
  const byName = [...model.roles.values()].filter((r) => r.name === ref);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0].id;
  if (byName.length > 1) throw new UsageError(`\`${ref}\` is ambiguous: ${byName.map((r) => r.id).join(", ")}; write module.Name`);
  throw new UsageError(`unknown role \`${ref}\``);
}

/** Lino's checkmro lines for `class X(<roles>)`, and Python's verdict on creating that class. */
export interface CheckmroAnswer {
  /** The roles named, as ids, in the order given. */
  readonly roles: readonly string[];
  /** Lino's checkmro lines: every class an argument's MRO brings in that an earlier argument brought in already. */
  readonly lines: readonly string[];
  /**
   * What Python says to `class X(<roles>)`: its MRO (the lines are then only
   * shared ancestors), a duplicate base, or the classes C3 could not order.
   */
  readonly creation: ClassCreation;
}

/**
 * Lino's checkmro for `class X(<roles>)` and C3's verdict on it. Works on a
 * model with errors, for every role that has an MRO.
 *
 * @throws UsageError for a role that cannot be found (see {@link lookupRole}),
 * or that has no MRO (a base that did not resolve, a cycle, a conflict of its own).
 */
export function checkmro(model: RoleModel, roles: readonly string[]): CheckmroAnswer {
  const ids = roles.map((r) => lookupRole(model, r));
  const mros = ids.map((id) => {
    const mro = model.roles.get(id)?.mro ?? [];
    if (mro.length === 0) throw new UsageError(withoutMro(model, id));
    return mro;
  });
  return { roles: ids, lines: checkmroLines(ids, (id) => model.roles.get(id)?.mro), creation: createClass("X", ids, mros) };
}

/** Why a role of a model with errors has no MRO, and what to ask instead. */
function withoutMro(model: RoleModel, id: string): string {
  const role = model.roles.get(id);
  const bases = role?.bases ?? [];
  const missing = bases.find((b) => (model.roles.get(b)?.mro ?? []).length === 0);
  if (missing !== undefined) return `${id} has no MRO: it inherits ${missing}, which has none (see the errors above)`;
  const creation = createClass(id, bases, bases.map((b) => model.roles.get(b)?.mro ?? []));
  if (creation.kind === "created") return `${id} has no MRO: a base of it did not resolve, or it lies on an inheritance cycle (see the errors above)`;
  return `${id} has no MRO: its own bases conflict (see RC3005 above); ask about them: rolecraft checkmro ${bases.join(" ")}`;
}
