/**
 * Permissions as Lino computes them: visible_for, the view permission with
 * readonly user types, explanations with MRO paths, the actors table.
 */
import { describe, expect, it } from "vitest";
import { actorsTable } from "../../src/report/actors-table.js";
import { renderExplanation, renderRequirement } from "../../src/report/explanation.js";
import { canSee, explain, findUserType, inheritancePath, visibilityOf, visibleFor, visibleForLabel } from "../../src/runtime/semantics/index.js";
import type { AnalyzedAction, AnalyzedActor, ResolvedItem, ResolvedRequirement } from "../../src/analyzer/types.js";
import { buildModel, noiModel } from "./model.js";

const span = { file: "src/x.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };

function item(...roles: string[]): ResolvedItem {
  return { roles, span, text: roles.join(", "), memberSpans: roles.map(() => span), unresolved: [] };
}

function requirement(...items: ResolvedItem[]): ResolvedRequirement {
  return { items, unresolved: [], complete: true };
}

/** A requirement with a whole item that could not be resolved. */
function unknownRequirement(...items: ResolvedItem[]): ResolvedRequirement {
  return { items, unresolved: [{ text: "roleOf(\"x\")", span }], complete: false };
}

function action(id: string, readonly: boolean, own: ResolvedRequirement, actorRequirement: ResolvedRequirement): AnalyzedAction {
  return {
    id,
    name: id.split(".").pop() ?? id,
    readonly,
    requiredRoles: own,
    combined: { items: [...actorRequirement.items, ...own.items], unresolved: [], complete: true },
    span,
  };
}

function actor(id: string, required: ResolvedRequirement, actions: AnalyzedAction[] = []): AnalyzedActor {
  const [appLabel = "", className = ""] = id.split(".");
  return { id, className, appLabel, file: "src/x.ts", span, requiredRoles: required, requiredRolesSpan: span, requiredRolesFrom: id, actions };
}

/** A Lino Welfare-like hierarchy (roles with several bases, a readonly anonymous type and a readonly auditor 910). */
const welfare = buildModel(
  [
    { id: "office.OfficeUser", bases: [] },
    { id: "integ.IntegUser", bases: ["core.SiteUser"] },
    { id: "pcsw.SocialCoordinator", bases: ["core.SiteUser"] },
    { id: "pcsw.SocialAgent", bases: ["office.OfficeUser", "integ.IntegUser"] },
    { id: "welfare.IntegrationAgent", bases: ["office.OfficeUser", "integ.IntegUser"] },
    { id: "welfare.IntegrationStaff", bases: ["welfare.IntegrationAgent"] },
    { id: "welfare.IntegrationAgentFlexible", bases: ["welfare.IntegrationAgent", "pcsw.SocialAgent"] },
    { id: "welfare.NewcomersConsultant", bases: ["core.SiteUser", "office.OfficeUser"] },
    { id: "debts.DebtsUser", bases: ["core.SiteUser"] },
    { id: "welfare.SocialStaff", bases: ["pcsw.SocialAgent"] },
    { id: "welfare.SocialAgentFlexible", bases: ["pcsw.SocialAgent"] },
    { id: "ledger.LedgerUser", bases: ["core.SiteUser"] },
    { id: "ledger.LedgerStaff", bases: ["ledger.LedgerUser"] },
    { id: "welfare.Supervisor", bases: ["core.SiteUser", "core.Supervisor"] },
    { id: "welfare.SiteAdmin", bases: ["core.SiteAdmin", "welfare.IntegrationStaff", "pcsw.SocialCoordinator", "ledger.LedgerStaff"] },
  ],
  [
    { value: "000", names: ["anonymous"], role: "core.Anonymous", readonly: true },
    { value: "100", role: "welfare.IntegrationAgent" },
    { value: "110", role: "welfare.IntegrationStaff" },
    { value: "120", role: "welfare.IntegrationAgentFlexible" },
    { value: "200", role: "welfare.NewcomersConsultant" },
    { value: "210", role: "pcsw.SocialCoordinator" },
    { value: "300", role: "debts.DebtsUser" },
    { value: "400", role: "pcsw.SocialAgent" },
    { value: "410", role: "welfare.SocialStaff" },
    { value: "420", role: "welfare.SocialAgentFlexible" },
    { value: "500", role: "ledger.LedgerUser" },
    { value: "510", role: "ledger.LedgerStaff" },
    { value: "800", role: "welfare.Supervisor" },
    { value: "900", names: ["admin"], role: "welfare.SiteAdmin" },
    { value: "910", names: [], role: "welfare.SiteAdmin", readonly: true },
  ],
);

describe("visibleForLabel", () => {
  it("gives Lino Welfare's answer for a table requiring [(IntegUser, SocialCoordinator)]", () => {
    const required = requirement(item("integ.IntegUser", "pcsw.SocialCoordinator"));
    expect(visibleForLabel(welfare, required, true)).toBe("100 110 120 210 400 410 420 admin 910");
  });

  it("refuses a writing action to readonly user types (the auditor 910 here)", () => {
    const required = requirement(item("integ.IntegUser", "pcsw.SocialCoordinator"));
    expect(visibleForLabel(welfare, required, false)).toBe("100 110 120 210 400 410 420 admin");
  });

  it("says `all` when every type may see it, anonymous included, and `nobody` when none may", () => {
    expect(visibleForLabel(welfare, requirement(), true)).toBe("all");
    expect(visibleForLabel(welfare, requirement(item("core.Anonymous"), item("core.SiteStaff")), true)).toBe("nobody");
  });

  it("lists types in declaration order, first name else value", () => {
    expect(visibleForLabel(welfare, requirement(item("ledger.LedgerUser")), true)).toBe("500 510 admin 910");
    expect(visibleForLabel(welfare, requirement(item("core.SiteAdmin")), true)).toBe("admin 910");
  });
});

describe("canSee", () => {
  const noi = noiModel();
  const type = (v: string) => {
    const found = findUserType(noi, v);
    if (found === undefined) throw new Error(v);
    return found;
  };

  it("follows the whole MRO, not only the first base", () => {
    // noi.Customer's first base is core.SiteUser; comments.CommentsReader comes through its sixth base.
    expect(canSee(noi, type("100"), requirement(item("comments.CommentsReader")), true)).toBe(true);
    expect(canSee(noi, type("customer"), requirement(item("tickets.Triager")), true)).toBe(false);
  });

  it("needs every item and one role of each OR-group", () => {
    expect(canSee(noi, type("contributor"), requirement(item("working.Worker"), item("tickets.Triager", "contacts.ContactsUser")), true)).toBe(true);
    expect(canSee(noi, type("contributor"), requirement(item("working.Worker"), item("tickets.Triager", "core.SiteStaff")), true)).toBe(false);
  });

  it("refuses non-readonly actions to readonly user types, whatever their role", () => {
    expect(canSee(noi, type("anonymous"), requirement(), true)).toBe(true);
    expect(canSee(noi, type("anonymous"), requirement(), false)).toBe(false);
  });
});

describe("inheritancePath", () => {
  const noi = noiModel();

  it("is the shortest chain of direct bases, preferring earlier bases on ties", () => {
    expect(inheritancePath(noi, "noi.Developer", "core.SiteUser")).toEqual(["noi.Developer", "noi.Contributor", "noi.Customer", "core.SiteUser"]);
    expect(inheritancePath(noi, "noi.SiteAdmin", "core.SiteUser")).toEqual(["noi.SiteAdmin", "core.SiteAdmin", "core.SiteStaff", "core.Expert", "core.SiteUser"]);
    expect(inheritancePath(noi, "noi.SiteAdmin", "noi.Customer")).toEqual(["noi.SiteAdmin", "noi.Developer", "noi.Contributor", "noi.Customer"]);
    expect(inheritancePath(noi, "noi.Customer", "noi.Customer")).toEqual(["noi.Customer"]);
    expect(inheritancePath(noi, "noi.Customer", "tickets.Triager")).toBeUndefined();
  });
});

describe("explain", () => {
  const noi = noiModel();
  const tickets = requirement(item("core.SiteUser"));
  const merge = action("tickets.Tickets.merge", false, requirement(item("core.SiteStaff")), tickets);
  const customer = findUserType(noi, "100");
  const anonymous = findUserType(noi, "anonymous");
  const admin = findUserType(noi, "admin");
  if (customer === undefined || anonymous === undefined || admin === undefined) throw new Error("noi user types");

  it("gives each item, satisfied or not, with the MRO path of a satisfied one", () => {
    const e = explain(noi, merge, customer);
    expect(e.visible).toBe(false);
    expect(e.items.map((i) => [i.satisfied, i.via, i.path])).toEqual([
      [true, "core.SiteUser", ["noi.Customer", "core.SiteUser"]],
      [false, undefined, undefined],
    ]);
    expect(renderExplanation(e)).toBe(
      [
        "tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer",
        "  ✓ core.SiteUser: noi.Customer → core.SiteUser",
        "  ✗ core.SiteStaff: noi.Customer does not inherit it",
        "",
      ].join("\n"),
    );
  });

  it("walks the bases of an OR-group member it satisfies", () => {
    const target = actor("tickets.AllTickets", requirement(item("tickets.Triager", "tickets.TicketsStaff")));
    const e = explain(noi, target, admin);
    expect(e.visible).toBe(true);
    expect(renderExplanation(e)).toBe(
      [
        "tickets.AllTickets: visible for user type 900 (admin), role noi.SiteAdmin",
        "  ✓ (tickets.Triager | tickets.TicketsStaff): noi.SiteAdmin → noi.Developer → tickets.Triager",
        "",
      ].join("\n"),
    );
  });

  it("names a readonly refusal", () => {
    const vote = action("tickets.PublicTickets.vote", false, requirement(), requirement(item("tickets.Searcher")));
    const e = explain(noi, vote, anonymous);
    expect(e.readonlyRefusal).toBe(true);
    expect(e.visible).toBe(false);
    expect(renderExplanation(e)).toBe(
      [
        "tickets.PublicTickets.vote: not visible for user type 000 (anonymous), role noi.Anonymous",
        "  ✓ tickets.Searcher: noi.Anonymous → tickets.Searcher",
        "  ✗ readonly: user type 000 is readonly and tickets.PublicTickets.vote is not a readonly action",
        "",
      ].join("\n"),
    );
  });

  it("says when the requirement is empty", () => {
    const open = actor("tickets.Public", requirement());
    expect(renderExplanation(explain(noi, open, anonymous))).toBe(
      ["tickets.Public: visible for user type 000 (anonymous), role noi.Anonymous", "  ✓ no required roles", ""].join("\n"),
    );
  });

  it("names the item that is unknown: a whole item that could not be resolved", () => {
    const partly = actor("tickets.Partly", unknownRequirement(item("tickets.Searcher")));
    expect(renderExplanation(explain(noi, partly, anonymous))).toBe(
      [
        "tickets.Partly: unknown whether visible for user type 000 (anonymous), role noi.Anonymous",
        "  ✓ tickets.Searcher: noi.Anonymous → tickets.Searcher",
        '  ? roleOf("x"): unknown, could not be resolved statically',
        "",
      ].join("\n"),
    );
  });

  it("names the item that is unknown: an OR-group member the model lacks, and what the role lacks of the rest", () => {
    const group = { ...item("tickets.Triager", "clinic.Docter"), unresolved: [{ text: "clinic.Docter", span }] };
    const target = actor("tickets.Prescribe", { items: [group], unresolved: [], complete: false });
    const customer = findUserType(noi, "customer")!;
    expect(renderExplanation(explain(noi, target, customer))).toBe(
      [
        "tickets.Prescribe: unknown whether visible for user type 100 (customer), role noi.Customer",
        "  ? (tickets.Triager | clinic.Docter): unknown, clinic.Docter is not known; noi.Customer does not inherit tickets.Triager",
        "",
      ].join("\n"),
    );
    // A user type with the resolved member sees it, whatever the unknown one is.
    expect(explain(noi, target, findUserType(noi, "developer")!).access).toBe("visible");
  });

  it("keeps a certain refusal certain: a failing item or the readonly rule beat what is not known", () => {
    const hidden = actor("tickets.Hidden", unknownRequirement(item("core.SiteStaff")));
    expect(explain(noi, hidden, findUserType(noi, "customer")!).access).toBe("hidden");
    const writing = action("tickets.Public.edit", false, requirement(), unknownRequirement());
    expect(explain(noi, writing, anonymous).access).toBe("refused");
  });
});

describe("visibilityOf: who may see it, or what is not known", () => {
  const noi = noiModel();
  it("gives Lino's line when every verdict is known", () => {
    expect(visibilityOf(noi, actor("t.A", requirement(item("core.SiteStaff"))))).toMatchObject({ known: true, text: "admin", unresolved: [] });
  });

  it("says unknown, naming what is unresolved and who certainly may and who may not be known", () => {
    const group = { ...item("tickets.Triager", "clinic.Docter"), unresolved: [{ text: "clinic.Docter", span }] };
    const v = visibilityOf(noi, actor("t.B", { items: [item("core.SiteUser"), group], unresolved: [], complete: false }));
    expect(v.known).toBe(false);
    expect(v.text).toBe("unknown (unresolved: clinic.Docter; visible for: developer admin; unknown for: customer contributor)");
    expect(v.visible.map((t) => t.value)).toEqual(["400", "900"]);
    expect(v.unknown.map((t) => t.value)).toEqual(["100", "200"]);
  });

  it("leaves out `visible for` when nobody certainly may, and is known when the resolved items exclude everybody", () => {
    expect(visibleFor(noi, actor("t.C", unknownRequirement()))).toBe('unknown (unresolved: roleOf("x"); unknown for: anonymous customer contributor developer admin)');
    expect(visibleFor(noi, actor("t.D", unknownRequirement(item("clinic.Nobody"))))).toBe("nobody");
  });
});

describe("actorsTable", () => {
  it("lists each actor then its actions, with the effective requirement and ☑ per user type, ? where it is not known (never ☑)", () => {
    const noi = noiModel();
    const tickets = requirement(item("core.SiteUser"));
    const app = {
      actors: [
        actor("tickets.Tickets", tickets, [
          action("tickets.Tickets.markClosed", false, requirement(item("tickets.Triager", "tickets.TicketsStaff")), tickets),
          action("tickets.Tickets.merge", false, requirement(item("core.SiteStaff")), tickets),
        ]),
        actor("tickets.PublicTickets", unknownRequirement(item("tickets.Searcher"))),
        actor("tickets.Staff", unknownRequirement(item("core.SiteStaff"))),
      ],
    };
    const table = actorsTable(noi, app);
    expect(table.columns.map((c) => c.header)).toEqual(["Actor / action", "Required roles", "000", "100", "200", "400", "900"]);
    expect(table.rows).toEqual([
      ["tickets.Tickets", "core.SiteUser", "", "☑", "☑", "☑", "☑"],
      ["tickets.Tickets.markClosed", "core.SiteUser, (tickets.Triager | tickets.TicketsStaff)", "", "", "", "☑", "☑"],
      ["tickets.Tickets.merge", "core.SiteUser, core.SiteStaff", "", "", "", "", "☑"],
      ["tickets.PublicTickets", "tickets.Searcher, ?", "?", "?", "?", "?", "?"],
      ["tickets.Staff", "core.SiteStaff, ?", "", "", "", "", "?"],
    ]);
  });

  it("renders an empty requirement as (none) and shows a repeated item once", () => {
    expect(renderRequirement(requirement())).toBe("(none)");
    expect(renderRequirement(requirement(item("core.SiteUser"), item("core.SiteUser")))).toBe("core.SiteUser");
  });
});
