/**
 * Static evaluation of the expressions that declare required roles: what an
 * expression denotes (a role, a list of requirement entries, a class, a
 * literal …), following names through imports, re-exports and `const`s in any
 * file. No diagnostics here: a {@link Value} says what is unknown and where,
 * and the caller decides how to report it.
 */
import { SiteUser } from "../runtime/core-roles.js";
import type { ActionEntry, ActorRequirement } from "./discover.js";
import type { ResolvedItem, ResolvedRequirement, UnresolvedExpression } from "./types.js";
import type { Binding, ModuleGraph, ModuleRef } from "./module-graph.js";
import type { LogEntry, PendingReport, ReportLog } from "./diagnostic-sink.js";
import { nameRead } from "./read-keys.js";
import { unwrap, type Expr, type Loc, type Member, type Prop, type SyntaxClass, type SyntaxFile, type SyntaxVariable } from "./syntax.js";
import path from "node:path";

export { unwrap } from "./syntax.js";

/** What an expression denotes. */
export type Value =
  | { readonly kind: "role"; readonly id: string }
  /** An array literal or the result of `loginRequired`/`addRequirements`/`X.requiredRoles`. */
  | { readonly kind: "list"; readonly entries: readonly Entry[]; readonly node: Loc }
  /** A class that is not a role (an actor, an action, anything else). */
  | { readonly kind: "class"; readonly node: SyntaxClass }
  /** A non-role export of the runtime (`Actor`, `Action`, `loginRequired`, …). */
  | { readonly kind: "runtime"; readonly name: string }
  | { readonly kind: "namespace"; readonly module: ModuleRef }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "object"; readonly node: Expr & { readonly kind: "object" } }
  | { readonly kind: "new"; readonly node: Expr & { readonly kind: "new" } }
  /** Something that is clearly not a role: a number, a function, `null` … */
  | { readonly kind: "other"; readonly what: string }
  /** Not statically known; `node` is the innermost expression that could not be resolved. */
  | { readonly kind: "unresolved"; readonly node: Loc; readonly reason: string };

/** An entry of a list: an expression as written, or an item resolved earlier (an inherited requirement). */
export type Entry =
  | { readonly kind: "expr"; readonly node: Loc; readonly value: Value }
  | { readonly kind: "resolved"; readonly item: ResolvedItem }
  /** The unresolved whole items of an inherited requirement (already reported there). */
  | { readonly kind: "incomplete"; readonly unresolved: readonly UnresolvedExpression[] };

/** What the evaluator needs to know about actor classes (given by the actor index). */
export interface ClassRequirements {
  /**
   * The effective `requiredRoles` of a class (own, inherited, or Actor's
   * default), or a reason why there is none.
   */
  requirementOf(cls: SyntaxClass): ResolvedRequirement | string;
}

/** The parent of a class: another class, a runtime class, or unknown. */
export type Parent =
  | { readonly kind: "class"; readonly node: SyntaxClass; readonly expression: Expr }
  | { readonly kind: "runtime"; readonly name: string; readonly expression: Expr }
  | { readonly kind: "none" }
  | { readonly kind: "unresolved"; readonly expression: Expr };

/** A static member's value expression: a property initializer, or a getter that only returns. */
export interface StaticMember {
  readonly member: Member;
  /** Undefined when the member exists but its value is not written as an expression. */
  readonly expression: Expr | undefined;
}

/** The static member `name` declared by the class itself (not inherited). */
export function ownStaticMember(cls: SyntaxClass, name: string): StaticMember | undefined {
  for (const member of cls.members) {
    if (!member.isStatic || member.name !== name) continue;
    if (member.kind === "property" && member.hasNoValue) continue;
    return { member, expression: member.expression };
  }
  return undefined;
}

/** The instance field `name` declared by the class itself, with its initializer. */
export function ownInstanceField(cls: SyntaxClass, name: string): Expr | undefined {
  for (const member of cls.members) {
    if (member.kind !== "property" || member.isStatic) continue;
    if (member.name === name && member.expression !== undefined) return member.expression;
  }
  return undefined;
}

/** True for `abstract class`. */
export function isAbstract(cls: SyntaxClass): boolean {
  return cls.isAbstract;
}

