/**
 * The example of issue 16 and SPEC §6b, from a TypeScript application: Lino
 * Welfare's client detail prints its calendar tab byte for byte as Lino's
 * documentation does.
 *
 * The user types are Lino Welfare's, with exactly the roles Lino's UserRoles
 * table gives them (test/fixtures/layouts/welfare-user-roles.rst, from the
 * same documentation): every meaningful role is a role of its own, and each
 * user type's role inherits the roles its column checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findLayoutNode, renderLayoutRst } from "../../src/report/index.js";
import * as $rc from "../../src/runtime/index.js";
import { Actor, Anonymous, DetailLayout, Field, Panel, SiteUser, UserRole, UserTypes, loginRequired, type RoleClass } from "../../src/runtime/index.js";
import { makeRole } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/layouts");

/** The UserRoles table: role id → the user type values whose column checks it; and the values in order. */
function readUserRoles(): { readonly values: string[]; readonly rows: Map<string, string[]> } {
  const lines = readFileSync(join(FIXTURES, "welfare-user-roles.rst"), "utf8").split("\n");
  const spans = [...(lines[0] ?? "").matchAll(/=+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const cells = (line: string): string[] => spans.map(([from, to]) => line.slice(from, to).trim());
  const [, ...values] = cells(lines[1] ?? "");
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(3, -2)) {
    const [id = "", ...marks] = cells(line);
    rows.set(
      id,
      values.filter((_, i) => marks[i] === "☑"),
    );
  }
  return { values, rows };
}

const { values, rows } = readUserRoles();
const CORE: Record<string, RoleClass> = { "core.Anonymous": Anonymous, "core.SiteUser": SiteUser };
const roles = new Map<string, RoleClass>();
for (const id of rows.keys()) roles.set(id, CORE[id] ?? makeRole($rc, id, [UserRole]));
const role = (id: string): RoleClass => {
  const found = roles.get(id);
  if (found === undefined) throw new Error(`no role ${id}`);
  return found;
};

const welfareTypes = new UserTypes(
  values.map((value) => {
    const bases = [...rows].filter(([, checked]) => checked.includes(value)).map(([id]) => role(id));
    const names = value === "000" ? ["anonymous"] : value === "900" ? ["admin"] : [];
    return { value, names, text: value, role: makeRole($rc, `welfaretypes.Type${value}`, bases), readonly: value === "000" || value === "910" };
  }),
);

const OfficeUser = role("office.OfficeUser");
const OfficeOperator = role("office.OfficeOperator");

// The application, written as SPEC §6b shows it.
class EntriesByClient extends Actor {
  static override appLabel = "cal";
  static override label = "Kalendereinträge";
  static override requiredRoles = loginRequired([OfficeUser, OfficeOperator]);
}

class TasksByProject extends Actor {
  static override appLabel = "cal";
  static override label = "Aufgaben";
  static override requiredRoles = loginRequired([OfficeUser, OfficeOperator]);
}

class Clients extends Actor {
  static override appLabel = "pcsw";
  static override detailLayout = new DetailLayout([
    new Panel("general", "Person", [new Field("gender", "Geschlecht"), new Field("id", "ID")]),
    new Panel("calendar", "Kalender", [EntriesByClient, TasksByProject]),
  ]);
}

describe("Lino Welfare's client detail, from a TypeScript application", () => {
  const layout = Clients.detailLayout;
  if (layout === undefined) throw new Error("Clients has a detail layout");

  it("has the user types and roles of Lino's UserRoles table", () => {
    expect(values).toEqual(["000", "100", "110", "120", "200", "210", "220", "300", "400", "410", "420", "500", "510", "800", "900", "910"]);
    expect(rows.size).toBe(42);
    expect(EntriesByClient.visibleFor(undefined, welfareTypes)).toBe("100 110 120 200 210 220 300 400 410 420 500 510 800 admin 910");
  });

  it("prints the calendar tab as Lino's py2rst(pcsw.Clients.detail_layout['calendar']) does, byte for byte", () => {
    const found = findLayoutNode(layout.describe(welfareTypes), "calendar");
    if (found === undefined) throw new Error("no calendar");
    expect(renderLayoutRst(found.node, { parentVisibleFor: found.parentVisibleFor })).toBe(
      readFileSync(join(FIXTURES, "welfare-eupen-calendar", "expected.rst"), "utf8"),
    );
  });

  it("shows the tab to a reception clerk (210), who sees the calendar entries, as the Welfare documentation says", () => {
    const clerk = welfareTypes.getByValue("210");
    if (clerk === undefined) throw new Error("no 210");
    expect(layout.visibleElements(clerk).map((e) => e.name)).toEqual(["general", "gender", "id", "calendar", "cal.EntriesByClient", "cal.TasksByProject"]);
    expect(layout.visibleElements(welfareTypes.getAnonymousUser() ?? clerk).map((e) => e.name)).toEqual(["general", "gender", "id"]);
  });

  it("prints the whole layout with the same rules", () => {
    expect(renderLayoutRst(layout.describe(welfareTypes))).toBe(
      [
        "(main) [visible for all]:",
        "- **Person** (general): **Geschlecht** (gender), **ID** (id)",
        "- **Kalender** (calendar) [visible for 100 110 120 200 210 220 300 400 410 420 500 510 800 admin 910]:",
        "  - **Kalendereinträge** (cal.EntriesByClient)",
        "  - **Aufgaben** (cal.TasksByProject)",
        "",
        "",
      ].join("\n"),
    );
  });
});
