/**
 * Real Lino applications (fixtures/lino/*.json, copied from the shared
 * fixtures): built at run time with defineRole/defineUserTypes, the runtime
 * must reproduce the ☑ cells of the UserRoles table Lino printed and every
 * hasRequiredRoles example of Lino's documentation.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { RequirementItem, RoleClass } from "../../src/runtime/index.js";
import { makeRole, referenceC3 } from "./helpers.js";

interface LinoApp {
  app: string;
  roles: { id: string; bases: string[] }[];
  meaningful: string[];
  userTypes: {
    value: string;
    names: string[];
    text: string;
    role: string;
    readonly: boolean;
    hidden_languages?: string[] | null;
    extra?: Record<string, unknown> | null;
  }[];
  expected: {
    userRolesTable: string;
    hasRequiredRoles: { userType?: string; role?: string; required: string[][]; expected: boolean }[];
  };
}

function readApp(name: string): LinoApp {
  return JSON.parse(readFileSync(new URL(`../fixtures/lino/${name}.json`, import.meta.url), "utf8")) as LinoApp;
}

/** The cells of an RST simple table, cut at the columns of its first rule line. */
function parseRstTable(text: string): string[][] {
  const lines = text.split("\n").filter((line) => line !== "");
  const rule = lines[0] ?? "";
  const columns: [number, number][] = [];
  for (const match of rule.matchAll(/=+/g)) columns.push([match.index, match.index + match[0].length]);
  return lines
    .filter((line) => !/^[=-][=\s-]*$/.test(line))
    .map((line) => columns.map(([start, end]) => line.slice(start, end).trim()));
}

for (const name of ["noi", "xl_min9", "core_lets"]) {
  describe(`Lino application ${name}`, () => {
    it("reproduces the ☑ cells of Lino's UserRoles table and the documented hasRequiredRoles answers", async () => {
      const app = readApp(name);
      vi.resetModules();
      const rc = await import("../../src/runtime/index.js");
      const specs = new Map(app.roles.map((role) => [role.id, role]));
      const mros = new Map<string, readonly string[]>();
      const define = (id: string): RoleClass => {
        const known = rc.getRole(id);
        const spec = specs.get(id);
        if (spec === undefined) throw new Error(`${name}: no role ${id}`);
        const expectedMro = referenceC3(id, spec.bases, (base) => mros.get(base) ?? define(base).mro);
        if (expectedMro === undefined) throw new Error(`${name}: ${id} has no C3 MRO`);
        mros.set(id, expectedMro);
        if (known !== undefined) {
          // a core role: the runtime's must be Lino's
          expect(known.bases.map((base) => base.roleId)).toEqual(spec.bases);
          expect(known.mro).toEqual(expectedMro);
          return known;
        }
        const role = makeRole(rc, id, spec.bases.map(define), expectedMro);
        expect(role.mro).toEqual(expectedMro);
        return role;
      };
      for (const role of app.roles) define(role.id);

      const types = rc.defineUserTypes(
        app.userTypes.map((userType) => ({
          value: userType.value,
          names: userType.names,
          text: userType.text,
          role: define(userType.role),
          readonly: userType.readonly,
          hiddenLanguages: userType.hidden_languages ?? [],
          attributes: userType.extra ?? {},
        })),
      );

      const [header, ...rows] = parseRstTable(app.expected.userRolesTable);
      expect(header).toEqual(["Name", ...types.items().map((t) => t.value)]);
      expect(rows.map((row) => row[0])).toEqual(app.meaningful);
      for (const [roleId, ...cells] of rows) {
        const role = define(roleId ?? "");
        const computed = types.items().map((t) => (rc.isSubclass(t.roleClass, role) ? "☑" : ""));
        expect(computed, roleId).toEqual(cells);
        expect(role.getUserProfiles().map((t) => t.value)).toEqual(
          types.items().filter((_, i) => cells[i] === "☑").map((t) => t.value),
        );
      }

      for (const example of app.expected.hasRequiredRoles) {
        const required: RequirementItem[] = example.required.map((group) => group.map(define));
        const subject =
          example.userType !== undefined
            ? types.getByValue(example.userType)
            : example.role !== undefined
              ? define(example.role)
              : undefined;
        if (subject === undefined) throw new Error(`${name}: bad example`);
        expect(rc.hasRequiredRoles(subject, required), JSON.stringify(example)).toBe(example.expected);
      }
    });
  });
}
