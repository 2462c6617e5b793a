/**
 * Layouts at run time (SPEC §6b): Lino's visibility of panels, fields and
 * slave tables, what a user type finds in a window, and the plain tree the
 * renderers print.
 */
import { describe, expect, it } from "vitest";
import { renderDialogActionsRst, renderLayoutRst } from "../../src/report/index.js";
import {
  Action,
  Actor,
  DetailLayout,
  Field,
  Panel,
  ParamsLayout,
  SiteStaff,
  SlaveTable,
  describeDialogActions,
  loginRequired,
  type LayoutElement,
  type RoleClass,
  type UserType,
} from "../../src/runtime/index.js";
import { DebtsUser, IntegUser, LedgerUser, OfficeUser, SocialCoordinator, defineWelfareUserTypes } from "./welfare.js";

const UserTypes = defineWelfareUserTypes();
const userType = (value: string): UserType => {
  const found = UserTypes.getByValue(value);
  if (found === undefined) throw new Error(`no user type ${value}`);
  return found;
};
const anonymous = userType("000");
const integAgent = userType("100");
const debts = userType("300");
const accountant = userType("500");
const admin = userType("900");
const auditor = userType("910");

class Contracts extends Actor {
  static override appLabel = "isip";
  static override label = "VSEs";
  static override requiredRoles = loginRequired([IntegUser, SocialCoordinator]);
}

class Movements extends Actor {
  static override appLabel = "ledger";
  static override requiredRoles = loginRequired(LedgerUser);
  static override actions = { merge: new Action({ readonly: false }) };
}

class Budgets extends Actor {
  static override appLabel = "debts";
  static override requiredRoles = loginRequired(DebtsUser);
}

const layout = new DetailLayout([
  new Panel("general", "Person", [new Field("gender", "Geschlecht"), new Field("id", "ID")]),
  new Panel("contracts", "Verträge", [Contracts, new Field("remarks", "Bemerkungen")], { requiredRoles: loginRequired(OfficeUser) }),
  Movements,
  new Panel("debts", "Schulden", [Budgets, new Panel("secret", null, [new Field("code", "Code", { requiredRoles: [SiteStaff] })])]),
]);

const names = (elements: readonly LayoutElement[]): string[] => elements.map((element) => element.name);

describe("layout elements", () => {
  it("makes `main` of the elements given, and a slave table of every actor class", () => {
    expect(layout.main.name).toBe("main");
    expect(layout.main.label).toBeNull();
    expect(names(layout.elements)).toEqual(["general", "contracts", "ledger.Movements", "debts"]);
    const movements = layout.get("ledger.Movements");
    expect(movements).toBeInstanceOf(SlaveTable);
    expect(movements?.label).toBe("Movements");
    expect(layout.get("isip.Contracts")?.label).toBe("VSEs");
    expect(layout.get("main")).toBe(layout.main);
    expect(layout.get("nothing")).toBeUndefined();
    expect(names([...layout.walk()])).toEqual([
      "general", "gender", "id", "contracts", "isip.Contracts", "remarks", "ledger.Movements", "debts", "debts.Budgets", "secret", "code",
    ]);
  });

  it("gives a slave table the label asked for, else the actor's label, else the class name", () => {
    expect(new SlaveTable(Budgets, { label: "Budgets of this client" }).label).toBe("Budgets of this client");
    expect(new SlaveTable(Contracts).label).toBe("VSEs");
    expect(new SlaveTable(Budgets).name).toBe("debts.Budgets");
  });

  it("refuses what Lino refuses: duplicate names, non-elements, invalid requirements", () => {
    expect(() => new DetailLayout([new Field("a", "A"), new Panel("p", null, [new Field("a", "A again")])])).toThrow(
      'duplicate element name "a" in a layout',
    );
    expect(() => new DetailLayout([Budgets, Budgets])).toThrow('duplicate element name "debts.Budgets"');
    expect(() => new DetailLayout([new Field("main", "Main")])).toThrow('duplicate element name "main"');
    expect(() => new Panel("p", null, ["gender" as unknown as Field])).toThrow('"gender" in panel "p" is not a Panel, a Field or an actor class');
    expect(() => new Panel("p", null, [class NotAnActor {} as unknown as Field])).toThrow("NotAnActor in panel");
    expect(() => new Field("a b", "A")).toThrow("field name");
    expect(() => new Panel("p", null, [], { requiredRoles: [[]] as unknown as readonly RoleClass[] })).toThrow(
      '[] (required on panel "p") is an empty tuple',
    );
    expect(() => new Field("f", "F", { requiredRoles: ["x"] as unknown as readonly RoleClass[] })).toThrow('"x" (required on field "f") is not a UserRole');
  });
});

