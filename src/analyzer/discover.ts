/**
 * Actors and actions: classes that extend the runtime's `Actor` (directly or
 * through other classes, in any file), their ids, their own or inherited
 * `requiredRoles`, and the entries of their `static actions`.
 */
import path from "node:path";
import type { Span } from "../diagnostics/diagnostic.js";
import { SiteUser } from "../runtime/core-roles.js";
import type { DiagnosticSink, PendingReport } from "./diagnostic-sink.js";
import { ownInstanceField, ownStaticMember, unwrap, type ClassRequirements, type Evaluator } from "./evaluate.js";
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
}

type OptionName = "readonly" | "requiredRoles";
const OPTION_NAMES: readonly OptionName[] = ["readonly", "requiredRoles"];
/** An action's options as written (undefined: not given). */
interface Options {
  readonly: Expr | undefined;
  requiredRoles: Expr | undefined;
}
const NO_OPTIONS: Readonly<Options> = { readonly: undefined, requiredRoles: undefined };
const NO_REQUIREMENT: ResolvedRequirement = { items: [], unresolved: [], complete: true };

/** Answers questions about classes; every answer is computed once per class. */
export class ActorIndex implements ClassRequirements {
  private readonly definitions = new Map<Loc, ActionDefinition>();
  private readonly folderNames = new Map<string, string>();
  /** Incremental analysis: what each cached computation reported, per cache. */
  private readonly reports = {
    runtimeBase: new Map<Loc, readonly PendingReport[]>(),
    appLabel: new Map<Loc, readonly PendingReport[]>(),
    requirement: new Map<Loc, readonly PendingReport[]>(),
    actions: new Map<Loc, readonly PendingReport[]>(),
    definition: new Map<Loc, readonly PendingReport[]>(),
  };

  constructor(
    private readonly evaluator: Evaluator,
    private readonly resolver: RequirementResolver,
    private readonly spans: SpanMaker,
    private readonly sink: DiagnosticSink,
  ) {}

