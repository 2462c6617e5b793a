/**
 * The generated application: TypeScript sources in plugin folders with actors
 * (classes extending `Actor` from "rolecraft/runtime") and their actions,
 * declared in every form the analyzer supports (SPEC §6): named, aliased and
 * namespace imports of the generated role classes, a barrel (`src/roles.ts`)
 * with `export *`, `export { X as Y }` and `export * as ns`, plugin barrels,
 * `const`s in other files (`as const`, `satisfies`, default and renamed
 * exports), `loginRequired`, array literals, OR-groups, `addRequirements`,
 * inherited requirements through abstract bases in other files, and actions
 * that are subclasses of `Action`.
 *
 * The generator knows the answer: every actor's effective requirement and
 * actions are recorded (the manifest), and every requirement is chosen so
 * that the analyzer has nothing to warn about (somebody can see every actor
 * and action; no item is implied by another; OR-group members are unrelated).
 * The sources also type-check with `tsc`.
 */
import { USER_TYPES_MODULE, capitalize, type GenRoleModel } from "./role-model.js";
import type { Preset } from "./presets.js";
import type { Random } from "./random.js";

/** One requirement item: role ids (one = a role, more = an OR-group). */
export type Item = readonly string[];
/** A requirement: items that must all be satisfied. */
export type Requirement = readonly Item[];

export interface ActionTruth {
  readonly name: string;
  readonly readonly: boolean;
  /** The action's own required roles. */
  readonly requiredRoles: Requirement;
}

export interface ActorTruth {
  readonly id: string;
  /** Relative to `app/src`. */
  readonly file: string;
  /** The effective (own or inherited) required roles of the actor. */
  readonly requiredRoles: Requirement;
  /** Own and inherited actions, sorted by name. */
  readonly actions: readonly ActionTruth[];
}

export interface GeneratedApplication {
  /** Source files by path relative to the preset folder (`app/src/…`). */
  readonly files: Map<string, string>;
  /** Actors sorted by id. */
  readonly actors: readonly ActorTruth[];
}

/** A class the generator declared (actor or abstract base) and what it knows about it. */
interface ClassInfo {
  readonly name: string;
  /** Path relative to `app/src` without extension, e.g. `tickets/views-3`. */
  readonly module: string;
  readonly plugin: number;
  readonly items: Requirement;
  readonly actions: readonly ActionTruth[];
  /** User types that may see the actor and every one of its actions. */
  readonly witnesses: readonly number[];
  /** Whether subclasses may override `requiredRoles` (its static type is `RequiredRoles`). */
  readonly extendable: boolean;
}

/** A shared `const` in a requirements file. */
interface ConstInfo {
  /** The exported name (or "default"). */
  readonly exported: string;
  readonly module: string;
  /** `group`: one OR-group item (`[A, B] as const`); `requirement`: a whole requirement; `tuple`: a whole requirement as an `as const` array. */
  readonly kind: "group" | "requirement" | "tuple";
  readonly items: Requirement;
  readonly witnesses: readonly number[];
}

const RUNTIME = "rolecraft/runtime";
const BARREL_CORE = new Set(["SiteUser", "SiteStaff", "SiteAdmin", "Expert"]);
const ACTOR_KINDS = ["Table", "List", "Report", "Summary", "Overview", "Log", "Journal", "Queue", "Board", "Panel", "View", "Browser"];
const ACTION_KEYS = ["insert", "delete", "export", "send", "close", "assign", "duplicate", "archive", "approve", "vote", "cancel", "publish", "sign", "reopen", "attach"];

type ModuleMode = "named" | "alias" | "namespace" | "barrelStar" | "barrelNs";

/** Per-run facts the file builders share. */
interface AppContext {
  readonly model: GenRoleModel;
  readonly random: Random;
  readonly starModules: ReadonlySet<string>;
  readonly nsModules: ReadonlySet<string>;
  /** Role id → its alias in the barrel (`export { R as Alias }`). */
  readonly barrelAliases: ReadonlyMap<string, string>;
}

/** Builds one TypeScript file: its imports (each local name bound once) and its body. */
class FileBuilder {
  private readonly locals = new Map<string, string>();
  private readonly imports = new Map<string, { named: Map<string, string>; types: Set<string>; namespace: string | undefined; default: string | undefined }>();
  private readonly moduleModes = new Map<string, ModuleMode>();
  private coreMode: "runtime" | "barrel" | "generated" | undefined;
  readonly body: string[] = [];

