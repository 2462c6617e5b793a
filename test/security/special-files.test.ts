/**
 * Only regular files are read, and only up to a size limit checked before
 * reading: a committed symbolic link to /dev/zero would otherwise fill the
 * memory, and a FIFO would block forever. Each case runs the CLI in a child
 * process (a blocked read would block the test's own thread); a run that
 * works ends in seconds.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../helpers/generated.js";
import { runCliProcess, type ChildRun } from "./child-cli.js";
import { noStackTrace } from "./helpers.js";

const MODULE = 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n';

interface Found {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

function fifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** Runs `check … --format json` and returns its diagnostics. */
function check(dir: string, args: readonly string[]): { run: ChildRun; found: Found[] } {
  const run = runCliProcess(["check", ...args, "--format", "json"], { cwd: dir, killAfterMs: 60_000 });
  expect(run.signal, "the run was stopped: it blocked or ran away").toBeNull();
  noStackTrace(run);
  const found = run.stdout === "" ? [] : (JSON.parse(run.stdout) as { diagnostics: Found[] }).diagnostics;
  return { run, found };
}

describe("role modules", () => {
  it("a folder module's entries that are a link to /dev/zero or a FIFO are RC1002, not read", () => {
    const dir = freshDir("special");
    mkdirSync(join(dir, "roles"));
    writeFileSync(join(dir, "roles", "app.yaml"), MODULE);
    symlinkSync("/dev/zero", join(dir, "roles", "zero.yaml"));
    fifo(join(dir, "roles", "pipe.yaml"));
    const { run, found } = check(dir, ["roles"]);
    expect(run.code).toBe(1);
    expect(found.map((d) => [d.code, d.file, d.message])).toEqual([
      ["RC1002", "roles/pipe.yaml", "cannot read roles/pipe.yaml: not a regular file (a FIFO)"],
      ["RC1002", "roles/zero.yaml", "cannot read roles/zero.yaml: not a regular file (a character device)"],
    ]);
  });

  it("an include of a FIFO is RC1003 where it is written (and one of a link to /dev/zero leads outside the project: RC1014)", () => {
    const dir = freshDir("special");
    writeFileSync(join(dir, "main.yaml"), `include: [pipe.yaml, zero.yaml]\n${MODULE}`);
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    fifo(join(dir, "pipe.yaml"));
    const { run, found } = check(dir, ["main.yaml"]);
    expect(run.code).toBe(1);
    expect(found.map((d) => [d.code, d.file, d.line, d.column, d.message])).toEqual([
      ["RC1003", "main.yaml", 1, 11, "cannot read included file pipe.yaml: not a regular file (a FIFO)"],
      ["RC1014", "main.yaml", 1, 22, "zero.yaml is outside the project folder ."],
    ]);
  });

  it("a named module that is a FIFO is unreadable input: exit 2, naming why", () => {
    const dir = freshDir("special");
    fifo(join(dir, "pipe.yaml"));
    const { run, found } = check(dir, ["pipe.yaml"]);
    expect(run.code).toBe(2);
    expect(found).toEqual([]);
    expect(run.stderr).toBe("rolecraft: cannot read pipe.yaml: not a regular file (a FIFO)\n");
  });
});

describe("application sources", () => {
  it("a tsconfig's files that are a FIFO or larger than 16 MiB are RC1002, a link to /dev/zero is outside the project (RC1014); imports of them are not followed", () => {
    const dir = freshDir("special");
    writeFileSync(join(dir, "main.yaml"), MODULE);
    mkdirSync(join(dir, "src"));
    fifo(join(dir, "src", "pipe.ts"));
    symlinkSync("/dev/zero", join(dir, "src", "zero.ts"));
    writeFileSync(join(dir, "src", "big.ts"), `export const big = "${"x".repeat(16 * 1024 * 1024)}";\n`);
    writeFileSync(join(dir, "src", "app.ts"), 'import { A } from "./pipe.js";\nimport { B } from "./zero.js";\nexport const x = [A, B];\n');
    writeFileSync(join(dir, "tsconfig.json"), '{ "files": ["src/app.ts", "src/pipe.ts", "src/big.ts"] }\n');
    const { run, found } = check(dir, ["main.yaml", "--project", "tsconfig.json"]);
    expect(run.code).toBe(1);
    expect(found.map((d) => [d.code, d.file, d.message])).toEqual([
      ["RC1002", "src/big.ts", `cannot read src/big.ts: larger than 16 MiB (${16 * 1024 * 1024 + 23} bytes)`],
      ["RC1002", "src/pipe.ts", "cannot read src/pipe.ts: not a regular file (a FIFO)"],
    ]);
    writeFileSync(join(dir, "tsconfig.json"), '{ "files": ["src/app.ts", "src/zero.ts"] }\n');
    const zero = check(dir, ["main.yaml", "--project", "tsconfig.json"]);
    expect(zero.run.code).toBe(1);
    expect(zero.found.map((d) => [d.code, d.file, d.message])).toEqual([["RC1014", "tsconfig.json", "src/zero.ts is outside the project folder ."]]);
  });
});

describe("documentation templates", () => {
  it("a template that is a FIFO is a usage error naming it", () => {
    const dir = freshDir("special");
    writeFileSync(join(dir, "main.yaml"), MODULE);
    mkdirSync(join(dir, "templates"));
    fifo(join(dir, "templates", "index.md.hbs"));
    const run = runCliProcess(["docs", "main.yaml", "--out", "docs", "--templates", "templates"], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("rolecraft: cannot read template templates/index.md.hbs: not a regular file (a FIFO)\n");
  });
});
