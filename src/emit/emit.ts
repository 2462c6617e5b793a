/**
 * The emit stage: role model → view models → TypeScript files (one per role
 * module, `user-types.ts`, `index.ts`). Pure: returns the files' contents;
 * writing them (atomically) is the caller's job. Every file is syntax-checked.
 */
import type { ts as TsApi } from "ts-morph";
import { typescript } from "../compiler/typescript.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { compareStrings, fileSpan, type Diagnostic, type Result, type Span } from "../diagnostics/diagnostic.js";
import { RESERVED_USER_TYPE_NAMES } from "../runtime/user-types.js";
import { CORE_ROLES } from "../runtime/core-roles.js";
import { CORE_MODULE } from "../runtime/semantics/role-hierarchy.js";
import type { RoleDef, RoleModel } from "../compiler/types.js";
import { docCommentLines, generatedHeader, jsLiteral, jsString } from "./escape.js";
import { classNameProblem } from "./identifiers.js";
import { isPlainGeneratedSyntax } from "./plain-syntax.js";
import { renderTemplate } from "./templates.js";

/** One generated file: its path inside the output directory (with `/`) and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Options of the emit stage. */
export interface EmitOptions {
  /**
   * How a source file (as named in the model, relative to the working
   * directory) is named in generated headers; typically relative to the
   * output directory so the output does not depend on where rolecraft runs.
   */
  readonly sourceName?: (file: string) => string;
  /** Only report what would stop the emit (reserved names, import cycles); render nothing (for `check`). */
  readonly diagnosticsOnly?: boolean;
}

const BUILTIN_NAMES = new Set(CORE_ROLES.map((r) => r.name));

/** The namespace generated files import the runtime as. */
const RUNTIME_ALIAS = "$rc";

/**
 * The namespace a generated file imports another module's roles as: `$` and
 * the label, which no class name can clash with (role names have no `$`).
 * The runtime's alias is taken, so module `rc` gets `$$rc`, which no label
 * can produce (labels never start with `$`).
 */
export function moduleAlias(label: string): string {
  const alias = `$${label}`;
  return alias === RUNTIME_ALIAS ? `$${alias}` : alias;
}
const RESERVED_NAMES = new Set(RESERVED_USER_TYPE_NAMES);

/** Generates the TypeScript files for a role model that has no errors. */
export function emitProject(model: RoleModel, options: EmitOptions = {}): Result<GeneratedFile[]> {
  const sourceName = options.sourceName ?? ((file: string) => file);
  const diagnostics: Diagnostic[] = [];
  checkNames(model, diagnostics);
  const cycle = moduleCycle(model);
  if (cycle !== undefined) {
    diagnostics.push(diagnostic("moduleImportCycle", { path: cycle.join(" → ") }, firstSpan(model, cycle[0] ?? CORE_MODULE)));
  }
  if (diagnostics.length > 0 || options.diagnosticsOnly === true) return { value: [], diagnostics };

  const files: GeneratedFile[] = [];
  const byModule = new Map<string, RoleDef[]>();
  for (const role of model.roles.values()) {
    const list = byModule.get(role.module) ?? [];
    list.push(role);
    byModule.set(role.module, list);
  }
  for (const [label, roles] of byModule) {
    const sources = model.modules.find((m) => m.label === label)?.files ?? [];
    const source = sources.length === 0 ? "the built-in core roles" : sources.map(sourceName).join(", ");
    files.push({ path: `roles/${label}.ts`, content: emitRoleModule(label, roles, model, source) });
  }
  if (model.userTypesFile !== undefined) {
    files.push({ path: "user-types.ts", content: emitUserTypes(model, sourceName(model.userTypesFile)) });
  }
  const indexSource = model.userTypesFile === undefined ? "the role modules" : sourceName(model.userTypesFile);
  files.push({
    path: "index.ts",
    content: renderTemplate("index.ts.hbs", {
      header: generatedHeader(indexSource),
      modules: [...byModule.keys()].sort((a, b) => (a === CORE_MODULE ? -1 : b === CORE_MODULE ? 1 : compareStrings(a, b))).map((label) => ({ label, specifier: jsString(`./roles/${label}.js`) })),
      userTypes: model.userTypesFile !== undefined,
    }),
  });
  files.sort((a, b) => compareStrings(a.path, b.path));
  for (const file of files) {
    const problem = syntaxProblem(file);
    if (problem !== undefined) diagnostics.push(diagnostic("generatedSyntax", { path: file.path, detail: problem }, fileSpan(file.path)));
  }
  return { value: diagnostics.length > 0 ? [] : files, diagnostics };
}

