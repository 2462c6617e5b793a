/**
 * The generated role model: plugins (one role module each), roles with
 * multiple inheritance up to depth 8, and the user types module with its own
 * "profile" roles (one per user type, as Lino's user_types.py defines them).
 *
 * Every role's bases are checked with the project's own C3 (src/runtime/semantics/c3.ts):
 * bases are drawn from roles generated earlier, and when the merge fails the
 * last bases are dropped until it succeeds, so every hierarchy is consistent.
 * Bases only come from the same plugin, the plugins it depends on (lower
 * indexes) and `core`, so generated modules never import each other in a cycle.
 */
import { CORE_ROLES } from "../../src/runtime/core-roles.js";
import { linearize } from "../../src/runtime/semantics/c3.js";
import { MAX_DEPTH, type Preset } from "./presets.js";
import type { Random } from "./random.js";

/** One role (core, plugin or profile role). */
export interface GenRole {
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly bases: readonly string[];
  readonly mro: readonly string[];
  /** Longest path to core.UserRole (which has depth 0). */
  readonly depth: number;
  /** Plugin index, -1 for core, -2 for the user types module. */
  readonly plugin: number;
  readonly doc: string | undefined;
}

export interface GenPlugin {
  readonly index: number;
  /** Module label and application folder name. */
  readonly name: string;
  /** Plugins (lower indexes) whose roles this plugin's roles may inherit and its actors may require. */
  readonly deps: readonly number[];
  /** Role ids, in declaration order. */
  readonly roles: string[];
}

export interface GenUserType {
  readonly value: string;
  readonly names: readonly string[];
  readonly text: string;
  /** Role id (a profile role of the user types module). */
  readonly role: string;
  readonly readonly: boolean;
  readonly hiddenLanguages: readonly string[];
  readonly anonymous: boolean;
}

