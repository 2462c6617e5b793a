/**
 * `rolecraft show layout` and `show dialog-actions` from the command line:
 * Lino Welfare's client detail, from a TypeScript application written as
 * SPEC §6b shows (test/fixtures/cli/welfare-app), prints byte for byte
 * what Lino's documentation shows; the bundled Noi example prints its ticket
 * detail; bad input exits 2 without output, an unreadable layout 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

const LAYOUTS = join(repoRoot, "test", "fixtures", "layouts");
const welfare = ["test/fixtures/cli/welfare-app/welfare.yaml", "--src", "test/fixtures/cli/welfare-app/src"];
const noi = ["user-types/noi", "--src", "examples/noi-app/src"];

function golden(path: string, text: string): string {
  if (process.env["UPDATE_GOLDENS"] === "1") {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return readFileSync(path, "utf8");
}

describe("show layout on Lino Welfare's client detail", () => {
  it("prints the calendar tab exactly as Lino's py2rst(pcsw.Clients.detail_layout['calendar']) does", async () => {
    const run = await cli(["show", "layout", "pcsw.Clients", ...welfare, "--element", "calendar"]);
    expect(run.code).toBe(0);
    // Lino's own text, copied from its documentation, never rewritten by a test.
    expect(run.stdout).toBe(readFileSync(join(LAYOUTS, "welfare-eupen-calendar", "expected.rst"), "utf8"));
    expect(run.stdout).toBe(
      [
        "**Kalender** (calendar) [visible for 100 110 120 200 210 220 300 400 410 420 500 510 800 admin 910]:",
        "- **Kalendereinträge** (cal.EntriesByClient)",
        "- **Aufgaben** (cal.TasksByProject)",
        "",
        "",
      ].join("\n"),
    );
  });

  it.each(["rst", "md", "json"])("prints the whole detail layout as %s (golden)", async (format) => {
    const run = await cli(["show", "layout", "pcsw.Clients", ...welfare, "--format", format]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(golden(join(repoRoot, "test", "fixtures", "cli", "welfare-app", `expected-clients-detail.${format}`), run.stdout));
  });

  it("is the same through the library API", async () => {
    const { createNodeHost, showLayout } = await import("../../src/index.js");
    const result = await showLayout(
      { module: "test/fixtures/cli/welfare-app/welfare.yaml", sources: { src: "test/fixtures/cli/welfare-app/src" }, target: "pcsw.Clients", element: "calendar" },
      createNodeHost({ cwd: repoRoot }),
    );
    expect(result.layout?.known).toBe(true);
    expect(result.layout?.parentVisibleFor).toBe("all");
    expect(result.layout?.node.elements.map((e) => [e.name, e.label, e.kind, e.visibleFor])).toEqual([
      ["cal.EntriesByClient", "Kalendereinträge", "slave", "100 110 120 200 210 220 300 400 410 420 500 510 800 admin 910"],
      ["cal.TasksByProject", "Aufgaben", "slave", "100 110 120 200 210 220 300 400 410 420 500 510 800 admin 910"],
    ]);
  });

  it.each([
    [["pcsw.Clientz"], "no actor or action `pcsw.Clientz`"],
    [["cal.EntriesByClient"], "the actor `cal.EntriesByClient` has no detailLayout"],
    [["pcsw.Clients", "--element", "nope"], "the layout of `pcsw.Clients` has no element `nope`"],
    [["pcsw.Clients", "--format", "html"], "unknown format `html` (use one of rst, md, json)"],
  ])("exits 2 without output for %j", async (args, message) => {
    const [id = "", ...rest] = args;
    const run = await cli(["show", "layout", id, ...welfare, ...rest]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});

describe("show layout and show dialog-actions on examples/noi-app", () => {
  it("prints the ticket detail with its restricted tabs (npm start prints it too)", async () => {
    const run = await cli(["show", "layout", "tickets.Tickets", ...noi]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(golden(join(repoRoot, "test", "fixtures", "cli", "show", "noi-app-tickets-layout.rst"), run.stdout));
    expect(run.stdout).toContain("- **Triage** (triage) [visible for developer admin]:");
    const configured = await cli(["show", "layout", "tickets.Tickets"]);
    expect(configured.stdout).toBe(run.stdout);
    const start = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start"];
    expect(start).toContain("show layout tickets.Tickets");
  });

  it("prints an action's parameter layout, and the dialog actions as Lino's show_dialog_actions", async () => {
    const params = await cli(["show", "layout", "tickets.Tickets.markClosed", ...noi]);
    expect(params).toEqual({ code: 0, stdout: "(main) [visible for all]: **Resolution** (resolution), **Comment** (comment)\n", stderr: "" });
    const dialogs = await cli(["show", "dialog-actions", ...noi]);
    expect(dialogs.code).toBe(0);
    expect(dialogs.stdout).toBe("- tickets.AllTickets.markClosed : Close\n  (main) [visible for all]: **Resolution** (resolution), **Comment** (comment)\n\n");
  });
});

/** A project of its own whose src/tickets/tickets.ts has an actor with a detail layout of these `elements` (line 4), `more()` among them a call the analyzer cannot read. */
function ticketsWithLayout(prefix: string, elements: string): string {
  const dir = freshDir(prefix);
  mkdirSync(join(dir, "src", "tickets"), { recursive: true });
  const source = [
    'import { Actor, DetailLayout, Field, Panel } from "rolecraft/runtime";',
    "declare function more(): Panel;",
    "export class Tickets extends Actor {",
    `  static override detailLayout = new DetailLayout([${elements}]);`,
    "}",
    "",
  ];
  writeFileSync(join(dir, "src", "tickets", "tickets.ts"), source.join("\n"));
  return dir;
}

