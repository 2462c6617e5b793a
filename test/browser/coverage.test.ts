/**
 * The coverage view of the HTML report (`rolecraft docs --coverage`), in
 * the Chromium of @sparticuz/chromium: the cells the Noi example's permission tests decide
 * are marked, exactly those of `rolecraft test --coverage`; the marks can be
 * turned off; the access filter finds the rows some test leaves undecided.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPermissionTests } from "../../src/api/test.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { launchChromium, openReport, type PageGlobals } from "./browser.js";

describe("the report's coverage view in Chromium", () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const out = join(freshDir("docs-coverage"), "docs");
    const run = await cli(["docs", "--coverage", "--out", out], { cwd: repoRoot });
    expect(run.code, run.stderr).toBe(0);
    file = join(out, "report.html");
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("marks exactly the cells `rolecraft test --coverage` counts as decided, and says how many", async () => {
    const expected = await runPermissionTests({ coverage: true }, createNodeHost({ cwd: repoRoot, modelThread: false }));
    const coverage = expected.run?.coverage;
    expect(coverage).toBeDefined();
    const report = await openReport(browser, file, { height: 3000 });
    const marked = await report.page.evaluate(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#matrix-body td.c.cov")].length);
    expect(marked).toBe(coverage?.decided);
    const status = await report.page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById("status")?.textContent ?? "");
    expect(status).toContain(`permission tests decide ${coverage?.decided} of ${coverage?.cells} cells (${coverage?.percent}%)`);
    await report.screenshot("coverage");
    expect(report.problems).toEqual([]);
  });

  it("turns the marks off, and filters the rows some test leaves undecided", async () => {
    const expected = await runPermissionTests({ coverage: true }, createNodeHost({ cwd: repoRoot, modelThread: false }));
    const matrix = expected.run?.coverage?.matrix;
    const partly = (matrix?.targets ?? []).filter((_, t) => [...(matrix?.decided.slice(t * 5, t * 5 + 5) ?? [])].some((d) => d === 0));
    const report = await openReport(browser, file, { height: 3000 });
    await report.page.uncheck("#f-coverage");
    expect(await report.page.evaluate(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll("#matrix-body td.c.cov")].length)).toBe(0);
    await report.page.selectOption("#f-access", "untested");
    const rows = await report.page.evaluate(() => (globalThis as unknown as PageGlobals).rolecraftReport.rows());
    expect(rows).toEqual(partly);
    expect(rows.length).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
  });
});
