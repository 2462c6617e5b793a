/**
 * Actors and actions: classes that extend the runtime's `Actor` (directly or
 * through other classes, in any file), their ids, their own or inherited
 * `requiredRoles`, and the entries of their `static actions`.
 */
import path from "node:path";
import type { Span } from "../diagnostics/diagnostic.js";
import { SiteUser } from "../runtime/core-roles.js";
import type { DiagnosticSink, LogEntry } from "./diagnostic-sink.js";
import { LayoutReader, type ActionLayoutOptions } from "./layouts.js";
import { ownInstanceField, ownStaticMember, unwrap, type AppLabelSource, type ClassRequirements, type Evaluator } from "./evaluate.js";
import { ACTION_FIELDS, ACTOR_STATICS, misspeltMember, startOf, type Expr, type Loc, type Prop, type SyntaxClass, type SyntaxFile } from "./syntax.js";
import type { RequirementResolver } from "./resolve.js";
import { nodeText, type SpanMaker } from "./spans.js";
import type { ResolvedRequirement, UnresolvedExpression } from "./types.js";

/** The effective `requiredRoles` of an actor class and where it comes from. */
export interface ActorRequirement {
  readonly requirement: ResolvedRequirement;
  readonly span: Span;
  /** The declaring class, or `"Actor"` for the runtime's default. */
  readonly from: SyntaxClass | "Actor";
}

/** An entry of a `static actions` object, as declared (maybe by a parent class). */
export interface ActionEntry {
  readonly name: string;
  readonly key: Loc;
  /** The resolved action (its requirement unknown when it could not be analyzed). */
  readonly definition: ActionDefinition;
}

/** An action's own properties. */
export interface ActionDefinition {
  readonly readonly: boolean;
  readonly requiredRoles: ResolvedRequirement;
  readonly requiredRolesSpan: Span | undefined;
  /** Its `label`, `paramsLayout` and `debugPermissions` options as written (read by layouts.ts). */
  readonly layoutOptions: ActionLayoutOptions;
}

type OptionName = "readonly" | "requiredRoles" | keyof ActionLayoutOptions;
const OPTION_NAMES: readonly OptionName[] = ["readonly", "requiredRoles", "label", "paramsLayout", "debugPermissions"];
/** An action's options as written (undefined: not given). */
type Options = { [K in OptionName]: Expr | undefined };
const NO_OPTIONS: Readonly<Options> = { readonly: undefined, requiredRoles: undefined, label: undefined, paramsLayout: undefined, debugPermissions: undefined };
const NO_REQUIREMENT: ResolvedRequirement = { items: [], unresolved: [], complete: true };
/** An option key that looks like `readonly` or `requiredRoles` but is not (`requiredRole`, `readOnly`): the runtime ignores it. */
interface MisspeltOption {
  readonly name: string;
  readonly meant: "readonly" | "requiredRoles";
  readonly key: Loc;
  readonly value: Expr;
}
/** An action that can't be read has no layout options that can be read either. */
const NO_LAYOUT_OPTIONS: ActionLayoutOptions = { label: undefined, paramsLayout: undefined, debugPermissions: undefined };

/** Answers questions about classes; every answer is computed once per class. */
export class ActorIndex implements ClassRequirements {
  private readonly definitions = new Map<Loc, ActionDefinition>();
  private readonly definitionsBusy = new Set<Loc>();
  private readonly folderNames = new Map<string, string>();
  /** Incremental analysis: what each cached computation reported, per cache. */
  private readonly reports = {
    runtimeBase: new Map<Loc, readonly LogEntry[]>(),
    appLabel: new Map<Loc, readonly LogEntry[]>(),
    appLabelSource: new Map<Loc, readonly LogEntry[]>(),
    requirement: new Map<Loc, readonly LogEntry[]>(),
    actions: new Map<Loc, readonly LogEntry[]>(),
    definition: new Map<Loc, readonly LogEntry[]>(),
  };

