/**
 * A synthetic application in memory, as big as asked: plugins with Reader /
 * User / Staff roles, user types whose profile roles inherit a few of them
 * (C3-consistent, checked with the compiler's own linearization), and actors
 * with actions whose requirements mix plain items and OR-groups. Seeded, so
 * every run builds the same model.
 */
import type { AnalyzedAction, AnalyzedActor, Application, ResolvedItem, ResolvedRequirement } from "../../src/analyzer/types.js";
import { BUILTIN_FILE } from "../../src/compiler/types.js";
import { CORE_ROLES } from "../../src/runtime/core-roles.js";
import { linearize } from "../../src/runtime/semantics/c3.js";
import type { RoleDef, RoleModel, UserTypeDef } from "../../src/compiler/types.js";
import type { Span } from "../../src/diagnostics/diagnostic.js";

export interface SyntheticOptions {
  readonly userTypes: number;
  readonly actors: number;
  readonly plugins: number;
  readonly seed?: number;
}

const PLUGIN_NAMES = [
  "accounts", "addresses", "aids", "badges", "cal", "cbss", "checkdata", "clients", "comments", "contacts",
  "countries", "courses", "cv", "debts", "esf", "excerpts", "finan", "households", "humanlinks", "integ",
  "isip", "jobs", "languages", "ledger", "newcomers", "notes", "outbox", "pcsw", "polls", "properties",
  "reception", "sepa", "system", "tickets", "uploads", "users", "vatless", "votes", "working", "xcourses",
];
const TYPE_NAMES = [
  "user", "clerk", "agent", "coach", "manager", "accountant", "secretary", "reception", "auditor", "consultant",
  "newcomer", "integ", "debts", "social", "assistant", "supervisor", "editor", "reviewer", "volunteer", "guest",
];
const PREFIXES = ["All", "My", "Recent", "Open", "Pending", "Archived", "Active", "Draft", "Closed", "Shared"];
const NOUNS = ["Entries", "Items", "Clients", "Notes", "Events", "Tasks", "Contracts", "Vouchers", "Guests", "Courses", "Requests", "Reports"];
const SUFFIXES = ["", "ByUser", "ByClient", "ByPartner", "ByDate", "ToCheck", "ForMe", "Overview"];

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function span(file: string, line: number): Span {
  return { file, line, column: 1, endLine: line, endColumn: 2 };
}

