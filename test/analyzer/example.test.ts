/**
 * The bundled example application (examples/noi-app) against the noi user
 * types of the Lino fixtures: it uses every supported declaration form and
 * must analyze cleanly, with the visibility Lino's rules give (derived by
 * hand from the sources and noi's role hierarchy).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/index.js";
import { actorsTable } from "../../src/report/actors-table.js";
import { renderExplanation } from "../../src/report/explanation.js";
import { explain, findTarget, findUserType, visibleFor } from "../../src/runtime/semantics/index.js";
import { noiModel } from "./model.js";
import { createNodeHost } from "../../src/host/node-host.js";

const exampleDir = fileURLToPath(new URL("../../examples/noi-app", import.meta.url));
const model = noiModel();
const result = analyzeApplication({ model, srcDir: "src", host: createNodeHost({ cwd: exampleDir }) });
const app = result.value;

const ANYONE = "all";
const SIGNED_IN = "customer contributor developer admin";
const WORKERS = "contributor developer admin";
const DEVELOPERS = "developer admin";

describe("examples/noi-app", () => {
  it("analyzes without any diagnostic", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("has at least 15 actors across several plugin folders and at least 10 actions", () => {
    expect(app.actors.length).toBeGreaterThanOrEqual(15);
    expect(new Set(app.actors.map((a) => a.file.split("/")[1])).size).toBeGreaterThanOrEqual(5);
    const declared = new Set(app.actors.flatMap((a) => a.actions.map((x) => `${x.span.file}:${x.span.line}`)));
    expect(declared.size).toBeGreaterThanOrEqual(10);
  });

  it("gives every actor Lino's visible_for", () => {
    expect(Object.fromEntries(app.actors.map((a) => [a.id, visibleFor(model, a)]))).toEqual({
      "comments.Comments": ANYONE,
      "comments.CommentsByTicket": ANYONE,
      "comments.MyComments": SIGNED_IN,
      "comments.PrivateComments": DEVELOPERS,
      "comments.RecentComments": ANYONE,
      "contacts.Companies": WORKERS,
      "contacts.Partners": WORKERS,
      "contacts.Persons": WORKERS,
      "reports.ServiceReports": DEVELOPERS,
      "tickets.AllTickets": DEVELOPERS,
      "tickets.MyTickets": SIGNED_IN,
      "tickets.PublicTickets": ANYONE,
      "tickets.Tickets": SIGNED_IN,
      "tickets.UnassignedTickets": DEVELOPERS,
      "users.AllUsers": "admin",
      "users.Helpers": WORKERS,
      "users.MySettings": SIGNED_IN,
      "votes.AllVotes": "admin",
      "votes.MyVotes": SIGNED_IN,
      "votes.Votes": SIGNED_IN,
      "working.MySessions": WORKERS,
      "working.Sessions": WORKERS,
      "working.SessionsByTicket": WORKERS,
    });
  });

  it("gives actions their actor's requirement plus their own, and refuses writing ones to anonymous", () => {
    const answers = (ids: string[]) =>
      Object.fromEntries(
        ids.map((id) => {
          const target = findTarget(app, id);
          return [id, target === undefined ? "missing" : visibleFor(model, target)];
        }),
      );
    expect(
      answers([
        "tickets.Tickets.print",
        "tickets.Tickets.insert",
        "tickets.Tickets.merge",
        "tickets.Tickets.markClosed",
        "tickets.MyTickets.merge",
        "tickets.PublicTickets.vote",
        "comments.Comments.insert",
        "comments.Comments.delete",
        "comments.PrivateComments.insert",
        "contacts.Persons.merge",
        "reports.ServiceReports.send",
        "users.AllUsers.changePassword",
        "users.MySettings.changePassword",
        "working.SessionsByTicket.startSession",
      ]),
    ).toEqual({
      "tickets.Tickets.print": SIGNED_IN,
      "tickets.Tickets.insert": SIGNED_IN,
      "tickets.Tickets.merge": "admin",
      "tickets.Tickets.markClosed": DEVELOPERS,
      "tickets.MyTickets.merge": "admin",
      "tickets.PublicTickets.vote": SIGNED_IN,
      "comments.Comments.insert": SIGNED_IN,
      "comments.Comments.delete": DEVELOPERS,
      "comments.PrivateComments.insert": DEVELOPERS,
      "contacts.Persons.merge": "admin",
      "reports.ServiceReports.send": DEVELOPERS,
      "users.AllUsers.changePassword": "admin",
      "users.MySettings.changePassword": SIGNED_IN,
      "working.SessionsByTicket.startSession": WORKERS,
    });
  });

  it("records where inherited requirements come from", () => {
    const byId = new Map(app.actors.map((a) => [a.id, a]));
    expect(byId.get("tickets.Tickets")?.requiredRolesFrom).toBe("common.SiteTable");
    expect(byId.get("tickets.Tickets")?.requiredRolesSpan.file).toBe("src/common/base.ts");
    expect(byId.get("comments.RecentComments")?.requiredRolesFrom).toBe("comments.Comments");
    expect(byId.get("contacts.Persons")?.requiredRoles.items.map((i) => i.roles)).toEqual([["contacts.ContactsUser"]]);
    expect(byId.get("contacts.Persons")?.actions.find((a) => a.name === "merge")?.requiredRoles.items.map((i) => i.roles)).toEqual([
      ["contacts.ContactsStaff"],
    ]);
  });

  it("explains why a contributor may not close tickets", () => {
    const target = findTarget(app, "tickets.Tickets.markClosed");
    const contributor = findUserType(model, "contributor");
    if (target === undefined || contributor === undefined) throw new Error("missing");
    expect(renderExplanation(explain(model, target, contributor))).toBe(
      [
        "tickets.Tickets.markClosed: not visible for user type 200 (contributor), role noi.Contributor",
        "  ✓ core.SiteUser: noi.Contributor → noi.Customer → core.SiteUser",
        "  ✗ (tickets.Triager | tickets.TicketsStaff): noi.Contributor does not inherit any of them",
        "",
      ].join("\n"),
    );
  });

  it("builds the actors table: one row per actor and action, one column per user type", () => {
    const table = actorsTable(model, app);
    expect(table.rows.length).toBe(app.actors.length + app.actors.reduce((n, a) => n + a.actions.length, 0));
    expect(table.rows[0]).toEqual(["comments.Comments", "comments.CommentsReader", "☑", "☑", "☑", "☑", "☑"]);
    expect(table.rows.find((r) => r[0] === "reports.ServiceReports")).toEqual([
      "reports.ServiceReports",
      "working.Worker, (tickets.Triager | core.SiteStaff)",
      "",
      "",
      "",
      "☑",
      "☑",
    ]);
  });

  it("reads the same application through its tsconfig.json", () => {
    const viaProject = analyzeApplication({ model, project: "tsconfig.json", host: createNodeHost({ cwd: exampleDir }) });
    expect(viaProject.diagnostics).toEqual([]);
    expect(viaProject.value).toEqual(app);
  });
});
