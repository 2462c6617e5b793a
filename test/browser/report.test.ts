/**
 * The interactive report, opened from disk in Chromium and used as a
 * person would: tabs, filters, search, clicking and keyboard; what the
 * explanation panel shows must be what `rolecraft explain` says. Also: no
 * console errors, no request that is not the file itself, virtualized rows for
 * 100 user types × 3,000 actors. Screenshots go to test/tmp/screenshots/.
 */
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { explain, findTarget, inheritancePath, visibleFor } from "../../src/runtime/semantics/index.js";
import type { Application } from "../../src/analyzer/types.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { builtinDocTemplates, generateDocs } from "../../src/docs/index.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { userRolesTable } from "../../src/report/user-roles-table.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { launchChromium, openReport, type OpenedReport, type PageGlobals } from "./browser.js";
import { syntheticApp } from "./synthetic.js";

/**
 * How long to wait for the report to settle after an input (search is
 * debounced). Waited for, never timed: on a busy machine it takes a while.
 */
const settled = { timeout: 30_000 };

/** Index of a row among those shown, or -1. */
async function rowIndex(page: Page, id: string): Promise<number> {
  return page.evaluate((rowId) => (globalThis as unknown as PageGlobals).rolecraftReport.rows().indexOf(rowId), id);
}

/** Column (data-c) of a user type among the shown columns, or 0. */
async function columnOf(page: Page, value: string): Promise<number> {
  return page.evaluate((v) => [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#matrix-head th.ut b")].findIndex((b) => b.textContent === v) + 1, value);
}

/** Scrolls the row into the rendered window and returns the cell's locator. */
async function cell(page: Page, id: string, value: string) {
  const r = await rowIndex(page, id);
  const c = await columnOf(page, value);
  expect(r, `row ${id}`).toBeGreaterThanOrEqual(0);
  expect(c, `column ${value}`).toBeGreaterThan(0);
  await page.evaluate((row) => {
    const scroller = (globalThis as unknown as PageGlobals).document.getElementById("scroller");
    const tr = (globalThis as unknown as PageGlobals).document.querySelector("#matrix-body tr[data-r]");
    if (scroller && tr) scroller.scrollTop = Math.max(0, row * tr.getBoundingClientRect().height - 200);
  }, r);
  const locator = page.locator(`#matrix-body tr[data-r="${r}"] > [data-c="${c}"]`);
  await locator.waitFor();
  return locator;
}

/** The explanation panel as plain data. */
async function panel(page: Page) {
  return page.evaluate(() => ({
    target: (globalThis as unknown as PageGlobals).document.querySelector("#panel-body .x-target")?.textContent ?? "",
    verdict: (globalThis as unknown as PageGlobals).document.querySelector("#panel-body .verdict")?.textContent ?? "",
    items: [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#panel-body ul.items > li")].map((li) => ({
      cls: li.className,
      req: li.querySelector(".req")?.textContent ?? "",
      why: li.querySelector(".why")?.textContent ?? "",
    })),
    text: (globalThis as unknown as PageGlobals).document.getElementById("panel-body")?.textContent ?? "",
  }));
}

async function status(page: Page): Promise<string> {
  return (await page.textContent("#status")) ?? "";
}