/** The synthetic role model and application. */
export function syntheticApp(options: SyntheticOptions): { model: RoleModel; application: Application } {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const roles = new Map<string, RoleDef>();
  const add = (id: string, bases: readonly string[], file: string, line: number, doc?: string): boolean => {
    const baseMros = bases.map((b) => roles.get(b)?.mro);
    if (baseMros.some((m) => m === undefined)) return false;
    const mro = bases.length === 0 ? [id] : linearize(id, bases, baseMros as (readonly string[])[]);
    if (mro === undefined) return false;
    const [module = "", name = ""] = id.split(".");
    roles.set(id, {
      id, module, name, bases, mro: [...mro], baseSpans: [], file,
      ...(doc === undefined ? {} : { doc }),
      ...(file === BUILTIN_FILE ? {} : { span: span(file, line) }),
    });
    return true;
  };
  for (const core of CORE_ROLES) add(`core.${core.name}`, core.bases, BUILTIN_FILE, 0, core.doc);

  const plugins = PLUGIN_NAMES.slice(0, options.plugins);
  for (const plugin of plugins) {
    const file = `roles/${plugin}.yaml`;
    const C = cap(plugin);
    add(`${plugin}.${C}Reader`, ["core.UserRole"], file, 3, `Can read the ${plugin} tables.`);
    add(`${plugin}.${C}User`, [`${plugin}.${C}Reader`], file, 4, `Works with ${plugin}.`);
    add(`${plugin}.${C}Staff`, [`${plugin}.${C}User`], file, 5, `Configures ${plugin}.`);
  }

  const userTypes: UserTypeDef[] = [];
  for (let i = 0; i < options.userTypes; i++) {
    const value = options.userTypes <= 100 ? String(i * (options.userTypes <= 10 ? 100 : 10)).padStart(3, "0") : `u${i}`;
    const anonymous = i === 0;
    const admin = i === options.userTypes - 1;
    const readonly = anonymous || i % 10 === 7;
    const name = anonymous ? "anonymous" : admin ? "admin" : `${TYPE_NAMES[i % TYPE_NAMES.length] ?? "user"}${i >= TYPE_NAMES.length ? Math.floor(i / TYPE_NAMES.length) + 1 : ""}`;
    const roleId = `app.${cap(name)}`;
    const bases = [anonymous ? "core.Anonymous" : admin ? "core.SiteAdmin" : i % 9 === 4 ? "core.SiteStaff" : "core.SiteUser"];
    const used = new Set<string>();
    const wanted = admin ? plugins.length : anonymous ? 3 : 2 + Math.floor(rand() * 6);
    for (let k = 0; k < wanted; k++) {
      const plugin = admin ? (plugins[k] ?? "cal") : pick(plugins);
      if (used.has(plugin)) continue;
      used.add(plugin);
      const level = anonymous ? "Reader" : admin ? "Staff" : pick(["Reader", "User", "User", "Staff"]);
      bases.push(`${plugin}.${cap(plugin)}${level}`);
    }
    while (!add(roleId, bases, "app.yaml", 10 + i, `The role of ${name} users.`)) bases.pop();
    userTypes.push({
      value,
      names: [name],
      text: cap(name),
      role: roleId,
      readonly,
      hiddenLanguages: [],
      maskNotifications: [],
      attributes: anonymous ? { authenticated: false } : {},
      span: span("app.yaml", 100 + i),
    });
  }

  const meaningful = [...roles.keys()].filter((id) => !id.startsWith("core.") && !id.startsWith("app.")).concat(["core.SiteUser"]).sort();
  const model: RoleModel = {
    roles,
    modules: [{ label: "core", files: [BUILTIN_FILE] }, ...plugins.map((p) => ({ label: p, files: [`roles/${p}.yaml`] })), { label: "app", files: ["app.yaml"] }],
    userTypesFile: "app.yaml",
    userTypesModule: "app",
    bindings: meaningful.map((role) => ({ name: role.split(".")[1] ?? role, role })),
    meaningful,
    userTypes,
  };

  const item = (file: string, line: number, ...ids: string[]): ResolvedItem => ({
    roles: ids,
    span: span(file, line),
    text: ids.length === 1 ? (ids[0] ?? "") : `[${ids.join(", ")}]`,
    memberSpans: ids.map(() => span(file, line)),
    unresolved: [],
  });
  const requirement = (items: ResolvedItem[], complete = true): ResolvedRequirement => ({ items, unresolved: complete ? [] : [{ text: "unknownRole()", span: span("x.ts", 1) }], complete });
  const actors: AnalyzedActor[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < options.actors; i++) {
    const plugin = plugins[i % plugins.length] ?? "cal";
    const other = pick(plugins);
    const C = cap(plugin);
    const file = `src/${plugin}/tables.ts`;
    const line = 10 + Math.floor(i / plugins.length) * 12;
    let className = `${pick(PREFIXES)}${pick(NOUNS)}${pick(SUFFIXES)}`;
    while (seen.has(`${plugin}.${className}`)) className += "2";
    seen.add(`${plugin}.${className}`);
    const id = `${plugin}.${className}`;
    const variant = rand();
    const items =
      variant < 0.25 ? [item(file, line, `${plugin}.${C}Reader`)]
      : variant < 0.55 ? [item(file, line, `${plugin}.${C}User`)]
      : variant < 0.7 ? [item(file, line, `${plugin}.${C}User`), item(file, line, `${other}.${cap(other)}User`, "core.SiteStaff")]
      : variant < 0.8 ? [item(file, line, `${plugin}.${C}Staff`)]
      : variant < 0.9 ? [item(file, line, "core.SiteUser")]
      : variant < 0.97 ? [item(file, line, `${plugin}.${C}Reader`), item(file, line, `${other}.${cap(other)}Reader`)]
      : [];
    const actorRequirement = requirement(items, rand() > 0.02);
    const actions: AnalyzedAction[] = [];
    const addAction = (name: string, readonly: boolean, own: ResolvedItem[]): void => {
      const ownRequirement = requirement(own);
      actions.push({
        id: `${id}.${name}`,
        name,
        readonly,
        requiredRoles: ownRequirement,
        combined: requirement([...actorRequirement.items, ...own], actorRequirement.complete),
        span: span(file, line + 2),
      });
    };
    if (rand() < 0.5) addAction("delete", false, [item(file, line + 3, `${plugin}.${C}Staff`)]);
    if (rand() < 0.6) addAction("insert", false, [item(file, line + 4, `${plugin}.${C}User`)]);
    if (rand() < 0.15) addAction("merge", false, [item(file, line + 5, "core.SiteStaff")]);
    if (rand() < 0.3) addAction("print", true, []);
    actors.push({
      id,
      className,
      appLabel: plugin,
      file,
      span: span(file, line),
      requiredRoles: actorRequirement,
      requiredRolesSpan: span(file, line + 1),
      requiredRolesFrom: id,
      actions,
    });
  }
  actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { model, application: { actors } };
}