/** The properties of an object literal value. */
export type { Prop };

/** A `static appLabel` declaration and what its value denotes. */
export interface AppLabelSource {
  readonly declared: StaticMember;
  /** Undefined when the member has no value expression. */
  readonly value: Value | undefined;
}

/**
 * What one analysis knows about a class, computed on first use: one entry
 * per class in the evaluator's map (one lookup instead of one map per
 * question). The parse tree holds no facts: a later analysis (watch mode, an
 * editor) reuses the trees and starts with a map of its own.
 */
export class ClassFacts {
  /** `static roleId`, once read: null for none. */
  roleId: string | null | undefined = undefined;
  /** The class it extends, once known, and whether that is being worked out. */
  parent: Parent | undefined = undefined;
  parentBusy = false;
  /** The runtime class at the root of the `extends` chain, once known (null: none), and whether it is being worked out. */
  runtimeBase: string | null | undefined = undefined;
  runtimeBaseBusy = false;
  /** The nearest `static appLabel` of the class or its ancestors, once known (null: none), and whether it is being worked out. */
  appLabelSource: AppLabelSource | null | undefined = undefined;
  appLabelSourceBusy = false;
  /** The effective requiredRoles (or why there are none), and whether it is being worked out. */
  requirement: ActorRequirement | string | undefined = undefined;
  requirementBusy = false;
  /** Own or inherited static actions, and whether they are being worked out. */
  actions: readonly ActionEntry[] | undefined = undefined;
  actionsBusy = false;
  id: string | undefined = undefined;
  /** Own or inherited appLabel, else its folder's name, once known, and whether it is being worked out. */
  appLabel: string | undefined = undefined;
  appLabelBusy = false;
}

/**
 * Evaluates expressions across the files of a {@link ModuleGraph}. Results of
 * `const`s, parents and role ids are cached per declaration.
 */
export class Evaluator {
  /** Set by the actor index once it exists (the two depend on each other). */
  classes: ClassRequirements | undefined;
  /**
   * Incremental analysis: what the cached computations reported (evaluating a
   * const or a parent can resolve another class's requirements), replayed
   * whenever a cached answer is used.
   */
  log: ReportLog | undefined;

  private readonly reports = new Map<object, readonly LogEntry[]>();
  private readonly constValues = new Map<SyntaxVariable, Value>();
  private readonly constsInProgress = new Set<SyntaxVariable>();
  private readonly facts = new Map<SyntaxClass, ClassFacts>();

  constructor(readonly graph: ModuleGraph) {}

  /** What `expression` denotes. */
  evaluate(expression: Expr): Value {
    const node = unwrap(expression);
    switch (node.kind) {
      case "array":
        return { kind: "list", entries: this.entriesOf(node.elements), node };
      case "ident":
        return this.identifier(node);
      case "prop":
        return this.propertyAccess(node);
      case "call":
        return this.call(node);
      case "string":
        return { kind: "string", value: node.value };
      case "new":
        return { kind: "new", node };
      case "object":
        return { kind: "object", node };
      case "true":
        return TRUE;
      case "false":
        return FALSE;
      case "null":
        return { kind: "other", what: "null" };
      case "other":
        return { kind: "other", what: node.what };
      default:
        return { kind: "unresolved", node, reason: "this kind of expression is not evaluated statically" };
    }
  }

  /** This analysis's facts about a class (see {@link ClassFacts}). */
  factsOf(cls: SyntaxClass): ClassFacts {
    let facts = this.facts.get(cls);
    if (facts === undefined) {
      facts = new ClassFacts();
      this.facts.set(cls, facts);
    }
    return facts;
  }

  /** The role id of a generated role class (`static roleId = "<id>"`), else undefined. */
  roleIdOf(cls: SyntaxClass): string | undefined {
    const facts = this.factsOf(cls);
    if (facts.roleId !== undefined) return facts.roleId ?? undefined;
    const initializer = ownStaticMember(cls, "roleId")?.expression;
    const expr = initializer === undefined ? undefined : unwrap(initializer);
    const id = expr?.kind === "string" ? expr.value : undefined;
    facts.roleId = id ?? null;
    return id;
  }