describe("show layout on layouts it cannot read", () => {
  it("exits 1 with RC5030 at file:line:column and prints no layout", async () => {
    const dir = ticketsWithLayout("cli-unresolved-layout", 'new Panel("general", "General", [new Field("summary", "Summary"), more()])');
    const run = await cli(["show", "layout", "tickets.Tickets", join(repoRoot, "user-types/noi"), "--src", "src"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/src\/tickets\/tickets\.ts:4:\d+: error RC5030: cannot resolve `more\(\)` in the layout of tickets\.Tickets statically/);
  });

  it("with RC5030 lowered, prints the layout; in JSON an unknown element has visibleFor null, its unknown user types and what is unresolved, as actors do (CLI and API agree)", async () => {
    const dir = ticketsWithLayout("cli-unknown-layout-json", 'new Panel("general", "General", [new Field("summary", "Summary")]), new Panel("extra", "Extra", [more()])');
    writeFileSync(join(dir, "rolecraft.config.yaml"), "severity:\n  RC5030: warning\n");
    const module = join(repoRoot, "user-types/noi");
    const run = await cli(["show", "layout", "tickets.Tickets", module, "--src", "src", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const layout = JSON.parse(run.stdout) as { visibleFor: string | null; elements: { name: string; visibleFor: string | null; userTypes: string[]; unknownUserTypes: string[]; unresolved: { text: string; file: string; line: number; column: number }[]; elements: { name: string; visibleFor: string | null; unknownUserTypes: string[]; unresolved: unknown[] }[] }[] };
    const everyone = ["000", "100", "200", "400", "900"];
    expect([layout.visibleFor, layout.elements.map((e) => [e.name, e.visibleFor, e.userTypes, e.unknownUserTypes])]).toEqual([
      "all",
      [
        ["general", "all", everyone, []],
        ["extra", null, [], everyone],
      ],
    ]);
    const extra = layout.elements[1]!;
    // The panel names the element that makes it unknown, as the element itself does.
    expect(extra.unresolved.map((u) => [u.text, u.file, u.line])).toEqual([["more()", "src/tickets/tickets.ts", 4]]);
    expect(extra.elements.map((e) => [e.name, e.visibleFor, e.unknownUserTypes, e.unresolved])).toEqual([["more()", null, everyone, extra.unresolved]]);
    expect(run.stdout).not.toContain("unknown (");

    const { createNodeHost, showLayout } = await import("../../src/index.js");
    const { renderLayout } = await import("../../src/report/render-layout.js");
    const host = createNodeHost({ cwd: dir });
    const api = await showLayout({ module, sources: { src: "src" }, target: "tickets.Tickets" }, host);
    expect(api.layout?.known).toBe(false);
    expect(renderLayout(api.layout!.node, "json")).toBe(run.stdout);
    const actors = await cli(["show", "actors", module, "--src", "src", "--format", "json"], { cwd: dir });
    const target = (JSON.parse(actors.stdout) as { targets: { id: string; layout?: unknown }[] }).targets.find((t) => t.id === "tickets.Tickets");
    expect(target?.layout).toEqual(JSON.parse(run.stdout));
  });
});
