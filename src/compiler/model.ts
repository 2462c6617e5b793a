/**
 * The model stage: resolves every role reference (qualified, bare, alias,
 * shadowing), detects duplicates and cycles, linearizes with C3 and builds
 * the user types and the meaningful roles of the user types module.
 */
import { diagnostic } from "../diagnostics/catalogue.js";
import { compareStrings, type Diagnostic, type RelatedLocation, type Result, type Span } from "../diagnostics/diagnostic.js";
import { closest, MAX_FUZZY_COMPARISONS } from "../diagnostics/did-you-mean.js";
import { CORE_ROLES } from "../runtime/core-roles.js";
import { checkmroLines, CORE_MODULE, linearizeHierarchy, ROOT_ROLE } from "../runtime/semantics/index.js";
import { inheritanceDepths } from "./inheritance-depths.js";
import type { RoleImport, RoleModuleInput } from "./input.js";
import { MAX_INHERITANCE_DEPTH, MAX_MRO_ENTRIES } from "./limits.js";
import { BUILTIN_FILE, type Binding, type JsonValue, type ModuleInfo, type RoleDef, type RoleModel, type RoleReference, type UserTypeDef } from "./types.js";
import type { ValidFile } from "./validate.js";

interface RoleEntry {
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly doc?: string;
  readonly file?: ValidFile;
  readonly span?: Span;
  readonly baseRefs: readonly { readonly ref: string; readonly span: Span }[];
  /** Position among the roles defined in its file. */
  readonly position?: number;
  /** Resolved bases (parallel to the refs that resolved). */
  bases: string[];
  baseSpans: Span[];
}

interface ImportBinding {
  readonly name: string;
  readonly role: string;
  readonly span: Span;
}

interface ModuleEntry {
  readonly label: string;
  readonly files: string[];
  readonly roles: Map<string, RoleEntry>;
}

/** Options of the model stage. */
export interface BuildModelOptions {
  /** Module labels of files that failed to load or validate: references into them are not reported again. */
  readonly brokenModules?: ReadonlySet<string>;
  /** True when some file failed to load or validate, so unknown bare names may come from it. */
  readonly incomplete?: boolean;
}