  constructor(
    /** Relative to `app/src`, without extension, e.g. `tickets/views-3`. */
    readonly module: string,
    private readonly ctx: AppContext,
    private readonly doc: string,
  ) {}

  /** The import specifier of another module of `app/src` (`roles`, `common/base`, `tickets/index` …). */
  specifier(target: string): string {
    const [dir] = this.module.split("/");
    const [targetDir] = target.split("/");
    if (!target.includes("/")) return `../${target}.js`;
    return targetDir === dir ? `./${target.slice(target.indexOf("/") + 1)}.js` : `../${target}.js`;
  }

  private entry(specifier: string): { named: Map<string, string>; types: Set<string>; namespace: string | undefined; default: string | undefined } {
    let entry = this.imports.get(specifier);
    if (entry === undefined) {
      entry = { named: new Map(), types: new Set(), namespace: undefined, default: undefined };
      this.imports.set(specifier, entry);
    }
    return entry;
  }

  private bind(local: string, key: string): void {
    const bound = this.locals.get(local);
    if (bound !== undefined && bound !== key) throw new Error(`internal error: ${this.module}: \`${local}\` bound to ${bound} and ${key}`);
    this.locals.set(local, key);
  }

  /** Declares a local class or const of this file. */
  declare(local: string): void {
    this.bind(local, `local:${local}`);
  }

  /** `import { name as local } from specifier`; returns the local name. */
  named(specifier: string, name: string, local = name): string {
    this.bind(local, `${specifier}#${name}`);
    this.entry(specifier).named.set(name, local);
    return local;
  }

  /** `import { type name } from specifier`. */
  type(specifier: string, name: string): string {
    this.bind(name, `${specifier}#${name}`);
    this.entry(specifier).types.add(name);
    return name;
  }

  namespace(specifier: string, local: string): string {
    this.bind(local, `${specifier}#*`);
    const entry = this.entry(specifier);
    entry.namespace = local;
    return local;
  }

  defaultImport(specifier: string, local: string): string {
    this.bind(local, `${specifier}#default`);
    this.entry(specifier).default = local;
    return local;
  }

  runtime(name: string): string {
    return this.named(RUNTIME, name);
  }

  private generated(module: string): string {
    return `../../generated/roles/${module}.js`;
  }

  /** The expression naming a role here, importing it the way this file imports its module. */
  role(id: string): string {
    const dot = id.indexOf(".");
    const module = id.slice(0, dot);
    const name = id.slice(dot + 1);
    const random = this.ctx.random;
    if (module === "core") {
      this.coreMode ??= random.pick(["runtime", "runtime", "barrel", "generated"] as const);
      const mode = this.coreMode === "barrel" && !BARREL_CORE.has(name) ? "runtime" : this.coreMode;
      if (mode === "runtime") return this.runtime(name);
      if (mode === "barrel") return this.named(this.specifier("roles"), name);
      return this.named(this.generated("core"), name);
    }
    const alias = this.ctx.barrelAliases.get(id);
    if (alias !== undefined && random.chance(0.6)) return this.named(this.specifier("roles"), alias);
    let mode = this.moduleModes.get(module);
    if (mode === undefined) {
      const modes: ModuleMode[] = ["named", "named", "alias", "namespace"];
      if (this.ctx.starModules.has(module)) modes.push("barrelStar", "barrelStar", "barrelStar");
      if (this.ctx.nsModules.has(module)) modes.push("barrelNs", "barrelNs");
      mode = random.pick(modes);
      this.moduleModes.set(module, mode);
    }
    switch (mode) {
      case "named":
        return this.named(this.generated(module), name);
      case "alias":
        return this.named(this.generated(module), name, `${name}Role`);
      case "namespace":
        return `${this.namespace(this.generated(module), module)}.${name}`;
      case "barrelStar":
        return this.named(this.specifier("roles"), name);
      case "barrelNs":
        return `${this.named(this.specifier("roles"), module)}.${name}`;
    }
  }

  /** A requirement item as an argument of `loginRequired` or an array element. */
  item(item: Item): string {
    const roles = item.map((id) => this.role(id));
    return roles.length === 1 ? (roles[0] ?? "") : `[${roles.join(", ")}]`;
  }

  items(items: Requirement): string {
    return items.map((item) => this.item(item)).join(", ");
  }

