/**
 * Debian's Chromium, driven by playwright-core (no browser download): launch
 * options, and a page that records what would mean the report is broken or
 * leaky (console errors, uncaught exceptions, any request that is not a file).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { tmpRoot } from "../helpers/generated.js";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = process.env["ROLECRAFT_CHROMIUM"] ?? "/usr/bin/chromium";

/** Why the browser tests can't run here, or undefined when they can. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (CI's .ci/run does)`;

/** Screenshots are test artifacts, kept under test/tmp/screenshots/. */
export const screenshotDir = join(tmpRoot, "screenshots");

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** An opened report and what happened while it was used. */
export interface OpenedReport {
  readonly page: Page;
  /** Console messages of type error or warning, and uncaught exceptions. */
  readonly problems: string[];
  /** Every request URL the page made. */
  readonly requests: string[];
  readonly loadMs: number;
  screenshot(name: string): Promise<string>;
}

export async function openReport(
  browser: Browser,
  file: string,
  options: { width?: number; height?: number; colorScheme?: "light" | "dark" } = {},
): Promise<OpenedReport> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  const started = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForSelector("#matrix-body tr[data-r]");
  const loadMs = Date.now() - started;
  return {
    page,
    problems,
    requests,
    loadMs,
    async screenshot(name: string) {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
  };
}

/**
 * The little of the DOM the tests read inside `page.evaluate` callbacks,
 * typed here so the project need not load TypeScript's DOM library (which
 * would let DOM globals slip into Node code unnoticed). Use it as
 * `const { document } = globalThis as unknown as PageGlobals;`.
 */
export interface DomElement {
  readonly textContent: string | null;
  readonly className: string;
  readonly tagName: string;
  readonly parentElement: DomElement | null;
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly classList: { contains(name: string): boolean };
  scrollTop: number;
  readonly scrollHeight: number;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getBoundingClientRect(): { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number; readonly height: number };
}

/** The globals of an opened report page. */
export interface PageGlobals {
  readonly document: {
    readonly activeElement: DomElement | null;
    getElementById(id: string): DomElement | null;
    querySelector(selector: string): DomElement | null;
    querySelectorAll(selector: string): Iterable<DomElement>;
  };
  /** What report.js exposes for scripted use. */
  readonly rolecraftReport: { rows(): string[] };
}