/** Builds the role model from validated files (in load order). */
export function buildModel(files: readonly ValidFile[], options: BuildModelOptions = {}): Result<RoleModel> {
  const diagnostics: Diagnostic[] = [];
  const brokenModules = options.brokenModules ?? new Set<string>();
  const modules = new Map<string, ModuleEntry>();

  const core: ModuleEntry = { label: CORE_MODULE, files: [], roles: new Map() };
  modules.set(CORE_MODULE, core);
  for (const role of CORE_ROLES) {
    core.roles.set(role.name, { id: `${CORE_MODULE}.${role.name}`, module: CORE_MODULE, name: role.name, doc: role.doc, baseRefs: [], bases: [...role.bases], baseSpans: [] });
  }

  // 1. Declared roles, merged per module label.
  for (const file of files) {
    const label = file.data.module;
    let entry = modules.get(label);
    if (entry === undefined) {
      entry = { label, files: [], roles: new Map() };
      modules.set(label, entry);
    }
    entry.files.push(file.path);
    for (const [position, [name, definition]] of Object.entries(file.data.roles ?? {}).entries()) {
      const span = file.locate(["roles", name], "key");
      const previous = entry.roles.get(name);
      if (previous !== undefined) {
        const related: RelatedLocation[] = previous.span === undefined ? [] : [{ message: `first defined here`, span: previous.span }];
        diagnostics.push(
          diagnostic("duplicateRole", { id: `${label}.${name}` }, span, {
            related,
            ...(previous.file === undefined ? { hint: "`{id}` is a built-in core role; give yours another name" } : {}),
          }),
        );
        continue;
      }
      // Python allows any identifier, but Lino's roles are classes: a lower-case name is most likely a slip.
      if (/^[a-z]/.test(name)) diagnostics.push(diagnostic("lowercaseRoleName", { name, suggestion: `${name[0]!.toUpperCase()}${name.slice(1)}` }, span));
      const bases = definition === null ? [] : Array.isArray(definition) ? definition : (definition as { bases?: readonly string[] }).bases ?? [];
      const basePath = Array.isArray(definition) ? ["roles", name] : ["roles", name, "bases"];
      const doc = definition !== null && !Array.isArray(definition) ? (definition as { doc?: string }).doc : undefined;
      entry.roles.set(name, {
        id: `${label}.${name}`,
        module: label,
        name,
        ...(doc === undefined ? {} : { doc }),
        file,
        span,
        position,
        baseRefs: bases.map((ref, i) => ({ ref, span: file.locate([...basePath, i]) })),
        bases: [],
        baseSpans: [],
      });
    }
  }

  const roleById = new Map<string, RoleEntry>();
  const references: RoleReference[] = [];
  for (const module of modules.values()) {
    for (const role of module.roles.values()) {
      roleById.set(role.id, role);
      if (role.span !== undefined) references.push({ role: role.id, text: role.name, span: role.span, kind: "definition" });
    }
  }

  // 2. Each file's imports.
  const bindingsOf = new Map<ValidFile, Map<string, ImportBinding>>();
  const resolver = new ReferenceResolver(modules, roleById, bindingsOf, brokenModules, options.incomplete ?? false);
  for (const file of files) {
    const bindings = new Map<string, ImportBinding>();
    bindingsOf.set(file, bindings);
    (file.data.imports ?? []).forEach((entry: RoleImport, index) => {
      const ref = typeof entry === "string" ? entry : entry.role;
      const span = typeof entry === "string" ? file.locate(["imports", index]) : file.locate(["imports", index, "role"]);
      const id = resolver.resolveQualified(ref, span, diagnostics);
      if (id === undefined) return;
      const name = typeof entry === "string" || entry.as === undefined ? ref.slice(ref.indexOf(".") + 1) : entry.as;
      references.push({ role: id, text: ref, span, kind: "import", binding: name });
      const nameSpan = typeof entry === "string" || entry.as === undefined ? span : file.locate(["imports", index, "as"]);
      const previous = bindings.get(name);
      if (previous !== undefined && previous.role !== id) {
        diagnostics.push(diagnostic("duplicateImport", { name, module: file.data.module }, nameSpan, { related: [{ message: "first imported here", span: previous.span }] }));
        return;
      }
      bindings.set(name, { name, role: id, span: nameSpan });
    });
  }

  // 3. Bases. A role with a base that did not resolve has no MRO: linearizing what is left of its
  // bases would invent one (and conflicts in the roles below it).
  const unresolved = new Set<string>();
  for (const role of roleById.values()) {
    if (role.file === undefined) continue;
    const seen = new Map<string, Span>();
    for (const { ref, span } of role.baseRefs) {
      const id = resolver.resolve(role.file, ref, span, diagnostics, role.position);
      if (id === undefined) {
        unresolved.add(role.id);
        continue;
      }
      references.push({ role: id, text: ref, span, kind: "base" });
      const first = seen.get(id);
      if (first !== undefined) {
        diagnostics.push(diagnostic("duplicateBase", { ref, id: role.id }, span, { related: [{ message: "first listed here", span: first }] }));
        continue;
      }
      seen.set(id, span);
      role.bases.push(id);
      role.baseSpans.push(span);
    }
    if (role.baseRefs.length === 0) role.bases.push(ROOT_ROLE);
  }

  // 4. Cycles, then C3, over the roles whose bases all resolved and lie on no cycle. The roles
  // that inherit (directly or not) from one left out are skipped by C3 too: no false RC3005.
  const cyclic = findCycles(roleById, diagnostics);
  const sound = new Map<string, readonly string[]>();
  for (const role of roleById.values()) if (!cyclic.has(role.id) && !unresolved.has(role.id)) sound.set(role.id, role.bases);
  // Too deep a chain is reported where it crosses the limit; the roles below it are left out of C3.
  const depths = inheritanceDepths(sound);
  const baseMap = new Map<string, readonly string[]>();
  for (const [id, bases] of sound) {
    const depth = depths.get(id) ?? 0;
    if (depth <= MAX_INHERITANCE_DEPTH + 1) {
      baseMap.set(id, bases);
      continue;
    }
    // The base chain counts from core.UserRole, which has depth 1.
    const role = roleById.get(id);
    const crossing = bases.every((b) => (depths.get(b) ?? 0) <= MAX_INHERITANCE_DEPTH + 1);
    if (crossing && role?.span !== undefined) diagnostics.push(diagnostic("hierarchyTooDeep", { id, depth: depth - 1, max: MAX_INHERITANCE_DEPTH }, role.span));
  }
  const { mro, inconsistent, conflicts, overBudget } = linearizeHierarchy(baseMap, MAX_MRO_ENTRIES);
  if (overBudget !== undefined) {
    const at = roleById.get(overBudget)?.span ?? [...roleById.values()].find((r) => r.span !== undefined)?.span;
    if (at !== undefined) diagnostics.push(diagnostic("hierarchyTooLarge", { id: overBudget, max: MAX_MRO_ENTRIES }, at));
  }
  for (const id of inconsistent) {
    const role = roleById.get(id);
    if (role === undefined || role.span === undefined) continue;
    diagnostics.push(inconsistentMro(role, role.span, conflicts.get(id) ?? [], (b) => mro.get(b)));
  }

  // 5. User types.
  const typesFiles = files.filter((f) => f.data.userTypes !== undefined);
  const typesFile = typesFiles[0];
  for (const extra of typesFiles.slice(1)) {
    diagnostics.push(diagnostic("duplicateUserTypesModule", { other: typesFile?.path ?? "" }, extra.locate(["userTypes"], "key")));
  }
  const userTypes = typesFile === undefined ? [] : buildUserTypes(typesFile, resolver, diagnostics, references);

  // 6. Meaningful roles: the names bound in the user types module's namespace.
  const bindings: Binding[] = [];
  if (typesFile !== undefined) {
    const labelRoles = modules.get(typesFile.data.module)?.roles ?? new Map<string, RoleEntry>();
    const localNames = new Set<string>();
    for (const name of Object.keys(typesFile.data.roles ?? {})) {
      const role = labelRoles.get(name);
      if (role !== undefined && role.file === typesFile) {
        localNames.add(name);
        bindings.push({ name, role: role.id });
      }
    }
    for (const binding of bindingsOf.get(typesFile)?.values() ?? []) {
      if (localNames.has(binding.name)) continue; // shadowed by a role defined in the file
      bindings.push({ name: binding.name, role: binding.role });
    }
  }
  bindings.sort((a, b) => compareStrings(a.role, b.role) || compareStrings(a.name, b.name));
  const meaningful = [...new Set(bindings.map((b) => b.role))].filter((id) => id !== ROOT_ROLE);

  // 7. Assemble, core first, then modules in first-seen order.
  const roles = new Map<string, RoleDef>();
  for (const module of modules.values()) {
    for (const role of module.roles.values()) {
      roles.set(role.id, {
        id: role.id,
        module: role.module,
        name: role.name,
        bases: role.bases,
        mro: mro.get(role.id) ?? [],
        ...(role.doc === undefined ? {} : { doc: role.doc }),
        ...(role.span === undefined ? {} : { span: role.span }),
        baseSpans: role.baseSpans,
        file: role.file?.path ?? BUILTIN_FILE,
      });
    }
  }
  const moduleInfos: ModuleInfo[] = [...modules.values()].map((m) => ({ label: m.label, files: m.files }));
  const model: RoleModel = {
    roles,
    modules: moduleInfos,
    ...(typesFile === undefined ? {} : { userTypesFile: typesFile.path, userTypesModule: typesFile.data.module }),
    bindings,
    meaningful,
    userTypes,
    references,
  };
  return { value: model, diagnostics };
}