export interface GenRoleModel {
  readonly plugins: readonly GenPlugin[];
  /** Every role, core first, then in generation order (bases always come before the role). */
  readonly roles: ReadonlyMap<string, GenRole>;
  readonly userTypes: readonly GenUserType[];
  /** `imports` of the user types module: role ids and their alias, if any. */
  readonly imports: readonly { readonly role: string; readonly as: string | undefined }[];
  /** Ancestors (MRO as a set) of every role. */
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The label of the generated user types module. */
export const USER_TYPES_MODULE = "site";

const PLUGIN_WORDS = [
  "contacts", "tickets", "comments", "cal", "courses", "excerpts", "ledger", "products", "votes", "working",
  "office", "users", "notes", "sales", "invoicing", "finan", "bevats", "sheets", "storage", "trading",
  "teams", "topics", "uploads", "polls", "checkdata", "dashboard", "blogs", "albums", "addresses", "households",
  "humanlinks", "cv", "pcsw", "integ", "aids", "debts", "coachings", "clients", "beid", "jobs",
  "immersion", "newcomers", "reception", "isip", "esf", "trends", "outbox", "postings", "boards", "rooms",
  "events", "shopping", "orders", "deploy", "meetings", "tables", "accounting", "vat", "periods", "memo",
];

const ROLE_SUFFIXES = [
  "Reader", "User", "Staff", "Operator", "Manager", "Agent", "Editor", "Auditor", "Clerk", "Coordinator",
  "Assistant", "Specialist", "Analyst", "Reviewer", "Approver", "Viewer", "Guest", "Keeper", "Planner", "Officer",
];

const PROFILE_TITLES = [
  "Customer", "Contributor", "Developer", "Consultant", "Accountant", "Secretary", "Coach", "Teacher",
  "Cashier", "Nurse", "Counsellor", "Volunteer", "Member", "Partner", "Trainer", "Agent",
];

/** The core roles with their MROs. */
function coreRoles(): GenRole[] {
  const byId = new Map<string, GenRole>();
  for (const role of CORE_ROLES) {
    const id = `core.${role.name}`;
    const baseRoles = role.bases.map((b) => byId.get(b)).filter((b): b is GenRole => b !== undefined);
    const mro = linearize(id, role.bases, baseRoles.map((b) => b.mro));
    if (mro === undefined) throw new Error(`internal error: core role ${id} has no MRO`);
    const depth = baseRoles.length === 0 ? 0 : 1 + Math.max(...baseRoles.map((b) => b.depth));
    byId.set(id, { id, module: "core", name: role.name, bases: role.bases, mro, depth, plugin: -1, doc: undefined });
  }
  return [...byId.values()];
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Generates the whole role model of a preset. */
export function generateRoleModel(preset: Preset, random: Random): GenRoleModel {
  const roles = new Map<string, GenRole>();
  for (const role of coreRoles()) roles.set(role.id, role);
  const core = (name: string): GenRole => {
    const role = roles.get(`core.${name}`);
    if (role === undefined) throw new Error(`internal error: no core.${name}`);
    return role;
  };

  /** Adds a role with the candidate bases that keep its C3 linearization consistent (checked with src/runtime/semantics/c3.ts). */
  const define = (
    module: string,
    name: string,
    plugin: number,
    wanted: readonly string[],
    doc: string | undefined,
    mustInclude?: string,
    keepFirst = false,
  ): GenRole => {
    const id = `${module}.${name}`;
    if (roles.has(id)) throw new Error(`internal error: duplicate role ${id}`);
    // Deeper bases first: a subclass listed before its superclass keeps C3 happy more often.
    const depthOf = (b: string): number => roles.get(b)?.depth ?? 0;
    const unique = [...new Set(wanted)];
    const head = keepFirst ? unique.slice(0, 1) : [];
    const rest = (keepFirst ? unique.slice(1) : unique).map((b, i) => ({ b, i }));
    const ordered = [...head, ...rest.sort((x, y) => depthOf(y.b) - depthOf(x.b) || x.i - y.i).map((x) => x.b)];
    const consistent = (list: readonly string[]): boolean =>
      linearize(id, list, list.map((b) => roles.get(b)?.mro ?? [b])) !== undefined;
    // Greedy: keep each base (in order) that leaves the hierarchy consistent.
    const bases: string[] = [];
    for (const base of ordered) if (consistent([...bases, base])) bases.push(base);
    if (mustInclude !== undefined && !bases.some((b) => roles.get(b)?.mro.includes(mustInclude) === true)) {
      // Last, after every other base, the required ancestor cannot conflict with them.
      if (!consistent([...bases, mustInclude])) throw new Error(`internal error: cannot add ${mustInclude} to ${id}`);
      bases.push(mustInclude);
    }
    const baseRoles = bases.map((b) => roles.get(b) ?? core("UserRole"));
    const mro =
      bases.length === 0 ? linearize(id, ["core.UserRole"], [core("UserRole").mro]) : linearize(id, bases, baseRoles.map((b) => b.mro));
    if (mro === undefined) throw new Error(`internal error: no consistent MRO for ${id}`);
    const depth = bases.length === 0 ? 1 : 1 + Math.max(...baseRoles.map((b) => b.depth));
    const role: GenRole = { id, module, name, bases, mro, depth, plugin, doc };
    roles.set(id, role);
    return role;
  };

  // Plugins and their dependencies (always on lower indexes: module imports stay acyclic).
  const plugins: GenPlugin[] = [];
  for (let i = 0; i < preset.plugins; i++) {
    const word = PLUGIN_WORDS[i % PLUGIN_WORDS.length] ?? "plugin";
    const name = i < PLUGIN_WORDS.length ? word : `${word}${Math.floor(i / PLUGIN_WORDS.length) + 1}`;
    const deps = i === 0 ? [] : random.sample(Array.from({ length: i }, (_, k) => k), random.between(1, Math.min(3, i))).sort((a, b) => a - b);
    plugins.push({ index: i, name, deps, roles: [] });
  }

  // Plugin roles: layered by depth so that chains reach MAX_DEPTH - 1; profile roles add the last level.
  const pluginRoleCount = preset.roles - preset.userTypes;
  const perPlugin = random.partition(pluginRoleCount, preset.plugins, 3, 0.8);
  const coreBases = ["core.SiteUser", "core.Expert", "core.SiteStaff", "core.Supervisor", "core.Explorer"];
  let deepest = 0;
  for (const plugin of plugins) {
    const count = perPlugin[plugin.index] ?? 3;
    const prefix = capitalize(plugin.name);
    const pool = (): GenRole[] => [
      ...plugin.roles.map((id) => roles.get(id)).filter((r): r is GenRole => r !== undefined),
      ...plugin.deps.flatMap((d) => plugins[d]?.roles ?? []).map((id) => roles.get(id)).filter((r): r is GenRole => r !== undefined),
      ...coreBases.map((id) => roles.get(id)).filter((r): r is GenRole => r !== undefined),
    ];
    for (let j = 0; j < count; j++) {
      const name = j < ROLE_SUFFIXES.length ? `${prefix}${ROLE_SUFFIXES[j] ?? ""}` : `${prefix}Level${j - ROLE_SUFFIXES.length + 2}`;
      const doc = random.chance(0.25) ? `The ${ROLE_SUFFIXES[j % ROLE_SUFFIXES.length]?.toLowerCase() ?? "role"} of ${plugin.name}.` : undefined;
      let bases: string[];
      if (j === 0) {
        bases = []; // every plugin has a root role (like CommentsReader)
      } else {
        const candidates = pool();
        const available = Math.max(...candidates.map((r) => r.depth));
        const cap = Math.min(MAX_DEPTH - 1, available + 1);
        const forceDeep = deepest < MAX_DEPTH - 1 && (j === count - 1 || random.chance(0.35));
        const target = forceDeep ? cap : random.chance(0.35) ? cap : random.between(1, cap);
        const primaryChoices = candidates.filter((r) => r.depth === target - 1);
        const primary = primaryChoices.length > 0 ? random.pick(primaryChoices) : undefined;
        const extras = random.sample(
          candidates.filter((r) => r.depth < target && r.id !== primary?.id),
          random.weighted([3, 4, 2, 1]),
        );
        bases = [...(primary === undefined ? [] : [primary.id]), ...extras.map((r) => r.id)];
      }
      const role = define(plugin.name, name, plugin.index, bases, doc);
      plugin.roles.push(role.id);
      deepest = Math.max(deepest, role.depth);
    }
  }

  // The user types module: one profile role per user type, the first for anonymous visitors.
  const allPluginRoles = plugins.flatMap((p) => p.roles).map((id) => roles.get(id)).filter((r): r is GenRole => r !== undefined);
  const rootRoles = allPluginRoles.filter((r) => r.bases.length === 0);
  const deepestRoles = allPluginRoles.filter((r) => r.depth === MAX_DEPTH - 1);
  const userTypes: GenUserType[] = [];
  const profileRoles: GenRole[] = [];
  const titleCount = new Map<string, number>();
  for (let i = 0; i < preset.userTypes; i++) {
    const admin = i === preset.userTypes - 1;
    if (i === 0) {
      const role = define(USER_TYPES_MODULE, "Visitor", -2, random.sample(rootRoles, random.between(2, 4)).map((r) => r.id), "What anonymous visitors may do.");
      profileRoles.push(role);
      userTypes.push({ value: "000", names: ["anonymous"], text: "Anonymous", role: role.id, readonly: true, hiddenLanguages: [], anonymous: true });
      continue;
    }
    let name: string;
    let names: string[];
    let text: string;
    let bases: string[];
    if (admin) {
      name = "SiteAdmin"; // shadows core.SiteAdmin in this module, as Lino applications do
      names = ["admin"];
      text = "Administrator";
      const staff = allPluginRoles.filter((r) => r.name.endsWith("Staff") || r.name.endsWith("Manager"));
      bases = [
        "core.SiteAdmin",
        ...random.sample(profileRoles.slice(1).filter((r) => r.depth < MAX_DEPTH), 2).map((r) => r.id),
        ...random.sample(staff, 8).map((r) => r.id),
      ];
    } else {
      const title = PROFILE_TITLES[(i - 1) % PROFILE_TITLES.length] ?? "Member";
      const n = (titleCount.get(title) ?? 0) + 1;
      titleCount.set(title, n);
      name = n === 1 ? title : `${title}${n}`;
      names = random.chance(0.3) ? [name.toLowerCase(), `u${100 + (i - 1) * 10}`] : [name.toLowerCase()];
      text = n === 1 ? title : `${title} ${n}`;
      const earlier = profileRoles.slice(1).filter((r) => r.depth < MAX_DEPTH);
      const first =
        i === 1 && deepestRoles.length > 0
          ? random.pick(deepestRoles).id // guarantees one role of depth MAX_DEPTH
          : earlier.length > 0 && random.chance(0.3)
            ? random.pick(earlier).id
            : random.pick(["core.SiteUser", "core.SiteUser", "core.Expert", "core.SiteStaff"]);
      const extras = random.sample(allPluginRoles.filter((r) => r.depth < MAX_DEPTH), random.between(2, 6)).map((r) => r.id);
      bases = [first, ...extras];
    }
    const role = define(USER_TYPES_MODULE, name, -2, bases, admin ? "Everything." : undefined, admin ? "core.SiteAdmin" : "core.SiteUser", admin);
    profileRoles.push(role);
    const readonly = !admin && random.chance(0.08);
    userTypes.push({
      value: String(100 + (i - 1) * 10),
      names,
      text,
      role: role.id,
      readonly,
      hiddenLanguages: random.chance(0.1) ? ["de"] : [],
      anonymous: false,
    });
  }

  // What the user types module imports (its UserRoles rows besides its own roles).
  const imports: { role: string; as: string | undefined }[] = [{ role: "core.SiteUser", as: undefined }];
  for (const role of random.sample(allPluginRoles, Math.ceil(allPluginRoles.length * 0.3))) {
    imports.push({ role: role.id, as: random.chance(0.15) ? `${role.name}Row` : undefined });
  }

  const ancestors = new Map<string, ReadonlySet<string>>();
  for (const role of roles.values()) ancestors.set(role.id, new Set(role.mro));
  return { plugins, roles, userTypes, imports, ancestors };
}

/** The YAML role-module files: one per plugin and the user types module. Paths relative to the preset folder. */
export function roleModuleFiles(model: GenRoleModel, banner: string): Map<string, string> {
  const files = new Map<string, string>();
  const ref = (from: string, id: string): string => (id.startsWith(`${from}.`) ? id.slice(from.length + 1) : id);
  for (const plugin of model.plugins) {
    const lines = [`# Roles of the ${plugin.name} plugin. ${banner}`, `module: ${plugin.name}`];
    if (plugin.deps.length > 0) {
      lines.push("include:");
      for (const d of plugin.deps) lines.push(`  - ./${model.plugins[d]?.name ?? "?"}.roles.yaml`);
    }
    lines.push("roles:");
    for (const id of plugin.roles) {
      const role = model.roles.get(id);
      if (role === undefined) continue;
      const bases = `[${role.bases.map((b) => ref(plugin.name, b)).join(", ")}]`;
      if (role.doc === undefined) lines.push(`  ${role.name}: ${bases}`);
      else lines.push(`  ${role.name}:`, `    bases: ${bases}`, `    doc: ${JSON.stringify(role.doc)}`);
    }
    files.set(`user-types/roles/${plugin.name}.roles.yaml`, `${lines.join("\n")}\n`);
  }

  const own = new Set([...model.roles.values()].filter((r) => r.module === USER_TYPES_MODULE).map((r) => r.name));
  const aliasOf = new Map(model.imports.filter((i) => i.as !== undefined).map((i) => [i.role, i.as ?? ""]));
  const lines = [`# The user types module. ${banner}`, `module: ${USER_TYPES_MODULE}`, "include:"];
  for (const plugin of model.plugins) lines.push(`  - roles/${plugin.name}.roles.yaml`);
  lines.push("imports:");
  for (const entry of model.imports) lines.push(entry.as === undefined ? `  - ${entry.role}` : `  - { role: ${entry.role}, as: ${entry.as} }`);
  lines.push("roles:");
  const siteRef = (id: string): string => {
    if (id.startsWith(`${USER_TYPES_MODULE}.`)) return id.slice(USER_TYPES_MODULE.length + 1);
    const alias = aliasOf.get(id);
    if (alias !== undefined && !own.has(alias)) return alias;
    return id;
  };
  for (const role of model.roles.values()) {
    if (role.module !== USER_TYPES_MODULE) continue;
    const bases = `[${role.bases.map(siteRef).join(", ")}]`;
    if (role.doc === undefined) lines.push(`  ${role.name}: ${bases}`);
    else lines.push(`  ${role.name}:`, `    bases: ${bases}`, `    doc: ${JSON.stringify(role.doc)}`);
  }
  lines.push("userTypes:");
  for (const t of model.userTypes) {
    const parts = [
      `value: ${JSON.stringify(t.value)}`,
      `names: ${JSON.stringify(t.names.join(" "))}`,
      `text: ${JSON.stringify(t.text)}`,
      `role: ${siteRef(t.role)}`,
    ];
    if (t.readonly) parts.push("readonly: true");
    if (t.hiddenLanguages.length > 0) parts.push(`hiddenLanguages: [${t.hiddenLanguages.join(", ")}]`);
    if (t.anonymous) parts.push("attributes: { authenticated: false }");
    lines.push(`  - { ${parts.join(", ")} }`);
  }
  files.set(`user-types/${USER_TYPES_MODULE}.yaml`, `${lines.join("\n")}\n`);
  return files;
}