  private get log() {
    return this.evaluator.log;
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

  /** The runtime class (`Actor`, `Action`, …) at the root of the class's `extends` chain, if any. */
  runtimeBase(cls: SyntaxClass): string | undefined {
    const facts = this.evaluator.factsOf(cls);
    if (facts.runtimeBase !== undefined) return this.replayed("runtimeBase", cls, facts.runtimeBase ?? undefined);
    facts.runtimeBase = null; // guards against `extends` cycles
    this.log?.begin();
    const parent = this.evaluator.parentOf(cls);
    const base = parent.kind === "runtime" ? parent.name : parent.kind === "class" ? this.runtimeBase(parent.node) : undefined;
    this.remember("runtimeBase", cls);
    facts.runtimeBase = base ?? null;
    return base;
  }

  /** True for classes that extend the runtime's `Actor`. */
  isActor(cls: SyntaxClass): boolean {
    return this.runtimeBase(cls) === "Actor";
  }

  /** `<appLabel>.<ClassName>`. */
  actorId(cls: SyntaxClass): string {
    const facts = this.evaluator.factsOf(cls);
    let id = facts.id;
    if (id === undefined) id = facts.id = `${this.appLabel(cls)}.${className(cls)}`;
    // Recording for watch mode, the label is asked each time: it replays what it reported.
    else if (this.log !== undefined) this.appLabel(cls);
    return id;
  }

  /** Own or inherited `static appLabel`, else the name of the folder holding the class's file. */
  appLabel(cls: SyntaxClass): string {
    const facts = this.evaluator.factsOf(cls);
    let label = facts.appLabel;
    if (label === undefined) {
      this.log?.begin();
      label = this.appLabelUncached(cls);
      this.remember("appLabel", cls);
      facts.appLabel = label;
    } else {
      this.log?.replay(this.reports.appLabel.get(cls));
    }
    return label;
  }

  private appLabelUncached(cls: SyntaxClass): string {
    const seen = new Set<SyntaxClass>();
    for (let current: SyntaxClass | undefined = cls; current !== undefined && !seen.has(current); ) {
      seen.add(current);
      const declared = ownStaticMember(current, "appLabel");
      if (declared !== undefined) {
        const value = declared.expression === undefined ? undefined : this.evaluator.evaluate(declared.expression);
        if (value?.kind === "string") return value.value;
        const node = declared.expression ?? declared.member;
        this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: className(cls) }, this.spans.of(node), {
          hint: "appLabel must be a string literal (or a const holding one); the folder name is used instead",
        });
        break;
      }
      const parent = this.evaluator.parentOf(current);
      current = parent.kind === "class" ? parent.node : undefined;
    }
    return this.folderName(cls.file.file);
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
    facts.requirementBusy = true;
    this.log?.begin();
    const found = this.actorRequirementUncached(cls);
    this.remember("requirement", cls);
    facts.requirementBusy = false;
    facts.requirement = found;
    return found;
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
    facts.actionsBusy = true;
    this.log?.begin();
    const list = this.actionsUncached(cls);
    this.remember("actions", cls);
    facts.actionsBusy = false;
    facts.actions = list;
    return list;
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
    this.log?.begin();
    const definition = this.definitionUncached(valueNode, owner);
    this.remember("definition", valueNode);
    this.definitions.set(valueNode, definition);
    return definition;
  }

  private definitionUncached(valueNode: Expr, owner: string): ActionDefinition {
    const broken = this.syntaxErrorOf(valueNode.file);
    if (broken !== undefined) return { readonly: true, requiredRoles: this.resolver.unknownRequirement(broken), requiredRolesSpan: broken.span };
    const value = this.evaluator.evaluate(valueNode);
    // An entry that can't be read is still an action: who may see it is unknown (not refused: readonly is not known either).
    const problem = (node: Loc, hint: string): ActionDefinition => {
      this.sink.report("unresolvedRequirement", { expr: nodeText(node), actor: owner }, this.spans.of(node), { hint });
      return { readonly: true, requiredRoles: this.resolver.unknownAt(node), requiredRolesSpan: this.spans.of(node) };
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
    const options = this.classOptions(cls, this.objectOptions(value.node.args?.[0], undefined, unresolved), unresolved);
    const unknown: UnresolvedExpression[] = [];
    const unknownOption = (node: Loc, hint: string): void => {
      problem(node, hint);
      unknown.push({ text: nodeText(node), span: this.spans.of(node) });
    };
    for (const node of unresolved) unknownOption(node, "the action's options (readonly, requiredRoles) must be written as object literals");

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
    };
    return definition;
  }

  /**
   * The options an action class ends up with when constructed with `given`:
   * a constructor's `super({…})` call (where spreading the constructor's
   * parameter passes `given` on), then the parent class, then the class's own
   * instance fields (`override readonly = false`), which win as at runtime.
   */
  private classOptions(cls: SyntaxClass | "Action", given: Readonly<Options>, unresolved: Loc[]): Readonly<Options> {
    if (cls === "Action") return given;
    let passed = given;
    const ctor = cls.ctor;
    if (ctor !== undefined) {
      const paramName = ctor.paramName;
      passed = this.objectOptions(ctor.superArg, paramName === undefined ? undefined : { name: paramName, options: given }, unresolved);
    }
    const parent = this.evaluator.parentOf(cls);
    const inherited = parent.kind === "class" ? this.classOptions(parent.node, passed, unresolved) : parent.kind === "runtime" ? passed : NO_OPTIONS;
    const result: Options = { ...inherited };
    for (const name of OPTION_NAMES) {
      const field = ownInstanceField(cls, name);
      if (field !== undefined) result[name] = field;
    }
    return result;
  }

  /** The `readonly`/`requiredRoles` properties of an options object, in order (later ones win). */
  private objectOptions(
    expression: Expr | undefined,
    param: { readonly name: string; readonly options: Readonly<Options> } | undefined,
    unresolved: Loc[],
  ): Readonly<Options> {
    if (expression === undefined) return NO_OPTIONS;
    const node = unwrap(expression);
    if (param !== undefined && node.kind === "ident" && node.name === param.name) return param.options;
    const options: Options = { readonly: undefined, requiredRoles: undefined };
    const value = node.kind === "object" ? undefined : this.evaluator.evaluate(node);
    const literal = node.kind === "object" ? node : value?.kind === "object" ? value.node : undefined;
    if (literal === undefined) {
      if (value?.kind !== "other" || value.what !== "undefined") unresolved.push(node);
      return options;
    }
    for (const property of literal.props) {
      if (property.kind === "spread") {
        const spread = this.objectOptions(property.expr, param, unresolved);
        if (spread.readonly !== undefined) options.readonly = spread.readonly;
        if (spread.requiredRoles !== undefined) options.requiredRoles = spread.requiredRoles;
        continue;
      }
      const name = property.name;
      if (name !== "readonly" && name !== "requiredRoles") continue;
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