/**
 * RC3005, as CPython words it: the classes still pending when the merge
 * failed (`for bases A, B`), with each base's declaration and MRO, and
 * Lino's checkmro lines, each at the base it is about, as notes.
 */
function inconsistentMro(role: RoleEntry, span: Span, pending: readonly string[], mroOf: (id: string) => readonly string[] | undefined): Diagnostic {
  const lines = checkmroLines(role.bases, mroOf);
  const related: RelatedLocation[] = [];
  role.bases.forEach((base, i) => {
    const at = role.baseSpans[i] ?? span;
    related.push({ message: `base ${base}, MRO: ${(mroOf(base) ?? [base]).join(", ")}`, span: at });
    for (const line of lines) if (line.startsWith(`${base} inherits `)) related.push({ message: `checkmro: ${line}`, span: at });
  });
  return diagnostic("inconsistentMro", { id: role.id, bases: pending.join(", "), declared: role.bases.join(", "), checkmro: lines.join("; ") }, span, { related });
}

function splitWords(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return value.split(/\s+/).filter((w) => w !== "");
  return [...value];
}

function buildUserTypes(file: ValidFile, resolver: ReferenceResolver, diagnostics: Diagnostic[], references: RoleReference[]): UserTypeDef[] {
  const result: UserTypeDef[] = [];
  const values = new Map<string, Span>();
  const names = new Map<string, Span>();
  (file.data.userTypes ?? []).forEach((input, index) => {
    const span = file.locate(["userTypes", index]);
    const valueSpan = file.locate(["userTypes", index, "value"]);
    const firstValue = values.get(input.value);
    if (firstValue !== undefined) {
      diagnostics.push(diagnostic("duplicateUserTypeValue", { value: input.value }, valueSpan, { related: [{ message: "first used here", span: firstValue }] }));
    } else {
      values.set(input.value, valueSpan);
    }
    const typeNames = splitWords(input.names);
    const namesSpan = file.locate(["userTypes", index, "names"]);
    for (const name of typeNames) {
      const first = names.get(name);
      if (first !== undefined) {
        diagnostics.push(diagnostic("duplicateUserTypeName", { name }, namesSpan, { related: [{ message: "first used here", span: first }] }));
      } else {
        names.set(name, namesSpan);
      }
    }
    const roleSpan = file.locate(["userTypes", index, "role"]);
    const role = resolver.resolve(file, input.role, roleSpan, diagnostics, undefined, input.value);
    if (role !== undefined) references.push({ role, text: input.role, span: roleSpan, kind: "userType" });
    result.push({
      value: input.value,
      names: typeNames,
      text: input.text,
      role: role ?? "",
      readonly: input.readonly ?? false,
      hiddenLanguages: splitWords(input.hiddenLanguages),
      maskNotifications: [...(input.maskNotifications ?? [])],
      attributes: (input.attributes ?? {}) as { readonly [key: string]: JsonValue },
      span,
    });
  });
  return result;
}

