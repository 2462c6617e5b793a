/**
 * Layouts (SPEC §6b) and the other static members the runtime reads for
 * them and for permission debug messages (§6c): an actor's `static
 * detailLayout`, `static label` and `static debugPermissions`, and an
 * action's `paramsLayout`, `label` and `debugPermissions` options.
 *
 * Layouts are read with the same rules as requirements: through consts (in
 * any file), imports, aliases, namespace imports and re-exports; a panel's
 * or field's `requiredRoles` is resolved as any requirement (RC5001–RC5004).
 * What a layout may be written as (see docs/analyzer.md):
 *
 * - a layout: `new DetailLayout([…])`, `new ParamsLayout([…])`, `new
 *   Layout([…])`, `Other.detailLayout` (another actor's, own or inherited),
 *   `super.detailLayout`, or a const holding one of these; an actor without
 *   its own `static detailLayout` inherits its parent's;
 * - a list of elements: an array literal (spreads of lists spliced in), a
 *   const holding one, or the elements of a layout or panel:
 *   `Other.detailLayout.elements`, `….main.elements`, `panel.elements`;
 * - an element: `new Panel(name, label, elements, { requiredRoles }?)`,
 *   `new Field(name, label, { requiredRoles }?)`, `new SlaveTable(Actor,
 *   { label }?)`, an actor class (a slave table), a layout's `main`, or a
 *   const holding one of these;
 * - names and labels: string literals or consts holding one; a label may
 *   be `null`.
 *
 * Anything else is an element that can't be read (RC5030, an error): it
 * stays in the layout as an unknown element, so who may see it, and the
 * panels around it, is unknown, never guessed.
 */
import type { Span } from "../diagnostics/diagnostic.js";
import type { DiagnosticSink, LogEntry } from "./diagnostic-sink.js";
import type { ActorIndex } from "./discover.js";
import { className } from "./discover.js";
import { ownStaticMember, unwrap, type Evaluator } from "./evaluate.js";
import type { Binding } from "./module-graph.js";
import type { RequirementResolver } from "./resolve.js";
import { nodeText, spanKey, type SpanMaker } from "./spans.js";
import type { Expr, Loc, SyntaxClass } from "./syntax.js";
import type { AnalyzedLayout, AnalyzedLayoutElement, AnalyzedPanel, AnalyzedSlave, ResolvedRequirement } from "./types.js";

/**
 * How deeply panels, and layouts taken from other layouts, may nest before
 * the rest is left unknown: far more than any window has, and few enough
 * that reading them recursively never strains the call stack.
 */
export const MAX_LAYOUT_DEPTH = 64;

/** The layout options of an action, as written (undefined: not given). */
export interface ActionLayoutOptions {
  readonly label: Expr | undefined;
  readonly paramsLayout: Expr | undefined;
  readonly debugPermissions: Expr | undefined;
}

/** What the reader finds on an actor class. */
export interface ActorLayoutFacts {
  /** Own or inherited `static label`, else the class name. */
  readonly label: string;
  readonly detailLayout: AnalyzedLayout | undefined;
  /** Where an own or inherited `static debugPermissions = true` is written. */
  readonly debugPermissions: Span | undefined;
}

/** What the reader finds on an action. */
export interface ActionLayoutFacts {
  readonly label: string | undefined;
  readonly paramsLayout: AnalyzedLayout | undefined;
  readonly debugPermissions: Span | undefined;
}

/** Where a static member is declared: the class, the initializer (undefined: not a plain property) and the member. */
interface Declaration {
  readonly cls: SyntaxClass;
  readonly expression: Expr | undefined;
  readonly member: Loc;
}

/** A list entry: an expression still to read, or an element read already (from another layout). */
type Listed = { readonly kind: "expr"; readonly node: Expr } | { readonly kind: "element"; readonly element: AnalyzedLayoutElement };

/** Who a layout is read for: named in messages, and the kind of layout expected. */
interface Context {
  /** An actor or action id. */
  readonly owner: string;
  readonly kind: AnalyzedLayout["kind"];
}

/** A layout, or why there is none to read. */
type LayoutResult = { readonly kind: "layout"; readonly layout: AnalyzedLayout } | { readonly kind: "none" } | { readonly kind: "problem"; readonly node: Loc; readonly reason: string };

