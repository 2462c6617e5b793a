/**
 * The Chromium that ships inside the npm package @sparticuz/chromium, driven
 * by playwright-core, so that `npm ci` brings everything the browser tests
 * need: launch options, and a page that records what would mean the report is
 * broken or leaky (console errors, uncaught exceptions, any request that is
 * not a file).
 */
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { repoRoot, tmpRoot } from "../helpers/generated.js";

/** Screenshots are test artifacts, kept under test/tmp/screenshots/. */
export const screenshotDir = join(tmpRoot, "screenshots");

/** The package's folder; its `exports` hide package.json, so go up from the entry (build/index.js). */
const packageDir = join(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..");

/** An unpacked browser: the executable and what its process needs in its environment. */
export interface UnpackedChromium {
  readonly executable: string;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Unpacks the package's browser once per version into the temp folder and
 * returns it. The package itself unpacks into `os.tmpdir()` directly, where a
 * run killed halfway leaves a truncated `chromium` that it would reuse for
 * ever; so it unpacks into a private folder that is renamed into place only
 * when complete (a concurrent run that loses the race uses the winner's).
 * Besides the browser: the NSS libraries it links to (the package's Amazon
 * Linux bundle; they run on any glibc ≥ 2.34) and its fonts, so that neither a
 * system library nor the machine's fonts play a part.
 */
export async function unpackChromium(): Promise<UnpackedChromium> {
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `rolecraft-chromium-${version}-${uid}`);
  if (!existsSync(join(dir, "chromium"))) {
    removeStalePartials(`rolecraft-chromium-${version}-${uid}-partial-`);
    const partial = mkdtempSync(join(tmpdir(), `rolecraft-chromium-${version}-${uid}-partial-`));
    try {
      const script = `import Chromium, { inflate } from "@sparticuz/chromium";
await Chromium.executablePath();
await inflate(${JSON.stringify(join(packageDir, "bin", "al2023.tar.br"))});`;
      await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, env: { ...process.env, TMPDIR: partial } });
      writeFileSync(
        join(partial, "fonts.conf"),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${xmlText(join(dir, "fonts"))}</dir>\n  <cachedir>${xmlText(join(dir, "fonts-cache"))}</cachedir>\n</fontconfig>\n`,
      );
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(dir, "chromium"))) throw error;
    }
  }
  // The temp folder is shared: use only a folder this user made (mkdtemp makes it 0700).
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) throw new Error(`${dir} is not a private folder of this user: remove it`);
  return {
    executable: join(dir, "chromium"),
    env: {
      LD_LIBRARY_PATH: [join(dir, "al2023", "lib"), process.env["LD_LIBRARY_PATH"]].filter(Boolean).join(":"),
      FONTCONFIG_FILE: join(dir, "fonts.conf"),
    },
  };
}

/** Removes unpack folders (of `prefix`) that a run killed while unpacking left behind: 200 MB each. */
function removeStalePartials(prefix: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const path = join(tmpdir(), name);
    if (lstatSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

function xmlText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Starts the packaged Chromium headless; throws (so the browser tests fail,
 * never skip) when it cannot start. playwright gives it a fresh
 * `--user-data-dir` of its own.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const { executable, env } = await unpackChromium();
  return chromium.launch({
    executablePath: executable,
    headless: true,
    env: { ...process.env, ...env },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** An opened report and what happened while it was used. */
export interface OpenedReport {
  readonly page: Page;
  /** Console messages of type error or warning, and uncaught exceptions. */
  readonly problems: string[];
  /** Every request URL the page made. */
  readonly requests: string[];
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
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForSelector("#matrix-body tr[data-r]");
  return {
    page,
    problems,
    requests,
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