  /**
   * The class `cls` extends. An `extends` expression whose value depends on
   * the class itself (through consts and requirements) leaves it unresolved.
   */
  parentOf(cls: SyntaxClass): Parent {
    const facts = this.factsOf(cls);
    const parent = facts.parent;
    if (parent !== undefined) {
      if (this.log !== undefined) this.log.replay(this.reports.get(cls));
      return parent;
    }
    const expression = cls.extendsExpr;
    if (expression === undefined) return (facts.parent = NO_PARENT);
    if (facts.parentBusy) return { kind: "unresolved", expression };
    return this.graph.guard.compute(
      () => {
        this.log?.begin();
        const found = this.parentUncached(expression);
        this.remember(cls);
        facts.parent = found;
        return found;
      },
      (busy) => {
        facts.parentBusy = busy;
      },
      this.log,
    );
  }

  /**
   * What a name bound at the top level of its file denotes. A value written
   * in a file with a syntax error (a const, a role class, a default export)
   * is not known: the file holds what TypeScript's error recovery made of it.
   */
  bindingValue(binding: Binding, at: Loc): Value {
    switch (binding.kind) {
      case "class": {
        const id = this.roleIdOf(binding.node);
        if (id !== undefined && binding.node.file.syntaxErrors.length > 0) return brokenFile(binding.node.file, at);
        return id === undefined ? { kind: "class", node: binding.node } : { kind: "role", id };
      }
      case "const":
        return binding.node.nameLoc.file.syntaxErrors.length > 0 ? brokenFile(binding.node.nameLoc.file, at) : this.constValue(binding.node);
      case "expression":
        return binding.node.file.syntaxErrors.length > 0 ? brokenFile(binding.node.file, at) : this.evaluate(binding.node);
      case "namespace":
        return { kind: "namespace", module: binding.module };
      case "role":
        return { kind: "role", id: binding.id };
      case "runtime":
        return { kind: "runtime", name: binding.name };
      case "other":
        return { kind: "other", what: binding.what };
      case "unresolved":
        return { kind: "unresolved", node: at, reason: binding.reason };
    }
  }

  /** Ends the log frame of a computation cached under `key`. */
  private remember(key: object): void {
    const reports = this.log?.end();
    if (reports !== undefined && reports.length > 0) this.reports.set(key, reports);
  }

  private parentUncached(expression: Expr): Parent {
    const value = this.evaluate(expression);
    if (value.kind === "class") return { kind: "class", node: value.node, expression };
    if (value.kind === "runtime") return { kind: "runtime", name: value.name, expression };
    return { kind: "unresolved", expression };
  }

  private constValue(decl: SyntaxVariable & { readonly initializer: Expr }): Value {
    const cached = this.constValues.get(decl);
    if (cached !== undefined) {
      if (this.log !== undefined) this.log.replay(this.reports.get(decl));
      return cached;
    }
    if (this.constsInProgress.has(decl)) return { kind: "unresolved", node: decl.nameLoc, reason: "the const refers to itself" };
    // A const may name a const that names a const …: kept off a deep stack by the guard.
    return this.graph.guard.compute(
      () => {
        this.log?.begin();
        const value = this.evaluate(decl.initializer);
        this.remember(decl);
        this.constValues.set(decl, value);
        return value;
      },
      (busy) => (busy ? this.constsInProgress.add(decl) : this.constsInProgress.delete(decl)),
      this.log,
    );
  }

  private identifier(node: Expr & { readonly kind: "ident" }): Value {
    const table = node.file;
    if (node.name === "undefined" && !table.locals.has("undefined") && !table.imports.has("undefined")) {
      this.log?.record(nameRead(table.file, "l", "undefined"));
      return { kind: "other", what: "undefined" };
    }
    return this.bindingValue(this.graph.lookupLocal(table, node.name), node);
  }

