/**
 * Roles where an editor points: which role a position of a role module or a
 * source file names, where a role is defined, and every place that names it
 * (role modules, application sources, permission test files).
 */
import { relative, resolve, sep } from "node:path";
import type { Span } from "../../diagnostics/diagnostic.js";
import type { RoleDef, RoleReference } from "../../compiler/types.js";
import type { CheckResult } from "../check.js";
import type { RolecraftHost } from "../host.js";
import type { Session } from "../session.js";
import { LineMap, spanContains, type Position } from "./text.js";

/** What the editor services work on: the last round of a session and the files as the editor has them. */
export interface EditorContext {
  /** The working directory (the workspace root): spans name files relative to it. */
  readonly cwd: string;
  /** Where files are read: the editor's unsaved buffers laid over the disk. */
  readonly host: RolecraftHost;
  /** The session, as of its last round. */
  readonly session: Session;
  /** The last round's result. */
  readonly result: CheckResult;
  /** The output folder of `rolecraft compile` (relative to `cwd`): where generated role classes are imported from. */
  readonly out: string;
}

/** A role named at a place: which, where (the span of what is written there) and how it is written. */
export interface RoleMention {
  readonly role: string;
  readonly span: Span;
  /** As written (`module.Name`, a bare name, an alias, a class name). */
  readonly text: string;
  /** In a role module (YAML or TypeScript), in an application source, or in a permission test file. */
  readonly where: "module" | "source" | "test";
  /** A role module's definition of the role (its key). */
  readonly definition: boolean;
}

/** The glob of permission test files (`rolecraft test`). */
export const TEST_FILE_PATTERN = "**/*.rolecraft-test.yaml";

/** The name spans give an absolute path. */
export function spanFile(ctx: EditorContext, file: string): string {
  return relative(ctx.cwd, file).split(sep).join("/");
}

/** The absolute path of a span's file. */
export function absolute(ctx: EditorContext, span: Span): string {
  return resolve(ctx.cwd, span.file);
}