function firstSpan(model: RoleModel, label: string): Span {
  for (const role of model.roles.values()) if (role.module === label && role.span !== undefined) return role.span;
  return fileSpan(model.userTypesFile ?? "<builtin>");
}

/** Exports of the generated `index.ts` besides one namespace per module. */
const INDEX_EXPORTS = new Set(["UserTypes"]);

/**
 * Words TypeScript refuses as the name of `export * as <label>` in a module
 * (strict mode's reserved words and `await`); other keywords, even `class`
 * or `default`, are fine there.
 */
const STRICT_RESERVED = new Set(["await", "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public"]);

function checkNames(model: RoleModel, diagnostics: Diagnostic[]): void {
  // Module labels name files (roles/<label>.ts) and exports of index.ts.
  const byFoldedLabel = new Map<string, string>();
  for (const { label } of model.modules) {
    if (INDEX_EXPORTS.has(label)) {
      diagnostics.push(diagnostic("reservedModuleLabel", { label, reason: `index.ts already exports \`${label}\`` }, firstSpan(model, label)));
    }
    if (STRICT_RESERVED.has(label)) {
      diagnostics.push(diagnostic("reservedModuleLabel", { label, reason: "it is a reserved word in JavaScript modules, so index.ts can't export it" }, firstSpan(model, label)));
    }
    // Windows and macOS file systems ignore case: roles/App.ts and roles/app.ts would be one file.
    const folded = label.toLowerCase();
    const other = byFoldedLabel.get(folded);
    if (other !== undefined) {
      diagnostics.push(
        diagnostic("reservedModuleLabel", { label, reason: `it differs from module \`${other}\` only in case, and their files would be one on case-insensitive file systems` }, firstSpan(model, label)),
      );
    } else {
      byFoldedLabel.set(folded, label);
    }
  }
  for (const role of model.roles.values()) {
    if (role.span === undefined) continue;
    const problem = classNameProblem(role.name);
    if (problem !== undefined) diagnostics.push(diagnostic("reservedIdentifier", { name: role.name, reason: problem }, role.span));
  }
  for (const userType of model.userTypes) {
    for (const name of userType.names) {
      if (RESERVED_NAMES.has(name)) {
        diagnostics.push(diagnostic("reservedUserTypeName", { name, reserved: RESERVED_USER_TYPE_NAMES.join(", ") }, userType.span));
      }
    }
  }
}

/** A cycle in the import graph of generated modules (module → modules of its bases), if any. */
function moduleCycle(model: RoleModel): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  for (const role of model.roles.values()) {
    const targets = edges.get(role.module) ?? new Set<string>();
    for (const base of role.bases) {
      const target = model.roles.get(base)?.module;
      if (target !== undefined && target !== role.module) targets.add(target);
    }
    edges.set(role.module, targets);
  }
  const state = new Map<string, "active" | "done">();
  // Depth-first with an explicit stack (there may be as many modules as files).
  for (const start of edges.keys()) {
    if (state.get(start) !== undefined) continue;
    state.set(start, "active");
    const work: { label: string; targets: string[]; next: number }[] = [{ label: start, targets: [...(edges.get(start) ?? [])].sort(compareStrings), next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.targets.length) {
        const next = frame.targets[frame.next++]!;
        if (state.get(next) === "active") {
          const path = work.map((w) => w.label);
          return [...path.slice(path.indexOf(next)), next];
        }
        if (state.get(next) === undefined) {
          state.set(next, "active");
          work.push({ label: next, targets: [...(edges.get(next) ?? [])].sort(compareStrings), next: 0 });
        }
        continue;
      }
      work.pop();
      state.set(frame.label, "done");
    }
  }
  return undefined;
}