  private propertyAccess(node: Expr & { readonly kind: "prop" }): Value {
    const name = node.name;
    const target = node.target;
    let owner: Value;
    if (target.kind === "super" || target.kind === "this") {
      const cls = target.staticClass;
      if (cls === undefined) return { kind: "unresolved", node, reason: `\`${target.kind}\` is only understood in a static initializer` };
      if (target.kind === "this") owner = { kind: "class", node: cls };
      else {
        const parent = this.parentOf(cls);
        if (parent.kind === "class") owner = { kind: "class", node: parent.node };
        else if (parent.kind === "runtime") owner = { kind: "runtime", name: parent.name };
        else return { kind: "unresolved", node, reason: "the parent class is not known" };
      }
    } else {
      owner = this.evaluate(target);
    }
    switch (owner.kind) {
      case "namespace":
        return this.bindingValue(this.graph.lookupExport(owner.module, name), node);
      case "class":
        if (name === "requiredRoles") return this.classRequirement(owner.node, node);
        break;
      case "runtime":
        if (owner.name === "Actor" && name === "requiredRoles") {
          return { kind: "list", entries: [{ kind: "expr", node, value: SITE_USER }], node };
        }
        break;
      case "unresolved":
        return { kind: "unresolved", node, reason: owner.reason };
      default:
        break;
    }
    return { kind: "unresolved", node, reason: `\`.${name}\` of this value is not known statically` };
  }

  private classRequirement(cls: SyntaxClass, node: Loc): Value {
    const requirement = this.classes?.requirementOf(cls) ?? "no actor index";
    if (typeof requirement === "string") return { kind: "unresolved", node, reason: requirement };
    const entries: Entry[] = requirement.items.map((item) => ({ kind: "resolved", item }));
    if (requirement.unresolved.length > 0) entries.push({ kind: "incomplete", unresolved: requirement.unresolved });
    return { kind: "list", entries, node };
  }

  private call(node: Expr & { readonly kind: "call" }): Value {
    const callee = this.evaluate(node.callee);
    if (callee.kind === "runtime" && callee.name === "loginRequired") {
      if (node.args.length === 0) {
        return { kind: "list", entries: [{ kind: "expr", node, value: SITE_USER }], node };
      }
      return { kind: "list", entries: this.entriesOf(node.args), node };
    }
    if (callee.kind === "runtime" && callee.name === "addRequirements") {
      const [base, ...items] = node.args;
      if (base === undefined) return { kind: "unresolved", node, reason: "addRequirements needs a base requirement" };
      // The base is a whole requirement, not an item: its entries are spliced in.
      let baseEntries: readonly Entry[];
      if (base.kind === "spread") baseEntries = this.entriesOf([base]);
      else {
        const value = this.evaluate(base);
        const reason = "the first argument of addRequirements must be a requirement";
        baseEntries =
          value.kind === "list"
            ? value.entries
            : [{ kind: "expr", node: base, value: value.kind === "unresolved" ? value : { kind: "unresolved", node: base, reason } }];
      }
      return { kind: "list", entries: [...baseEntries, ...this.entriesOf(items)], node };
    }
    if (callee.kind === "unresolved") return { kind: "unresolved", node, reason: callee.reason };
    return { kind: "unresolved", node, reason: "only loginRequired(…) and addRequirements(…) calls are evaluated statically" };
  }

  /** Entries of an argument or element list; spreads of lists are spliced in. */
  private entriesOf(elements: readonly Expr[]): Entry[] {
    const entries: Entry[] = [];
    for (const element of elements) {
      if (element.kind === "spread") {
        const value = this.evaluate(element.expr);
        if (value.kind === "list") for (const entry of value.entries) entries.push(entry);
        else {
          const reason = value.kind === "unresolved" ? value.reason : "only arrays and requirements can be spread";
          entries.push({ kind: "expr", node: element, value: { kind: "unresolved", node: element, reason } });
        }
      } else if (element.kind === "omitted") {
        entries.push({ kind: "expr", node: element, value: { kind: "other", what: "an array hole" } });
      } else {
        entries.push({ kind: "expr", node: element, value: this.evaluate(element) });
      }
    }
    return entries;
  }
}

/** A value from a file with a syntax error: not known. */
function brokenFile(file: SyntaxFile, at: Loc): Value {
  return { kind: "unresolved", node: at, reason: `${path.basename(file.file)} has a syntax error (RC5012)` };
}


const NO_PARENT: Parent = { kind: "none" };
const TRUE: Value = { kind: "boolean", value: true };
const FALSE: Value = { kind: "boolean", value: false };
// `loginRequired()` with no argument: the runtime's answer, `[SiteUser]`.
const SITE_USER: Value = { kind: "role", id: SiteUser.roleId };
