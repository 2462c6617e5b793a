/**
 * The hostile-input catalogue: every folder of test/fixtures/hostile/ holds
 * a role-module project that tries to crash, hang or subvert rolecraft, and
 * `expected.json` with what `check`, `compile` and `show user-roles` must do
 * with it. Inputs too big to commit are generated (`"generate"`), symbolic
 * links are made by the test (`"setup.symlinks"`). For every case and
 * command: the exit code is never 2 (a file's content is never a usage
 * problem), no stack trace is printed, every diagnostic lies inside its
 * file, and a failed compile writes nothing.
 * UPDATE_GOLDENS=1 rewrites the results in expected.json (review the diff!).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, type CliRun } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { typeScriptComplaints } from "../helpers/tsc.js";
import { expectInsideFiles, noStackTrace } from "./helpers.js";

const root = join(repoRoot, "test", "fixtures", "hostile");
const cases = readdirSync(root).sort();

interface RunExpectation {
  exit: number;
  diagnostics?: { code: string; file: string; line: number; column: number }[];
  stdout?: string;
}

interface HostileCase {
  description: string;
  target?: string;
  generate?: string;
  env?: Record<string, string>;
  setup?: { symlinks?: Record<string, string> };
  check?: RunExpectation;
  compile?: RunExpectation;
  showUserRoles?: RunExpectation;
}

/** Inputs too big (or too silly) to commit, written into the case's copy. */
const generators: Record<string, (dir: string) => void> = {
  "ten-megabyte-module": (dir) => writeFileSync(join(dir, "main.yaml"), manyRoles(10 * 1024 * 1024)),
  "ten-megabyte-include": (dir) => {
    writeFileSync(join(dir, "main.yaml"), 'module: app\ninclude: [big.yaml]\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "100", names: user, text: User, role: A }\n');
    writeFileSync(join(dir, "big.yaml"), manyRoles(10 * 1024 * 1024).replace("module: app", "module: big"));
  },
  "nesting-10000-flow": (dir) => writeFileSync(join(dir, "main.yaml"), `module: app\nroles:\n  A: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`),
  "nesting-10000-block": (dir) => writeFileSync(join(dir, "main.yaml"), `module: app\ndoc:\n  ${"- ".repeat(10_000)}x\n`),
  "nesting-10000-ts": (dir) => writeFileSync(join(dir, "main.ts"), `export default { module: "app", doc: ${"[".repeat(10_000)}${"]".repeat(10_000)} };\n`),
  "chain-300": (dir) => writeFileSync(join(dir, "main.yaml"), chains(1, 300)),
  "chains-too-large": (dir) => writeFileSync(join(dir, "main.yaml"), chains(40, 250)),
  "many-unknown": (dir) => {
    const lines = ["module: app", "roles:"];
    for (let i = 0; i < 5000; i++) lines.push(`  Role${i}: [Missing${i}]`);
    writeFileSync(join(dir, "main.yaml"), `${lines.join("\n")}\n`);
  },
};

/** A valid module of about `bytes` bytes: a binary tree of roles. */
function manyRoles(bytes: number): string {
  const lines = ["module: app", "roles:", "  Role0: [core.SiteUser]"];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const line = `  Role${i}: [Role${Math.floor(i / 2)}, core.Explorer]`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push("userTypes:", '  - { value: "100", names: user, text: User, role: Role1 }');
  return `${lines.join("\n")}\n`;
}

/** `count` chains of `length` roles, each extending the previous one. */
function chains(count: number, length: number): string {
  const lines = ["module: app", "roles:"];
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < length; i++) lines.push(`  C${c}_${i}: [${i === 0 ? "core.SiteUser" : `C${c}_${i - 1}`}]`);
  }
  lines.push("userTypes:", '  - { value: "100", names: user, text: User, role: C0_0 }');
  return `${lines.join("\n")}\n`;
}

function loadCase(name: string): HostileCase {
  return JSON.parse(readFileSync(join(root, name, "expected.json"), "utf8")) as HostileCase;
}

/** A fresh copy of the case (without expected.json), links made and big inputs generated. */
function prepare(name: string, spec: HostileCase): string {
  const dir = freshDir(`hostile-${name}`);
  cpSync(join(root, name), dir, { recursive: true, filter: (src) => !src.endsWith("expected.json") });
  for (const [link, target] of Object.entries(spec.setup?.symlinks ?? {})) symlinkSync(target, join(dir, link));
  if (spec.generate !== undefined) {
    const generate = generators[spec.generate];
    if (generate === undefined) throw new Error(`unknown generator ${spec.generate}`);
    generate(dir);
  }
  return dir;
}

interface JsonDiagnostic {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Folders whose compiled output is type-checked once, at the end. */
const compiledOutputs: string[] = [];

describe("hostile input (golden)", () => {
  it.each(cases)("%s", async (name) => {
    const spec = loadCase(name);
    const dir = prepare(name, spec);
    const target = spec.target ?? "main.yaml";
    // The case's environment (a shorter time limit for TypeScript modules) is the CLI's.
    const run = { cwd: dir, ...(spec.env === undefined ? {} : { env: spec.env }) };
    const [check, compile, show] = await Promise.all([
      cli(["check", target, "--format", "json"], run),
      cli(["compile", target, "--out", "out"], run),
      cli(["show", "user-roles", target], run),
    ]);
    for (const run of [check, compile, show]) {
      expect(run.code, run.stderr).not.toBe(2);
      noStackTrace(run);
    }
    const diagnostics = check.stdout === "" ? [] : (JSON.parse(check.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expectInsideFiles(dir, diagnostics);
    if (compile.code !== 0) {
      expect(existsSync(join(dir, "out")), "a failed compile writes nothing").toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes(".rolecraft-"))).toEqual([]);
    } else {
      compiledOutputs.push(join(dir, "out"));
    }
    if (show.code !== 0) expect(show.stdout).toBe("");

    const actual: HostileCase = {
      ...spec,
      check: { exit: check.code, diagnostics: diagnostics.map(({ code, file, line, column }) => ({ code, file, line, column })) },
      compile: { exit: compile.code },
      showUserRoles: { exit: show.code, ...(show.code === 0 ? { stdout: show.stdout } : {}) },
    };
    if (process.env["UPDATE_GOLDENS"] === "1") writeFileSync(join(root, name, "expected.json"), `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(loadCase(name));
  });

  afterAll(() => {
    // Everything the catalogue accepted compiles under tsc --strict (one run for all).
    if (compiledOutputs.length === 0) return;
    const dir = freshDir("hostile-tsc");
    const include = compiledOutputs.map((o) => `${relative(dir, o).split(sep).join("/")}/**/*.ts`);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", types: [], skipLibCheck: true,
          noUnusedLocals: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, verbatimModuleSyntax: true, isolatedModules: true,
        },
        include,
      }),
    );
    expect(typeScriptComplaints(join(dir, "tsconfig.json"))).toBe("");
    mkdirSync(dir, { recursive: true });
  }, 120_000);
});

describe("the named target itself", () => {
  it.each([
    ["a missing file", "missing.yaml"],
    ["a symbolic link loop", "loop.yaml"],
  ])("exits 2 with one line for %s", async (_what, target) => {
    const dir = freshDir("hostile-target");
    symlinkSync("loop.yaml", join(dir, "loop.yaml"));
    for (const args of [["check", target], ["compile", target], ["show", "user-roles", target]]) {
      const run: CliRun = await cli(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      noStackTrace(run);
    }
  });
});