/** Resolves role references in the namespace of a file. */
class ReferenceResolver {
  constructor(
    private readonly modules: ReadonlyMap<string, ModuleEntry>,
    private readonly roleById: ReadonlyMap<string, RoleEntry>,
    private readonly bindingsOf: ReadonlyMap<ValidFile, ReadonlyMap<string, ImportBinding>>,
    private readonly brokenModules: ReadonlySet<string>,
    private readonly incomplete: boolean,
  ) {}

  /** Resolves `module.Name`. */
  resolveQualified(ref: string, span: Span, diagnostics: Diagnostic[], userTypeValue?: string): string | undefined {
    const dot = ref.indexOf(".");
    const moduleLabel = ref.slice(0, dot);
    const name = ref.slice(dot + 1);
    const module = this.modules.get(moduleLabel);
    if (module === undefined) {
      if (!this.brokenModules.has(moduleLabel) && !this.brokenModules.has("*")) {
        const known = [...this.modules.keys()].sort(compareStrings);
        const near = closest(moduleLabel, known, this.fuzzyBudget);
        diagnostics.push(
          diagnostic("unknownModule", { module: moduleLabel, ref }, span, {
            hint: near === undefined ? `include the role module that declares \`module: ${moduleLabel}\` (known modules: ${known.join(", ")})` : `did you mean \`${near}.${name}\`?`,
          }),
        );
      }
      return undefined;
    }
    const role = module.roles.get(name);
    if (role === undefined) {
      if (!this.brokenModules.has(moduleLabel)) this.reportUnknown(ref, name, span, diagnostics, () => [...module.roles.keys()].map((n) => `${moduleLabel}.${n}`), userTypeValue);
      return undefined;
    }
    return role.id;
  }

  /**
   * Resolves a reference written in `file`. A bare name is, in this order, a
   * role defined in the file itself, an import binding of the file, or a role
   * of the same module label defined in another file. As in a Python module,
   * a role defined in the file shadows an import of the same name only from
   * its definition on: in the bases of that role itself and of roles defined
   * before it (`class SiteAdmin(SiteAdmin, …)`), the name still means the
   * import. `definingIndex` is the position of the role whose bases these are.
   */
  resolve(file: ValidFile, ref: string, span: Span, diagnostics: Diagnostic[], definingIndex?: number, userTypeValue?: string): string | undefined {
    if (ref.includes(".")) return this.resolveQualified(ref, span, diagnostics, userTypeValue);
    const bindings = this.bindingsOf.get(file);
    const binding = bindings?.get(ref);
    if (definingIndex !== undefined && binding !== undefined) {
      const localIndex = this.positionInFile(file, ref);
      if (localIndex !== undefined && localIndex >= definingIndex) return binding.role;
    }
    const local = this.modules.get(file.data.module)?.roles.get(ref);
    if (local !== undefined && (local.file === file || binding === undefined)) return local.id;
    if (binding !== undefined) return binding.role;
    if (this.incomplete && this.brokenModules.has(file.data.module)) return undefined;
    const namespace = (): string[] => [...(this.modules.get(file.data.module)?.roles.keys() ?? []), ...(bindings?.keys() ?? [])];
    this.reportUnknown(ref, ref, span, diagnostics, namespace, userTypeValue);
    return undefined;
  }

  /** Role ids by class name, built on the first unknown reference. */
  private idsByName: Map<string, string[]> | undefined;
  /** How many "did you mean" comparisons are left: a file full of typos must not make the search quadratic. */
  private fuzzyBudget = { comparisons: MAX_FUZZY_COMPARISONS };

