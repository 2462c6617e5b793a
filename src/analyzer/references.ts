/**
 * Where a source file names roles: every identifier that denotes a role
 * class (an import or export of one, a use of the name, `ns.Role` through a
 * namespace), found by following names as the analysis does (imports,
 * re-exports, namespaces) to the generated role classes. For editors: go to
 * definition, find references, rename, and what a file has imported.
 *
 * Names are taken at the top level of the file (as the analyzer reads
 * requirements): a local variable that shadows an imported role is not told
 * apart.
 */
import type { ts as Ts } from "ts-morph";
import { typescript } from "../compiler/typescript.js";
import { Evaluator } from "./evaluate.js";
import type { Binding, ModuleGraph, ModuleRef } from "./module-graph.js";
import type { SyntaxFile } from "./syntax.js";

/** An identifier of a source file that denotes a role. */
export interface SourceRoleReference {
  /** The role id. */
  readonly role: string;
  /** Offsets of the identifier in the file's text. */
  readonly start: number;
  readonly end: number;
  /** The identifier (the role's class name, or an alias). */
  readonly text: string;
  /** `import`/`export`: in an import or export clause; `use`: anywhere else. */
  readonly kind: "import" | "export" | "use";
}

/** Every reference to a role in a file of the graph, as the file is now (none when the graph can't read it). */
export function sourceRoleReferences(graph: ModuleGraph, file: string): SourceRoleReference[] {
  const ts = typescript();
  const table = graph.table(file);
  if (table === undefined) return [];
  const evaluator = new Evaluator(graph);
  const roleOf = (binding: Binding): string | undefined => {
    if (binding.kind === "role") return binding.id;
    return binding.kind === "class" ? evaluator.roleIdOf(binding.node) : undefined;
  };
  const found: SourceRoleReference[] = [];
  const source = ts.createSourceFile(file, table.text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (node: Ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const meaning = identifierMeaning(graph, table, node);
      const role = meaning === undefined ? undefined : roleOf(meaning.binding);
      if (role !== undefined) found.push({ role, start: node.getStart(source), end: node.end, text: node.text, kind: meaning!.kind });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The names bound at the top level of a file (imports) that denote roles: name → role id. */
export function roleBindings(graph: ModuleGraph, file: string): Map<string, string> {
  const table = graph.table(file);
  const bindings = new Map<string, string>();
  if (table === undefined) return bindings;
  const evaluator = new Evaluator(graph);
  for (const name of table.imports.keys()) {
    const binding = graph.lookupLocal(table, name);
    const role = binding.kind === "role" ? binding.id : binding.kind === "class" ? evaluator.roleIdOf(binding.node) : undefined;
    if (role !== undefined) bindings.set(name, role);
  }
  return bindings;
}

/** What an identifier denotes, when it is a name the file binds or reads (not a declaration or property name). */
function identifierMeaning(graph: ModuleGraph, table: SyntaxFile, id: Ts.Identifier): { binding: Binding; kind: SourceRoleReference["kind"] } | undefined {
  const ts = typescript();
  const parent = id.parent;
  const file = table.file;
  const moduleOf = (specifier: Ts.Expression | undefined): ModuleRef | undefined =>
    specifier !== undefined && ts.isStringLiteral(specifier) ? graph.resolveModule(specifier.text, file) : undefined;
  if (ts.isImportSpecifier(parent)) {
    const module = moduleOf(parent.parent.parent.parent.moduleSpecifier);
    const imported = parent.propertyName ?? parent.name;
    return module === undefined || !ts.isIdentifier(imported) ? undefined : { binding: graph.lookupExport(module, imported.text), kind: "import" };
  }
  if (ts.isImportClause(parent)) {
    const module = moduleOf(parent.parent.moduleSpecifier);
    return module === undefined ? undefined : { binding: graph.lookupExport(module, "default"), kind: "import" };
  }
  if (ts.isNamespaceImport(parent) || ts.isNamespaceExport(parent)) return undefined;
  if (ts.isExportSpecifier(parent)) {
    const local = parent.propertyName ?? parent.name;
    if (!ts.isIdentifier(local)) return undefined;
    const declaration = parent.parent.parent;
    const module = moduleOf(declaration.moduleSpecifier);
    const binding = declaration.moduleSpecifier === undefined ? graph.lookupLocal(table, local.text) : module === undefined ? undefined : graph.lookupExport(module, local.text);
    return binding === undefined ? undefined : { binding, kind: "export" };
  }
  if ((ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isQualifiedName(parent) && parent.right === id)) {
    const module = namespaceOf(graph, table, ts.isPropertyAccessExpression(parent) ? parent.expression : parent.left);
    return module === undefined ? undefined : { binding: graph.lookupExport(module, id.text), kind: "use" };
  }
  // A name being declared, or the name of a property or member: not a use of a top-level name.
  if (!ts.isShorthandPropertyAssignment(parent) && (parent as { readonly name?: Ts.Node }).name === id) return undefined;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return undefined;
  if (!table.imports.has(id.text) && !table.locals.has(id.text)) return undefined;
  return { binding: graph.lookupLocal(table, id.text), kind: "use" };
}

/** The module a namespace expression (`ns`, `ns.inner`) denotes, if it is one. */
function namespaceOf(graph: ModuleGraph, table: SyntaxFile, expression: Ts.Node): ModuleRef | undefined {
  const ts = typescript();
  if (ts.isIdentifier(expression)) {
    if (!table.imports.has(expression.text) && !table.locals.has(expression.text)) return undefined;
    const binding = graph.lookupLocal(table, expression.text);
    return binding.kind === "namespace" ? binding.module : undefined;
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isQualifiedName(expression)) {
    const outer = namespaceOf(graph, table, ts.isPropertyAccessExpression(expression) ? expression.expression : expression.left);
    const name = ts.isPropertyAccessExpression(expression) ? expression.name : expression.right;
    if (outer === undefined || !ts.isIdentifier(name)) return undefined;
    const binding = graph.lookupExport(outer, name.text);
    return binding.kind === "namespace" ? binding.module : undefined;
  }
  return undefined;
}
