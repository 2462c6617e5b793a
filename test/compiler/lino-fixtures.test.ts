/**
 * The ground truth: for each real Lino application of test/fixtures/lino/,
 * the bundled role-module project in user-types/ must print Lino's own
 * UserRoles and UserTypes tables byte for byte, and the generated code must
 * answer every `expected.hasRequiredRoles` example as Lino did.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { renderRstTable } from "../../src/report/render-rst.js";
import { userRolesTable } from "../../src/report/user-roles-table.js";
import { userTypesTable } from "../../src/report/user-types-table.js";
import { compileToTemp, repoRoot } from "../helpers/generated.js";

interface Fixture {
  readonly roles: readonly { id: string; bases: string[] }[];
  readonly meaningful: readonly string[];
  readonly expected: {
    readonly userRolesTable: string;
    readonly userTypesTable: string;
    readonly hasRequiredRoles: readonly { userType?: string; role?: string; required: string[][]; expected: boolean }[];
  };
}

const apps = ["noi", "xl_min9", "core_lets"] as const;

/** The cells of an rst "simple table" (header row first), split at the columns its `=` border marks. */
function rstSimpleTable(text: string): string[][] {
  const lines = text.split("\n").filter((line) => line !== "");
  const columns = [...(lines[0] ?? "").matchAll(/=+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  return lines
    .filter((line) => !/^[=\- ]+$/.test(line))
    .map((line) => columns.map(([start, end], i) => line.slice(start, i === columns.length - 1 ? undefined : end).trim()));
}


function fixture(app: string): Fixture {
  return JSON.parse(readFileSync(join(repoRoot, "test", "fixtures", "lino", `${app}.json`), "utf8")) as Fixture;
}

describe.each(apps)("Lino application %s", (app) => {
  const expected = fixture(app);

  it("compiles without diagnostics and with Lino's meaningful roles", async () => {
    const result = await loadRoleModel(createNodeHost({ cwd: repoRoot }), `user-types/${app}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.value.model.meaningful).toEqual([...expected.meaningful].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("prints Lino's UserRoles and UserTypes tables byte for byte", async () => {
    const { model } = (await loadRoleModel(createNodeHost({ cwd: repoRoot }), `user-types/${app}`)).value;
    expect(renderRstTable(userRolesTable(model))).toBe(expected.expected.userRolesTable);
    expect(renderRstTable(userTypesTable(model))).toBe(expected.expected.userTypesTable);
  });

  it("linearizes every role as Python does (the fixture's roles, C3)", async () => {
    const { model } = (await loadRoleModel(createNodeHost({ cwd: repoRoot }), `user-types/${app}`)).value;
    for (const role of expected.roles) {
      expect(model.roles.get(role.id)?.bases, role.id).toEqual(role.bases.length === 0 && role.id !== "core.UserRole" ? ["core.UserRole"] : role.bases);
    }
  });

  it("generated code answers every hasRequiredRoles example, and every cell of Lino's UserRoles table", async () => {
    const out = await compileToTemp(`user-types/${app}`, app);
    // Each application gets a fresh runtime: role ids are unique per process, not across applications.
    vi.resetModules();
    const generated = (await import(pathToFileURL(join(out, "index.ts")).href)) as Record<string, unknown>;
    const runtime = await import("rolecraft/runtime");
    const UserTypes = generated["UserTypes"] as InstanceType<typeof runtime.UserTypes>;
    const roleClass = (id: string): typeof runtime.UserRole => {
      const [module, name] = id.split(".") as [string, string];
      const namespace = generated[module] as Record<string, typeof runtime.UserRole> | undefined;
      const cls = namespace?.[name];
      if (cls === undefined) throw new Error(`no generated class for ${id}`);
      return cls;
    };
    for (const example of expected.expected.hasRequiredRoles) {
      const required = example.required.map((group) => (group.length === 1 ? roleClass(group[0]!) : group.map(roleClass)));
      const subject = example.userType !== undefined ? UserTypes.getByValue(example.userType)! : roleClass(example.role!);
      expect(runtime.hasRequiredRoles(subject, required), JSON.stringify(example)).toBe(example.expected);
    }
    // Lino's UserRoles table says the same thing for every meaningful role and user type (core_lets has no
    // hasRequiredRoles examples, so for it this is the whole check): ☑ where the user type has the role.
    const [header = [], ...rows] = rstSimpleTable(expected.expected.userRolesTable);
    expect(header.length).toBeGreaterThan(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const [role = "", ...cells] of rows) {
      cells.forEach((cell, i) => {
        const value = header[i + 1]!;
        const userType = UserTypes.getByValue(value);
        if (userType === undefined) throw new Error(`no user type ${value}`);
        expect(runtime.hasRequiredRoles(userType, [roleClass(role)]), `${value} × ${role}`).toBe(cell === "☑");
      });
    }
  });
});
