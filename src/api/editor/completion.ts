/**
 * Completion of roles: role ids in role modules (in `bases`, `imports` and
 * a user type's `role`, YAML or TypeScript), and role classes in the
 * requirements of application sources (`requiredRoles`, `loginRequired(…)`,
 * `addRequirements(…)`), with the import a role class needs.
 *
 * The buffer being typed is rarely valid: contexts are found from the text
 * around the cursor (indentation and brackets in role modules, TypeScript's
 * tolerant parser in sources), not from the last round's parse.
 */
import { createRequire } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";
import type { ts as TsApi } from "ts-morph";
import type * as YamlApi from "yaml";
import type { Span } from "../../diagnostics/diagnostic.js";
import { CORE_MODULE } from "../../runtime/semantics/index.js";
import { readText, spanFile, type EditorContext } from "./roles.js";
import { LineMap, type Position, type TextEdit } from "./text.js";

/** A completion proposal. */
export interface CompletionEntry {
  /** What the list shows and filters by. */
  readonly label: string;
  /** `role`: a role id or name in a role module; `class`: a role class in a source. */
  readonly kind: "role" | "class";
  /** One line: the role id, and where the class comes from. */
  readonly detail: string;
  /** Markdown: the role's doc. */
  readonly documentation?: string;
  readonly insertText: string;
  /** The text the insert replaces: the word being typed. */
  readonly replace: Span;
  /** Other edits, e.g. the import of the role class. */
  readonly additionalEdits: readonly TextEdit[];
  /** Sorts the proposals: the names a file has at hand first. */
  readonly sortText: string;
}

/** The completions at a position of a file (none outside a place that names roles). */
export function completionsAt(ctx: EditorContext, file: string, position: Position): CompletionEntry[] {
  const text = readText(ctx, file);
  if (text === undefined) return [];
  const lines = new LineMap(text);
  const offset = lines.offset(position);
  if (isRoleModule(ctx, file, text)) return moduleCompletions(ctx, file, text, lines, offset);
  if (/\.[cm]?tsx?$/.test(file)) return sourceCompletions(ctx, file, text, lines, offset);
  return [];
}

function isRoleModule(ctx: EditorContext, file: string, text: string): boolean {
  if (ctx.session.moduleFiles().includes(file)) return true;
  if (/\.ya?ml$/.test(file)) return /^module\s*:/m.test(text) && !file.endsWith(".rolecraft-test.yaml");
  return /\.m?ts$/.test(file) && text.includes("defineRoleModule");
}

// ------------------------------------------------------------------ role modules

/** Where in a role module the cursor names a role: `imports` takes qualified ids only. */
type ModuleContext = "bases" | "imports" | "role";

const NON_ROLE_KEYS = new Set(["module", "doc", "include", "imports", "roles", "userTypes", "bases", "$schema", "value", "names", "text", "role", "readonly", "hiddenLanguages", "maskNotifications", "attributes", "as"]);

