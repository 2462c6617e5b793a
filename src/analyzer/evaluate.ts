/**
 * Static evaluation of the expressions that declare required roles: what an
 * expression denotes (a role, a list of requirement entries, a class, a
 * literal …), following names through imports, re-exports and `const`s in any
 * file. No diagnostics here: a {@link Value} says what is unknown and where,
 * and the caller decides how to report it.
 */
import { ts } from "ts-morph";
import type { ResolvedItem, ResolvedRequirement } from "./types.js";
import { hasModifier, type Binding, type ModuleGraph, type ModuleRef } from "./module-graph.js";
import type { PendingReport, ReportLog } from "./diagnostic-sink.js";

/** What an expression denotes. */
export type Value =
  | { readonly kind: "role"; readonly id: string }
  /** An array literal or the result of `loginRequired`/`addRequirements`/`X.requiredRoles`. */
  | { readonly kind: "list"; readonly entries: readonly Entry[]; readonly node: ts.Node }
  /** A class that is not a role (an actor, an action, anything else). */
  | { readonly kind: "class"; readonly node: ts.ClassDeclaration }
  /** A non-role export of the runtime (`Actor`, `Action`, `loginRequired`, …). */
  | { readonly kind: "runtime"; readonly name: string }
  | { readonly kind: "namespace"; readonly module: ModuleRef }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "object"; readonly node: ts.ObjectLiteralExpression }
  | { readonly kind: "new"; readonly node: ts.NewExpression }
  /** Something that is clearly not a role: a number, a function, `null` … */
  | { readonly kind: "other"; readonly what: string }
  /** Not statically known; `node` is the innermost expression that could not be resolved. */
  | { readonly kind: "unresolved"; readonly node: ts.Node; readonly reason: string };

/** An entry of a list: an expression as written, or an item resolved earlier (an inherited requirement). */
export type Entry =
  | { readonly kind: "expr"; readonly node: ts.Node; readonly value: Value }
  | { readonly kind: "resolved"; readonly item: ResolvedItem }
  /** Stands for the unresolved rest of an inherited incomplete requirement (already reported there). */
  | { readonly kind: "incomplete" };

/** What the evaluator needs to know about actor classes (given by the actor index). */
export interface ClassRequirements {
  /**
   * The effective `requiredRoles` of a class (own, inherited, or Actor's
   * default), or a reason why there is none.
   */
  requirementOf(cls: ts.ClassDeclaration): ResolvedRequirement | string;
}

/** The parent of a class: another class, a runtime class, or unknown. */
export type Parent =
  | { readonly kind: "class"; readonly node: ts.ClassDeclaration; readonly expression: ts.Expression }
  | { readonly kind: "runtime"; readonly name: string; readonly expression: ts.Expression }
  | { readonly kind: "none" }
  | { readonly kind: "unresolved"; readonly expression: ts.Expression };

/** Strips wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The text of a property name that is statically known. */
export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  if (ts.isComputedPropertyName(name)) {
    const expr = unwrap(name.expression);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  }
  return undefined;
}

/** A static member's value expression: a property initializer, or a getter that only returns. */
export interface StaticMember {
  readonly member: ts.ClassElement;
  /** Undefined when the member exists but its value is not written as an expression. */
  readonly expression: ts.Expression | undefined;
}

/** The static member `name` declared by the class itself (not inherited). */
export function ownStaticMember(cls: ts.ClassDeclaration, name: string): StaticMember | undefined {
  for (const member of cls.members) {
    if (member.name === undefined || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (propertyNameText(member.name) !== name) continue;
    if (ts.isPropertyDeclaration(member)) {
      if (hasModifier(member, ts.SyntaxKind.DeclareKeyword) || hasModifier(member, ts.SyntaxKind.AbstractKeyword)) continue;
      return { member, expression: member.initializer };
    }
    if (ts.isGetAccessorDeclaration(member)) {
      const body = member.body?.statements;
      const only = body?.length === 1 ? body[0] : undefined;
      return { member, expression: only !== undefined && ts.isReturnStatement(only) ? only.expression : undefined };
    }
  }
  return undefined;
}

/** The instance field `name` declared by the class itself, with its initializer. */
export function ownInstanceField(cls: ts.ClassDeclaration, name: string): ts.Expression | undefined {
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (propertyNameText(member.name) === name && member.initializer !== undefined) return member.initializer;
  }
  return undefined;
}

