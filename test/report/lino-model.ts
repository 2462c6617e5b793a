/**
 * Builds a RoleModel from one of the Lino fixtures (test/fixtures/lino/*.json,
 * copied from shared/fixtures/lino so the repository tests on its own),
 * without the compiler: MROs come from the independent C3 of test/helpers.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RoleDef, RoleModel, UserTypeDef } from "../../src/compiler/types.js";
import type { Span } from "../../src/diagnostics/diagnostic.js";
import { linearizeAll } from "../helpers/c3.js";

/** The parts of a Lino fixture these tests read. */
export interface LinoFixture {
  readonly app: string;
  readonly source: { readonly user_types_module: string };
  readonly roles: readonly { readonly id: string; readonly module: string; readonly bases: readonly string[] }[];
  readonly meaningful: readonly string[];
  readonly userTypes: readonly {
    readonly value: string;
    readonly names: readonly string[];
    readonly text: string;
    readonly role: string;
    readonly readonly: boolean;
  }[];
  readonly expected: { readonly userRolesTable: string; readonly userTypesTable: string };
}

/** The real applications among the Lino fixtures. */
export const LINO_APPS = ["noi", "xl_min9", "core_lets"] as const;

/** Absolute path of a file under test/fixtures. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** Reads test/fixtures/lino/<app>.json. */
export function loadLinoFixture(app: string): LinoFixture {
  // The fixture is trusted test data of a known shape, so it is cast, not validated.
  return JSON.parse(readFileSync(fixturePath(`lino/${app}.json`), "utf8")) as LinoFixture;
}

/** A placeholder position for hand-built models. */
export function dummySpan(file = "test.yaml", line = 1): Span {
  return { file, line, column: 1, endLine: line, endColumn: 2 };
}

/** The RoleModel of a Lino fixture. */
export function linoModel(fixture: LinoFixture): RoleModel {
  const mros = linearizeAll(fixture.roles);
  const roles = new Map<string, RoleDef>();
  for (const r of fixture.roles) {
    const [module = "", name = ""] = r.id.split(".");
    roles.set(r.id, {
      id: r.id,
      module,
      name,
      bases: r.bases.length === 0 && r.id !== "core.UserRole" ? ["core.UserRole"] : r.bases,
      mro: mros.get(r.id) ?? [r.id],
      baseSpans: [],
      file: `${r.module}.yaml`,
    });
  }
  const userTypes = fixture.userTypes.map(
    (t, i): UserTypeDef => ({
      value: t.value,
      names: t.names,
      text: t.text,
      role: t.role,
      readonly: t.readonly,
      hiddenLanguages: [],
      maskNotifications: [],
      attributes: {},
      span: dummySpan("user_types.yaml", i + 1),
    }),
  );
  return {
    roles,
    modules: [],
    userTypesModule: fixture.app,
    bindings: fixture.meaningful.map((role) => ({ name: role.split(".")[1] ?? role, role })),
    meaningful: fixture.meaningful,
    userTypes,
  };
}
