import { describe, expect, it } from "vitest";
import type { RoleDef, RoleModel, UserTypeDef } from "../../src/compiler/types.js";
import { renderRstTable } from "../../src/report/render-rst.js";
import { renderTable } from "../../src/report/render.js";
import { userRolesDocument, userRolesJson } from "../../src/report/user-roles-json.js";
import { userRolesTable } from "../../src/report/user-roles-table.js";
import { userTypesTable } from "../../src/report/user-types-table.js";
import { dummySpan } from "./lino-model.js";

function role(id: string, mro: string[]): RoleDef {
  const [module = "", name = ""] = id.split(".");
  return { id, module, name, bases: mro.slice(1, 2), mro, baseSpans: [], file: "roles.yaml" };
}

function userType(value: string, names: string[], text: string, roleId: string, readonly = false): UserTypeDef {
  return {
    value,
    names,
    text,
    role: roleId,
    readonly,
    hiddenLanguages: [],
    maskNotifications: [],
    attributes: {},
    span: dummySpan(),
  };
}

// A small hand-made model: Customer < SiteUser, Staff < Customer; a readonly
// anonymous type whose role is UserRole itself.
const model: RoleModel = {
  roles: new Map(
    [
      role("core.UserRole", ["core.UserRole"]),
      role("core.SiteUser", ["core.SiteUser", "core.UserRole"]),
      role("app.Customer", ["app.Customer", "core.SiteUser", "core.UserRole"]),
      role("app.Staff", ["app.Staff", "app.Customer", "core.SiteUser", "core.UserRole"]),
    ].map((r) => [r.id, r]),
  ),
  modules: [],
  userTypesModule: "app",
  bindings: [],
  meaningful: ["app.Customer", "app.Staff", "core.SiteUser"],
  userTypes: [
    userType("900", ["admin"], "Administrator", "app.Staff"),
    userType("000", ["anonymous"], "Anonymous", "core.UserRole", true),
    userType("100", ["customer", "user"], "Customer", "app.Customer", true),
  ],
};

describe("userRolesTable", () => {
  it("has a Name column, then one column per user type value in declaration order (not sorted)", () => {
    expect(userRolesTable(model).columns).toEqual([
      { key: "name", header: "Name" },
      { key: "900", header: "900", verdicts: true },
      { key: "000", header: "000", verdicts: true },
      { key: "100", header: "100", verdicts: true },
    ]);
  });

  it("heads the user type columns by label with labels: names (first name, else value), keys stay the values", () => {
    const columns = userRolesTable(model, "names").columns;
    expect(columns.map((c) => c.key)).toEqual(["name", "900", "000", "100"]);
    expect(columns.map((c) => c.header)).toEqual(["Name", ...model.userTypes.map((t) => t.names[0] ?? t.value)]);
  });

  it("marks ☑ where the user type's role is a subclass of the row role, ignoring readonly", () => {
    expect(userRolesTable(model).rows).toEqual([
      ["app.Customer", "☑", "", "☑"],
      ["app.Staff", "☑", "", ""],
      ["core.SiteUser", "☑", "", "☑"],
    ]);
  });

  it("keeps the model's meaningful order (already sorted by code point, uppercase first)", () => {
    const m: RoleModel = { ...model, meaningful: ["Z.Role", "a.Role"] };
    expect(userRolesTable(m).rows.map((r) => r[0])).toEqual(["Z.Role", "a.Role"]);
  });

  it("still renders a model whose user type names an unknown role", () => {
    const m: RoleModel = { ...model, userTypes: [userType("1", ["x"], "X", "app.Missing")] };
    expect(userRolesTable(m).rows.map((r) => r[1])).toEqual(["", "", ""]);
  });

  it("renders as an rst table", () => {
    expect(renderRstTable(userRolesTable(model))).toBe(
      [
        "=============== ===== ===== =====",
        " Name            900   000   100",
        "--------------- ----- ----- -----",
        " app.Customer    ☑           ☑",
        " app.Staff       ☑",
        " core.SiteUser   ☑           ☑",
        "=============== ===== ===== =====",
        "",
      ].join("\n"),
    );
  });

  it("keeps the column order in JSON even for integer-like user type values", () => {
    expect(renderTable(userRolesTable(model), "json")).toContain(
      '{\n    "name": "app.Customer",\n    "900": "☑",\n    "000": "",\n    "100": "☑"\n  }',
    );
  });
});

describe("userTypesTable", () => {
  it("lists value, all names joined by one space, and text, in declaration order", () => {
    const t = userTypesTable(model);
    expect(t.columns.map((c) => c.header)).toEqual(["value", "name", "text"]);
    expect(t.rows).toEqual([
      ["900", "admin", "Administrator"],
      ["000", "anonymous", "Anonymous"],
      ["100", "customer user", "Customer"],
    ]);
  });

  it("leaves the name empty for a user type without names", () => {
    const m: RoleModel = { ...model, userTypes: [userType("1", [], "One", "core.SiteUser")] };
    expect(userTypesTable(m).rows).toEqual([["1", "", "One"]]);
  });
});

describe("userRolesDocument", () => {
  it("lists the user types once and, per meaningful role, the values of the types that have it", () => {
    expect(userRolesDocument(model)).toEqual({
      userTypes: [
        { value: "900", name: "admin", names: ["admin"], text: "Administrator", role: "app.Staff", readonly: false },
        { value: "000", name: "anonymous", names: ["anonymous"], text: "Anonymous", role: "core.UserRole", readonly: true },
        { value: "100", name: "customer", names: ["customer", "user"], text: "Customer", role: "app.Customer", readonly: true },
      ],
      roles: [
        { id: "app.Customer", userTypes: ["900", "100"] },
        { id: "app.Staff", userTypes: ["900"] },
        { id: "core.SiteUser", userTypes: ["900", "100"] },
      ],
    });
  });

  it("renders as JSON text with a trailing newline", () => {
    const text = userRolesJson(model);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(userRolesDocument(model));
  });
});
