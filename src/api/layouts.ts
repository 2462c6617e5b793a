/**
 * Layouts as answers (SPEC §6b): an actor's detail layout or an action's
 * parameter layout with who may see each element, as Lino's `py2rst`
 * prints it, and the application's dialog actions as Lino's
 * `show_dialog_actions` lists them. Rendering is the reports' job
 * (`renderLayout`, `renderDialogActions`).
 */
import type { AnalyzedLayout } from "../analyzer/types.js";
import { describeAnalyzedLayout, dialogActionEntries, isKnownLayout, type DescribedDialogAction, type LayoutDescription } from "../report/application-layouts.js";
import { findLayoutNode } from "../report/layout-tree.js";
import { analyze, type CheckOptions, type CheckResult } from "./check.js";
import { UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";
import { analyzedProject, lookupTarget, type AnalyzedProject } from "./show.js";

/** A layout to print: its root (or the element asked for) and how Lino compares that element's visibility. */
export interface ShownLayout {
  /** `<actor id>` for a detail layout, `<actor id>.<action>` for a parameter layout. */
  readonly target: string;
  readonly kind: AnalyzedLayout["kind"];
  /** The element printed: `main`, or the one asked for, with everything in it. */
  readonly node: LayoutDescription;
  /**
   * The visibility of the element's parent (undefined for `main`): Lino's
   * `py2rst(layout['calendar'])` prints the bracket only where the element
   * differs from it.
   */
  readonly parentVisibleFor: string | undefined;
  /** False when who may see some element is unknown (the command then exits 1). */
  readonly known: boolean;
}

/**
 * The detail layout of an actor (`<actor id>`) or the parameter layout of an
 * action (`<actor id>.<action>`); with `element`, only that element (Lino's
 * `layout['calendar']`).
 *
 * @throws UsageError when the target does not exist, has no layout, or the layout no such element.
 */
export function layoutOfTarget(project: AnalyzedProject, id: string, element?: string): ShownLayout {
  const target = lookupTarget(project.application, id);
  const layout = "combined" in target ? target.paramsLayout : target.detailLayout;
  if (layout === undefined) {
    throw new UsageError("combined" in target ? `the action \`${id}\` has no paramsLayout` : `the actor \`${id}\` has no detailLayout`);
  }
  const root = describeAnalyzedLayout(project.model, layout);
  let node: LayoutDescription = root;
  let parentVisibleFor: string | undefined;
  if (element !== undefined) {
    const found = findLayoutNode(root, element);
    if (found === undefined) throw new UsageError(`the layout of \`${id}\` has no element \`${element}\``);
    node = found.node;
    parentVisibleFor = found.parentVisibleFor;
  }
  return { target: id, kind: layout.kind, node, parentVisibleFor, known: isKnownLayout(node) };
}

/** The dialog actions of the application and whether who may see every element is known. */
export interface ShownDialogActions {
  readonly entries: readonly DescribedDialogAction[];
  readonly known: boolean;
}

/** Every action with a parameter dialog (see `dialogActionEntries`). */
export function dialogActionsOf(project: AnalyzedProject): ShownDialogActions {
  const entries = dialogActionEntries(project.model, project.application);
  return { entries, known: entries.every((entry) => isKnownLayout(entry.layout)) };
}

/** A check result and, when the application has no errors, the layout asked for. */
export interface LayoutResult extends CheckResult {
  readonly layout?: ShownLayout;
}

/**
 * `rolecraft show layout`: the application analyzed, and the layout of an
 * actor or action (see {@link layoutOfTarget}).
 *
 * @throws UsageError without sources, when the module can't be read, the target does not exist or has no layout.
 */
export async function showLayout(options: CheckOptions & { readonly target: string; readonly element?: string }, host: RolecraftHost): Promise<LayoutResult> {
  requireSources(options);
  const result = await analyze(options, host);
  const project = analyzedProject(result);
  return project === undefined ? result : { ...result, layout: layoutOfTarget(project, options.target, options.element) };
}

/** A check result and, when the application has no errors, its dialog actions. */
export interface DialogActionsResult extends CheckResult {
  readonly dialogActions?: ShownDialogActions;
}

/**
 * `rolecraft show dialog-actions`: every action with a parameter dialog and
 * its layout, as Lino's `show_dialog_actions()` lists them.
 *
 * @throws UsageError without sources, or when the module can't be read.
 */
export async function showDialogActions(options: CheckOptions, host: RolecraftHost): Promise<DialogActionsResult> {
  requireSources(options);
  const result = await analyze(options, host);
  const project = analyzedProject(result);
  return project === undefined ? result : { ...result, dialogActions: dialogActionsOf(project) };
}

/** Layouts live in the application's sources: without them there is nothing to answer. */
function requireSources(options: CheckOptions): void {
  if (options.sources === undefined) throw new UsageError("layouts are read from the application: give its sources (`sources: { src }` or `{ project }`)");
}
