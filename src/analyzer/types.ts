/**
 * What the analyzer finds in an application's sources: actors, their actions
 * and the roles each of them requires. Plain data, no behaviour; every later
 * step (permissions, lints, reports) works from it.
 */
import type { Span } from "../diagnostics/diagnostic.js";

/**
 * Part of a requirement that is not known: an expression that could not be
 * resolved statically (RC5004, or the error that names it), or a role the
 * role model lacks (RC5003, its text then the role id).
 */
export interface UnresolvedExpression {
  /** The expression's source text, whitespace collapsed and truncated; for an unknown role, its id. */
  readonly text: string;
  /** Where it is written. */
  readonly span: Span;
}

/**
 * One item of a requirement: a role (`roles.length === 1`) or an OR-group of
 * roles (satisfied by any of them).
 */
export interface ResolvedItem {
  /** Role ids, in the order written. One role = a plain item, more = an OR-group. */
  readonly roles: readonly string[];
  /** Where the item is written (for an item brought in through a `const`, inside that const). */
  readonly span: Span;
  /** The item's source text, whitespace collapsed and truncated. */
  readonly text: string;
  /** Where each role of `roles` is written, parallel to `roles`. */
  readonly memberSpans: readonly Span[];
  /**
   * Members that are not known, in the order written: an OR-group member
   * that could not be resolved (not in `roles`), or a member of `roles` the
   * role model lacks (its text the role id). For a user type whose role
   * inherits none of `roles`, the item is then unknown, not unsatisfied.
   */
  readonly unresolved: readonly UnresolvedExpression[];
}

/**
 * A requirement (an AND-collection of items) as far as it is known.
 * `unresolved` lists the whole items that could not be resolved; the
 * unknown members of an item are the item's own. `complete` is false when
 * anything is not known (the diagnostics say what): who may see something
 * with it is then, for some user types, unknown (see the runtime's
 * `accessOf`), never guessed.
 */
export interface ResolvedRequirement {
  readonly items: readonly ResolvedItem[];
  readonly unresolved: readonly UnresolvedExpression[];
  readonly complete: boolean;
}

/** An action of an actor (an entry of its `static actions`). */
export interface AnalyzedAction {
  /** `<actor id>.<key>`. */
  readonly id: string;
  /** The key in `static actions`. */
  readonly name: string;
  /** Lino's `readonly`: true unless the action says `readonly: false`. */
  readonly readonly: boolean;
  /** The action's own required roles (`[]` when it declares none). */
  readonly requiredRoles: ResolvedRequirement;
  /** Where the action's own `requiredRoles` expression is written, when it has one. */
  readonly requiredRolesSpan?: Span;
  /** The actor's required roles followed by the action's own: what decides who may see it. */
  readonly combined: ResolvedRequirement;
  /** The key of the entry in the `static actions` object that declares it (maybe in a parent class). */
  readonly span: Span;
  /** The action's `label` option, when it has one that is a string (Lino shows the name otherwise). */
  readonly label?: string;
  /** Its parameter dialog (`paramsLayout: new ParamsLayout([…])`), when it has one. */
  readonly paramsLayout?: AnalyzedLayout;
  /** Where `debugPermissions: true` is written, when the action turns permission debug messages on. */
  readonly debugPermissions?: Span;
}

/** A class that extends the runtime's `Actor`, directly or through other classes. */
export interface AnalyzedActor {
  /** `<appLabel>.<ClassName>`. */
  readonly id: string;
  readonly className: string;
  readonly appLabel: string;
  /** The file declaring the class, relative to `cwd`, with forward slashes. */
  readonly file: string;
  /** The class name. */
  readonly span: Span;
  /** Own or inherited required roles (default `[core.SiteUser]` from `Actor`). */
  readonly requiredRoles: ResolvedRequirement;
  /** Where the effective `requiredRoles` expression is written (for the default: the `extends Actor` clause). */
  readonly requiredRolesSpan: Span;
  /** Id of the actor class that declares the effective `requiredRoles`, or `"Actor"` for the default. */
  readonly requiredRolesFrom: string;
  /** Own and inherited actions, sorted by id. */
  readonly actions: readonly AnalyzedAction[];
  /** Own or inherited `static label`, else the class name: what a layout showing it as a slave table reads. */
  readonly label?: string;
  /** Own or inherited `static detailLayout`, when it has one. */
  readonly detailLayout?: AnalyzedLayout;
  /** Where its own or inherited `static debugPermissions = true` is written, when it turns debug messages on. */
  readonly debugPermissions?: Span;
}

/**
 * An element of a layout as the analyzer reads it (SPEC §6b): a panel, a
 * field, a slave table (an actor class among a panel's elements), or an
 * element that could not be read statically (an RC5030 error says why),
 * whose visibility is then unknown for every user type.
 */
export type AnalyzedLayoutElement = AnalyzedPanel | AnalyzedField | AnalyzedSlave | AnalyzedUnknownElement;

/** `new Panel(name, label, elements, { requiredRoles }?)`; `main` is the root of every layout. */
export interface AnalyzedPanel {
  readonly kind: "panel";
  readonly name: string;
  /** `null`: written without label. */
  readonly label: string | null;
  /** Its own requirement, when it has one. */
  readonly requiredRoles?: ResolvedRequirement;
  readonly elements: readonly AnalyzedLayoutElement[];
  /** The `new Panel(…)` expression (for `main`, the `new DetailLayout(…)`). */
  readonly span: Span;
}

/** `new Field(name, label, { requiredRoles }?)`. */
export interface AnalyzedField {
  readonly kind: "field";
  readonly name: string;
  readonly label: string | null;
  readonly requiredRoles?: ResolvedRequirement;
  readonly span: Span;
}

/** An actor class (or `new SlaveTable(Actor, { label }?)`) among a panel's elements: visible as that actor's default action. */
export interface AnalyzedSlave {
  readonly kind: "slave";
  /** The actor's id. */
  readonly name: string;
  /** The `label` given to `SlaveTable`, else the actor's own or inherited `static label`, else its class name. */
  readonly label: string;
  /** The actor's own or inherited required roles. */
  readonly actorRequiredRoles: ResolvedRequirement;
  readonly span: Span;
}

/** An element that could not be read statically: who may see it (and every panel around it, in part) is unknown. */
export interface AnalyzedUnknownElement {
  readonly kind: "unknown";
  /** The expression as written, whitespace collapsed and cut. */
  readonly text: string;
  readonly span: Span;
}

/** A layout: `static detailLayout = new DetailLayout([…])` or an action's `paramsLayout: new ParamsLayout([…])`. */
export interface AnalyzedLayout {
  readonly kind: "detail" | "params";
  /** The root panel, `main` (no label, no requirement). */
  readonly main: AnalyzedPanel;
  /**
   * Where the layout object is created (its `new …Layout(…)` expression): one
   * layout shared by several actors or actions (an inherited action, a
   * const) has one key, as it is one object at run time.
   */
  readonly key: string;
  /** False when some element could not be read statically. */
  readonly complete: boolean;
}

/**
 * An actor (standing for its default action, which is readonly) or one of its
 * actions: what the permission answers (`permissionOf`, `visibleFor`,
 * `explain` in the runtime's semantics) take.
 */
export type Target = AnalyzedActor | AnalyzedAction;

/** Everything the analyzer found, actors sorted by id. */
export interface Application {
  readonly actors: readonly AnalyzedActor[];
}
