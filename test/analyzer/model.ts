/**
 * Role models for the analyzer tests: the noi application of the Lino
 * fixtures (test/fixtures/lino/noi.json), optionally with extra roles and
 * user types, built without the compiler (MROs from test/helpers' C3).
 */
import type { RoleDef, RoleModel } from "../../src/compiler/types.js";
import { linearizeAll } from "../helpers/c3.js";
import { linoModel, loadLinoFixture } from "../report/lino-model.js";

/** Extra roles and user types a fixture case adds to the noi model (its `model.json`). */
export interface ModelExtras {
  /** Roles appended to noi's; `line` gives them a position in `noi.yaml` (for RC5009). */
  readonly roles?: readonly { readonly id: string; readonly bases: readonly string[]; readonly line?: number }[];
  /** User types appended to noi's (their span is `user_types.yaml`, line = position in the list). */
  readonly userTypes?: readonly {
    readonly value: string;
    readonly names: readonly string[];
    readonly text: string;
    readonly role: string;
    readonly readonly: boolean;
  }[];
}

/** The noi role model, plus `extras`. */
export function noiModel(extras: ModelExtras = {}): RoleModel {
  const noi = loadLinoFixture("noi");
  const extraRoles = extras.roles ?? [];
  const model = linoModel({
    ...noi,
    roles: [...noi.roles, ...extraRoles.map((r) => ({ id: r.id, module: r.id.split(".")[0] ?? "", bases: r.bases }))],
    userTypes: [...noi.userTypes, ...(extras.userTypes ?? [])],
  });
  const roles = new Map<string, RoleDef>(model.roles);
  for (const extra of extraRoles) {
    const role = roles.get(extra.id);
    if (role === undefined || extra.line === undefined) continue;
    const span = { file: "noi.yaml", line: extra.line, column: 3, endLine: extra.line, endColumn: 3 + role.name.length };
    roles.set(extra.id, { ...role, span, file: "noi.yaml" });
  }
  return { ...model, roles };
}

/** A user type for hand-built models (`names` may be empty: the label is then the value). */
export interface UserTypeSpec {
  readonly value: string;
  readonly names?: readonly string[];
  readonly role: string;
  readonly readonly?: boolean;
}

/**
 * A role model built by hand: `roles` lists every role but the built-in core
 * ones, with bases in declaration order (none means `core.UserRole`).
 */
export function buildModel(roles: readonly { readonly id: string; readonly bases: readonly string[] }[], userTypes: readonly UserTypeSpec[]): RoleModel {
  const all = [...CORE, ...roles.map((r) => ({ id: r.id, bases: r.bases.length === 0 ? ["core.UserRole"] : r.bases }))];
  const mros = linearizeAll(all);
  const defs = new Map<string, RoleDef>();
  for (const r of all) {
    const [module = "", name = ""] = r.id.split(".");
    defs.set(r.id, { id: r.id, module, name, bases: r.bases, mro: mros.get(r.id) ?? [r.id], baseSpans: [], file: `${module}.yaml` });
  }
  return {
    roles: defs,
    modules: [],
    bindings: [],
    meaningful: [],
    userTypes: userTypes.map((t, i) => ({
      value: t.value,
      names: t.names ?? [],
      text: t.value,
      role: t.role,
      readonly: t.readonly ?? false,
      hiddenLanguages: [],
      maskNotifications: [],
      attributes: {},
      span: { file: "user_types.yaml", line: i + 1, column: 1, endLine: i + 1, endColumn: 2 },
    })),
  };
}

const CORE: readonly { readonly id: string; readonly bases: readonly string[] }[] = [
  { id: "core.UserRole", bases: [] },
  { id: "core.Anonymous", bases: ["core.UserRole"] },
  { id: "core.SiteUser", bases: ["core.UserRole"] },
  { id: "core.Expert", bases: ["core.SiteUser"] },
  { id: "core.SiteStaff", bases: ["core.Expert"] },
  { id: "core.Supervisor", bases: ["core.UserRole"] },
  { id: "core.Explorer", bases: ["core.UserRole"] },
  { id: "core.SiteAdmin", bases: ["core.SiteStaff", "core.Supervisor", "core.Explorer"] },
];
