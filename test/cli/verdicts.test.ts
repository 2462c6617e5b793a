/**
 * Verdicts fail closed (SPEC §6a), tried from the command line as a new user
 * would: a clinic project (test/fixtures/cli/verdicts) with a misspelt role,
 * a requirement decided at run time, members the runtime ignores and a file
 * with a syntax error, and no generated/ folder. Every unknown is shown as
 * unknown, every ignored declaration is named, and exit codes say so.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

const project = join(repoRoot, "test", "fixtures", "cli", "verdicts");
const inProject = (args: readonly string[]): ReturnType<typeof cli> => cli(args, { cwd: project });

/** Compares `text` with the golden file `name` of the project's `expected/` (UPDATE_GOLDENS=1 writes it). */
function golden(name: string, text: string): void {
  const file = join(project, "expected", name);
  if (process.env["UPDATE_GOLDENS"] === "1") {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, "utf8"));
}

/** The lines `file:line:col: severity CODE: …` of a text report. */
const headers = (stderr: string): string[] => stderr.split("\n").filter((l) => /^\S+:\d+:\d+: (error|warning|info) RC\d{4}:/.test(l));

/** A copy of the project holding only `files` of its sources, with `config` appended to its configuration. */
function variant(prefix: string, files: readonly string[], config = ""): string {
  const dir = freshDir(prefix);
  cpSync(join(project, "roles"), join(dir, "roles"), { recursive: true });
  for (const f of files) cpSync(join(project, "src", f), join(dir, "src", f));
  writeFileSync(join(dir, "rolecraft.config.yaml"), readFileSync(join(project, "rolecraft.config.yaml"), "utf8") + config);
  return dir;
}

