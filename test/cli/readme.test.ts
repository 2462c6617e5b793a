/**
 * The user's manual: the README is the front page and keeps its first two
 * commands; docs/diagnostics.md is exactly what the generator makes of the
 * diagnostic catalogue (so code, severity and message never drift); and
 * every relative link of the manual leads to a file, and to a heading of
 * it when it names one.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/diagnostics/catalogue.js";
import { DIAGNOSTICS_PAGE, renderDiagnosticsPage } from "../../scripts/diagnostics-doc.js";
import { repoRoot } from "../helpers/generated.js";

const read = (path: string): string => readFileSync(join(repoRoot, path), "utf8");
const readme = read("README.md");

/** The pages of the manual, relative to the repository root. */
const MANUAL = [
  "README.md",
  "ARCHITECTURE.md",
  "SECURITY.md",
  "bench/README.md",
  "docs/cli.md",
  "docs/analyzer.md",
  "docs/semantics.md",
  "docs/role-modules.md",
  "docs/runtime.md",
  "docs/diagnostics.md",
  "docs/testing.md",
  "docs/dependencies.md",
  "examples/noi-app/README.md",
];

/** Markdown without fenced code blocks and code spans, where nothing is a link. */
function prose(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "")
    .replace(/(`+)[\s\S]*?\1/g, "");
}

/** GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/<[^>]*>/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors a Markdown file offers: its headings (duplicates numbered, as GitHub does) and explicit ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "");
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(match[1] ?? "");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? "");
  return anchors;
}

/** Inline links and images `[text](target)` and reference definitions `[x]: target`, outside code. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown);
  const links: string[] = [];
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push(match[1] ?? "");
  for (const match of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) links.push(match[1] ?? "");
  return links;
}

/** What is wrong with one relative link of `page`, or undefined. */
function brokenLink(page: string, link: string): string | undefined {
  const [pathPart = "", anchor] = link.split("#", 2);
  const target = pathPart === "" ? join(repoRoot, page) : resolve(dirname(join(repoRoot, page)), decodeURIComponent(pathPart));
  if (relative(repoRoot, target).startsWith("..")) return `${link} leaves the repository`;
  if (!existsSync(target)) return `${link}: no such file`;
  if (anchor === undefined || anchor === "") return undefined;
  if (!statSync(target).isFile() || !target.endsWith(".md")) return `${link}: an anchor into a file that is not Markdown`;
  const anchors = anchorsOf(readFileSync(target, "utf8"));
  return anchors.has(decodeURIComponent(anchor)) ? undefined : `${link}: no heading #${anchor} (there are: ${[...anchors].join(", ")})`;
}

describe("README", () => {
  it("starts with the two commands a newcomer runs", () => {
    const lines = readme.split("\n");
    expect(lines.slice(0, 6).join("\n")).toContain("npm ci && npm start");
    expect(lines.slice(0, 6).join("\n")).toContain("npm ci && npm test");
  });

  it("is a front page that links to every page of the manual", () => {
    expect(readme.split("\n").length).toBeLessThan(260);
    for (const page of MANUAL.filter((p) => p !== "README.md")) expect(readme, page).toContain(`](${page})`);
  });
});

describe("docs/diagnostics.md", () => {
  const page = read(DIAGNOSTICS_PAGE);

  it("is what scripts/diagnostics-doc.ts generates from the catalogue (npm run docs:diagnostics)", () => {
    expect(page).toBe(renderDiagnosticsPage());
  });

  it.each(Object.entries(catalogue))("documents %s with its code, severity and message", (id, entry) => {
    expect(page).toContain(`| ${entry.code} | ${entry.severity} | \`${id}\` |`);
  });
});

describe("links of the manual", () => {
  it("recognizes links, skips code, and computes GitHub's anchors", () => {
    expect(linksOf("see [a](docs/a.md#x-y) and `[b](nope.md)`\n```\n[c](nope.md)\n```\n![d](img.png \"t\")\n[e]: ref.md\n")).toEqual([
      "docs/a.md#x-y",
      "img.png",
      "ref.md",
    ]);
    expect(slug("RC1xxx: reading input")).toBe("rc1xxx-reading-input");
    expect(slug("The generated applications (`bench/generate.ts`, `bench/gen/`)")).toBe("the-generated-applications-benchgeneratets-benchgen");
    expect([...anchorsOf("# A\n## A\n```\n# not a heading\n```\n")]).toEqual(["a", "a-1"]);
  });

  it.each(MANUAL)("every relative link of %s resolves", (page) => {
    const broken = linksOf(read(page))
      .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link))
      .map((link) => brokenLink(page, link))
      .filter((problem) => problem !== undefined);
    expect(broken).toEqual([]);
  });
});

describe("docs/semantics.md lists the core roles", () => {
  it("has one row per role of CORE_ROLES, in order, with its bases in declaration order", async () => {
    const { CORE_ROLES } = await import("../../src/runtime/core-roles.js");
    const page = read("docs/semantics.md");
    const table = page.slice(page.indexOf("| role | bases, in order |"));
    const rows = table
      .split("\n")
      .slice(2)
      .filter((line, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith("|")))
      .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
    expect(rows).toEqual(CORE_ROLES.map((role) => [role.name, role.bases.length === 0 ? "–" : role.bases.map((b) => b.replace(/^core\./, "")).join(", ")]));
  });
});