/** A file's text as the editor has it (its buffer, else the disk); undefined when it can't be read. */
export function readText(ctx: EditorContext, file: string): string | undefined {
  try {
    const text = Buffer.from(ctx.host.readFile(file)).toString("utf8");
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** The role model's definition of a role (undefined when the model does not have it). */
export function roleDefinition(ctx: EditorContext, role: string): RoleDef | undefined {
  return ctx.result.model.model.roles.get(role);
}

function moduleReferences(ctx: EditorContext): readonly RoleReference[] {
  return ctx.result.model.model.references ?? [];
}

/** The role named at a position of a file (a role module, a source or a test file), if any. */
export function roleAt(ctx: EditorContext, file: string, position: Position): RoleMention | undefined {
  const name = spanFile(ctx, file);
  for (const reference of moduleReferences(ctx)) {
    if (reference.span.file === name && spanContains(reference.span, position)) return fromModule(reference);
  }
  if (ctx.session.sourceFiles().includes(file)) {
    const text = readText(ctx, file);
    if (text === undefined) return undefined;
    const lines = new LineMap(text);
    const offset = lines.offset(position);
    for (const reference of ctx.session.sourceRoleReferences(file)) {
      if (reference.start <= offset && offset <= reference.end) {
        return { role: reference.role, span: lines.span(name, reference.start, reference.end), text: reference.text, where: "source", definition: false };
      }
    }
  }
  if (file.endsWith(".rolecraft-test.yaml")) {
    const text = readText(ctx, file);
    if (text === undefined) return undefined;
    const lines = new LineMap(text);
    const offset = lines.offset(position);
    return testMentions(ctx, name, text).find((m) => {
      const range = lines.range(m.span);
      return range.start <= offset && offset <= range.end;
    });
  }
  return undefined;
}

function fromModule(reference: RoleReference): RoleMention {
  return { role: reference.role, span: reference.span, text: reference.text, where: "module", definition: reference.kind === "definition" };
}

/**
 * Every place that names a role: its definition (when asked), the role
 * modules' references, the application sources' identifiers that denote
 * it (under its name or an alias) and the role id in permission test files.
 */
export function roleMentions(ctx: EditorContext, role: string, includeDefinition: boolean): RoleMention[] {
  const found: RoleMention[] = [];
  for (const reference of moduleReferences(ctx)) {
    if (reference.role === role && (includeDefinition || reference.kind !== "definition")) found.push(fromModule(reference));
  }
  for (const mention of sourceMentions(ctx, role)) found.push(mention);
  for (const file of testFiles(ctx)) {
    const text = readText(ctx, file);
    if (text !== undefined) for (const mention of testMentions(ctx, spanFile(ctx, file), text)) if (mention.role === role) found.push(mention);
  }
  return found;
}

/** The source identifiers that denote a role, in files that write its name or one of its aliases. */
function sourceMentions(ctx: EditorContext, role: string): RoleMention[] {
  const name = role.slice(role.lastIndexOf(".") + 1);
  const files = ctx.session.sourceFiles();
  const texts = new Map<string, string>();
  const text = (file: string): string => {
    let known = texts.get(file);
    if (known === undefined) texts.set(file, (known = readText(ctx, file) ?? ""));
    return known;
  };
  const found: RoleMention[] = [];
  const searched = new Set<string>();
  // Files that write the class name; then files that write an alias some of them gave it (a barrel's `export { X as Y }`).
  let names = new Set([name]);
  while (names.size > 0) {
    const aliases = new Set<string>();
    for (const file of files) {
      if (searched.has(file) || ![...names].some((n) => text(file).includes(n))) continue;
      searched.add(file);
      const lines = new LineMap(text(file));
      for (const reference of ctx.session.sourceRoleReferences(file)) {
        if (reference.role !== role) continue;
        found.push({ role, span: lines.span(spanFile(ctx, file), reference.start, reference.end), text: reference.text, where: "source", definition: false });
        if (reference.text !== name && !names.has(reference.text)) aliases.add(reference.text);
      }
    }
    names = aliases;
  }
  return found;
}

/** The permission test files of the workspace (`*.rolecraft-test.yaml`, outside node_modules). */
export function testFiles(ctx: EditorContext): readonly string[] {
  try {
    return [...ctx.host.globFiles(ctx.cwd, [TEST_FILE_PATTERN], ["**/node_modules/**"])].sort();
  } catch {
    return [];
  }
}

/** Role ids written in a permission test file (as whole words: `module.Name`). */
function testMentions(ctx: EditorContext, name: string, text: string): RoleMention[] {
  const roles = ctx.result.model.model.roles;
  const lines = new LineMap(text);
  const found: RoleMention[] = [];
  for (const match of text.matchAll(/(?<![\w.])([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)(?![\w.])/g)) {
    const id = match[1]!;
    if (!roles.has(id)) continue;
    found.push({ role: id, span: lines.span(name, match.index, match.index + id.length), text: id, where: "test", definition: false });
  }
  return found;
}

/**
 * Where the role's own name is written in a mention: the part after the
 * module label of `module.Name` (or all of a bare name), inside quotes if
 * any. Undefined when the mention writes an alias, or the text moved.
 */
export function nameSpan(ctx: EditorContext, mention: RoleMention): Span | undefined {
  const name = mention.role.slice(mention.role.lastIndexOf(".") + 1);
  const written = mention.text.slice(mention.text.lastIndexOf(".") + 1);
  if (written !== name) return undefined;
  const text = readText(ctx, absolute(ctx, mention.span));
  if (text === undefined) return undefined;
  const lines = new LineMap(text);
  const range = lines.range(mention.span);
  const at = text.slice(range.start, range.end).indexOf(mention.text);
  if (at < 0) return undefined;
  const start = range.start + at + mention.text.length - name.length;
  return lines.span(mention.span.file, start, start + name.length);
}