/** Orders a module's roles so that every class comes after its local bases (stable). */
function classOrder(roles: readonly RoleDef[]): RoleDef[] {
  const local = new Map(roles.map((r) => [r.id, r]));
  const done = new Set<string>();
  const out: RoleDef[] = [];
  // Depth-first with an explicit stack: a long chain of local bases must not overflow the call stack.
  for (const start of roles) {
    if (done.has(start.id)) continue;
    done.add(start.id);
    const work: { role: RoleDef; next: number }[] = [{ role: start, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.role.bases.length) {
        const dependency = local.get(frame.role.bases[frame.next++]!);
        if (dependency !== undefined && !done.has(dependency.id)) {
          done.add(dependency.id);
          work.push({ role: dependency, next: 0 });
        }
        continue;
      }
      work.pop();
      out.push(frame.role);
    }
  }
  return out;
}

function emitRoleModule(label: string, roles: readonly RoleDef[], model: RoleModel, source: string): string {
  const isCore = label === CORE_MODULE;
  const own = roles.filter((r) => !(isCore && r.span === undefined && BUILTIN_NAMES.has(r.name)));
  const builtins = isCore ? CORE_ROLES.map((r) => r.name) : [];
  const ref = (id: string): string => {
    const role = model.roles.get(id);
    if (role === undefined) throw new Error(`internal error: unknown role ${id}`);
    return role.module === label ? role.name : `${moduleAlias(role.module)}.${role.name}`;
  };
  const importLabels = new Set<string>();
  for (const role of own) for (const base of role.bases) {
    const module = model.roles.get(base)?.module;
    if (module !== undefined && module !== label) importLabels.add(module);
  }
  return renderTemplate("role-module.ts.hbs", {
    header: generatedHeader(source),
    imports: [...importLabels].sort(compareStrings).map((m) => ({ alias: moduleAlias(m), specifier: jsString(`./${m}.js`) })),
    builtins: builtins.join(", "),
    classes: classOrder(own).map((role) => ({
      name: role.name,
      docLines: role.doc === undefined ? [] : docCommentLines(role.doc),
      extends: role.bases[0] === undefined ? "$rc.UserRole" : ref(role.bases[0]),
      id: jsString(role.id),
      bases: role.bases.map(ref).join(", "),
      mro: role.mro.map(jsString).join(", "),
    })),
  });
}

function emitUserTypes(model: RoleModel, source: string): string {
  const labels = new Set<string>();
  for (const userType of model.userTypes) {
    const module = model.roles.get(userType.role)?.module;
    if (module !== undefined) labels.add(module);
  }
  return renderTemplate("user-types.ts.hbs", {
    header: generatedHeader(source),
    imports: [...labels].sort(compareStrings).map((m) => ({ alias: moduleAlias(m), specifier: jsString(`./roles/${m}.js`) })),
    userTypes: model.userTypes.map((t) => {
      const role = model.roles.get(t.role);
      if (role === undefined) throw new Error(`internal error: unknown role ${t.role}`);
      return {
        value: jsString(t.value),
        names: t.names.map(jsString).join(", "),
        text: jsString(t.text),
        role: `${moduleAlias(role.module)}.${role.name}`,
        readonly: t.readonly ? "true" : "false",
        hiddenLanguages: t.hiddenLanguages.map(jsString).join(", "),
        maskNotifications: t.maskNotifications.map(jsString).join(", "),
        attributes: jsLiteral(t.attributes),
      };
    }),
  });
}

/**
 * The first syntax error TypeScript finds in a generated file, if any. A
 * file in the plain subset the templates write (plain-syntax.ts) has none,
 * and TypeScript's bundle is then neither loaded nor run on it.
 */
function syntaxProblem(file: GeneratedFile): string | undefined {
  if (isPlainGeneratedSyntax(file.content)) return undefined;
  const ts = typescript();
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sourceFile = ts.createSourceFile(file.path, file.content, options, false, ts.ScriptKind.TS);
  // parseDiagnostics is internal but stable; it holds exactly the syntax errors.
  const parsed = (sourceFile as unknown as { parseDiagnostics?: readonly TsApi.Diagnostic[] }).parseDiagnostics ?? [];
  const first = parsed[0];
  return first === undefined ? undefined : ts.flattenDiagnosticMessageText(first.messageText, " ");
}
