/**
 * Nothing in the input becomes markup, a command or a terminal control in
 * any output format: diagnostics (text, JSON, SARIF, GitHub workflow
 * commands) and tables (Markdown, HTML, CSV, JSON) over inputs whose texts
 * hold workflow commands after a line break, terminal escapes, HTML and
 * Markdown links. The generated TypeScript and the documentation pages
 * have their own tests (payloads.test.ts, docs-injection.test.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import markdownItFactory from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/catalogue.js";
import { fileSpan } from "../../src/diagnostics/diagnostic.js";
import { formatGithub } from "../../src/diagnostics/format/github.js";
import { formatText } from "../../src/diagnostics/format/text.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";

/** A workflow command, a terminal escape (clear screen, red), HTML and a Markdown link. */
const PAYLOAD = "x\n::error file=a::injected\r\n  ::set-output name=a::b\u001b[2J\u001b[31m<script>alert(1)</script>[l](javascript:alert(2))";

let dir: string;

beforeAll(async () => {
  dir = freshDir("output-formats");
  const text = JSON.stringify(PAYLOAD);
  writeFileSync(join(dir, "roles.yaml"), `module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "1", names: a, text: ${text}, role: A }\n`);
  expect((await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: dir })).code).toBe(0);
  mkdirSync(join(dir, "src"));
  // The payload reaches the diagnostics through an import specifier (quoted in RC5004's hint) and the source text of an expression (its message and code frame).
  writeFileSync(
    join(dir, "src", "app.ts"),
    `import { Actor } from "rolecraft/runtime";\nimport { S } from ${text};\nexport class Tickets extends Actor {\n  static override requiredRoles = S[\`${PAYLOAD.replaceAll("\r", "")}\`];\n}\nexport class Other extends Actor {\n  static override requiredRoles = S;\n}\n`,
  );
}, 120_000);

/** Lines a GitHub runner would read as a workflow command (it trims leading space). */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith("::"));

describe("diagnostics", () => {
  it("text: no line reads as a workflow command, no terminal control", async () => {
    const run = await cli(["check", "roles.yaml", "--src", "src"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(run.stderr).toContain("RC5004");
    expect(commandLines(run.stderr + run.stdout)).toEqual([]);
    expect(run.stderr + run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("text and github: a message or hint holding line breaks starts no line a runner would read", () => {
    const hostile = diagnostic("unreadableFile", { path: PAYLOAD, reason: PAYLOAD }, fileSpan(PAYLOAD), { hint: PAYLOAD });
    const text = formatText([hostile], { color: false });
    expect(text).toContain("injected");
    expect(commandLines(text)).toEqual([]);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const github = formatGithub([hostile]);
    expect(commandLines(github)).toHaveLength(1);
    expect(github).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("github: one workflow command per diagnostic, nothing else a runner would read", async () => {
    const json = JSON.parse((await cli(["check", "roles.yaml", "--src", "src", "--format", "json"], { cwd: dir })).stdout) as { diagnostics: unknown[] };
    const run = await cli(["check", "roles.yaml", "--src", "src", "--format", "github"], { cwd: dir });
    const all = run.stdout + run.stderr;
    expect(json.diagnostics.length).toBeGreaterThan(0);
    expect(commandLines(all)).toHaveLength(json.diagnostics.length);
    for (const line of commandLines(all)) expect(line).toMatch(/^::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=RC\d{4}::[^\r\n]*$/);
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("JSON and SARIF: valid documents that carry the texts as data, the same in both", async () => {
    const json = JSON.parse((await cli(["check", "roles.yaml", "--src", "src", "--format", "json"], { cwd: dir })).stdout) as {
      diagnostics: { message: string; hint?: string }[];
    };
    const sarif = JSON.parse((await cli(["check", "roles.yaml", "--src", "src", "--format", "sarif"], { cwd: dir })).stdout) as {
      runs: { results: { message: { text: string; markdown?: string } }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results.map((r) => r.message.markdown)).toEqual(results.map(() => undefined));
    expect(results.map((r) => r.message.text)).toEqual(json.diagnostics.map((d) => expect.stringContaining(d.message)));
    // The expression is shown on one line (and shortened).
    expect(json.diagnostics.some((d) => d.message.includes("::error file=a::injected ::set-output name=a::b\u001b[2J\u001b[31m<script>alert(1)<"))).toBe(true);
  });
});

describe("tables", () => {
  it("Markdown: the text is a cell of text, no link and no HTML", async () => {
    const run = await cli(["show", "user-types", "roles.yaml", "--format", "md"], { cwd: dir });
    expect(run.code).toBe(0);
    const tokens = markdownItFactory({ html: true, linkify: true }).parse(run.stdout, {});
    const inline = tokens.flatMap((t) => t.children ?? []);
    // `<br>` is the table's own line break in a cell.
    expect(inline.filter((t) => t.type === "link_open" || (t.type === "html_inline" && t.content !== "<br>") || t.type === "image")).toEqual([]);
    expect(inline.filter((t) => t.type === "html_inline")).toHaveLength(2);
    expect(tokens.filter((t) => t.type === "html_block")).toEqual([]);
    expect(tokens.filter((t) => t.type === "tr_open")).toHaveLength(2);
    expect(commandLines(run.stdout)).toEqual([]);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("HTML: the text is escaped, no element comes from it", async () => {
    const run = await cli(["show", "user-types", "roles.yaml", "--format", "html"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/<script|<a\b/i);
    expect(run.stdout).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(commandLines(run.stdout)).toEqual([]);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("CSV and JSON: the text comes back exactly, as one field", async () => {
    const csv = await cli(["show", "user-types", "roles.yaml", "--format", "csv"], { cwd: dir });
    expect(csv.stdout).toContain(`"${PAYLOAD}"`);
    const json = await cli(["show", "user-types", "roles.yaml", "--format", "json"], { cwd: dir });
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(PAYLOAD).slice(1, -1));
  });
});