  render(): string {
    const order = (spec: string): number => (spec === RUNTIME ? 0 : spec.includes("/generated/") ? 1 : spec.startsWith("../") ? 2 : 3);
    const specs = [...this.imports.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    const lines = [`/** ${this.doc} */`];
    for (const spec of specs) {
      const entry = this.imports.get(spec);
      if (entry === undefined) continue;
      const names = [
        ...[...entry.named].map(([name, local]) => ({ sort: name, text: name === local ? name : `${name} as ${local}` })),
        ...[...entry.types].map((name) => ({ sort: name, text: `type ${name}` })),
      ]
        .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
        .map((n) => n.text);
      if (entry.namespace !== undefined) lines.push(`import * as ${entry.namespace} from "${spec}";`);
      if (entry.default !== undefined && names.length > 0) lines.push(`import ${entry.default}, { ${names.join(", ")} } from "${spec}";`);
      else if (entry.default !== undefined) lines.push(`import ${entry.default} from "${spec}";`);
      else if (names.length > 0) lines.push(`import { ${names.join(", ")} } from "${spec}";`);
    }
    return `${lines.join("\n")}\n\n${this.body.join("\n")}`;
  }
}

/** Generates the application sources of a preset over its role model. */
export function generateApplication(preset: Preset, model: GenRoleModel, random: Random, banner: string): GeneratedApplication {
  const { plugins, userTypes } = model;
  const anc = (role: string): ReadonlySet<string> => model.ancestors.get(role) ?? new Set([role]);
  const typeAncestors = userTypes.map((t) => anc(t.role));
  const satisfies = (t: number, items: Requirement): boolean => {
    const ancestors = typeAncestors[t];
    return ancestors !== undefined && items.every((item) => item.some((r) => ancestors.has(r)));
  };
  const canSee = (t: number, items: Requirement, readonly: boolean): boolean => (readonly || userTypes[t]?.readonly !== true) && satisfies(t, items);
  const allTypes = userTypes.map((_, i) => i);
  const signedIn = allTypes.filter((t) => userTypes[t]?.anonymous !== true);
  const writers = signedIn.filter((t) => userTypes[t]?.readonly !== true);
  const readonlyTypes = signedIn.filter((t) => userTypes[t]?.readonly === true);

  /** Does every role satisfying `by` satisfy `item` (the analyzer's RC5006 test)? */
  const implies = (by: Item, item: Item): boolean => by.every((b) => item.some((r) => anc(b).has(r)));
  const related = (a: string, b: string): boolean => anc(a).has(b) || anc(b).has(a);
  const sameItem = (a: Item, b: Item): boolean => a.length === b.length && a.every((r, i) => r === b[i]);
  /** True when `candidate` can join `items` without a duplicate or an implied item either way. */
  const fits = (items: Requirement, candidate: Item): boolean =>
    items.every((other) => !sameItem(other, candidate) && !implies(other, candidate) && !implies(candidate, other));

  // The barrel's shape: which modules it star-exports, namespace-exports, and which roles it renames.
  const starModules = new Set<string>();
  const nsModules = new Set<string>();
  const barrelAliases = new Map<string, string>();
  for (const plugin of plugins) {
    if (plugin.index % 3 === 0) starModules.add(plugin.name);
    else if (plugin.index % 3 === 1) nsModules.add(plugin.name);
    else for (const id of random.sample(plugin.roles, 2)) barrelAliases.set(id, `${id.slice(id.indexOf(".") + 1)}Ref`);
  }
  const ctx: AppContext = { model, random, starModules, nsModules, barrelAliases };
  const files = new Map<string, string>();
  const emit = (builder: FileBuilder): void => {
    files.set(`app/src/${builder.module}.ts`, builder.render());
  };

  {
    const lines = [`/** The roles the plugins use, re-exported from the generated role classes. ${banner} */`];
    for (const plugin of plugins) {
      const spec = `../generated/roles/${plugin.name}.js`;
      if (starModules.has(plugin.name)) lines.push(`export * from "${spec}";`);
      else if (nsModules.has(plugin.name)) lines.push(`export * as ${plugin.name} from "${spec}";`);
      const renamed = plugin.roles.filter((id) => barrelAliases.has(id)).map((id) => `${id.slice(id.indexOf(".") + 1)} as ${barrelAliases.get(id) ?? ""}`);
      if (renamed.length > 0) lines.push(`export { ${renamed.join(", ")} } from "${spec}";`);
    }
    lines.push(`export { ${[...BARREL_CORE].join(", ")} } from "../generated/roles/core.js";`);
    files.set("app/src/roles.ts", `${lines.join("\n")}\n`);
  }

  // Roles an actor of a plugin tends to require: its own and its dependencies'.
  const pluginRoles = plugins.map((p) => [...p.roles, ...p.deps.flatMap((d) => plugins[d]?.roles ?? [])]);

  /** A new item that user type `witness` satisfies, preferring the plugin's roles. */
  const freshItem = (witness: number, plugin: number, groupChance: number): Item => {
    const mine = typeAncestors[witness] ?? new Set<string>();
    // Requirements name plugin and core roles, never the user types module's own (profile) roles.
    const pool = [...mine].filter((r) => r !== "core.UserRole" && !r.startsWith(`${USER_TYPES_MODULE}.`));
    const preferred = (pluginRoles[plugin] ?? []).filter((r) => mine.has(r));
    const first = preferred.length > 0 && random.chance(0.75) ? random.pick(preferred) : random.pick(pool);
    if (!random.chance(groupChance)) return [first];
    const group = [first];
    const others = random.shuffle((pluginRoles[plugin] ?? []).length > 2 ? (pluginRoles[plugin] ?? []) : pool);
    const size = random.between(2, 3);
    for (const other of others) {
      if (group.length >= size) break;
      if (group.every((g) => g !== other && !related(g, other))) group.push(other);
    }
    return group;
  };

  /**
   * `count` more items satisfied by `witness`; fewer when none fits. New items
   * neither duplicate nor imply each other; against `existing` they must not
   * be duplicates or implied by one of them, and with `mutual` (when the
   * existing items are written in the same expression, so the analyzer blames
   * them too) they must not imply those either.
   */
  const freshItems = (witness: number, plugin: number, count: number, existing: Requirement, mutual = false): Item[] => {
    const added: Item[] = [];
    for (let attempt = 0; added.length < count && attempt < 12 * count; attempt++) {
      const candidate = freshItem(witness, plugin, 0.3);
      const okWithExisting = mutual ? fits(existing, candidate) : existing.every((other) => !sameItem(other, candidate) && !implies(other, candidate));
      if (fits(added, candidate) && okWithExisting) added.push(candidate);
    }
    return added;
  };

  const witnessesOf = (candidates: readonly number[], items: Requirement, actions: readonly ActionTruth[]): number[] =>
    candidates.filter((t) => satisfies(t, items) && actions.every((a) => canSee(t, [...items, ...a.requiredRoles], a.readonly)));

  /** A user type for a class that extends Actor directly: mostly one that may write. */
  const rootWitness = (): number => {
    const r = random.next();
    if (r < 0.04) return 0; // anonymous: a public table
    if (r < 0.08 && readonlyTypes.length > 0) return random.pick(readonlyTypes);
    return random.pick(writers);
  };

  const pickWitness = (candidates: readonly number[]): number => {
    const writing = candidates.filter((t) => userTypes[t]?.readonly !== true);
    return writing.length > 0 && random.chance(0.9) ? random.pick(writing) : random.pick(candidates);
  };

  // ---------------------------------------------------------------- common/
  {
    const f = new FileBuilder("common/actions", ctx, `Actions several tables share. ${banner}`);
    const action = f.runtime("Action");
    const loginRequired = f.runtime("loginRequired");
    const options = f.type(RUNTIME, "ActionOptions");
    const staff = f.role("core.SiteStaff");
    f.declare("MergeAction");
    f.declare("PrintAction");
    f.body.push(
      "/** Merges two duplicate records: a writing action for site staff (Lino's MergeAction). */",
      `export class MergeAction extends ${action} {`,
      `  constructor(options: ${options} = {}) {`,
      `    super({ label: "Merge", readonly: false, requiredRoles: ${loginRequired}(${staff}), ...options });`,
      "  }",
      "}",
      "",
      "/** Prints the current record; it only reads. */",
      `export class PrintAction extends ${action} {`,
      `  constructor(options: ${options} = {}) {`,
      `    super({ label: "Print", ...options });`,
      "  }",
      "}",
      "",
    );
    emit(f);
  }
  const MERGE: ActionTruth = { name: "merge", readonly: false, requiredRoles: [["core.SiteStaff"]] };
  const PRINT: ActionTruth = { name: "print", readonly: true, requiredRoles: [] };

  const siteTable: ClassInfo = {
    name: "SiteTable",
    module: "common/base",
    plugin: -1,
    items: [["core.SiteUser"]],
    actions: [PRINT],
    witnesses: witnessesOf(allTypes, [["core.SiteUser"]], [PRINT]),
    extendable: true,
  };
  {
    const f = new FileBuilder("common/base", ctx, `Abstract base tables. ${banner}`);
    const actor = f.named(RUNTIME, "Actor", "BaseActor");
    const loginRequired = f.runtime("loginRequired");
    const action = f.type(RUNTIME, "Action");
    const print = f.named(f.specifier("common/actions"), "PrintAction");
    const siteUser = f.role("core.SiteUser");
    f.declare("SiteTable");
    f.body.push(
      "/** A table for every signed-in user, with a print action. Not an actor of its own. */",
      `export abstract class SiteTable extends ${actor} {`,
      `  static override requiredRoles = ${loginRequired}(${siteUser});`,
      `  static override actions: Readonly<Record<string, ${action}>> = {`,
      `    print: new ${print}(),`,
      "  };",
      "}",
      "",
    );
    emit(f);
  }

  const staffWitnesses = allTypes.filter((t) => satisfies(t, [["core.SiteStaff"]]));
  const commonConsts: ConstInfo[] = [
    { exported: "signedIn", module: "common/requirements", kind: "requirement", items: [["core.SiteUser"]], witnesses: signedIn },
  ];
  if (staffWitnesses.length > 0) {
    commonConsts.push({ exported: "staffOnly", module: "common/requirements", kind: "requirement", items: [["core.SiteStaff"]], witnesses: staffWitnesses });
    commonConsts.push({ exported: "default", module: "common/requirements", kind: "requirement", items: [["core.SiteStaff"]], witnesses: staffWitnesses });
  }
  {
    const f = new FileBuilder("common/requirements", ctx, `Requirements shared by every plugin. ${banner}`);
    const loginRequired = f.runtime("loginRequired");
    f.declare("signedIn");
    f.body.push("/** Any signed-in user (Actor's default, written out). */", `export const signedIn = ${loginRequired}();`, "");
    if (staffWitnesses.length > 0) {
      f.declare("staffOnly");
      f.body.push("/** Site staff only. */", `export const staffOnly = ${loginRequired}(${f.role("core.SiteStaff")});`, "", "export default staffOnly;", "");
    }
    emit(f);
  }

  // ---------------------------------------------------------------- plugins
  const flags = plugins.map(() => ({ requirements: random.chance(0.6), base: random.chance(0.6), index: random.chance(0.35) }));
  const extraFiles = 4 + flags.reduce((n, f) => n + (f.requirements ? 1 : 0) + (f.base ? 1 : 0) + (f.index ? 1 : 0), 0);
  const actorFileCount = preset.files - extraFiles;
  if (actorFileCount < plugins.length) throw new Error(`preset ${preset.name}: too few files for ${plugins.length} plugins`);
  const filesPerPlugin = random.partition(actorFileCount, plugins.length, 1, 1);
  const actorsPerFile = random.partition(preset.actors, actorFileCount, 1, 1);
  let nextFile = 0;
  let serial = 0;

  const actors: ActorTruth[] = [];
  /** Concrete actors that other plugins may extend, by plugin, with the module other plugins import them from. */
  const exported = plugins.map((): { info: ClassInfo; from: string }[] => []);

  for (const plugin of plugins) {
    const flag = flags[plugin.index] ?? { requirements: false, base: false, index: false };
    const prefix = capitalize(plugin.name);
    const consts: ConstInfo[] = [...commonConsts];

    // <plugin>/requirements.ts
    if (flag.requirements) {
      const module = `${plugin.name}/requirements`;
      const f = new FileBuilder(module, ctx, `Requirements of the ${plugin.name} plugin. ${banner}`);
      const count = random.between(2, 5);
      let defaultDone = false;
      for (let k = 1; k <= count; k++) {
        const witness = pickWitness(writers.length > 0 ? writers : signedIn);
        const kind = random.pick(["group", "group", "requirement", "requirement", "tuple"] as const);
        if (kind === "group") {
          let group = freshItem(witness, plugin.index, 1);
          if (group.length < 2) group = freshItem(witness, plugin.index, 1);
          if (group.length < 2) continue;
          const name = `${plugin.name}Group${k}`;
          f.declare(name);
          f.body.push(`/** Who may do some of the ${plugin.name} work (an OR-group). */`, `export const ${name} = [${group.map((r) => f.role(r)).join(", ")}] as const;`, "");
          consts.push({ exported: name, module, kind, items: [group], witnesses: allTypes.filter((t) => satisfies(t, [group])) });
          continue;
        }
        const items = freshItems(witness, plugin.index, random.between(1, 2), []);
        const witnesses = allTypes.filter((t) => satisfies(t, items));
        if (kind === "tuple") {
          const name = `${plugin.name}Tuple${k}`;
          f.declare(name);
          f.body.push(`/** A whole requirement as an array. */`, `export const ${name} = [${f.items(items)}] as const;`, "");
          consts.push({ exported: name, module, kind, items, witnesses });
          continue;
        }
        const loginRequired = f.runtime("loginRequired");
        const name = `${plugin.name}Required${k}`;
        const form = random.int(3);
        f.declare(name);
        if (form === 0) {
          f.body.push(`export const ${name} = ${loginRequired}(${f.items(items)});`, "");
          consts.push({ exported: name, module, kind, items, witnesses });
        } else if (form === 1) {
          const requiredRoles = f.type(RUNTIME, "RequiredRoles");
          f.body.push(`export const ${name} = ${loginRequired}(${f.items(items)}) satisfies ${requiredRoles};`, "");
          consts.push({ exported: name, module, kind, items, witnesses });
        } else {
          // Declared privately, exported under another name.
          const exportedName = `${plugin.name}Needs${k}`;
          f.body.push(`const ${name} = ${loginRequired}(${f.items(items)});`, `export { ${name} as ${exportedName} };`, "");
          consts.push({ exported: exportedName, module, kind, items, witnesses });
        }
        if (!defaultDone && random.chance(0.4)) {
          defaultDone = true;
          f.body.push(`export default ${name};`, "");
          consts.push({ exported: "default", module, kind, items, witnesses });
        }
      }
      if (f.body.length === 0) f.body.push("export {};", "");
      emit(f);
    }

    // Declares a class in `f` and returns what the generator knows about it.
    type ParentRef = { readonly info: ClassInfo; readonly expr: string; readonly canName: boolean } | undefined;
    const writeClass = (
      f: FileBuilder,
      name: string,
      options: { readonly abstract: boolean; readonly parent: ParentRef; readonly leafOk: boolean; readonly doc: string },
    ): ClassInfo => {
      const { parent } = options;
      const parentWitnesses = parent?.info.witnesses ?? [];
      const witness = parent === undefined ? rootWitness() : pickWitness(parentWitnesses);
      const writer = userTypes[witness]?.readonly !== true;
      const inherited = parent?.info.items ?? [["core.SiteUser"]];
      let items: Requirement = inherited;
      let requiredExpr: string | undefined;
      let extendable = true;

      // requiredRoles
      const usable = (c: ConstInfo): boolean => c.witnesses.includes(witness) && (options.leafOk || c.kind !== "tuple");
      const constExpr = (c: ConstInfo): string => {
        const spec = f.specifier(c.module);
        if (c.exported !== "default") return f.named(spec, c.exported);
        return f.defaultImport(spec, `${c.module.split("/")[0] ?? "x"}Defaults`);
      };
      const r = random.next();
      if (parent === undefined) {
        const anonymous = userTypes[witness]?.anonymous === true;
        const requirementConsts = consts.filter((c) => c.kind !== "group" && usable(c));
        const groupConsts = consts.filter((c) => c.kind === "group" && usable(c));
        if (r < 0.08 && !anonymous) {
          // No requiredRoles: Actor's default [SiteUser].
        } else if (r < 0.13 && !anonymous) {
          requiredExpr = `${f.runtime("loginRequired")}()`;
        } else if (r < 0.3 && requirementConsts.length > 0) {
          const c = random.pick(requirementConsts);
          items = c.items;
          requiredExpr = constExpr(c);
          extendable = c.kind !== "tuple";
        } else if (r < 0.42 && groupConsts.length > 0) {
          const c = random.pick(groupConsts);
          const more = freshItems(witness, plugin.index, random.int(2), c.items, true);
          items = [...c.items, ...more];
          requiredExpr = `${f.runtime("loginRequired")}(${[constExpr(c), ...more.map((i) => f.item(i))].join(", ")})`;
        } else {
          items = freshItems(witness, plugin.index, 1 + random.weighted([55, 33, 12]), []);
          if (options.leafOk && random.chance(0.22)) {
            requiredExpr = `[${f.items(items)}]`;
            extendable = false;
          } else {
            requiredExpr = `${f.runtime("loginRequired")}(${f.items(items)})`;
          }
        }
      } else if (r < 0.4 || inherited.length >= 4) {
        // Inherits its parent's requiredRoles.
      } else if (r < 0.75) {
        const more = freshItems(witness, plugin.index, 1, inherited);
        if (more.length > 0) {
          items = [...inherited, ...more];
          const base = parent.canName && random.chance(0.7) ? `${parent.expr}.requiredRoles` : "super.requiredRoles";
          requiredExpr = `${f.runtime("addRequirements")}(${base}, ${f.items(more)})`;
        }
      } else {
        const fresh = freshItems(witness, plugin.index, 1 + random.weighted([60, 30, 10]), []);
        if (fresh.length > 0) {
          items = fresh;
          if (options.leafOk && random.chance(0.25)) {
            requiredExpr = `[${f.items(items)}]`;
            extendable = false;
          } else {
            requiredExpr = `${f.runtime("loginRequired")}(${f.items(items)})`;
          }
        }
      }

      // actions: the parent's (spread) plus new ones
      const inheritedActions = parent?.info.actions ?? [];
      const own: { truth: ActionTruth; text: string }[] = [];
      const wanted = options.abstract ? random.between(1, 3) : random.weighted([45, 30, 18, 7]);
      const taken = new Set(inheritedActions.map((a) => a.name));
      for (let k = 0; k < wanted; k++) {
        const kind = random.weighted([2, writer && satisfies(witness, [["core.SiteStaff"]]) ? 2 : 0, writer ? 5 : 0, 3]);
        if (kind === 0 && !taken.has("print")) {
          taken.add("print");
          own.push({ truth: PRINT, text: `print: new ${f.named(f.specifier("common/actions"), "PrintAction")}()` });
          continue;
        }
        if (kind === 1 && !taken.has("merge") && !items.some((i) => sameItem(i, ["core.SiteStaff"]))) {
          taken.add("merge");
          own.push({ truth: MERGE, text: `merge: new ${f.named(f.specifier("common/actions"), "MergeAction")}()` });
          continue;
        }
        const key = ACTION_KEYS.find((candidate) => !taken.has(candidate) && random.chance(0.5)) ?? ACTION_KEYS.find((candidate) => !taken.has(candidate));
        if (key === undefined) break;
        taken.add(key);
        const readonly = kind !== 2;
        const reqs = random.chance(0.55) ? freshItems(witness, plugin.index, 1, items) : [];
        const parts = [`label: ${JSON.stringify(capitalize(key))}`];
        if (!readonly) parts.push("readonly: false");
        if (reqs.length > 0) {
          const constant = consts.find((c) => c.kind === "requirement" && c.witnesses.includes(witness) && c.items.every((i) => fits(items, i)) && random.chance(0.2));
          if (constant !== undefined) {
            parts.push(`requiredRoles: ${constExpr(constant)}`);
            own.push({ truth: { name: key, readonly, requiredRoles: constant.items }, text: `${key}: new ${f.runtime("Action")}({ ${parts.join(", ")} })` });
            continue;
          }
          parts.push(`requiredRoles: ${random.chance(0.7) ? `${f.runtime("loginRequired")}(${f.items(reqs)})` : `[${f.items(reqs)}]`}`);
        }
        own.push({ truth: { name: key, readonly, requiredRoles: reqs }, text: `${key}: new ${f.runtime("Action")}({ ${parts.join(", ")} })` });
      }
      const actions = [...inheritedActions, ...own.map((o) => o.truth)];

      const witnesses = witnessesOf(parent === undefined ? allTypes : parentWitnesses, items, actions);
      if (!witnesses.includes(witness)) throw new Error(`internal error: ${name}'s witness cannot see it`);

      f.declare(name);
      const lines = [`/** ${options.doc} */`, `export ${options.abstract ? "abstract " : ""}class ${name} extends ${parent?.expr ?? f.runtime("Actor")} {`];
      if (requiredExpr !== undefined) lines.push(`  static override requiredRoles = ${requiredExpr};`);
      if (own.length > 0) {
        const typed = options.abstract && parent === undefined ? `: Readonly<Record<string, ${f.runtime("Action")}>>` : "";
        lines.push(`  static override actions${typed} = {`);
        if (inheritedActions.length > 0) lines.push(`    ...${parent?.canName === true && random.chance(0.7) ? parent.expr : "super"}.actions,`);
        for (const o of own) lines.push(`    ${o.text},`);
        lines.push("  };");
      }
      lines.push("}", "");
      f.body.push(...lines);
      return { name, module: f.module, plugin: plugin.index, items, actions, witnesses, extendable };
    };

    // <plugin>/base.ts: abstract bases
    const bases: ClassInfo[] = [];
    if (flag.base) {
      const f = new FileBuilder(`${plugin.name}/base`, ctx, `Abstract tables of the ${plugin.name} plugin. ${banner}`);
      const count = random.between(1, 2);
      for (let k = 1; k <= count; k++) {
        const onSiteTable = random.chance(0.3);
        const parent: ParentRef = onSiteTable ? { info: siteTable, expr: f.named(f.specifier("common/base"), "SiteTable"), canName: true } : undefined;
        bases.push(writeClass(f, `${prefix}Base${k}`, { abstract: true, parent, leafOk: false, doc: `A base of ${plugin.name} tables; not an actor of its own.` }));
      }
      emit(f);
    }

    // actor files
    const actorModules: string[] = [];
    const fileCount = filesPerPlugin[plugin.index] ?? 1;
    for (let k = 1; k <= fileCount; k++) {
      const module = `${plugin.name}/views-${k}`;
      actorModules.push(module);
      const f = new FileBuilder(module, ctx, `Tables of the ${plugin.name} plugin. ${banner}`);
      const count = actorsPerFile[nextFile++] ?? 1;
      const local: ClassInfo[] = [];
      for (let a = 0; a < count; a++) {
        serial++;
        const kind = ACTOR_KINDS[serial % ACTOR_KINDS.length] ?? "Table";
        const r = random.next();
        let parent: ParentRef;
        let name = `${prefix}${kind}${serial}`;
        const sameFile = local.filter((c) => c.extendable);
        const depActors = plugin.deps.flatMap((d) => exported[d] ?? []);
        if (r < 0.25 && bases.length > 0) {
          const base = random.pick(bases);
          if (random.chance(0.2)) {
            const ns = f.namespace(f.specifier(`${plugin.name}/base`), "base");
            parent = { info: base, expr: `${ns}.${base.name}`, canName: false };
          } else {
            parent = { info: base, expr: f.named(f.specifier(`${plugin.name}/base`), base.name), canName: true };
          }
        } else if (r < 0.3) {
          parent = { info: siteTable, expr: f.named(f.specifier("common/base"), "SiteTable"), canName: true };
        } else if (r < 0.52 && sameFile.length > 0) {
          const p = random.pick(sameFile);
          parent = { info: p, expr: p.name, canName: true };
          name = `${random.pick(["My", "All", "Open", "Recent", "Archived"])}${kind}${serial}`;
        } else if (r < 0.57 && depActors.length > 0) {
          const p = random.pick(depActors);
          parent = { info: p.info, expr: f.named(f.specifier(p.from), p.info.name), canName: true };
          name = `${prefix}${p.info.name.replace(/\d+$/, "")}${serial}`;
        }
        const info = writeClass(f, name, { abstract: false, parent, leafOk: true, doc: `${capitalize(kind.toLowerCase())} ${serial} of ${plugin.name}.` });
        local.push(info);
        actors.push({
          id: `${plugin.name}.${name}`,
          file: `${module}.ts`,
          requiredRoles: info.items,
          actions: [...info.actions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        });
      }
      emit(f);
      for (const info of local) if (info.extendable) exported[plugin.index]?.push({ info, from: flag.index ? `${plugin.name}/index` : module });
    }

    // <plugin>/index.ts: the plugin's barrel
    if (flag.index) {
      const lines = [`/** The ${plugin.name} plugin's tables. ${banner} */`];
      for (const module of actorModules) lines.push(`export * from "./${module.slice(module.indexOf("/") + 1)}.js";`);
      if (flag.base) lines.push(`export * from "./base.js";`);
      files.set(`app/src/${plugin.name}/index.ts`, `${lines.join("\n")}\n`);
    }
  }

  const appFiles = [...files.keys()].filter((f) => f.startsWith("app/src/")).length;
  if (appFiles !== preset.files) throw new Error(`internal error: ${appFiles} files instead of ${preset.files}`);
  if (actors.length !== preset.actors) throw new Error(`internal error: ${actors.length} actors instead of ${preset.actors}`);
  actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { files, actors };
}