/** A cached answer and what computing it reported (replayed on every use, for watch mode). */
interface Cached<T> {
  readonly value: T;
  readonly reports: readonly LogEntry[] | undefined;
}


/** Reads layouts and the related static members; one per analysis, every answer computed once. */
export class LayoutReader {
  private readonly layouts = new Map<Loc, Cached<AnalyzedLayout>>();
  private readonly classLayouts = new Map<SyntaxClass, Cached<LayoutResult>>();
  private readonly labels = new Map<SyntaxClass, Cached<string>>();
  /** Per static member name, per class: where it is declared (null: nowhere). */
  private readonly declarations = new Map<string, Map<SyntaxClass, Declaration | null>>();
  /** Layouts, class layouts and panels being read (a const that contains itself has no end). */
  private readonly busy = new Set<object>();
  private depth = 0;
  /** How often the depth limit cut a reading short: what was read meanwhile is not cached. */
  private cuts = 0;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly index: ActorIndex,
    private readonly resolver: RequirementResolver,
    private readonly spans: SpanMaker,
    private readonly sink: DiagnosticSink,
  ) {}

  /** The label, detail layout and debug flag of an actor class. */
  actorFacts(cls: SyntaxClass, id: string): ActorLayoutFacts {
    const found = this.classLayout(cls, { owner: id, kind: "detail" });
    let detailLayout: AnalyzedLayout | undefined;
    if (found.kind === "layout") detailLayout = found.layout;
    else if (found.kind === "problem") detailLayout = this.unknownLayout(found.node, found.reason, { owner: id, kind: "detail" });
    return { label: this.actorLabel(cls), detailLayout, debugPermissions: this.actorDebugPermissions(cls, id) };
  }

  /** The label, parameter layout and debug flag of an action, from its options. */
  actionFacts(options: ActionLayoutOptions, id: string): ActionLayoutFacts {
    const context: Context = { owner: id, kind: "params" };
    let paramsLayout: AnalyzedLayout | undefined;
    if (options.paramsLayout !== undefined) {
      const found = this.layout(options.paramsLayout, context);
      if (found.kind === "layout") paramsLayout = found.layout;
      else if (found.kind === "problem") paramsLayout = this.unknownLayout(found.node, found.reason, context);
    }
    let label: string | undefined;
    if (options.label !== undefined) {
      const value = this.evaluator.evaluate(options.label);
      if (value.kind === "string") label = value.value;
      else if (paramsLayout !== undefined && !(value.kind === "other" && value.what === "undefined")) {
        // Only a dialog shows the label: elsewhere it is not the analyzer's business.
        this.problem(options.label, id, "an action's label must be a string literal (or a const holding one); its name is shown instead");
      }
    }
    let debugPermissions: Span | undefined;
    if (options.debugPermissions !== undefined) debugPermissions = this.debugFlag(options.debugPermissions, id, id);
    return { label, paramsLayout, debugPermissions };
  }

  // ---------------------------------------------------------------- static members of actor classes

  /**
   * The class declaring the static member `name` that `cls` has (itself or
   * the nearest ancestor), with the member. Remembered for every class on
   * the way, so that a long chain of classes extending each other is walked
   * once, not once per class.
   */
  private declaring(cls: SyntaxClass, name: string): Declaration | undefined {
    let memo = this.declarations.get(name);
    if (memo === undefined) this.declarations.set(name, (memo = new Map()));
    const path = new Set<SyntaxClass>();
    let found: Declaration | null = null;
    for (let current: SyntaxClass | undefined = cls; current !== undefined; ) {
      const known = memo.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (path.has(current)) break; // a cycle of classes: declared nowhere
      path.add(current);
      const own = ownStaticMember(current, name);
      if (own !== undefined) {
        found = { cls: current, expression: own.expression, member: own.member };
        break;
      }
      const parent = this.evaluator.parentOf(current);
      current = parent.kind === "class" ? parent.node : undefined;
    }
    for (const visited of path) memo.set(visited, found);
    return found ?? undefined;
  }

  /** Own or inherited `static label` of an actor class, else its class name (as the runtime's `SlaveTable` reads it). */
  private actorLabel(cls: SyntaxClass): string {
    return this.cached(this.labels, cls, () => {
      const declared = this.declaring(cls, "label");
      if (declared === undefined) return className(cls);
      const owner = this.index.isActor(declared.cls) ? this.index.actorId(declared.cls) : className(declared.cls);
      if (declared.expression === undefined) {
        this.problem(declared.member, owner, "write label as a static property with a string initializer; `?` is shown instead");
        return "?";
      }
      const value = this.evaluator.evaluate(declared.expression);
      if (value.kind === "string") return value.value;
      if (value.kind === "other" && value.what === "undefined") return className(cls);
      this.problem(declared.expression, owner, "label must be a string literal (or a const holding one); `?` is shown instead");
      return "?";
    });
  }

  /** Where the `static debugPermissions` that turns debug messages on for `cls` is written, if any. */
  private actorDebugPermissions(cls: SyntaxClass, id: string): Span | undefined {
    const declared = this.declaring(cls, "debugPermissions");
    if (declared === undefined) return undefined;
    const where = declared.cls === cls ? id : this.index.isActor(declared.cls) ? this.index.actorId(declared.cls) : className(declared.cls);
    if (declared.expression === undefined) return this.debugUnknown(declared.member, where);
    return this.debugFlag(declared.expression, where, where);
  }

  /** A `debugPermissions` value: its span when it is (or may be) true; RC5033 where it is written. */
  private debugFlag(expression: Expr, where: string, owner: string): Span | undefined {
    const value = this.evaluator.evaluate(expression);
    if (value.kind === "boolean" || (value.kind === "other" && value.what === "undefined")) {
      if (value.kind !== "boolean" || !value.value) return undefined;
      const span = this.spans.of(unwrap(expression));
      this.sink.report("debugPermissionsOn", { id: where }, span);
      return span;
    }
    return this.debugUnknown(expression, owner);
  }

  /** A `debugPermissions` whose value can't be read: it may be on. */
  private debugUnknown(node: Loc, owner: string): Span {
    const span = this.spans.of(node);
    this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: owner }, span, {
      hint: "debugPermissions must be `true` or `false`; as it is, it may be on",
    });
    return span;
  }

  // ---------------------------------------------------------------- layouts

  /** The own or inherited `static detailLayout` of a class. */
  private classLayout(cls: SyntaxClass, context: Context): LayoutResult {
    return this.cached(
      this.classLayouts,
      cls,
      () => {
        const declared = this.declaring(cls, "detailLayout");
        if (declared === undefined) return { kind: "none" };
        const owner = declared.cls === cls ? context.owner : this.index.isActor(declared.cls) ? this.index.actorId(declared.cls) : className(declared.cls);
        if (declared.expression === undefined) {
          return { kind: "problem", node: declared.member, reason: "write detailLayout as a static property with an initializer, or a getter that only returns it" };
        }
        return this.layout(declared.expression, { owner, kind: "detail" });
      },
      (): LayoutResult => ({ kind: "problem", node: cls.nameLoc ?? cls, reason: `the detailLayout of ${className(cls)} depends on itself` }),
    );
  }

  /** What a layout expression denotes. */
  private layout(expression: Expr, context: Context): LayoutResult {
    const node = this.follow(expression);
    if (node.kind === "new") {
      const callee = this.evaluator.evaluate(node.callee);
      if (callee.kind === "runtime" && (callee.name === "DetailLayout" || callee.name === "ParamsLayout" || callee.name === "Layout")) {
        const kind = callee.name === "DetailLayout" ? "detail" : callee.name === "ParamsLayout" ? "params" : context.kind;
        return { kind: "layout", layout: this.newLayout(node, { owner: context.owner, kind }) };
      }
      return { kind: "problem", node: node.callee, reason: "a layout is `new DetailLayout([…])` or `new ParamsLayout([…])` of rolecraft/runtime" };
    }
    if (node.kind === "prop" && node.name === "detailLayout") {
      const cls = this.classOf(node.target);
      if (cls === undefined) return { kind: "problem", node, reason: "`.detailLayout` of something that is not a class" };
      if (!this.depthAllows()) return { kind: "problem", node, reason: `layouts taken from other layouts nest deeper than ${MAX_LAYOUT_DEPTH} levels` };
      this.depth++;
      try {
        const found = this.classLayout(cls, { owner: context.owner, kind: "detail" });
        return found.kind === "none" ? { kind: "problem", node, reason: `${className(cls)} has no detailLayout` } : found;
      } finally {
        this.depth--;
      }
    }
    const value = this.evaluator.evaluate(node);
    if (value.kind === "other" && value.what === "undefined") return { kind: "none" };
    const reason = value.kind === "unresolved" ? value.reason : "a layout is `new DetailLayout([…])`, `new ParamsLayout([…])` or `Other.detailLayout`";
    return { kind: "problem", node: value.kind === "unresolved" ? value.node : node, reason };
  }

  /** `new DetailLayout(elements)`: its root panel `main`, read once per expression. */
  private newLayout(node: Expr & { readonly kind: "new" }, context: Context): AnalyzedLayout {
    return this.cached(
      this.layouts,
      node,
      () => {
        const span = this.spans.of(node);
        const elementsNode = node.args?.[0];
        const elements = elementsNode === undefined ? [this.unknownElement(node, context, "a layout needs its list of elements")] : this.elements(elementsNode, context);
        const main: AnalyzedPanel = { kind: "panel", name: "main", label: null, elements, span };
        this.checkNames(main, context);
        return { kind: context.kind, main, key: spanKey(span), complete: isComplete(main) };
      },
      () => this.unknownLayout(node, "the layout contains itself", context),
    );
  }

  /** A layout whose content can't be read: `main` holding one unknown element (RC5030 reported). */
  private unknownLayout(node: Loc, reason: string, context: Context): AnalyzedLayout {
    const span = this.spans.of(node);
    const main: AnalyzedPanel = { kind: "panel", name: "main", label: null, elements: [this.unknownElement(node, context, reason)], span };
    return { kind: context.kind, main, key: spanKey(span), complete: false };
  }

  // ---------------------------------------------------------------- elements

  /** The elements a list expression holds, spreads spliced in. */
  private elements(expression: Expr, context: Context): AnalyzedLayoutElement[] {
    const result: AnalyzedLayoutElement[] = [];
    for (const entry of this.list(expression, context)) {
      result.push(entry.kind === "element" ? entry.element : this.element(entry.node, context));
    }
    return result;
  }

  /** The entries of a list: an array literal (spreads spliced in), a const holding one, or `<panel or layout>.elements`. */
  private list(expression: Expr, context: Context): Listed[] {
    const node = this.follow(expression);
    if (node.kind === "array") {
      const entries: Listed[] = [];
      for (const element of node.elements) {
        if (element.kind === "spread") {
          if (!this.depthAllows()) {
            entries.push({ kind: "element", element: this.unknownElement(element, context, `lists spread into lists nest deeper than ${MAX_LAYOUT_DEPTH} levels`) });
            continue;
          }
          this.depth++;
          try {
            for (const entry of this.list(element.expr, context)) entries.push(entry);
          } finally {
            this.depth--;
          }
        }
        else if (element.kind === "omitted") entries.push({ kind: "element", element: this.unknownElement(element, context, "an array hole is not an element") });
        else entries.push({ kind: "expr", node: element });
      }
      return entries;
    }
    if (node.kind === "prop" && node.name === "elements") {
      const panel = this.panelOf(node.target, context);
      if (panel.kind === "panel") return panel.elements.map((element) => ({ kind: "element", element }));
      return [{ kind: "element", element: panel }];
    }
    const value = this.evaluator.evaluate(node);
    const reason = value.kind === "unresolved" ? value.reason : "a list of elements is an array literal, a const holding one, or `Other.detailLayout.elements`";
    return [{ kind: "element", element: this.unknownElement(value.kind === "unresolved" ? value.node : node, context, reason) }];
  }

  /** The panel an expression denotes (a layout stands for its `main`), or the unknown element it is instead. */
  private panelOf(expression: Expr, context: Context): AnalyzedLayoutElement {
    const node = this.follow(expression);
    if (node.kind === "prop" && node.name === "main") return this.mainOf(node.target, node, context);
    if (node.kind === "new" || (node.kind === "prop" && node.name === "detailLayout")) {
      const callee = node.kind === "new" ? this.evaluator.evaluate(node.callee) : undefined;
      if (callee?.kind === "runtime" && callee.name === "Panel") return this.element(node, context);
      return this.mainOf(node, node, context);
    }
    return this.unknownElement(node, context, "`.elements` of something that is not a layout or a panel");
  }

  /** The `main` panel of the layout `expression` denotes. */
  private mainOf(expression: Expr, at: Loc, context: Context): AnalyzedLayoutElement {
    if (!this.depthAllows()) return this.unknownElement(at, context, `layouts taken from other layouts nest deeper than ${MAX_LAYOUT_DEPTH} levels`);
    this.depth++;
    let found: LayoutResult;
    try {
      found = this.layout(expression, context);
    } finally {
      this.depth--;
    }
    if (found.kind === "layout") return found.layout.main;
    if (found.kind === "none") return this.unknownElement(at, context, "there is no layout here");
    return this.unknownElement(found.node, context, found.reason);
  }

  /** One element. */
  private element(expression: Expr, context: Context): AnalyzedLayoutElement {
    const node = this.follow(expression);
    if (node.kind === "new") {
      const callee = this.evaluator.evaluate(node.callee);
      if (callee.kind === "runtime" && (callee.name === "Panel" || callee.name === "Field" || callee.name === "SlaveTable")) {
        if (!this.depthAllows()) return this.unknownElement(node, context, `panels nest deeper than ${MAX_LAYOUT_DEPTH} levels`);
        if (this.busy.has(node)) return this.unknownElement(node, context, "the element contains itself");
        this.busy.add(node);
        this.depth++;
        try {
          if (callee.name === "Panel") return this.panel(node, context);
          if (callee.name === "Field") return this.field(node, context);
          return this.slaveTable(node, context);
        } finally {
          this.depth--;
          this.busy.delete(node);
        }
      }
      return this.unknownElement(node, context, "an element is `new Panel(…)`, `new Field(…)`, `new SlaveTable(…)` or an actor class");
    }
    if (node.kind === "prop" && node.name === "main") return this.mainOf(node.target, node, context);
    const value = this.evaluator.evaluate(node);
    if (value.kind === "class") return this.slave(value.node, node, undefined, context);
    if (value.kind === "runtime" && value.name === "Actor") return this.unknownElement(node, context, "the runtime's Actor has no id of the application");
    const reason = value.kind === "unresolved" ? value.reason : "an element is `new Panel(…)`, `new Field(…)`, `new SlaveTable(…)` or an actor class";
    return this.unknownElement(value.kind === "unresolved" ? value.node : node, context, reason);
  }

  private panel(node: Expr & { readonly kind: "new" }, context: Context): AnalyzedLayoutElement {
    const args = node.args ?? [];
    const name = this.name(args[0]);
    if (name === undefined) return this.unknownElement(node, context, "a panel's name must be a string literal (or a const holding one)");
    const label = this.label(args[1], context);
    const elementsNode = args[2];
    const elements = elementsNode === undefined ? [this.unknownElement(node, context, "a panel needs its list of elements")] : this.elements(elementsNode, context);
    const requiredRoles = this.requiredRoles(args[3], `${context.owner} (panel ${name})`, context);
    const span = this.spans.of(node);
    return requiredRoles === undefined ? { kind: "panel", name, label, elements, span } : { kind: "panel", name, label, elements, requiredRoles, span };
  }

  private field(node: Expr & { readonly kind: "new" }, context: Context): AnalyzedLayoutElement {
    const args = node.args ?? [];
    const name = this.name(args[0]);
    if (name === undefined) return this.unknownElement(node, context, "a field's name must be a string literal (or a const holding one)");
    const label = this.label(args[1], context);
    const requiredRoles = this.requiredRoles(args[2], `${context.owner} (field ${name})`, context);
    const span = this.spans.of(node);
    return requiredRoles === undefined ? { kind: "field", name, label, span } : { kind: "field", name, label, requiredRoles, span };
  }

  /** `new SlaveTable(Actor, { label }?)`. */
  private slaveTable(node: Expr & { readonly kind: "new" }, context: Context): AnalyzedLayoutElement {
    const [actorNode, optionsNode] = node.args ?? [];
    if (actorNode === undefined) return this.unknownElement(node, context, "a slave table needs its actor class");
    const value = this.evaluator.evaluate(actorNode);
    if (value.kind !== "class") return this.unknownElement(actorNode, context, value.kind === "unresolved" ? value.reason : "a slave table shows an actor class");
    let label: string | undefined;
    const labelNode = optionsNode === undefined ? undefined : this.option(optionsNode, "label", context);
    if (labelNode === null) label = "?";
    else if (labelNode !== undefined) {
      const text = this.evaluator.evaluate(labelNode);
      if (text.kind === "string") label = text.value;
      else if (!(text.kind === "other" && text.what === "undefined")) {
        this.problem(labelNode, context.owner, "a slave table's label must be a string literal (or a const holding one); `?` is shown instead");
        label = "?";
      }
    }
    return this.slave(value.node, node, label, context);
  }

  /** An actor class shown as a slave table. */
  private slave(cls: SyntaxClass, at: Loc, label: string | undefined, context: Context): AnalyzedLayoutElement {
    if (!this.index.isActor(cls)) return this.unknownElement(at, context, `${className(cls)} is not an actor class`);
    const found = this.index.actorRequirement(cls);
    const actorRequiredRoles = typeof found === "string" ? this.unknownAt(at) : found.requirement;
    const slave: AnalyzedSlave = { kind: "slave", name: this.index.actorId(cls), label: label ?? this.actorLabel(cls), actorRequiredRoles, span: this.spans.of(at) };
    return slave;
  }

  /** An element's name: a string (else undefined, the element then unknown). */
  private name(node: Expr | undefined): string | undefined {
    if (node === undefined) return undefined;
    const value = this.evaluator.evaluate(node);
    return value.kind === "string" ? value.value : undefined;
  }

  /** An element's label: a string, `null` (none); anything else is reported and shown as `?`. */
  private label(node: Expr | undefined, context: Context): string | null {
    if (node === undefined) return null;
    const value = this.evaluator.evaluate(node);
    if (value.kind === "string") return value.value;
    if (value.kind === "other" && (value.what === "null" || value.what === "undefined")) return null;
    this.problem(node, context.owner, "a label must be a string literal, a const holding one, or null; `?` is shown instead");
    return "?";
  }

  /** The `requiredRoles` option of a panel or field, resolved as any requirement (undefined: none). */
  /** A requirement that is not known: what is written at `node` could not be read. */
  private unknownAt(node: Loc): ResolvedRequirement {
    return { items: [], unresolved: [{ text: nodeText(node), span: this.spans.of(node) }], complete: false };
  }

  private requiredRoles(optionsNode: Expr | undefined, owner: string, context: Context): ResolvedRequirement | undefined {
    if (optionsNode === undefined) return undefined;
    const node = this.option(optionsNode, "requiredRoles", context);
    if (node === null) return this.unknownAt(optionsNode);
    if (node === undefined) return undefined;
    const value = this.evaluator.evaluate(node);
    if (value.kind === "other" && value.what === "undefined") return undefined;
    return this.resolver.resolve(node, owner);
  }

  /**
   * The property `name` of an options object (an object literal or a const
   * holding one): its value, undefined when not given, null when the
   * options can't be read (reported).
   */
  private option(optionsNode: Expr, name: string, context: Context): Expr | undefined | null {
    const value = this.evaluator.evaluate(optionsNode);
    if (value.kind === "other" && value.what === "undefined") return undefined;
    if (value.kind !== "object") {
      this.problem(value.kind === "unresolved" ? value.node : optionsNode, context.owner, "options are an object literal (or a const holding one)");
      return null;
    }
    // Later properties win, as at run time: a spread hides the option only when nothing after it sets it.
    let found: Expr | undefined | null;
    let hiddenBy: Loc | undefined;
    for (const property of value.node.props) {
      if (property.kind === "spread" || (property.kind === "other" && property.name === name)) {
        found = null;
        hiddenBy = property;
      } else if (property.kind !== "other" && property.name === name) found = property.value;
    }
    if (found === null && hiddenBy !== undefined) {
      this.problem(hiddenBy, context.owner, `the option ${name} can't be read: options are an object literal of plain properties (no spreads or methods)`);
    }
    return found;
  }

  /** An element that can't be read, reported (RC5030). */
  private unknownElement(node: Loc, context: Context, reason: string): AnalyzedLayoutElement {
    const span = this.spans.of(node);
    this.sink.report("unresolvedLayout", { expr: nodeText(node), owner: context.owner }, span, { hint: `${reason}; who may see it, and the panels around it, is unknown` });
    return { kind: "unknown", text: nodeText(node), span };
  }

  /** RC5030 for a part of an element that can't be read (its label, its options). */
  private problem(node: Loc, owner: string, reason: string): void {
    this.sink.report("unresolvedLayout", { expr: nodeText(node), owner }, this.spans.of(node), { hint: reason });
  }

  /** RC5034 and RC5035: names must be unique in a layout, non-empty and without spaces (the runtime refuses them otherwise). */
  private checkNames(main: AnalyzedPanel, context: Context): void {
    const seen = new Map<string, Span>();
    const stack: AnalyzedLayoutElement[] = [main];
    // Pre-order, as the runtime walks the layout: the first of two equal names is the one kept.
    for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
      if (element.kind === "unknown") continue;
      if (element.kind !== "slave" && !/^\S+$/.test(element.name)) this.sink.report("invalidLayoutName", { name: JSON.stringify(element.name), owner: context.owner }, element.span);
      const first = seen.get(element.name);
      if (first === undefined) seen.set(element.name, element.span);
      else {
        const other = `${first.file}:${first.line}:${first.column}`;
        this.sink.report("duplicateLayoutName", { name: JSON.stringify(element.name), owner: context.owner, other }, element.span);
      }
      if (element.kind === "panel") for (let i = element.elements.length - 1; i >= 0; i--) stack.push(element.elements[i]!);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** The expression behind consts (in any file) and `export default` expressions; wrappers removed. */
  private follow(expression: Expr): Expr {
    let node = unwrap(expression);
    const seen = new Set<Expr>();
    for (;;) {
      if (seen.has(node)) return node;
      seen.add(node);
      let binding: Binding | undefined;
      if (node.kind === "ident") {
        binding = this.evaluator.graph.lookupLocal(node.file, node.name);
      } else if (node.kind === "prop" && node.target.kind !== "this" && node.target.kind !== "super") {
        const owner = this.evaluator.evaluate(node.target);
        if (owner.kind === "namespace") binding = this.evaluator.graph.lookupExport(owner.module, node.name);
      }
      if (binding?.kind === "const") node = unwrap(binding.node.initializer);
      else if (binding?.kind === "expression") node = unwrap(binding.node);
      else return node;
    }
  }

  /** The class an expression names (`Other`, `ns.Other`, `this`, `super` in a static initializer). */
  private classOf(expression: Expr): SyntaxClass | undefined {
    const node = unwrap(expression);
    if (node.kind === "this" || node.kind === "super") {
      const cls = node.staticClass;
      if (cls === undefined) return undefined;
      if (node.kind === "this") return cls;
      const parent = this.evaluator.parentOf(cls);
      return parent.kind === "class" ? parent.node : undefined;
    }
    const value = this.evaluator.evaluate(node);
    return value.kind === "class" ? value.node : undefined;
  }

  private depthAllows(): boolean {
    if (this.depth < MAX_LAYOUT_DEPTH) return true;
    this.cuts++;
    return false;
  }

  /**
   * A cached computation: its answer and what it reported are kept (and
   * replayed in watch mode); asked again while it runs, `onCycle` answers.
   * An answer that the depth limit cut short is not kept: asked from less
   * deep, it is read in full.
   */
  private cached<K extends object, T>(cache: Map<K, Cached<T>>, key: K, compute: () => T, onCycle?: () => T): T {
    const log = this.evaluator.log;
    const hit = cache.get(key);
    if (hit !== undefined) {
      log?.replay(hit.reports);
      return hit.value;
    }
    if (this.busy.has(key)) {
      if (onCycle === undefined) throw new Error("internal error: a layout computation asked itself");
      return onCycle();
    }
    this.busy.add(key);
    const cuts = this.cuts;
    log?.begin();
    let value: T;
    try {
      value = compute();
    } finally {
      this.busy.delete(key);
    }
    const reports = log?.end();
    if (this.cuts === cuts) cache.set(key, { value, reports });
    return value;
  }
}

/** True when every element was read. */
function isComplete(panel: AnalyzedPanel): boolean {
  const stack: AnalyzedLayoutElement[] = [panel];
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    if (element.kind === "unknown") return false;
    if (element.kind === "panel") for (const child of element.elements) stack.push(child);
  }
  return true;
}