/** True for `abstract class`. */
export function isAbstract(cls: ts.ClassDeclaration): boolean {
  return hasModifier(cls, ts.SyntaxKind.AbstractKeyword);
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

  private readonly reports = new Map<ts.Node, readonly PendingReport[]>();
  private readonly constValues = new Map<ts.VariableDeclaration, Value>();
  private readonly constsInProgress = new Set<ts.VariableDeclaration>();
  private readonly roleIds = new Map<ts.ClassDeclaration, string | undefined>();
  private readonly parents = new Map<ts.ClassDeclaration, Parent>();

  constructor(readonly graph: ModuleGraph) {}

  /** What `expression` denotes. */
  evaluate(expression: ts.Expression): Value {
    const node = unwrap(expression);
    if (ts.isArrayLiteralExpression(node)) return { kind: "list", entries: this.entriesOf(node.elements), node };
    if (ts.isIdentifier(node)) return this.identifier(node);
    if (ts.isPropertyAccessExpression(node)) return this.propertyAccess(node);
    if (ts.isCallExpression(node)) return this.call(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: "string", value: node.text };
    if (ts.isNewExpression(node)) return { kind: "new", node };
    if (ts.isObjectLiteralExpression(node)) return { kind: "object", node };
    switch (node.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return { kind: "boolean", value: true };
      case ts.SyntaxKind.FalseKeyword:
        return { kind: "boolean", value: false };
      case ts.SyntaxKind.NullKeyword:
        return { kind: "other", what: "null" };
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
        return { kind: "other", what: "a number" };
      case ts.SyntaxKind.TemplateExpression:
        return { kind: "other", what: "a string" };
      case ts.SyntaxKind.RegularExpressionLiteral:
        return { kind: "other", what: "a regular expression" };
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { kind: "other", what: "a function" };
      case ts.SyntaxKind.ClassExpression:
        return { kind: "other", what: "a class expression" };
      default:
        return { kind: "unresolved", node, reason: "this kind of expression is not evaluated statically" };
    }
  }

  /** The role id of a generated role class (`static roleId = "<id>"`), else undefined. */
  roleIdOf(cls: ts.ClassDeclaration): string | undefined {
    if (this.roleIds.has(cls)) return this.roleIds.get(cls);
    const initializer = ownStaticMember(cls, "roleId")?.expression;
    const expr = initializer === undefined ? undefined : unwrap(initializer);
    const id = expr !== undefined && (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) ? expr.text : undefined;
    this.roleIds.set(cls, id);
    return id;
  }

  /** The class `cls` extends. */
  parentOf(cls: ts.ClassDeclaration): Parent {
    let parent = this.parents.get(cls);
    if (parent === undefined) {
      this.log?.begin();
      parent = this.parentUncached(cls);
      this.remember(cls);
      this.parents.set(cls, parent);
    } else {
      this.log?.replay(this.reports.get(cls));
    }
    return parent;
  }

  /** What a name bound at the top level of its file denotes. */
  bindingValue(binding: Binding, at: ts.Node): Value {
    switch (binding.kind) {
      case "class": {
        const id = this.roleIdOf(binding.node);
        return id === undefined ? { kind: "class", node: binding.node } : { kind: "role", id };
      }
      case "const":
        return this.constValue(binding.node);
      case "expression":
        return this.evaluate(binding.node);
      case "namespace":
        return { kind: "namespace", module: binding.module };
      case "runtimeRole":
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
  private remember(key: ts.Node): void {
    const reports = this.log?.end();
    if (reports !== undefined && reports.length > 0) this.reports.set(key, reports);
  }

  private parentUncached(cls: ts.ClassDeclaration): Parent {
    const clause = cls.heritageClauses?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword);
    const expression = clause?.types[0]?.expression;
    if (expression === undefined) return { kind: "none" };
    const value = this.evaluate(expression);
    if (value.kind === "class") return { kind: "class", node: value.node, expression };
    if (value.kind === "runtime") return { kind: "runtime", name: value.name, expression };
    return { kind: "unresolved", expression };
  }

  private constValue(decl: ts.VariableDeclaration & { readonly initializer: ts.Expression }): Value {
    const cached = this.constValues.get(decl);
    if (cached !== undefined) {
      this.log?.replay(this.reports.get(decl));
      return cached;
    }
    if (this.constsInProgress.has(decl)) return { kind: "unresolved", node: decl.name, reason: "the const refers to itself" };
    this.constsInProgress.add(decl);
    this.log?.begin();
    const value = this.evaluate(decl.initializer);
    this.remember(decl);
    this.constsInProgress.delete(decl);
    this.constValues.set(decl, value);
    return value;
  }

  private identifier(node: ts.Identifier): Value {
    const table = this.graph.tableOf(node);
    if (node.text === "undefined" && !table.locals.has("undefined") && !table.imports.has("undefined")) {
      return { kind: "other", what: "undefined" };
    }
    return this.bindingValue(this.graph.lookupLocal(table, node.text), node);
  }

  private propertyAccess(node: ts.PropertyAccessExpression): Value {
    const name = node.name.text;
    const target = node.expression;
    let owner: Value;
    if (target.kind === ts.SyntaxKind.SuperKeyword || target.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingStaticClass(node);
      if (cls === undefined) return { kind: "unresolved", node, reason: `\`${target.getText()}\` is only understood in a static initializer` };
      if (target.kind === ts.SyntaxKind.ThisKeyword) owner = { kind: "class", node: cls };
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
          return { kind: "list", entries: [{ kind: "expr", node, value: { kind: "role", id: "core.SiteUser" } }], node };
        }
        break;
      case "unresolved":
        return { kind: "unresolved", node, reason: owner.reason };
      default:
        break;
    }
    return { kind: "unresolved", node, reason: `\`.${name}\` of this value is not known statically` };
  }

  private classRequirement(cls: ts.ClassDeclaration, node: ts.Node): Value {
    const requirement = this.classes?.requirementOf(cls) ?? "no actor index";
    if (typeof requirement === "string") return { kind: "unresolved", node, reason: requirement };
    const entries: Entry[] = requirement.items.map((item) => ({ kind: "resolved", item }));
    if (!requirement.complete) entries.push({ kind: "incomplete" });
    return { kind: "list", entries, node };
  }

  private call(node: ts.CallExpression): Value {
    const callee = this.evaluate(node.expression);
    if (callee.kind === "runtime" && callee.name === "loginRequired") {
      if (node.arguments.length === 0) {
        return { kind: "list", entries: [{ kind: "expr", node, value: { kind: "role", id: "core.SiteUser" } }], node };
      }
      return { kind: "list", entries: this.entriesOf(node.arguments), node };
    }
    if (callee.kind === "runtime" && callee.name === "addRequirements") {
      const [base, ...items] = node.arguments;
      if (base === undefined) return { kind: "unresolved", node, reason: "addRequirements needs a base requirement" };
      // The base is a whole requirement, not an item: its entries are spliced in.
      let baseEntries: readonly Entry[];
      if (ts.isSpreadElement(base)) baseEntries = this.entriesOf([base]);
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
  private entriesOf(elements: readonly ts.Expression[]): Entry[] {
    const entries: Entry[] = [];
    for (const element of elements) {
      if (ts.isSpreadElement(element)) {
        const value = this.evaluate(element.expression);
        if (value.kind === "list") entries.push(...value.entries);
        else {
          const reason = value.kind === "unresolved" ? value.reason : "only arrays and requirements can be spread";
          entries.push({ kind: "expr", node: element, value: { kind: "unresolved", node: element, reason } });
        }
      } else if (ts.isOmittedExpression(element)) {
        entries.push({ kind: "expr", node: element, value: { kind: "other", what: "an array hole" } });
      } else {
        entries.push({ kind: "expr", node: element, value: this.evaluate(element) });
      }
    }
    return entries;
  }
}

/** The class whose static member initializer (or static getter) holds `node`. */
function enclosingStaticClass(node: ts.Node): ts.ClassDeclaration | undefined {
  let current: ts.Node = node;
  while (current.parent !== undefined) {
    const parent = current.parent;
    if ((ts.isPropertyDeclaration(current) || ts.isGetAccessorDeclaration(current) || ts.isClassStaticBlockDeclaration(current)) && ts.isClassDeclaration(parent)) {
      return ts.isClassStaticBlockDeclaration(current) || hasModifier(current, ts.SyntaxKind.StaticKeyword) ? parent : undefined;
    }
    if (ts.isFunctionLike(current) && !ts.isArrowFunction(current) && !ts.isGetAccessorDeclaration(current)) return undefined;
    current = parent;
  }
  return undefined;
}
