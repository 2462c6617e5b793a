/**
 * Layouts (Lino's layout panels, SPEC §6b): what a detail window or an
 * action's parameter dialog shows, and who sees each part of it.
 *
 * ```ts
 * export class Clients extends Actor {
 *   static override detailLayout = new DetailLayout([
 *     new Panel("general", "Person", [new Field("gender", "Geschlecht"), new Field("id", "ID")]),
 *     new Panel("calendar", "Kalender", [EntriesByClient, TasksByProject]),
 *   ]);
 * }
 * ```
 *
 * Visibility is Lino's, and independent of the actor that shows the layout:
 * - a field is visible for every user type unless it has its own
 *   `requiredRoles`;
 * - a slave table (an actor class used as an element) as that actor's
 *   default action;
 * - a panel for the user types its own `requiredRoles` admit (if it has
 *   any) that see at least one of its elements; so a panel without elements
 *   is visible for nobody, and `main` for whoever sees one of the tabs.
 *
 * Each element answers for itself (`isVisibleFor`), as Lino prints it in
 * `[visible for …]`; what a user type actually finds in the window
 * (`visibleElements`) also needs every enclosing panel to be visible.
 *
 * The static analyzer reads the same declarations, so keep them literal.
 */
import { Actor, actorId } from "./actors.js";
import { checkRequiredRoles } from "./check-required-roles.js";
import { renderValue } from "./render-value.js";
import type { RequiredRoles } from "./requirements.js";
import { fieldAccess, panelAccess } from "./semantics/layout.js";
import type { Access } from "./semantics/permission.js";
import type { UserType, UserTypes } from "./user-types.js";
import { describeVisibility, resolveUserTypes } from "./visible-for.js";

/** An actor class (a subclass of `Actor`, or `Actor` itself). */
export type ActorClass = typeof Actor;

/** Options of a {@link Panel} or a {@link Field}. */
export interface ElementOptions {
  /** Roles a user type needs to see the element (default: none). */
  requiredRoles?: RequiredRoles | undefined;
}

/** Options of a {@link SlaveTable}. */
export interface SlaveTableOptions {
  /** What people read (default: the actor's `label`, else its class name). */
  label?: string | undefined;
}

/** An element of a layout, as the layout keeps it. */
export type LayoutElement = Panel | Field | SlaveTable;

/** What a panel's elements may be given as: elements, or actor classes (slave tables). */
export type LayoutElementInput = LayoutElement | ActorClass;

/** The kind of a layout element. */
export type LayoutElementKind = LayoutElement["kind"];

/**
 * An element of a layout with who may see it: the plain tree that
 * `rolecraft`'s renderers print (`renderLayoutRst` prints it as Lino's
 * `py2rst`).
 */
export interface LayoutDescription {
  readonly name: string;
  /** Absent for elements without label (e.g. `main`). */
  readonly label?: string;
  readonly kind: LayoutElementKind;
  /** As `visible-for` prints it: `all`, `nobody`, or user type labels joined by one space. */
  readonly visibleFor: string;
  readonly elements: readonly LayoutDescription[];
}

/** A data field of a window: visible for everybody unless it has its own `requiredRoles`. */
export class Field<N extends string = string> {
  /** Discriminates the element kinds. */
  readonly kind = "field";
  /** The field's name (e.g. `gender`). */
  readonly name: N;
  /** What people read; `null` prints the field as `(name)`. */
  readonly label: string | null;
  /** Roles needed to see the field, if any. */
  readonly requiredRoles: RequiredRoles | undefined;

  /**
   * @param name the field's name, unique in its layout
   * @param label what people read (`null`: none)
   */
  constructor(name: N, label: string | null, options: ElementOptions = {}) {
    this.name = checkedName(name, "field");
    this.label = label;
    this.requiredRoles = checkedRequirement(options.requiredRoles, `field ${JSON.stringify(name)}`);
  }

  /** Whether users of this type may see the field (Lino's `get_view_permission` of the element). */
  isVisibleFor(userType: UserType): boolean {
    return fieldAccess(ownAccess(this.requiredRoles, userType)) === "visible";
  }
}

/**
 * A slave table: another actor shown inside the window. Its name is the
 * actor's id, its label the actor's `label` (default: the class name), and
 * it is visible as the actor's default action. Panels make one for every
 * actor class among their elements.
 */
export class SlaveTable<A extends ActorClass = ActorClass> {
  /** Discriminates the element kinds. */
  readonly kind = "slave";
  /** The actor shown. */
  readonly actor: A;
  readonly #label: string | undefined;