describe("visibility (Lino's, independent of the actor showing the layout)", () => {
  it("shows a field to everybody unless it has its own requiredRoles", () => {
    expect(layout.visibleFor("gender")).toBe("all");
    expect(layout.visibleFor("code")).toBe("admin 910");
    expect(new Field("x", "X", { requiredRoles: [] }).isVisibleFor(anonymous)).toBe(true);
  });

  it("shows a slave table as its actor's default action (readonly, so readonly types too)", () => {
    expect(layout.visibleFor("isip.Contracts")).toBe(Contracts.visibleFor());
    expect(layout.visibleFor("ledger.Movements")).toBe("500 510 admin 910");
    expect(layout.get("ledger.Movements")?.isVisibleFor(auditor)).toBe(true);
  });

  it("shows a panel to those its own requirement admits who see one of its elements", () => {
    // contracts: OfficeUser AND (sees Contracts or the remarks field, which everybody sees)
    expect(layout.visibleFor("contracts")).toBe(
      UserTypes.items()
        .filter((t) => t.hasRequiredRoles([OfficeUser]))
        .map((t) => t.label)
        .join(" "),
    );
    // secret has no requirement of its own: it is visible for whoever sees its one field
    expect(layout.visibleFor("secret")).toBe("admin 910");
    // debts: no requirement, visible for those who see Budgets or secret
    expect(layout.visibleFor("debts")).toBe("300 admin 910");
    expect(layout.visibleFor()).toBe("all");
  });

  it("shows a panel without elements to nobody", () => {
    const empty = new DetailLayout([new Panel("empty", "Empty", [])]);
    expect(empty.visibleFor("empty")).toBe("nobody");
    expect(empty.visibleFor("main")).toBe("nobody");
    expect(empty.visibleElements(admin)).toEqual([]);
  });

  it("lists what a user type finds in the window: visible elements inside visible panels, in layout order", () => {
    expect(names(layout.visibleElements(anonymous))).toEqual(["general", "gender", "id"]);
    expect(names(layout.visibleElements(integAgent))).toEqual(["general", "gender", "id", "contracts", "isip.Contracts", "remarks"]);
    expect(names(layout.visibleElements(debts))).toEqual(["general", "gender", "id", "debts", "debts.Budgets"]);
    expect(names(layout.visibleElements(accountant))).toEqual(["general", "gender", "id", "ledger.Movements"]);
    expect(names(layout.visibleElements(auditor))).toEqual(names([...layout.walk()].filter((e) => e.name !== "debts.Budgets")));
  });

  it("does not show an element visible for all inside a panel the user type cannot see", () => {
    const restricted = new DetailLayout([
      new Panel("misc", "Sonstiges", [new Field("remarks", "Bemerkungen")], { requiredRoles: loginRequired(SiteStaff) }),
    ]);
    expect(restricted.visibleFor("remarks")).toBe("all");
    expect(restricted.visibleFor("misc")).toBe("admin 910");
    expect(names(restricted.visibleElements(integAgent))).toEqual([]);
    expect(names(restricted.visibleElements(admin))).toEqual(["misc", "remarks"]);
  });

  it("throws for an element it does not have", () => {
    expect(() => layout.visibleFor("nothing")).toThrow('the layout has no element "nothing"');
  });
});

describe("describe(): the plain tree the renderers print", () => {
  it("gives every element its visibleFor, slave tables their actor id and label, and no label where there is none", () => {
    const tree = layout.describe(UserTypes);
    expect(tree.name).toBe("main");
    expect("label" in tree).toBe(false);
    expect(tree.elements[2]).toEqual({ name: "ledger.Movements", label: "Movements", kind: "slave", visibleFor: "500 510 admin 910", elements: [] });
    expect(renderLayoutRst(tree)).toBe(
      [
        "(main) [visible for all]:",
        "- **Person** (general): **Geschlecht** (gender), **ID** (id)",
        "- **Verträge** (contracts) [visible for 100 110 120 200 400 410 420 admin 910]:",
        "  - **VSEs** (isip.Contracts) [visible for 100 110 120 210 400 410 420 admin 910]",
        "  - **Bemerkungen** (remarks) [visible for all]",
        "- **Movements** (ledger.Movements) [visible for 500 510 admin 910]",
        "- **Schulden** (debts) [visible for 300 admin 910]:",
        "  - **Budgets** (debts.Budgets) [visible for 300]",
        "  - (secret) [visible for admin 910]: **Code** (code)",
        "",
        "",
      ].join("\n"),
    );
  });
});

describe("parameter layouts of actions (Lino's show_dialog_actions)", () => {
  const mergeParams = new ParamsLayout([new Field("merge_to", "into..."), new Field("reason", "Reason")]);

  class Tickets extends Actor {
    static override appLabel = "tickets";
    static override actions = {
      merge_row: new Action({ label: "Merge", readonly: false, paramsLayout: mergeParams }),
      spawn_ticket: new Action({ label: "Spawn child ticket", paramsLayout: new ParamsLayout([new Field("ticket_summary", "Summary")]) }),
      print: new Action(),
    };
  }
  class AllTickets extends Tickets {}
  class Topics extends Actor {
    static override appLabel = "topics";
    static override actions = { merge_row: new Action({ paramsLayout: new ParamsLayout([new Field("merge_to", "into...")]) }) };
  }

  it("keeps the layout on the action", () => {
    expect(Tickets.getAction("merge_row").paramsLayout).toBe(mergeParams);
    expect(Tickets.getAction("print").paramsLayout).toBeUndefined();
  });

  it("lists each parameter layout once, under the first actor, labelled by the action's label or name, and prints like Lino", () => {
    const described = describeDialogActions([Topics, AllTickets, Tickets], UserTypes);
    expect(described.map((d) => [d.id, d.label])).toEqual([
      ["topics.Topics.merge_row", "merge_row"],
      ["tickets.AllTickets.merge_row", "Merge"],
      ["tickets.AllTickets.spawn_ticket", "Spawn child ticket"],
    ]);
    expect(renderDialogActionsRst(described)).toBe(
      [
        "- tickets.AllTickets.merge_row : Merge",
        "  (main) [visible for all]: **into...** (merge_to), **Reason** (reason)",
        "- tickets.AllTickets.spawn_ticket : Spawn child ticket",
        "  (main) [visible for all]: **Summary** (ticket_summary)",
        "- topics.Topics.merge_row : merge_row",
        "  (main) [visible for all]: **into...** (merge_to)",
        "",
        "",
      ].join("\n"),
    );
  });
});