  private readonly positions = new Map<ValidFile, Map<string, number>>();

  /** The position of a role among the roles defined in `file`, if it defines it. */
  private positionInFile(file: ValidFile, name: string): number | undefined {
    let positions = this.positions.get(file);
    if (positions === undefined) {
      positions = new Map(Object.keys(file.data.roles ?? {}).map((n, i) => [n, i]));
      this.positions.set(file, positions);
    }
    return positions.get(name);
  }

  private reportUnknown(ref: string, name: string, span: Span, diagnostics: Diagnostic[], candidates: () => readonly string[], userTypeValue?: string): void {
    if (this.idsByName === undefined) {
      this.idsByName = new Map();
      for (const role of this.roleById.values()) {
        const ids = this.idsByName.get(role.name) ?? [];
        ids.push(role.id);
        this.idsByName.set(role.name, ids);
      }
    }
    const elsewhere = (this.idsByName.get(name) ?? []).filter((id) => id !== ref);
    let suggestion: string;
    if (elsewhere.length > 0 && !ref.includes(".")) {
      suggestion = `did you mean \`${elsewhere.join("` or `")}\`? Write it qualified or add it to \`imports\``;
    } else if (elsewhere.length > 0) {
      suggestion = `did you mean \`${elsewhere.join("` or `")}\`?`;
    } else {
      const near = this.fuzzyBudget.comparisons > 0 ? closest(ref, candidates(), this.fuzzyBudget) : undefined;
      suggestion = near !== undefined ? `did you mean \`${near}\`?` : ref.includes(".") ? "check the role's name in its module" : "define it under `roles` or add it to `imports`";
    }
    if (userTypeValue !== undefined) diagnostics.push(diagnostic("unknownUserTypeRole", { value: userTypeValue, ref, suggestion }, span));
    else diagnostics.push(diagnostic("unknownRole", { ref, suggestion }, span));
  }
}

/**
 * Finds inheritance cycles (Tarjan's strongly connected components) and
 * reports each once, at its first role in declaration order, with every edge.
 */
function findCycles(roles: ReadonlyMap<string, RoleEntry>, diagnostics: Diagnostic[]): Set<string> {
  const order = [...roles.keys()];
  const position = new Map(order.map((id, i) => [id, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cyclic = new Set<string>();
  let counter = 0;
  const components: string[][] = [];
  const strongConnect = (start: string): void => {
    // Iterative Tarjan: deep hierarchies must not overflow the call stack.
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const bases = roles.get(frame.id)?.bases ?? [];
      if (frame.next < bases.length) {
        const base = bases[frame.next++]!;
        if (!roles.has(base)) continue;
        if (!index.has(base)) {
          index.set(base, counter);
          low.set(base, counter++);
          stack.push(base);
          onStack.add(base);
          work.push({ id: base, next: 0 });
        } else if (onStack.has(base)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(base)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
          if (id === frame.id) break;
        }
        components.push(component);
      }
    }
  };
  for (const id of order) if (!index.has(id)) strongConnect(id);

  for (const component of components) {
    const members = new Set(component);
    const selfLoop = component.length === 1 && (roles.get(component[0]!)?.bases.includes(component[0]!) ?? false);
    if (component.length === 1 && !selfLoop) continue;
    for (const id of component) cyclic.add(id);
    const first = [...component].sort((a, b) => position.get(a)! - position.get(b)!)[0]!;
    const path = cyclePath(first, members, roles);
    const related: RelatedLocation[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const role = roles.get(path[i]!)!;
      const at = role.bases.indexOf(path[i + 1]!);
      const span = role.baseSpans[at] ?? role.span;
      if (span !== undefined) related.push({ message: `${path[i]!} inherits ${path[i + 1]!}`, span });
    }
    const anchor = roles.get(first)?.span;
    if (anchor !== undefined) diagnostics.push(diagnostic("inheritanceCycle", { path: path.join(" → ") }, anchor, { related }));
  }
  return cyclic;
}

/** A shortest path from `start` back to itself inside one strongly connected component. */
function cyclePath(start: string, members: ReadonlySet<string>, roles: ReadonlyMap<string, RoleEntry>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const base of roles.get(id)?.bases ?? []) {
      if (!members.has(base)) continue;
      if (base === start) {
        // Walked back from the end, then turned round (a cycle may be 100,000 roles long).
        const back: string[] = [];
        for (let at: string | undefined = id; at !== undefined && at !== start; at = previous.get(at)) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!previous.has(base)) {
        previous.set(base, id);
        queue.push(base);
      }
    }
  }
  return [start, start];
}