function moduleCompletions(ctx: EditorContext, file: string, text: string, lines: LineMap, offset: number): CompletionEntry[] {
  const word = /[A-Za-z0-9_.]*$/.exec(text.slice(Math.max(0, offset - 200), offset))![0];
  const start = offset - word.length;
  const context = moduleContext(text, start);
  if (context === undefined) return [];
  const model = ctx.result.model.model;
  const replace = lines.span(spanFile(ctx, file), start, offset);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  const add = (label: string, role: string, rank: number): void => {
    if (seen.has(label)) return;
    seen.add(label);
    const doc = model.roles.get(role)?.doc;
    entries.push({
      label,
      kind: "role",
      detail: label === role ? "role" : role,
      ...(doc === undefined ? {} : { documentation: doc }),
      insertText: label,
      replace,
      additionalEdits: [],
      sortText: `${rank}${label}`,
    });
  };
  if (context !== "imports") {
    // Bare names: the roles of the file's own module label, and what its imports bind, as the buffer
    // writes them (the last round may not have this file: a buffer being typed is often invalid).
    const written = writtenNamespace(file, text);
    const label = written?.module ?? /^\s*["']?module["']?\s*:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/m.exec(text)?.[1];
    for (const role of model.roles.values()) if (role.module === label) add(role.name, role.id, 0);
    for (const [name, role] of written?.names ?? []) add(name, role, 0);
    const name = spanFile(ctx, file);
    for (const reference of model.references ?? []) {
      if (reference.kind === "import" && reference.span.file === name && reference.binding !== undefined) add(reference.binding, reference.role, 0);
    }
  }
  for (const role of model.roles.values()) add(role.id, role.id, role.module === CORE_MODULE ? 2 : 1);
  return entries;
}

/**
 * What a YAML role module's text defines and imports (as far as it can be
 * read while being typed): its module label, and each bare name with the
 * role id it stands for.
 */
function writtenNamespace(file: string, text: string): { module: string | undefined; names: Map<string, string> } | undefined {
  if (!/\.ya?ml$/.test(file)) return undefined;
  let data: unknown;
  try {
    const { parseDocument } = createRequire(import.meta.url)("yaml") as typeof YamlApi;
    data = parseDocument(text, { prettyErrors: false, uniqueKeys: false }).toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const record = data as { module?: unknown; roles?: unknown; imports?: unknown };
  const module = typeof record.module === "string" ? record.module : undefined;
  const names = new Map<string, string>();
  if (typeof record.roles === "object" && record.roles !== null && module !== undefined) {
    for (const name of Object.keys(record.roles)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) names.set(name, `${module}.${name}`);
  }
  for (const entry of Array.isArray(record.imports) ? (record.imports as unknown[]) : []) {
    const role = typeof entry === "string" ? entry : typeof entry === "object" && entry !== null ? (entry as { role?: unknown }).role : undefined;
    if (typeof role !== "string" || !role.includes(".")) continue;
    const alias = typeof entry === "object" && entry !== null ? (entry as { as?: unknown }).as : undefined;
    names.set(typeof alias === "string" ? alias : role.slice(role.indexOf(".") + 1), role);
  }
  return { module, names };
}

/** The kind of role reference written at `offset` of a role module, if any. */
function moduleContext(text: string, offset: number): ModuleContext | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const head = text.slice(lineStart, offset);
  // `role: …` of a user type, or of an import with an alias.
  if (/(?:^|[{,\s])["']?role["']?\s*:\s*["']?$/.test(head)) return enclosingKey(text, lineStart, indentOf(head)) === "imports" ? "imports" : "role";
  // Inside a bracketed list: `bases: [a, |`, `Customer: [a, |`, `imports: [|`.
  const bracket = openBracket(text, offset);
  if (bracket !== undefined) {
    const key = /["']?([A-Za-z_$][A-Za-z0-9_$]*)["']?\s*:\s*$/.exec(text.slice(Math.max(0, bracket - 200), bracket))?.[1];
    if (key === "imports") return "imports";
    if (key === "bases") return "bases";
    if (key !== undefined && !NON_ROLE_KEYS.has(key)) return "bases";
    return undefined;
  }
  // A YAML block sequence item: `  - |` under `imports:`, `bases:` or a role's name.
  const item = /^(\s*)-\s*["']?$/.exec(head);
  if (item !== null) {
    const key = enclosingKey(text, lineStart, item[1]!.length + 1);
    if (key === "imports") return "imports";
    if (key === "bases" || (key !== undefined && !NON_ROLE_KEYS.has(key))) return "bases";
  }
  return undefined;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length + (/^\s*-\s/.test(line) ? 2 : 0);
}

/** The key of the YAML mapping entry that holds a line indented by `indent` (the nearest line above that is indented less). */
function enclosingKey(text: string, lineStart: number, indent: number): string | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const own = /^\s*/.exec(line)![0].length;
    if (own >= indent) continue;
    const key = /^\s*(?:-\s*)?["']?([A-Za-z_$][A-Za-z0-9_$]*)["']?\s*:/.exec(line)?.[1];
    if (key !== undefined || own === 0) return key;
  }
  return undefined;
}

/** The offset of the innermost `[` still open at `offset` (strings skipped), if it is closer than any open `{`. */
function openBracket(text: string, offset: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  // Strings are told apart going forward from the line's start; brackets are matched going back.
  for (let i = offset - 1; i >= 0 && i >= offset - 4000; i--) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && i < offset - 1) {
      quote = ch;
      continue;
    }
    if (ch === "]" || ch === "}") depth++;
    else if (ch === "[" || ch === "{") {
      if (depth === 0) return ch === "[" ? i : undefined;
      depth--;
    } else if (ch === "\n" && depth === 0 && /^\s*[A-Za-z_$"'-][^\n]*:\s*$/.test(text.slice(text.lastIndexOf("\n", i - 1) + 1, i))) {
      // A YAML key line above: the flow list did not start before it.
      return undefined;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ sources

let typescript: typeof TsApi | undefined;
/** TypeScript, as ts-morph bundles it, loaded on first use. */
function ts(): typeof TsApi {
  typescript ??= (createRequire(import.meta.url)("ts-morph") as { ts: typeof TsApi }).ts;
  return typescript;
}

const REQUIREMENT_CALLS = new Set(["loginRequired", "addRequirements"]);

function sourceCompletions(ctx: EditorContext, file: string, text: string, lines: LineMap, offset: number): CompletionEntry[] {
  const word = /[A-Za-z0-9_$]*$/.exec(text.slice(Math.max(0, offset - 200), offset))![0];
  const start = offset - word.length;
  if (text[start - 1] === ".") return [];
  const t = ts();
  const source = t.createSourceFile(file, text, t.ScriptTarget.Latest, true, file.endsWith(".tsx") ? t.ScriptKind.TSX : t.ScriptKind.TS);
  if (!inRequirement(t, source, start)) return [];
  const model = ctx.result.model.model;
  const bindings = ctx.session.sourceRoleBindings(file);
  const byRole = new Map<string, string>();
  for (const [name, role] of bindings) if (!byRole.has(role)) byRole.set(role, name);
  const replace = lines.span(spanFile(ctx, file), start, offset);
  const taken = topLevelNames(t, source);
  const entries: CompletionEntry[] = [];
  for (const role of model.roles.values()) {
    const bound = byRole.get(role.id);
    // A name the file has for something else can't be imported: the role is offered where it is bound.
    if (bound === undefined && taken.has(role.name)) continue;
    const specifier = role.module === CORE_MODULE ? "rolecraft/runtime" : moduleSpecifier(ctx, file, role.module);
    entries.push({
      label: bound ?? role.name,
      kind: "class",
      detail: bound === undefined ? `${role.id} (import from "${specifier}")` : role.id,
      ...(role.doc === undefined ? {} : { documentation: role.doc }),
      insertText: bound ?? role.name,
      replace,
      additionalEdits: bound === undefined ? [importEdit(t, source, lines, spanFile(ctx, file), role.name, specifier)] : [],
      sortText: `${bound === undefined ? 1 : 0}${bound ?? role.name}`,
    });
  }
  return entries;
}

/** True when `offset` is in a requirement: an argument of `loginRequired`/`addRequirements`, or the value of a `requiredRoles`. */
function inRequirement(t: typeof TsApi, source: TsApi.SourceFile, offset: number): boolean {
  let node = deepest(t, source, offset);
  if (node !== undefined && (t.isStringLiteralLike(node) || node.kind === t.SyntaxKind.TemplateExpression) && node.getStart(source) < offset) return false;
  for (; node !== undefined; node = node.parent) {
    if (t.isCallExpression(node) && offset > node.expression.end) {
      const callee = t.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
      if (t.isIdentifier(callee) && REQUIREMENT_CALLS.has(callee.text)) return true;
    }
    if ((t.isPropertyDeclaration(node) || t.isPropertyAssignment(node)) && node.name.getText(source) === "requiredRoles" && offset > node.name.end) return true;
    if (t.isFunctionLike(node) || t.isClassDeclaration(node) || t.isSourceFile(node)) return false;
  }
  return false;
}

/** The innermost node whose text holds `offset`. */
function deepest(t: typeof TsApi, source: TsApi.SourceFile, offset: number): TsApi.Node | undefined {
  let found: TsApi.Node = source;
  const visit = (node: TsApi.Node): void => {
    if (node.getStart(source) <= offset && offset <= node.end) {
      found = node;
      t.forEachChild(node, visit);
    }
  };
  t.forEachChild(source, visit);
  return found;
}

/** The names declared or imported at the top level of a source. */
function topLevelNames(t: typeof TsApi, source: TsApi.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (t.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name !== undefined) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && t.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings !== undefined) for (const element of bindings.elements) names.add(element.name.text);
    } else if ((t.isClassDeclaration(statement) || t.isFunctionDeclaration(statement) || t.isEnumDeclaration(statement)) && statement.name !== undefined) {
      names.add(statement.name.text);
    } else if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (t.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

/** The specifier a source imports a generated role module by: `<out>/roles/<module>.js`, relative to the source. */
function moduleSpecifier(ctx: EditorContext, file: string, module: string): string {
  const target = resolve(ctx.cwd, ctx.out, "roles", `${module}.js`);
  const path = relative(dirname(file), target).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/** The edit that imports `name` from `specifier`: into an import of that module the file has, else a new import after the others. */
function importEdit(t: typeof TsApi, source: TsApi.SourceFile, lines: LineMap, file: string, name: string, specifier: string): TextEdit {
  let last: TsApi.ImportDeclaration | undefined;
  for (const statement of source.statements) {
    if (!t.isImportDeclaration(statement)) continue;
    last = statement;
    const module = statement.moduleSpecifier;
    const bindings = statement.importClause?.namedBindings;
    if (!t.isStringLiteral(module) || module.text !== specifier || bindings === undefined || !t.isNamedImports(bindings) || statement.importClause?.isTypeOnly === true) continue;
    const elements = bindings.elements;
    const after = elements.length === 0 ? bindings.getStart(source) + 1 : elements[elements.length - 1]!.end;
    return { span: lines.span(file, after, after), newText: elements.length === 0 ? ` ${name} ` : `, ${name}` };
  }
  const at = last === undefined ? 0 : lines.offset({ line: lines.position(last.end).line + 1, column: 1 });
  const atEnd = last !== undefined && at <= last.end;
  return { span: lines.span(file, atEnd ? last!.end : at, atEnd ? last!.end : at), newText: `${atEnd ? "\n" : ""}import { ${name} } from "${specifier}";\n` };
}
