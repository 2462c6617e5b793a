/**
 * `rolecraft test` as a user runs it: exit codes, finding test files,
 * `--filter`, `--update-snapshot` (and what it refuses to write), and the
 * bundled Noi example's suite.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { MODULE, testingFixtures } from "./helpers.js";

/** A copy of test/fixtures/testing (project and cases) to write into. */
function copyOfFixtures(): string {
  const dir = freshDir("permtest");
  cpSync(testingFixtures, dir, { recursive: true });
  return dir;
}

const SOURCES = ["--module", MODULE, "--src", "project/src"];

describe("rolecraft test: exit codes", () => {
  it("exits 0 when everything passes, 1 when anything fails", async () => {
    expect((await cli(["test", "cases/passing/clinic.rolecraft-test.yaml", ...SOURCES], { cwd: testingFixtures })).code).toBe(0);
    expect((await cli(["test", "cases/failing/clinic.rolecraft-test.yaml", ...SOURCES], { cwd: testingFixtures })).code).toBe(1);
  });

  it("exits 2 for bad usage: an unknown format, a coverage that is no percentage, a test file that does not exist", async () => {
    const file = "cases/passing/clinic.rolecraft-test.yaml";
    const format = await cli(["test", file, ...SOURCES, "--format", "xml"], { cwd: testingFixtures });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("unknown format `xml` (use one of text, json, junit, github, sarif)");
    const minimum = await cli(["test", file, ...SOURCES, "--min-coverage", "ninety"], { cwd: testingFixtures });
    expect(minimum.code).toBe(2);
    expect(minimum.stderr).toContain("--min-coverage takes a percentage from 0 to 100");
    expect((await cli(["test", file, ...SOURCES, "--min-coverage", "101"], { cwd: testingFixtures })).code).toBe(2);
    const missing = await cli(["test", "cases/nowhere.rolecraft-test.yaml", ...SOURCES], { cwd: testingFixtures });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read cases/nowhere.rolecraft-test.yaml: no such file or directory");
  });

  it("reads the application through --project (a tsconfig) as through --src, and refuses both at once", async () => {
    const dir = copyOfFixtures();
    writeFileSync(join(dir, "project", "tsconfig.json"), '{ "compilerOptions": { "strict": true }, "include": ["src/**/*.ts"] }\n');
    const file = "cases/failing/clinic.rolecraft-test.yaml";
    const viaProject = await cli(["test", file, "--module", MODULE, "--project", "project/tsconfig.json", "--format", "json"], { cwd: dir });
    const viaSrc = await cli(["test", file, ...SOURCES, "--format", "json"], { cwd: dir });
    expect(viaProject.code, viaProject.stderr).toBe(1);
    expect(viaProject.stdout).toBe(viaSrc.stdout);
    const both = await cli(["test", file, ...SOURCES, "--project", "project/tsconfig.json"], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give --src or --project, not both");
  });

  it("exits 2 when no test file is found, and when --filter matches nothing", async () => {
    const empty = freshDir("permtest-empty");
    cpSync(join(testingFixtures, "project"), join(empty, "project"), { recursive: true });
    const none = await cli(["test", ...SOURCES], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no permission test files (*.rolecraft-test.yaml) found");
    const filtered = await cli(["test", "cases/passing/clinic.rolecraft-test.yaml", ...SOURCES, "--filter", "nothing like it*"], { cwd: testingFixtures });
    expect(filtered.code).toBe(2);
    expect(filtered.stderr).toContain("--filter `nothing like it*` matches no test, invariant or snapshot");
  });

  it("exits 1, with the errors, when the application has errors (the tests do not run)", async () => {
    const dir = copyOfFixtures();
    writeFileSync(join(dir, "project", "src", "clinic", "broken.ts"), 'import { Actor } from "rolecraft/runtime";\nexport class Wards extends Actor {}\n');
    const run = await cli(["test", "cases/passing/clinic.rolecraft-test.yaml", ...SOURCES, "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { passed: boolean; diagnostics: { code: string }[] };
    expect(report.passed).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toContain("RC5010");
  });
});

describe("rolecraft test: which tests run", () => {
  it("finds every *.rolecraft-test.yaml below the working directory when none is named (not in node_modules)", async () => {
    const dir = freshDir("permtest-find");
    cpSync(join(testingFixtures, "project"), join(dir, "project"), { recursive: true });
    mkdirSync(join(dir, "suites", "deep"), { recursive: true });
    mkdirSync(join(dir, "node_modules", "pkg"), { recursive: true });
    const ok = "tests:\n  - { target: clinic.OpeningHours, visibleFor: all }\n";
    writeFileSync(join(dir, "suites", "a.rolecraft-test.yaml"), ok);
    writeFileSync(join(dir, "suites", "deep", "b.rolecraft-test.yaml"), ok);
    writeFileSync(join(dir, "node_modules", "pkg", "c.rolecraft-test.yaml"), "broken: [");
    const run = await cli(["test", ...SOURCES, "--format", "json"], { cwd: dir });
    expect(run.code, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(["suites/a.rolecraft-test.yaml", "suites/deep/b.rolecraft-test.yaml"]);
    // A folder named on the command line stands for the test files below it.
    const folder = await cli(["test", "suites/deep", ...SOURCES, "--format", "json"], { cwd: dir });
    expect((JSON.parse(folder.stdout) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual(["suites/deep/b.rolecraft-test.yaml"]);
  });

  it("takes the module, the sources and the test files from rolecraft.config.yaml", async () => {
    const dir = copyOfFixtures();
    writeFileSync(join(dir, "rolecraft.config.yaml"), "module: project/roles.yaml\nsrc: project/src\ntests: cases/pass*/*.rolecraft-test.yaml\n");
    const run = await cli(["test"], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("cases/passing/clinic.rolecraft-test.yaml: Clinic permissions");
  });

  it("--filter runs only the tests, invariants and snapshots whose name matches (case-insensitive)", async () => {
    const run = await cli(["test", "cases/failing/clinic.rolecraft-test.yaml", ...SOURCES, "--filter", "CLERKS*", "--format", "json"], { cwd: testingFixtures });
    const report = JSON.parse(run.stdout) as { files: { cases: { name: string }[] }[] };
    expect(report.files[0]?.cases.map((c) => c.name)).toEqual(["clerks see patients", "clerks see the office and the wards"]);
    expect(run.code).toBe(1);
    const snapshot = await cli(["test", "cases/passing/clinic.rolecraft-test.yaml", ...SOURCES, "--filter", "snapshot"], { cwd: testingFixtures });
    expect(snapshot.code).toBe(0);
    expect(snapshot.stdout).toContain("Tests: 1 passed");
  });
});

describe("rolecraft test --update-snapshot", () => {
  it("writes a missing snapshot, after which the suite passes; it writes nothing else", async () => {
    const dir = copyOfFixtures();
    const file = "cases/missing-snapshot/clinic.rolecraft-test.yaml";
    const before = readdirSync(join(dir, "cases", "missing-snapshot"));
    mkdirSync(join(dir, "cases", "missing-snapshot", "snapshots"));
    const update = await cli(["test", file, ...SOURCES, "--update-snapshot"], { cwd: dir });
    expect(update.code, update.stdout).toBe(0);
    expect(update.stderr).toBe("wrote cases/missing-snapshot/snapshots/clinic.snapshot.yaml\n");
    const written = readFileSync(join(dir, "cases", "missing-snapshot", "snapshots", "clinic.snapshot.yaml"), "utf8");
    expect(written).toBe(readFileSync(join(testingFixtures, "cases", "passing", "clinic.snapshot.yaml"), "utf8"));
    expect(readdirSync(join(dir, "cases", "missing-snapshot", "snapshots"))).toEqual(["clinic.snapshot.yaml"]);
    expect(readdirSync(join(dir, "cases", "missing-snapshot")).sort()).toEqual([...before, "snapshots"].sort());
    expect((await cli(["test", file, ...SOURCES], { cwd: dir })).code).toBe(0);
  });

  it("brings a stale snapshot up to date", async () => {
    const dir = copyOfFixtures();
    const file = "cases/stale-snapshot/clinic.rolecraft-test.yaml";
    expect((await cli(["test", file, ...SOURCES], { cwd: dir })).code).toBe(1);
    expect((await cli(["test", file, ...SOURCES, "--update-snapshot"], { cwd: dir })).code).toBe(0);
    expect((await cli(["test", file, ...SOURCES], { cwd: dir })).code).toBe(0);
  });

  it("never overwrites a file that is not a rolecraft snapshot (RC6008)", async () => {
    const dir = copyOfFixtures();
    const path = join(dir, "cases", "stale-snapshot", "clinic.snapshot.yaml");
    writeFileSync(path, "my notes\n");
    const run = await cli(["test", "cases/stale-snapshot/clinic.rolecraft-test.yaml", ...SOURCES, "--update-snapshot", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"code": "RC6008"');
    expect(readFileSync(path, "utf8")).toBe("my notes\n");
  });

  it("reads and writes no snapshot outside the project folder (RC6007), also through a symbolic link", async () => {
    const dir = copyOfFixtures();
    const outside = freshDir("permtest-outside");
    writeFileSync(join(dir, "escape.rolecraft-test.yaml"), "snapshot: ../escaped.snapshot.yaml\n");
    symlinkSync(outside, join(dir, "linked"));
    writeFileSync(join(dir, "link.rolecraft-test.yaml"), "snapshot: linked/escaped.snapshot.yaml\n");
    for (const file of ["escape.rolecraft-test.yaml", "link.rolecraft-test.yaml"]) {
      const run = await cli(["test", file, ...SOURCES, "--update-snapshot", "--format", "json"], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('"code": "RC6007"');
    }
    expect(existsSync(join(dir, "..", "escaped.snapshot.yaml"))).toBe(false);
    // Nothing but the configuration freshDir gives every temporary project.
    expect(readdirSync(outside)).toEqual(["rolecraft.config.yaml"]);
  });
});

describe("the bundled example (npm start)", () => {
  it("passes with at least 90% of its cells decided, with plain `rolecraft test` and rolecraft.config.yaml", async () => {
    const run = await cli(["test", "--min-coverage", "90", "--format", "json"], { cwd: repoRoot });
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout) as { passed: boolean; files: { file: string }[]; coverage: { percent: number; withSnapshot?: unknown } };
    expect(report.passed).toBe(true);
    expect(report.files.map((f) => f.file)).toEqual(["examples/noi-app/permissions.rolecraft-test.yaml"]);
    expect(report.coverage.percent).toBeGreaterThanOrEqual(90);
    expect(report.coverage.withSnapshot).toBeDefined();
  });

  it("is what npm start runs", () => {
    const scripts = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["start"]).toContain("rolecraft.js test --coverage --min-coverage 90");
  });

  it("words an unknown verdict as visible-for does: in the failed expectation and in the snapshot", async () => {
    const unknownSources = ["--module", MODULE, "--src", "project/src-unknown"];
    const visibleFor = await cli(["visible-for", "clinic.Records", MODULE, "--src", "project/src-unknown"], { cwd: testingFixtures });
    expect(visibleFor.stdout).toBe("unknown (unresolved: pickRole(); unknown for: nurse admin)\n");
    const run = await cli(["test", "cases/unknown/records.rolecraft-test.yaml", ...unknownSources, "--format", "json"], { cwd: testingFixtures });
    const failures = (JSON.parse(run.stdout) as { files: { cases: { failures: { kind: string; actual?: string }[] }[] }[] }).files[0]!.cases.flatMap((c) => c.failures);
    expect(failures.filter((f) => f.kind === "visibleFor").map((f) => f.actual)).toEqual([visibleFor.stdout.trimEnd()]);
    const snapshot = readFileSync(join(testingFixtures, "cases", "unknown", "records.snapshot.yaml"), "utf8");
    expect(snapshot).toContain(`clinic.Records: ${JSON.stringify(visibleFor.stdout.trimEnd())}\n`);
    // The library gives the same text.
    const { createNodeHost, runPermissionTests } = await import("../../src/index.js");
    const result = await runPermissionTests({ module: MODULE, src: "project/src-unknown", files: ["cases/unknown/records.rolecraft-test.yaml"] }, createNodeHost({ cwd: testingFixtures, modelThread: false }));
    const apiFailures = result.run!.files[0]!.cases.flatMap((c) => c.failures);
    expect(apiFailures.flatMap((f) => (f.kind === "visibleFor" ? [f.actual] : []))).toEqual([visibleFor.stdout.trimEnd()]);
  });
});