  constructor(actor: A, options: SlaveTableOptions = {}) {
    if (!isActorClass(actor)) throw new TypeError(`${renderValue(actor)} is not an actor class`);
    this.actor = actor;
    this.#label = options.label;
  }

  /** The actor's id (read when asked, so an `appLabel` declared after the layout still counts). */
  get name(): string {
    return actorId(this.actor);
  }

  /** What people read. */
  get label(): string {
    return this.#label ?? this.actor.label ?? this.actor.name;
  }

  /** Whether users of this type may see the actor's default action. */
  isVisibleFor(userType: UserType): boolean {
    return this.actor.getViewPermission(userType);
  }
}

/**
 * A panel (a tab, a group of fields): visible for the user types its own
 * `requiredRoles` admit (all without them) that see at least one of its
 * elements.
 */
export class Panel<N extends string = string> {
  /** Discriminates the element kinds. */
  readonly kind = "panel";
  /** The panel's name (e.g. `calendar`). */
  readonly name: N;
  /** What people read (e.g. `Kalender`); `null` prints the panel as `(name)`. */
  readonly label: string | null;
  /** The elements, in order; actor classes given became {@link SlaveTable}s. */
  readonly elements: readonly LayoutElement[];
  /** Roles needed to see the panel, if any (it also needs one visible element). */
  readonly requiredRoles: RequiredRoles | undefined;

  /**
   * @param name the panel's name, unique in its layout
   * @param label what people read (`null`: none)
   * @param elements panels, fields and actor classes (slave tables)
   */
  constructor(name: N, label: string | null, elements: readonly LayoutElementInput[], options: ElementOptions = {}) {
    this.name = checkedName(name, "panel");
    this.label = label;
    if (!Array.isArray(elements)) throw new TypeError(`the elements of panel ${JSON.stringify(name)} must be an array`);
    this.elements = Object.freeze(elements.map((element: unknown) => toElement(element, name)));
    this.requiredRoles = checkedRequirement(options.requiredRoles, `panel ${JSON.stringify(name)}`);
  }

  /** Whether users of this type may see the panel: its own requirement, and one visible element. */
  isVisibleFor(userType: UserType): boolean {
    const elements = this.elements;
    const accesses = function* (): Generator<Access> {
      for (const element of elements) yield element.isVisibleFor(userType) ? "visible" : "hidden";
    };
    return panelAccess(ownAccess(this.requiredRoles, userType), accesses()) === "visible";
  }
}

/**
 * A layout: the panel `main` and everything in it. Use {@link DetailLayout}
 * for an actor's detail window and {@link ParamsLayout} for an action's
 * parameter dialog.
 */
export class Layout {
  /** The root panel, named `main`, without label and requirement. */
  readonly main: Panel<"main">;

  /**
   * @param elements the elements of `main`: panels (tabs), fields and actor
   *   classes (slave tables). Names must be unique in the whole layout, as
   *   Lino requires.
   */
  constructor(elements: readonly LayoutElementInput[]) {
    this.main = new Panel("main", null, elements);
    const seen = new Set<string>();
    for (const element of walk(this.main)) {
      if (seen.has(element.name)) throw new Error(`duplicate element name ${JSON.stringify(element.name)} in a layout`);
      seen.add(element.name);
    }
  }

  /** The elements of `main` (spread them to extend another actor's layout). */
  get elements(): readonly LayoutElement[] {
    return this.main.elements;
  }

  /** The element of that name (`main` included), like Lino's `layout['calendar']`. */
  get(name: string): LayoutElement | undefined {
    for (const element of walk(this.main)) if (element.name === name) return element;
    return undefined;
  }

  /** Every element below `main`, parents before their elements, in layout order. */
  *walk(): Generator<LayoutElement, void, undefined> {
    const all = walk(this.main);
    all.next(); // main itself
    yield* all;
  }

  /**
   * The elements below `main` that users of this type find in the window:
   * each visible itself and inside panels that are all visible; parents
   * before their elements, in layout order. Empty when the window shows
   * nothing (then `main` is not visible either).
   */
  visibleElements(userType: UserType): LayoutElement[] {
    const result: LayoutElement[] = [];
    const visit = (panel: Panel): void => {
      for (const element of panel.elements) {
        if (!element.isVisibleFor(userType)) continue;
        result.push(element);
        if (element instanceof Panel) visit(element);
      }
    };
    if (this.main.isVisibleFor(userType)) visit(this.main);
    return result;
  }