  constructor(
    private readonly evaluator: Evaluator,
    private readonly resolver: RequirementResolver,
    private readonly spans: SpanMaker,
    private readonly sink: DiagnosticSink,
  ) {}

  #layouts: LayoutReader | undefined;

  /** The reader of layouts, labels and debug flags (layouts.ts), sharing this index's caches and sink. */
  get layouts(): LayoutReader {
    return (this.#layouts ??= new LayoutReader(this.evaluator, this, this.resolver, this.spans, this.sink));
  }

  private get log() {
    return this.evaluator.log;
  }

  /** Keeps chains of classes (each extending or naming the next) off a deep call stack: see stack-guard.ts. */
  private get guard() {
    return this.evaluator.graph.guard;
  }

  /** Replays what the cached computation `kind` of `key` reported, and returns its cached answer. */
  private replayed<T>(kind: keyof ActorIndex["reports"], key: Loc, value: T): T {
    this.log?.replay(this.reports[kind].get(key));
    return value;
  }

  /** Ends the log frame of the computation `kind` of `key`. */
  private remember(kind: keyof ActorIndex["reports"], key: Loc): void {
    const reports = this.log?.end();
    if (reports !== undefined && reports.length > 0) this.reports[kind].set(key, reports);
  }

  /**
   * Works out the computation `kind` of `key` (its cache and cycle mark
   * checked by the caller): through the guard, recording what it reports,
   * `busy` setting its cycle mark and `store` caching the answer.
   */
  private computeOnce<T>(kind: keyof ActorIndex["reports"], key: Loc, busy: (busy: boolean) => void, store: (value: T) => void, compute: () => T): T {
    return this.guard.compute(
      () => {
        this.log?.begin();
        const value = compute();
        this.remember(kind, key);
        store(value);
        return value;
      },
      busy,
      this.log,
    );
  }

  /** The runtime class (`Actor`, `Action`, …) at the root of the class's `extends` chain, if any. */
  runtimeBase(cls: SyntaxClass): string | undefined {
    const facts = this.evaluator.factsOf(cls);
    if (facts.runtimeBase !== undefined) return this.replayed("runtimeBase", cls, facts.runtimeBase ?? undefined);
    if (facts.runtimeBaseBusy) return undefined; // an `extends` cycle
    return this.computeOnce(
      "runtimeBase",
      cls,
      (busy) => (facts.runtimeBaseBusy = busy),
      (base) => (facts.runtimeBase = base ?? null),
      () => {
        const parent = this.evaluator.parentOf(cls);
        return parent.kind === "runtime" ? parent.name : parent.kind === "class" ? this.runtimeBase(parent.node) : undefined;
      },
    );
  }

  /** True for classes that extend the runtime's `Actor`. */
  isActor(cls: SyntaxClass): boolean {
    return this.runtimeBase(cls) === "Actor";
  }

  /** `<appLabel>.<ClassName>`. */
  actorId(cls: SyntaxClass): string {
    // The label is asked each time: recording for watch mode, it replays what it reported.
    const label = this.appLabel(cls);
    const facts = this.evaluator.factsOf(cls);
    // Asked while the label is worked out (the label depends on the class's own requirement): not kept.
    if (facts.appLabel === undefined) return `${label}.${className(cls)}`;
    return (facts.id ??= `${label}.${className(cls)}`);
  }

  /** Own or inherited `static appLabel`, else the name of the folder holding the class's file. */
  appLabel(cls: SyntaxClass): string {
    const facts = this.evaluator.factsOf(cls);
    const label = facts.appLabel;
    if (label !== undefined) return this.replayed("appLabel", cls, label);
    // Asked again while it is worked out (an appLabel naming the class's own requirement): the fallback.
    if (facts.appLabelBusy) return this.folderName(cls.file.file);
    return this.computeOnce(
      "appLabel",
      cls,
      (busy) => (facts.appLabelBusy = busy),
      (found) => (facts.appLabel = found),
      () => this.appLabelUncached(cls),
    );
  }

  private appLabelUncached(cls: SyntaxClass): string {
    const source = this.appLabelSource(cls);
    if (source !== null) {
      if (source.value?.kind === "string") return source.value.value;
      const node = source.declared.expression ?? source.declared.member;
      this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: className(cls) }, this.spans.of(node), {
        hint: "appLabel must be a string literal (or a const holding one); the folder name is used instead",
      });
    }
    return this.folderName(cls.file.file);
  }

  /**
   * The `static appLabel` the class declares or inherits (null: none, or an
   * `extends` cycle), cached per class: every class of a long chain asks
   * its parent once, not the whole chain.
   */
  private appLabelSource(cls: SyntaxClass): AppLabelSource | null {
    const facts = this.evaluator.factsOf(cls);
    if (facts.appLabelSource !== undefined) return this.replayed("appLabelSource", cls, facts.appLabelSource);
    if (facts.appLabelSourceBusy) return null;
    return this.computeOnce(
      "appLabelSource",
      cls,
      (busy) => (facts.appLabelSourceBusy = busy),
      (source) => (facts.appLabelSource = source),
      (): AppLabelSource | null => {
        const declared = ownStaticMember(cls, "appLabel");
        if (declared !== undefined) return { declared, value: declared.expression === undefined ? undefined : this.evaluator.evaluate(declared.expression) };
        const parent = this.evaluator.parentOf(cls);
        return parent.kind === "class" ? this.appLabelSource(parent.node) : null;
      },
    );
  }

  /** The name of the folder holding `file` (each file's worked out once). */
  private folderName(file: string): string {
    let name = this.folderNames.get(file);
    if (name === undefined) this.folderNames.set(file, (name = path.basename(path.dirname(file))));
    return name;
  }

  /** @inheritdoc */
  requirementOf(cls: SyntaxClass): ResolvedRequirement | string {
    const found = this.actorRequirement(cls);
    return typeof found === "string" ? found : found.requirement;
  }

  /** The effective `requiredRoles` of a class: own, else its parent's, else Actor's default. */
  actorRequirement(cls: SyntaxClass): ActorRequirement | string {
    const facts = this.evaluator.factsOf(cls);
    const cached = facts.requirement;
    if (cached !== undefined) return this.replayed("requirement", cls, cached);
    if (facts.requirementBusy) return `the requiredRoles of ${className(cls)} depend on themselves`;
    return this.computeOnce(
      "requirement",
      cls,
      (busy) => (facts.requirementBusy = busy),
      (found) => (facts.requirement = found),
      () => this.actorRequirementUncached(cls),
    );
  }

  private actorRequirementUncached(cls: SyntaxClass): ActorRequirement | string {
    // A file with a syntax error holds what TypeScript's error recovery made of it: nothing to answer from.
    const broken = this.syntaxErrorOf(cls.file);
    if (broken !== undefined) return { requirement: this.resolver.unknownRequirement(broken), span: broken.span, from: cls };
    const own = ownStaticMember(cls, "requiredRoles");
    if (own !== undefined) {
      const owner = this.actorId(cls);
      if (own.expression === undefined) {
        this.sink.report("unresolvedRequirement", { expr: nodeText(own.member), actor: owner }, this.spans.of(own.member), {
          hint: "write requiredRoles as a static property with an initializer, or a getter that only returns it",
        });
        return { requirement: this.resolver.unknownAt(own.member), span: this.spans.of(own.member), from: cls };
      }
      return { requirement: this.resolver.resolve(own.expression, owner), span: this.spans.of(unwrap(own.expression)), from: cls };
    }
    const parent = this.evaluator.parentOf(cls);
    if (parent.kind === "class") return this.actorRequirement(parent.node);
    if (parent.kind === "runtime" && parent.name === "Actor") {
      const span = this.spans.of(parent.expression);
      // The runtime's Actor requires `loginRequired()`, that is `[SiteUser]`.
      const item = { roles: [SiteUser.roleId], span, text: "Actor.requiredRoles", memberSpans: [span], unresolved: [] };
      return { requirement: { items: [item], unresolved: [], complete: true }, span, from: "Actor" };
    }
    return `${className(cls)} is not an actor`;
  }

  /** Own or inherited entries of `static actions`, in declaration order (later keys replace earlier ones). */
  actions(cls: SyntaxClass): readonly ActionEntry[] {
    const facts = this.evaluator.factsOf(cls);
    const cached = facts.actions;
    if (cached !== undefined) return this.replayed("actions", cls, cached);
    if (facts.actionsBusy) return [];
    return this.computeOnce(
      "actions",
      cls,
      (busy) => (facts.actionsBusy = busy),
      (list) => (facts.actions = list),
      () => this.actionsUncached(cls),
    );
  }

  private actionsUncached(cls: SyntaxClass): readonly ActionEntry[] {
    const own = ownStaticMember(cls, "actions");
    if (own === undefined) {
      const parent = this.evaluator.parentOf(cls);
      return parent.kind === "class" ? this.actions(parent.node) : [];
    }
    const owner = this.actorId(cls);
    const expression = own.expression;
    const value = expression === undefined ? undefined : this.evaluator.evaluate(expression);
    if (value?.kind !== "object") {
      const node = expression ?? own.member;
      this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: owner }, this.spans.of(node), {
        hint: "write static actions as an object literal (or a const holding one) of `new Action({…})` entries",
      });
      return [];
    }
    const entries = new Map<string, ActionEntry>();
    for (const property of value.node.props) {
      if (property.kind === "spread") {
        for (const entry of this.spreadActions(property, owner)) entries.set(entry.name, entry);
        continue;
      }
      const name = property.name;
      if (name === "__proto__" && !this.ownProtoKey(property, owner)) continue;
      const valueNode = property.kind === "other" ? undefined : property.value;
      if (name === undefined || valueNode === undefined) {
        this.sink.report("unresolvedRequirement", { expr: nodeText(property), actor: owner }, this.spans.of(property), {
          hint: "an action entry is `key: new Action({…})` with a literal key",
        });
        continue;
      }
      const key = property.key ?? property;
      entries.set(name, { name, key, definition: this.definition(valueNode, `${owner}.${name}`) });
    }
    return [...entries.values()];
  }

  /**
   * Names an action key `__proto__` (RC5015); true when it is still an own
   * property (computed, shorthand or a method), false for `__proto__: …`,
   * which sets the object's prototype: the runtime has no such action.
   */
  private ownProtoKey(property: Prop & { readonly kind: "assign" | "shorthand" | "other" }, owner: string): boolean {
    const key = property.key ?? property;
    const computed = key.file.text.charCodeAt(startOf(key)) === 0x5b; // `[`
    const own = property.kind !== "assign" || computed;
    const reason = own
      ? "an own property named `__proto__` is easily mistaken for the prototype"
      : "`__proto__: …` in an object literal sets the prototype of the actions object, so the runtime has no such action";
    this.sink.report("protoActionKey", { owner, reason }, this.spans.of(key));
    return own;
  }

  /**
   * Names members of an actor class or an action class that the runtime
   * would not read although they look like they should be: a non-static
   * `requiredRoles`, `actions` or `appLabel` of an actor (RC5013), and a
   * misspelt `static requiredRoles` (…) of an actor or `readonly` /
   * `requiredRoles` field of an action (RC5014, with the name meant).
   */
  checkMembers(cls: SyntaxClass): void {
    if (cls.members.length === 0 || this.syntaxErrorOf(cls.file) !== undefined) return;
    const base = this.runtimeBase(cls);
    if (base !== "Actor" && base !== "Action") return;
    const owner = base === "Actor" ? this.actorId(cls) : className(cls);
    for (const member of cls.members) {
      const name = member.name;
      if (name === undefined) continue;
      const span = this.spans.of(member);
      if (base === "Actor") {
        if (!member.isStatic && ACTOR_STATICS.includes(name)) {
          this.sink.report("nonStaticMember", { member: name, owner }, span);
          continue;
        }
        const meant = misspeltMember(name, ACTOR_STATICS);
        if (meant !== undefined) this.sink.report("misspeltMember", { member: name, owner, expected: member.isStatic ? meant : `static ${meant}` }, span);
      } else if (!member.isStatic) {
        const meant = misspeltMember(name, ACTION_FIELDS);
        if (meant !== undefined) this.sink.report("misspeltMember", { member: name, owner, expected: meant }, span);
      }
    }
  }

  /**
   * What an application file says about itself: its first syntax error
   * (RC5012; the others often follow from it), and of each class the
   * members the runtime would not read (see {@link checkMembers}).
   */
  checkFile(file: SyntaxFile): void {
    const error = file.syntaxErrors[0];
    if (error !== undefined) {
      const more = file.syntaxErrors.length - 1;
      const detail = more === 0 ? error.message : `${error.message} (and ${more} more)`;
      const where = this.spans.relative(file.file);
      this.sink.report("sourceSyntaxError", { detail, file: where }, this.spans.of({ file, pos: error.pos, end: Math.max(error.pos, error.end) }));
    }
    for (const cls of file.classes) this.checkMembers(cls);
  }

  /** The first syntax error of a file, as an unknown part of a requirement (undefined when it has none). */
  syntaxErrorOf(file: SyntaxFile): UnresolvedExpression | undefined {
    const error = file.syntaxErrors[0];
    if (error === undefined) return undefined;
    return { text: `a syntax error in ${this.spans.relative(file.file)}`, span: this.spans.of({ file, pos: error.pos, end: Math.max(error.pos, error.end) }) };
  }

  /** `...Other.actions` or `...super.actions` inside a `static actions` object. */
  private spreadActions(property: Prop & { readonly kind: "spread" }, owner: string): readonly ActionEntry[] {
    const target = unwrap(property.expr);
    if (target.kind === "prop" && target.name === "actions") {
      const source = this.classOf(target.target);
      if (source !== undefined) return this.actions(source);
    }
    this.sink.report("unresolvedRequirement", { expr: nodeText(property), actor: owner }, this.spans.of(property), {
      hint: "only `...Other.actions` and `...super.actions` can be spread into static actions",
    });
    return [];
  }

  /** The class an expression names (`Other`, `ns.Other`, `super`). */
  private classOf(expression: Expr): SyntaxClass | undefined {
    if (expression.kind === "super") {
      const cls = expression.enclosingClass;
      const parent = cls === undefined ? undefined : this.evaluator.parentOf(cls);
      return parent?.kind === "class" ? parent.node : undefined;
    }
    const value = this.evaluator.evaluate(expression);
    return value.kind === "class" ? value.node : undefined;
  }

  /** The action an entry value denotes (`new Action({…})`, `new MergeAction()`, a const holding one); cached per expression. */
  private definition(valueNode: Loc & Expr, owner: string): ActionDefinition {
    const known = this.definitions.get(valueNode);
    if (known !== undefined) return this.replayed("definition", valueNode, known);
    // A definition that depends on itself: who may see it is not known.
    if (this.definitionsBusy.has(valueNode)) return { readonly: true, requiredRoles: this.resolver.unknownAt(valueNode), requiredRolesSpan: this.spans.of(valueNode), layoutOptions: NO_LAYOUT_OPTIONS };
    return this.computeOnce(
      "definition",
      valueNode,
      (busy) => (busy ? this.definitionsBusy.add(valueNode) : this.definitionsBusy.delete(valueNode)),
      (definition) => this.definitions.set(valueNode, definition),
      () => this.definitionUncached(valueNode, owner),
    );
  }

  private definitionUncached(valueNode: Expr, owner: string): ActionDefinition {
    const broken = this.syntaxErrorOf(valueNode.file);
    if (broken !== undefined) return { readonly: true, requiredRoles: this.resolver.unknownRequirement(broken), requiredRolesSpan: broken.span, layoutOptions: NO_LAYOUT_OPTIONS };
    const value = this.evaluator.evaluate(valueNode);
    // An entry that can't be read is still an action: who may see it is unknown (not refused: readonly is not known either).
    const problem = (node: Loc, hint: string): ActionDefinition => {
      this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: owner }, this.spans.of(node), { hint });
      return { readonly: true, requiredRoles: this.resolver.unknownAt(node), requiredRolesSpan: this.spans.of(node), layoutOptions: NO_LAYOUT_OPTIONS };
    };
    if (value.kind !== "new") {
      const reason = value.kind === "unresolved" ? `${value.reason}; ` : "";
      return problem(value.kind === "unresolved" ? value.node : valueNode, `${reason}an action is \`new Action({…})\` or \`new\` of a subclass of Action`);
    }
    // A shared `const merge = new Action(…)` is one action: cached by the `new` expression too.
    if (value.node !== valueNode) return this.definition(value.node, owner);
    const callee = this.evaluator.evaluate(value.node.callee);
    const cls = callee.kind === "class" && this.runtimeBase(callee.node) === "Action" ? callee.node : callee.kind === "runtime" && callee.name === "Action" ? "Action" : undefined;
    if (cls === undefined) return problem(value.node.callee, "this class does not extend the runtime's Action");

    // Options that can't be read (they may set readonly or requiredRoles) leave who may see it unknown.
    const unresolved: Loc[] = [];
    const misspelt: MisspeltOption[] = [];
    const options = this.classOptions(cls, this.objectOptions(value.node.args?.[0], undefined, unresolved, misspelt), unresolved, misspelt);
    const unknown: UnresolvedExpression[] = [];
    const unknownOption = (node: Loc, hint: string): void => {
      problem(node, hint);
      unknown.push({ text: nodeText(node), span: this.spans.of(node) });
    };
    for (const node of unresolved) unknownOption(node, "the action's options (readonly, requiredRoles, label, paramsLayout, debugPermissions) must be written as object literals");
    for (const option of misspelt) {
      const span = this.spans.of(option.key);
      this.sink.report("misspeltMember", { member: option.name, owner, expected: option.meant }, span);
      // The runtime ignores the key, so what the author meant by it is lost (unless also written correctly):
      // who may see the action is then unknown, never the wider default (no requirement; readonly).
      if (options[option.meant] === undefined && !this.isDefaultOption(option)) unknown.push({ text: option.name, span });
    }

    const readonlyNode = options.readonly;
    let readonly = true;
    if (readonlyNode !== undefined) {
      const flag = this.evaluator.evaluate(readonlyNode);
      if (flag.kind === "boolean") readonly = flag.value;
      else unknownOption(readonlyNode, "readonly must be `true` or `false`; who may see the action is unknown");
    }
    const requiredNode = options.requiredRoles;
    const requiredRoles = requiredNode === undefined ? NO_REQUIREMENT : this.resolver.resolve(requiredNode, owner);
    const definition: ActionDefinition = {
      readonly,
      requiredRoles: unknown.length === 0 ? requiredRoles : this.resolver.withUnknown(requiredRoles, unknown),
      requiredRolesSpan: requiredNode === undefined ? undefined : this.spans.of(unwrap(requiredNode)),
      layoutOptions: { label: options.label, paramsLayout: options.paramsLayout, debugPermissions: options.debugPermissions },
    };
    return definition;
  }

  /**
   * Whether a misspelt option's value is what the runtime assumes anyway
   * (`readOnly: true`: actions are readonly by default; `requiredRole: []`:
   * no requirement), so that ignoring it loses nothing.
   */
  private isDefaultOption(option: MisspeltOption): boolean {
    if (option.meant === "readonly") {
      const flag = this.evaluator.evaluate(option.value);
      return flag.kind === "boolean" && flag.value;
    }
    const written = unwrap(option.value);
    return written.kind === "array" && written.elements.length === 0;
  }

  /**
   * The options an action class ends up with when constructed with `given`:
   * a constructor's `super({…})` call (where spreading the constructor's
   * parameter passes `given` on), then the parent class, then the class's own
   * instance fields (`override readonly = false`), which win as at runtime.
   */
  private classOptions(cls: SyntaxClass | "Action", given: Readonly<Options>, unresolved: Loc[], misspelt: MisspeltOption[]): Readonly<Options> {
    // Up the chain of classes (a loop: a chain may be longer than the call
    // stack), each constructor passing on what it makes of what it was given …
    const chain: SyntaxClass[] = [];
    const seen = new Set<SyntaxClass>();
    let passed = given;
    let inherited: Readonly<Options> = NO_OPTIONS;
    for (let current: SyntaxClass | "Action" | undefined = cls; ; ) {
      if (current === "Action") {
        inherited = passed;
        break;
      }
      if (current === undefined || seen.has(current)) break;
      seen.add(current);
      chain.push(current);
      const ctor = current.ctor;
      if (ctor !== undefined) {
        const paramName = ctor.paramName;
        passed = this.objectOptions(ctor.superArg, paramName === undefined ? undefined : { name: paramName, options: passed }, unresolved, misspelt);
      }
      const parent = this.evaluator.parentOf(current);
      current = parent.kind === "class" ? parent.node : parent.kind === "runtime" ? "Action" : undefined;
    }
    // … then down again, each class's own instance fields winning over what it inherits.
    let result = inherited;
    for (let i = chain.length - 1; i >= 0; i--) {
      const own: Options = { ...result };
      for (const name of OPTION_NAMES) {
        const field = ownInstanceField(chain[i]!, name);
        if (field !== undefined) own[name] = field;
      }
      result = own;
    }
    return result;
  }

  /** The `readonly`/`requiredRoles` properties of an options object, in order (later ones win). */
  private objectOptions(
    expression: Expr | undefined,
    param: { readonly name: string; readonly options: Readonly<Options> } | undefined,
    unresolved: Loc[],
    misspelt: MisspeltOption[],
  ): Readonly<Options> {
    if (expression === undefined) return NO_OPTIONS;
    const options: Options = { ...NO_OPTIONS };
    // The properties in written order, each spread's where it stands; a loop
    // over an explicit stack, since consts may spread consts without end.
    const open: { readonly literal: Expr & { readonly kind: "object" }; next: number }[] = [];
    const enter = (written: Expr): void => {
      const node = unwrap(written);
      if (param !== undefined && node.kind === "ident" && node.name === param.name) {
        for (const name of OPTION_NAMES) if (param.options[name] !== undefined) options[name] = param.options[name];
        return;
      }
      const value = node.kind === "object" ? undefined : this.evaluator.evaluate(node);
      const literal = node.kind === "object" ? node : value?.kind === "object" ? value.node : undefined;
      // An object that spreads itself (through consts) has no statically known end.
      if (literal === undefined || open.some((frame) => frame.literal === literal)) {
        if (value?.kind !== "other" || value.what !== "undefined") unresolved.push(node);
        return;
      }
      open.push({ literal, next: 0 });
    };
    enter(expression);
    while (open.length > 0) {
      const frame = open[open.length - 1]!;
      const property = frame.literal.props[frame.next++];
      if (property === undefined) {
        open.pop();
        continue;
      }
      if (property.kind === "spread") {
        enter(property.expr);
        continue;
      }
      const name = OPTION_NAMES.find((option) => option === property.name);
      if (name === undefined) {
        // A key that looks like `readonly` or `requiredRoles` (RC5014, as for a misspelt member).
        if (property.kind !== "other" && property.name !== undefined) {
          const meant = misspeltMember(property.name, ACTION_FIELDS);
          if (meant === "readonly" || meant === "requiredRoles") misspelt.push({ name: property.name, meant, key: property.key, value: property.value });
        }
        continue;
      }
      if (property.kind === "other") unresolved.push(property);
      else options[name] = property.value;
    }
    return options;
  }
}

/** The class's name (`default` for an anonymous default export). */
export function className(cls: SyntaxClass): string {
  return cls.name ?? "default";
}