describe("unknown is a verdict", () => {
  it("the project has no generated/ folder: its imports are answered from the role model", () => {
    expect(existsSync(join(project, "generated"))).toBe(false);
  });

  it("check names every unknown and ignored declaration at its position and exits 1", async () => {
    const run = await inProject(["check"]);
    expect(run.code).toBe(1);
    expect(headers(run.stderr)).toEqual([
      "src/clinic/lab.ts:7:44: error RC5004: cannot resolve `pickRole()` on clinic.LabResults statically",
      "src/clinic/members.ts:5:3: error RC5013: `requiredRoles` of clinic.Invoices is not static: the runtime reads only `static requiredRoles`",
      "src/clinic/members.ts:9:3: error RC5014: `requiredRole` of clinic.Notes is not a member the runtime reads: did you mean `requiredRoles`?",
      "src/clinic/members.ts:15:5: error RC5015: action key `__proto__` on clinic.Labels: `__proto__: …` in an object literal sets the prototype of the actions object, so the runtime has no such action",
      "src/clinic/prescriptions.ts:7:58: error RC5003: role `clinic.Docter` used on clinic.Prescriptions.prescribe is not defined by the user types module",
      "src/clinic/records.ts:5:55: error RC5012: syntax error: ')' expected.",
    ]);
    expect(run.stderr).toContain("hint: did you mean `clinic.Doctor`?");
    expect(run.stderr).toMatch(/6 errors, 0 warnings\n$/);
  });

  it.each([
    ["rst", []],
    ["csv", ["--format", "csv"]],
    ["json", ["--format", "json"]],
    ["names.rst", ["--labels", "names"]],
  ])("show actors (%s) marks unknown cells `?`, never ☑, and exits 1 (golden)", async (name, args) => {
    const run = await inProject(["show", "actors", ...args]);
    expect(run.code).toBe(1);
    golden(`actors.${name}`, run.stdout);
  });

  it("show actors --format json: visibleFor null with the unresolved expressions and where they are", async () => {
    const run = await inProject(["show", "actors", "--format", "json"]);
    const targets = (JSON.parse(run.stdout) as { targets: { id: string; visibleFor: string | null; complete: boolean; userTypes: string[]; unknownUserTypes: string[]; unresolved?: { text: string; file: string; line: number; column: number }[] }[] }).targets;
    const byId = new Map(targets.map((t) => [t.id, t]));
    expect(byId.get("clinic.Prescriptions.prescribe")).toMatchObject({
      complete: false,
      visibleFor: null,
      userTypes: [],
      unknownUserTypes: ["100", "200", "900"],
      unresolved: [{ text: "clinic.Docter", file: "src/clinic/prescriptions.ts", line: 7, column: 58 }],
    });
    expect(byId.get("clinic.LabResults")).toMatchObject({ visibleFor: null, unknownUserTypes: ["100", "900"], unresolved: [{ text: "pickRole()", line: 7, column: 44 }] });
    expect(byId.get("clinic.Records")).toMatchObject({ visibleFor: null, unknownUserTypes: ["000", "100", "200", "900"] });
    expect(byId.get("clinic.Prescriptions.bill")).toMatchObject({ complete: true, visibleFor: "accountant admin" });
  });

  it("CSV cells are true, false or unknown", async () => {
    const run = await inProject(["show", "actors", "--format", "csv"]);
    expect(run.stdout.split("\n")).toContain('clinic.Prescriptions.prescribe,"core.SiteUser, clinic.Docter",false,unknown,unknown,unknown');
    expect(run.stdout.split("\n")).toContain('clinic.Prescriptions.bill,"core.SiteUser, clinic.Accountant",false,false,true,true');
  });

  it("visible-for prints unknown (…) naming what is unresolved, and exits 1", async () => {
    expect(await inProject(["visible-for", "clinic.Prescriptions.prescribe"])).toMatchObject({
      code: 1,
      stdout: "unknown (unresolved: clinic.Docter; unknown for: doctor accountant admin)\n",
    });
    expect((await inProject(["visible-for", "clinic.LabResults"])).stdout).toBe("unknown (unresolved: pickRole(); unknown for: doctor admin)\n");
    expect((await inProject(["visible-for", "clinic.Records"])).stdout).toBe("unknown (unresolved: a syntax error in src/clinic/records.ts; unknown for: anonymous doctor accountant admin)\n");
    // What the runtime does with an ignored member: the inherited requirement (and the error is printed).
    const invoices = await inProject(["visible-for", "clinic.Invoices"]);
    expect(invoices).toMatchObject({ code: 1, stdout: "doctor accountant admin\n" });
    expect(invoices.stderr).toContain("error RC5013");
  });

  it("explain names the unknown item and keeps a certain refusal certain", async () => {
    const unknown = await inProject(["explain", "clinic.Prescriptions.prescribe", "--user-type", "accountant"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe(
      [
        "clinic.Prescriptions.prescribe: unknown whether visible for user type 200 (accountant), role clinic.Accountant",
        "  ✓ core.SiteUser: clinic.Accountant → core.SiteUser",
        "  ? clinic.Docter: unknown, clinic.Docter is not known",
        "",
      ].join("\n"),
    );
    const refused = await inProject(["explain", "clinic.Prescriptions.prescribe", "--user-type", "anonymous"]);
    expect(refused.stdout.split("\n")[0]).toBe("clinic.Prescriptions.prescribe: not visible for user type 000 (anonymous), role core.Anonymous");
    const lab = await inProject(["explain", "clinic.LabResults", "--user-type", "doctor"]);
    expect(lab.stdout).toContain("  ? pickRole(): unknown");
  });

  it("diff counts an unknown cell as a possible widening: --fail-on-widening exits 1", async () => {
    const states = ["roles/clinic.yaml", "roles/clinic.yaml", "--src-before", "diff/before", "--src-after", "diff/after"];
    const text = await inProject(["diff", ...states]);
    expect(text.stdout).toContain("      ? may gain access (unknown): anonymous (000), doctor (100)\n");
    // The headline counts possible gains apart from certain ones, in every format.
    const headline =
      "No user type certainly gains or loses access; 2 user types may gain access to 1 actor/action, unknown where part of a requirement is not known (0 widenings, 2 possible)";
    expect(text.stdout.split("\n")[1]).toBe(headline);
    const markdown = await inProject(["diff", ...states, "--format", "markdown"]);
    expect(markdown.stdout).toContain(`\n**${headline}**\n`);
    const json = await inProject(["diff", ...states, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      summary: { widening: true, narrowing: false, uncertain: 2, widenings: 0, possibleWidenings: 2, gainedAccess: { userTypes: 0, items: 0 }, possiblyGainedAccess: { userTypes: 2, items: 1 } },
    });
    const gate = await inProject(["diff", ...states, "--fail-on-widening"]);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain("--fail-on-widening: 2 user types gain roles or access (0 widenings, 2 possible: a possible one is unknown where part of a requirement is not known)");
  });

  it("a file with a syntax error: its actors are listed, unknown for everybody, in every table", async () => {
    const run = await inProject(["show", "actors"]);
    expect(run.stdout.split("\n").find((l) => l.startsWith(" clinic.Records "))).toMatch(/^ clinic\.Records +\? +\? +\? +\? +\?$/);
  });
});

describe("RC5003 and RC5004 are errors a project may lower in rolecraft.config.yaml, visibly", () => {
  it("check exits 1 on the misspelt role alone; lowered, it exits 0 and says so in every format", async () => {
    const strict = variant("verdicts-strict", ["clinic/prescriptions.ts"]);
    expect((await cli(["check"], { cwd: strict })).code).toBe(1);

    const lowered = variant("verdicts-lowered", ["clinic/prescriptions.ts", "clinic/lab.ts", "clinic/pick.ts"], "severity:\n  RC5003: warning\n  RC5004: warning\n");
    const text = await cli(["check"], { cwd: lowered });
    expect(text.code).toBe(0);
    expect(headers(text.stderr).map((l) => l.split(": ").slice(0, 2).join(": "))).toEqual([
      "src/clinic/lab.ts:7:44: warning RC5004",
      "src/clinic/prescriptions.ts:7:58: warning RC5003",
    ]);
    expect(text.stderr).toMatch(/0 errors, 2 warnings \(RC5003, RC5004 lowered to warning by rolecraft\.config\.yaml\)\n$/);
    const json = await cli(["check", "--format", "json"], { cwd: lowered });
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { lowered: ["RC5003", "RC5004"] } });
    // --strict still fails on the lowered ones.
    expect((await cli(["check", "--strict"], { cwd: lowered })).code).toBe(1);
    // Lowering changes no verdict: still unknown, still exit 1.
    expect(await cli(["visible-for", "clinic.Prescriptions.prescribe"], { cwd: lowered })).toMatchObject({
      code: 1,
      stdout: "unknown (unresolved: clinic.Docter; unknown for: doctor accountant admin)\n",
    });
  });

  it("docs and the HTML report show the unknown verdicts", async () => {
    const lowered = variant("verdicts-docs", ["clinic/prescriptions.ts"], "severity:\n  RC5003: warning\n");
    const run = await cli(["docs", "--out", "site"], { cwd: lowered });
    expect(run.code).toBe(0);
    const page = readFileSync(join(lowered, "site", "md", "plugins", "clinic.md"), "utf8");
    expect(page).toContain("| clinic.Prescriptions.prescribe | core.SiteUser, clinic.Docter |  | ? | ? | ? |");
    expect(page).toContain("unknown (unresolved: clinic.Docter; unknown for: doctor accountant admin)");
    const report = readFileSync(join(lowered, "site", "report.html"), "utf8");
    expect(report).toContain("clinic.Docter");
    expect(report).toMatch(/unknown \(/);
  });
});

describe("no generated files needed", () => {
  it("check, show actors and docs give the same answers on the bundled example with and without generated/", async () => {
    const dir = freshDir("verdicts-example");
    cpSync(join(repoRoot, "examples", "noi-app"), join(dir, "noi-app"), { recursive: true });
    cpSync(join(repoRoot, "user-types", "noi"), join(dir, "noi"), { recursive: true });
    writeFileSync(join(dir, "rolecraft.config.yaml"), "module: noi\nsrc: noi-app/src\nout: noi-app/generated\n");
    const answers = async (site: string): Promise<string[]> => {
      const runs = [await cli(["check"], { cwd: dir }), await cli(["check", "--format", "json"], { cwd: dir }), await cli(["show", "actors", "--format", "json"], { cwd: dir }), await cli(["docs", "--out", site], { cwd: dir })];
      for (const run of runs) expect(run.code).toBe(0);
      return [...runs.slice(0, 3).map((r) => r.stdout + r.stderr), readFileSync(join(dir, site, "report.html"), "utf8"), readFileSync(join(dir, site, "md", "plugins", "tickets.md"), "utf8")];
    };
    expect(existsSync(join(dir, "noi-app", "generated", "roles", "tickets.ts"))).toBe(true);
    const compiled = await answers("site-a");
    rmSync(join(dir, "noi-app", "generated"), { recursive: true });
    const fresh = await answers("site-b");
    expect(fresh).toEqual(compiled);
    expect(compiled[0]).toBe("0 errors, 0 warnings\n");
  });
});