describe("the HTML report in Chromium", () => {
  /** Started before the tests and awaited by each: a browser that can't start fails every test, none is skipped. */
  let browser: Promise<Browser>;
  let noi: { model: RoleModel; app: Application; report: string };
  let big: { model: RoleModel; app: Application; report: string };
  let welfare: string;
  const opened: OpenedReport[] = [];

  const open = async (file: string, options: Parameters<typeof openReport>[2] = {}): Promise<OpenedReport> => {
    const report = await openReport(await browser, file, options);
    opened.push(report);
    return report;
  };

  beforeAll(async () => {
    browser = launchChromium();
    browser.catch(() => {});
    const out = join(freshDir("browser-noi"), "docs");
    const run = await cli(["docs", "user-types/noi", "--src", "examples/noi-app/src", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const model = (await loadRoleModel(createNodeHost({ cwd: repoRoot }), join(repoRoot, "user-types/noi"))).value.model;
    const app = analyzeApplication({ model, host: createNodeHost({ cwd: repoRoot }), srcDir: "examples/noi-app/src" }).value;
    noi = { model, app, report: join(out, "report.html") };

    const write = (name: string, model: RoleModel, application: Application): string => {
      const file = join(freshDir(`browser-${name}`), "report.html");
      const report = generateDocs({ model, application, source: `${name}.yaml`, templates: builtinDocTemplates() }).find((f) => f.path === "report.html");
      writeFileSync(file, report?.content ?? "");
      return file;
    };
    const synthetic = syntheticApp({ userTypes: 100, actors: 3000, plugins: 40 });
    big = { model: synthetic.model, app: synthetic.application, report: write("big", synthetic.model, synthetic.application) };
    const welfareSized = syntheticApp({ userTypes: 16, actors: 500, plugins: 30, seed: 3 });
    welfare = write("welfare", welfareSized.model, welfareSized.application);
  });

  afterAll(async () => {
    await (await browser.catch(() => undefined))?.close();
    // Every page used must have stayed clean: no console errors, no network.
    for (const report of opened) {
      expect(report.problems).toEqual([]);
      expect(report.requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    }
  });

  it("opens the Noi report from disk with no console errors and no request but the file itself", async () => {
    const report = await open(noi.report);
    expect(report.problems).toEqual([]);
    expect(report.requests).toEqual([`file://${noi.report}`]);
    expect(await status(report.page)).toBe("Showing 67 of 67 actors and actions × 5 of 5 user types");
    expect(await report.page.locator('[role="tab"][aria-selected="true"]').textContent()).toBe("Actors & actions");
    await report.screenshot("noi-actors");
  });

  it("explains tickets.Tickets for user type 100: the requirement item and the MRO path noi.Customer → core.SiteUser", async () => {
    const report = await open(noi.report);
    await (await cell(report.page, "tickets.Tickets", "100")).click();
    const shown = await panel(report.page);
    expect(shown.target).toBe("tickets.Tickets");
    expect(shown.verdict).toBe("Visible for 100 · customer");
    expect(shown.items).toEqual([{ cls: "ok", req: "core.SiteUser", why: "noi.Customer → core.SiteUser" }]);
    expect(shown.text).toContain("MRO of noi.Customer");
    expect(shown.text).toContain("customer contributor developer admin");
    await report.screenshot("noi-explain-tickets-100");
  });

  it("shows the tabs of tickets.Tickets' detail window that the chosen user type finds", async () => {
    const report = await open(noi.report);
    const tabs = async (userType: string): Promise<string[]> => {
      await (await cell(report.page, "tickets.Tickets", userType)).click();
      return report.page.evaluate(() =>
        [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#panel-body ul.layout li > span:first-child")].map((span) => span.textContent ?? ""),
      );
    };
    expect(await tabs("100")).toEqual([
      "General (general)",
      "(general_1)",
      "Summary (summary)",
      "Reporter (reporter)",
      "State (state)",
      "Comments (comments.CommentsByTicket)",
      "Votes (votes)",
      "Votes (votes.Votes)",
    ]);
    expect((await panel(report.page)).text).toContain("Detail window as 100 · customer sees it");
    expect(await tabs("400")).toEqual([
      "General (general)",
      "(general_1)",
      "Summary (summary)",
      "Reporter (reporter)",
      "State (state)",
      "Comments (comments.CommentsByTicket)",
      "Triage (triage)",
      "Priority (priority)",
      "Assigned to (assigned_to)",
      "Private (private)",
      "Votes (votes)",
      "Votes (votes.Votes)",
    ]);
    // Anonymous visitors find only the general tab: its fields, and the comments (which they may read).
    expect(await tabs("000")).toEqual(["General (general)", "(general_1)", "Summary (summary)", "Reporter (reporter)", "State (state)", "Comments (comments.CommentsByTicket)"]);
  });

  it("shows, for every cell of the tickets plugin, what `rolecraft explain` says", async () => {
    const report = await open(noi.report);
    await report.page.selectOption("#f-plugin", "tickets");
    const ids = await report.page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows());
    expect(ids.length).toBe(22);
    for (const id of ids) {
      const target = findTarget(noi.app, id);
      if (target === undefined) throw new Error(`no target ${id}`);
      for (const userType of noi.model.userTypes) {
        await (await cell(report.page, id, userType.value)).click();
        const e = explain(noi.model, target, userType);
        const shown = await panel(report.page);
        const label = userType.names[0] === undefined ? userType.value : `${userType.value} · ${userType.names[0]}`;
        expect(shown.target).toBe(id);
        expect(shown.verdict).toBe(`${e.visible ? "Visible" : e.readonlyRefusal && e.items.every((i) => i.satisfied) ? "Refused: readonly" : "Not visible"} for ${label}`);
        const items = e.items.map((i) => ({
          cls: i.satisfied ? "ok" : "no",
          req: i.item.roles.length === 1 ? i.item.roles[0] : `(${i.item.roles.join(" | ")})`,
          why: i.satisfied ? (i.path ?? []).join(" → ") : `${e.role} does not inherit ${i.item.roles.length === 1 ? "it" : "any of them"}`,
        }));
        if (e.readonlyRefusal) items.push({ cls: "ro", req: "readonly", why: `user type ${userType.value} is readonly and ${id} is not a readonly action` });
        expect(shown.items, `${id} × ${userType.value}`).toEqual(items);
        expect(shown.text).toContain(visibleFor(noi.model, target));
      }
    }
  });

  it("filters by search text, plugin, role, access and user types, and resets", async () => {
    const report = await open(noi.report);
    const { page } = report;
    const rows = async (): Promise<string[]> => page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows());

    await page.fill("#q", "merge");
    await expect.poll(rows, settled).toEqual(["contacts.Companies.merge", "contacts.Partners.merge", "contacts.Persons.merge", "tickets.AllTickets.merge", "tickets.MyTickets.merge", "tickets.Tickets.merge", "tickets.UnassignedTickets.merge"]);
    await page.fill("#q", "");
    await expect.poll(async () => (await rows()).length, settled).toBe(67);

    await page.selectOption("#f-plugin", "votes");
    expect((await rows()).every((id) => id.startsWith("votes."))).toBe(true);
    expect(await status(page)).toBe("Showing 4 of 67 actors and actions × 5 of 5 user types");
    await page.selectOption("#f-plugin", "");

    await page.selectOption("#f-role", { label: "core.SiteStaff" });
    const staff = await rows();
    expect(staff.length).toBeGreaterThan(0);
    for (const id of staff) expect(JSON.stringify(findTarget(noi.app, id))).toContain('"core.SiteStaff"');
    await page.selectOption("#f-role", "");

    await page.selectOption("#f-access", "none");
    const nobody = noi.app.actors.flatMap((a) => [a, ...a.actions]).filter((t) => visibleFor(noi.model, t) === "nobody").map((t) => t.id);
    expect(await rows()).toEqual(nobody);
    await page.selectOption("#f-access", "all");
    expect(await rows()).toEqual(noi.app.actors.flatMap((a) => [a, ...a.actions]).filter((t) => visibleFor(noi.model, t) === "all").map((t) => t.id));
    await page.selectOption("#f-access", "");

    await page.click("#f-types summary");
    await page.uncheck('#types-list input[value="000"]');
    await page.uncheck('#types-list input[value="100"]');
    expect(await page.locator("#matrix-head th.ut").count()).toBe(3);
    expect(await page.textContent("#types-count")).toBe("3 of 5");
    await page.selectOption("#f-access", "some");
    // Visible to some but not all of 200, 400, 900: e.g. what only developers and admins see.
    expect(await rows()).toContain("tickets.AllTickets");
    expect(await rows()).not.toContain("tickets.Tickets");
    await page.click("#f-types summary");
    await report.screenshot("noi-filtered");

    await page.uncheck("#f-actions");
    expect((await rows()).every((id) => noi.app.actors.some((a) => a.id === id))).toBe(true);
    await page.click("#reset");
    expect((await rows()).length).toBe(67);
    expect(await page.locator("#matrix-head th.ut").count()).toBe(5);
  });

  it("shows the UserRoles matrix exactly as Lino's table and explains a cell by its MRO path", async () => {
    const report = await open(noi.report, { colorScheme: "dark" });
    const { page } = report;
    await page.click("#tab-roles");
    const matrix = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#matrix-body tr[data-r]")].map((tr) => [
        tr.querySelector("th")?.textContent ?? "",
        ...[...tr.querySelectorAll("td.c")].map((td) => (td.classList.contains("a1") ? "☑" : "")),
      ]),
    );
    expect(matrix).toEqual(userRolesTable(noi.model).rows);
    await (await cell(page, "core.SiteUser", "100")).click();
    const shown = await panel(page);
    expect(shown.verdict).toBe("☑ Has this role — 100 · customer");
    expect(shown.items).toEqual([{ cls: "ok", req: "core.SiteUser", why: "noi.Customer → core.SiteUser" }]);
    await report.screenshot("noi-user-roles-dark");
    await page.click("#tab-types");
    expect(await page.locator("#types-view tbody tr").count()).toBe(5);
    expect(await page.isVisible("#grid-view")).toBe(false);
  });

  it("is usable with the keyboard: one tab stop in the grid, arrows move, Enter explains", async () => {
    const report = await open(noi.report);
    const { page } = report;
    await page.focus("#reset");
    await page.keyboard.press("Tab");
    const focused = async () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as PageGlobals).document.activeElement;
        return { tag: el?.tagName ?? "", r: el?.parentElement?.dataset["r"], c: el?.dataset["c"] };
      });
    expect(await focused()).toEqual({ tag: "TD", r: "0", c: "1" });
    expect(await page.locator('#matrix-body [tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toEqual({ tag: "TD", r: "2", c: "2" });
    await page.keyboard.press("Enter");
    const shown = await panel(page);
    expect(shown.target).toBe("comments.Comments.insert");
    expect(shown.verdict).toBe("Visible for 100 · customer");
    // Far down: the rows are rendered as focus moves.
    for (let i = 0; i < 70; i++) await page.keyboard.press("ArrowDown");
    expect(await focused()).toEqual({ tag: "TD", r: "66", c: "2" });
    await page.keyboard.press("Home");
    expect(await focused()).toEqual({ tag: "TH", r: "66", c: "0" });
    await page.keyboard.press("Enter");
    expect((await panel(page)).target).toBe(noi.app.actors.flatMap((a) => [a.id, ...a.actions.map((x) => x.id)]).at(-1));
    expect(await page.textContent("#panel-title")).toBe("Action");
  });

  it("renders 100 user types × 3,000 actors lazily, filters and explains them", async () => {
    const report = await open(big.report);
    const { page } = report;
    const total = big.app.actors.reduce((n, a) => n + 1 + a.actions.length, 0);
    expect(await status(page)).toBe(`Showing ${total} of ${total} actors and actions × 100 of 100 user types`);
    // Lazily: of the 3,000 actors and their actions, only the rows in view are in the document.
    const rendered = await page.locator("#matrix-body tr[data-r]").count();
    expect(rendered).toBeLessThan(120);
    await report.screenshot("big-100x3000");

    await page.evaluate(() => {
      const scroller = (globalThis as unknown as PageGlobals).document.getElementById("scroller");
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    });
    const last = big.app.actors.at(-1);
    const lastId = last?.actions.at(-1)?.id ?? last?.id ?? "";
    await expect.poll(async () => page.locator(`#matrix-body tr[data-r="${total - 1}"] th`).getAttribute("title"), settled).toBe(lastId);

    const actor = big.app.actors[1234];
    if (actor === undefined) throw new Error("no actor");
    await page.fill("#q", actor.id);
    await expect.poll(async () => (await page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows()))[0], settled).toBe(actor.id);

    const userType = big.model.userTypes.find((t) => explain(big.model, actor, t).visible && explain(big.model, actor, t).items.length > 0);
    if (userType === undefined) throw new Error("nobody sees it");
    await (await cell(page, actor.id, userType.value)).click();
    const e = explain(big.model, actor, userType);
    const shown = await panel(page);
    expect(shown.target).toBe(actor.id);
    expect(shown.items.map((i) => i.why)).toEqual(e.items.map((i) => (i.path ?? []).join(" → ")));
    const via = e.items[0]?.via ?? "";
    expect(shown.items[0]?.why).toBe((inheritancePath(big.model, userType.role, via) ?? []).join(" → "));
    await report.screenshot("big-explain");
  });

  it("sets readonly refusals apart: their own cells and the reason in the panel", async () => {
    const report = await open(big.report, { colorScheme: "dark" });
    const { page } = report;
    await page.selectOption("#f-access", "refused");
    const refusedRows = await page.locator("#matrix-body tr[data-r]").count();
    expect(refusedRows).toBeGreaterThan(0);
    const first = page.locator("#matrix-body td.a2").first();
    expect(await first.textContent()).toBe("ro");
    expect(await first.getAttribute("aria-label")).toBe("refused: readonly user type");
    await first.click();
    const shown = await panel(page);
    expect(shown.verdict).toMatch(/^Refused: readonly for /);
    expect(shown.items.at(-1)?.cls).toBe("ro");
    expect(shown.items.at(-1)?.why).toMatch(/^user type \S+ is readonly and \S+ is not a readonly action$/);
    await report.screenshot("big-readonly-refusals-dark");
  });

  it("shows an unknown verdict as unknown: ? cells, the unknown item in the panel, the unknown (…) line", async () => {
    // The clinic of test/fixtures/cli/verdicts: a misspelt role (RC5003, lowered to a warning so that docs are written).
    const dir = freshDir("browser-unknown");
    const fixture = join(repoRoot, "test", "fixtures", "cli", "verdicts");
    cpSync(join(fixture, "roles"), join(dir, "roles"), { recursive: true });
    cpSync(join(fixture, "src", "clinic", "prescriptions.ts"), join(dir, "src", "clinic", "prescriptions.ts"));
    writeFileSync(join(dir, "rolecraft.config.yaml"), "module: roles/clinic.yaml\nsrc: src\nseverity:\n  RC5003: warning\n");
    const run = await cli(["docs", "--out", "site"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const report = await open(join(dir, "site", "report.html"));
    const { page } = report;
    const unknown = await cell(page, "clinic.Prescriptions.prescribe", "200");
    expect(await unknown.textContent()).toBe("?");
    expect(await unknown.getAttribute("aria-label")).toBe("unknown: part of its requirement is not known");
    expect(await (await cell(page, "clinic.Prescriptions.prescribe", "000")).textContent()).toBe("");
    expect(await (await cell(page, "clinic.Prescriptions.bill", "200")).textContent()).toBe("✓");
    await unknown.click();
    const shown = await panel(page);
    expect(shown.verdict).toBe("Unknown: part of the requirement is not known for 200 · accountant");
    expect(shown.items).toEqual([
      { cls: "ok", req: "core.SiteUser", why: "clinic.Accountant → core.SiteUser" },
      { cls: "unk", req: "clinic.Docter", why: "unknown, clinic.Docter is not known" },
    ]);
    expect(shown.text).toContain("unknown (unresolved: clinic.Docter; unknown for: doctor accountant admin)");
    await report.screenshot("clinic-unknown");
    // The access filter never counts an unknown cell as visible or as not visible.
    const rowsFor = async (access: string): Promise<string[]> => {
      await page.selectOption("#f-access", access);
      return page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows());
    };
    expect(await rowsFor("unknown")).toEqual(["clinic.Prescriptions.prescribe"]);
    expect(await rowsFor("none")).toEqual([]);
    expect(await rowsFor("some")).toEqual(["clinic.Prescriptions", "clinic.Prescriptions.bill"]);
  });

  it("fits a Welfare-sized application (16 user types) on a laptop screen", async () => {
    const report = await open(welfare, { width: 1366, height: 768 });
    const { page } = report;
    const fits = await page.evaluate(() => {
      const scroller = (globalThis as unknown as PageGlobals).document.getElementById("scroller")?.getBoundingClientRect();
      const heads = [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#matrix-head th.ut")].map((th) => th.getBoundingClientRect());
      return { count: heads.length, right: Math.max(...heads.map((r) => r.right)), limit: scroller?.right ?? 0 };
    });
    expect(fits.count).toBe(16);
    expect(fits.right).toBeLessThanOrEqual(fits.limit);
    await (await cell(page, (await page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows()))[3] ?? "", "040")).click();
    await report.screenshot("welfare-16-laptop");
  });
});