  /**
   * Lino's `visible_for` of an element (default: `main`): `all`, `nobody`, or
   * the labels of the user types that may see it, joined by one space.
   * Throws when the layout has no element of that name.
   *
   * @param userTypes default: the current user types list
   */
  visibleFor(name = "main", userTypes?: UserTypes): string {
    const element = this.get(name);
    if (element === undefined) throw new Error(`the layout has no element ${JSON.stringify(name)}`);
    return describeVisibility(resolveUserTypes(userTypes), (userType) => element.isVisibleFor(userType));
  }

  /**
   * The layout as plain data, every element with its `visibleFor`: what
   * `renderLayoutRst` and the other renderers of rolecraft print.
   *
   * @param userTypes default: the current user types list
   */
  describe(userTypes?: UserTypes): LayoutDescription {
    const list = resolveUserTypes(userTypes);
    const describeElement = (element: LayoutElement): LayoutDescription => {
      const visibleFor = describeVisibility(list, (userType) => element.isVisibleFor(userType));
      const elements = element instanceof Panel ? element.elements.map(describeElement) : [];
      const { name, kind } = element;
      const label = element.label;
      return label === null ? { name, kind, visibleFor, elements } : { name, label, kind, visibleFor, elements };
    };
    return describeElement(this.main);
  }
}

/** The layout of an actor's detail window (`static detailLayout`); its root is the panel `main`. */
export class DetailLayout extends Layout {}

/** The layout of an action's parameter dialog (`new Action({ paramsLayout })`); its root is the panel `main`. */
export class ParamsLayout extends Layout {}

/** An action with a parameter dialog, described for `renderDialogActionsRst` (Lino's `show_dialog_actions`). */
export interface DialogActionDescription {
  /** `<actor id>.<action name>`. */
  readonly id: string;
  /** The action's label, else its name. */
  readonly label: string;
  readonly layout: LayoutDescription;
}

/**
 * The actions of these actors that have a parameter dialog, each with its
 * layout described, in the order given (actors, then their actions). A
 * parameter layout several actors share (an inherited action) is listed
 * once, under the first of them, as Lino lists it.
 *
 * @param userTypes default: the current user types list
 */
export function describeDialogActions(actors: Iterable<ActorClass>, userTypes?: UserTypes): DialogActionDescription[] {
  const list = resolveUserTypes(userTypes);
  const seen = new Set<Layout>();
  const result: DialogActionDescription[] = [];
  for (const actor of actors) {
    for (const [name, action] of Object.entries(actor.actions)) {
      const layout = action.paramsLayout;
      if (layout === undefined || seen.has(layout)) continue;
      seen.add(layout);
      result.push({ id: `${actorId(actor)}.${name}`, label: action.label ?? name, layout: layout.describe(list) });
    }
  }
  return result;
}

/** The panel and everything in it, parents first. */
function* walk(panel: Panel): Generator<LayoutElement, void, undefined> {
  yield panel;
  for (const element of panel.elements) {
    if (element instanceof Panel) yield* walk(element);
    else yield element;
  }
}

function toElement(element: unknown, panel: string): LayoutElement {
  if (element instanceof Panel || element instanceof Field || element instanceof SlaveTable) return element;
  if (isActorClass(element)) return new SlaveTable(element);
  throw new TypeError(`${renderValue(element)} in panel ${JSON.stringify(panel)} is not a Panel, a Field or an actor class`);
}

function isActorClass(value: unknown): value is ActorClass {
  if (typeof value !== "function") return false;
  const prototype: unknown = value.prototype;
  return value === Actor || prototype instanceof Actor;
}

function checkedName<N extends string>(name: N, what: string): N {
  if (typeof name !== "string" || !/^\S+$/.test(name)) throw new Error(`${what} name ${renderValue(name)} must be a non-empty string without spaces`);
  return name;
}

/** What an element's own requirement says for a user type (undefined: it has none). */
function ownAccess(requiredRoles: RequiredRoles | undefined, userType: UserType): Access | undefined {
  if (requiredRoles === undefined) return undefined;
  return userType.hasRequiredRoles(requiredRoles) ? "visible" : "hidden";
}

function checkedRequirement(requiredRoles: RequiredRoles | undefined, where: string): RequiredRoles | undefined {
  if (requiredRoles !== undefined) checkRequiredRoles(requiredRoles, where);
  return requiredRoles;
}
