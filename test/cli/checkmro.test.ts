/**
 * `rolecraft checkmro`: Lino's lines on stdout, and exit 1 exactly when
 * Python cannot create `class X(<roles>)` (checked against python3 on
 * random hierarchies), also on a module with errors, where it answers for
 * every role that has an MRO.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { pythonCreateClasses, type HierarchyRole } from "../helpers/python-c3.js";

function moduleDir(yaml: string): string {
  const dir = freshDir("checkmro");
  writeFileSync(join(dir, "main.yaml"), yaml);
  return dir;
}

describe("rolecraft checkmro", () => {
  it.each([
    [
      "prints Lino's checkmro lines and exits 1 when roles conflict",
      ["user-types/core_lets", "core.SiteUser", "core.Expert"],
      { code: 1, stdout: "core.Expert inherits core.SiteUser is already in core.SiteUser\n", stderr: "class X(core.SiteUser, core.Expert): Cannot create a consistent method resolution order (MRO) for bases core.SiteUser, core.Expert\n" },
    ],
    ["prints nothing and exits 0 when they don't", ["user-types/noi", "core.SiteStaff", "core.Supervisor", "core.Explorer"], { code: 0, stdout: "", stderr: "" }],
    [
      "exits 0 when the roles merely share an ancestor, and says that the class has an MRO",
      ["user-types/noi", "core.Expert", "core.SiteUser"],
      { code: 0, stdout: "core.SiteUser inherits core.SiteUser is already in core.Expert\n", stderr: "class X(core.Expert, core.SiteUser) has a consistent MRO: core.Expert, core.SiteUser, core.UserRole\n" },
    ],
  ])("%s", async (_, args, expected) => {
    expect(await cli(["checkmro", ...args])).toEqual(expected);
  });

  it("accepts names bound in the user types module", async () => {
    const run = await cli(["checkmro", "user-types/noi", "Customer", "Contributor"]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("noi.Contributor inherits noi.Customer is already in noi.Customer");
  });

  it("exits 1 for a base named twice, as Python refuses it", async () => {
    const run = await cli(["checkmro", "user-types/noi", "core.Expert", "core.SiteAdmin", "core.Expert"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("class X(core.Expert, core.SiteAdmin, core.Expert): duplicate base class core.Expert\n");
  });

  it("works on a module with errors: prints them as context, and answers for the roles that have an MRO", async () => {
    const cwd = moduleDir(
      [
        "module: app",
        "roles:",
        "  Reader: [core.SiteUser]",
        "  Editor: [Readr]",
        "  Bad: [core.SiteUser, core.Expert]",
        "  Writer: [Reader, core.Expert]",
        "",
      ].join("\n"),
    );
    const run = await cli(["checkmro", "main.yaml", "Reader", "core.Expert"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("core.Expert inherits core.SiteUser is already in app.Reader\n");
    expect(run.stderr).toContain("main.yaml:4:12: error RC3001: unknown role `Readr`");
    expect(run.stderr).toContain("main.yaml:5:3: error RC3005");
    // The conflict RC3005 reports, asked about its bases.
    const bases = await cli(["checkmro", "main.yaml", "core.SiteUser", "core.Expert"], { cwd });
    expect(bases.code).toBe(1);
    expect(bases.stdout).toBe("core.Expert inherits core.SiteUser is already in core.SiteUser\n");
  });

  it("says why it cannot answer for a role without an MRO, and what to ask instead (exit 2)", async () => {
    const cwd = moduleDir(["module: app", "roles:", "  Editor: [Readr]", "  Boss: [Editor]", "  Bad: [core.SiteUser, core.Expert]", ""].join("\n"));
    const unresolved = await cli(["checkmro", "main.yaml", "Editor"], { cwd });
    expect(unresolved.code).toBe(2);
    expect(unresolved.stderr).toContain("app.Editor has no MRO: a base of it did not resolve, or it lies on an inheritance cycle");
    const below = await cli(["checkmro", "main.yaml", "Boss", "core.Expert"], { cwd });
    expect(below.code).toBe(2);
    expect(below.stderr).toContain("app.Boss has no MRO: it inherits app.Editor, which has none");
    const conflict = await cli(["checkmro", "main.yaml", "Bad"], { cwd });
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("ask about them: rolecraft checkmro core.SiteUser core.Expert");
  });
});

/** Random hierarchies of module `h` over core.UserRole: role i picks up to 3 distinct bases among roles 0..i-1. */
const hierarchy = fc
  .integer({ min: 2, max: 9 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: Math.min(3, i) }))),
    ),
  )
  .map((basesList) => basesList.map((bases, i): HierarchyRole => ({ id: `h.R${i}`, bases: bases.map((b) => `h.R${b}`) })));

const withClasses = hierarchy.chain((roles) =>
  fc.record({
    roles: fc.constant(roles),
    classes: fc.array(fc.array(fc.constantFrom(...roles.map((r) => r.id)), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  }),
);

describe("rolecraft checkmro against Python (differential)", () => {
  it("exits 1 exactly when Python cannot create class X(<roles>), and names what Python names", async () => {
    const samples = fc.sample(withClasses, { numRuns: 80, seed: 1207 });
    // Python's hierarchy has the same root: a role without bases inherits core.UserRole.
    const oracle = pythonCreateClasses(
      samples.map((s) => ({
        roles: [{ id: "core.UserRole", bases: [] }, ...s.roles.map((r) => ({ id: r.id, bases: r.bases.length === 0 ? ["core.UserRole"] : r.bases }))],
        classes: s.classes,
      })),
    );
    const root = freshDir("checkmro-differential");
    const seen = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
    for (const [index, sample] of samples.entries()) {
      const cwd = join(root, String(index));
      mkdirSync(cwd);
      const yaml = ["module: h", "roles:", ...sample.roles.map((r) => `  ${r.id.slice(2)}: [${r.bases.join(", ")}]`), ""].join("\n");
      writeFileSync(join(cwd, "main.yaml"), yaml);
      for (const [j, bases] of sample.classes.entries()) {
        const run = await cli(["checkmro", "main.yaml", ...bases], { cwd });
        const expected = oracle[index]![j]!;
        const what = `${yaml}\nclass X(${bases.join(", ")}): ${JSON.stringify(expected)}\n${run.stderr}`;
        seen[run.code] = (seen[run.code] ?? 0) + 1;
        if (expected === null) expect(run.code, what).toBe(2);
        else if ("mro" in expected) expect(run.code, what).toBe(0);
        else {
          expect(run.code, what).toBe(1);
          expect(run.stderr, what).toContain(`: ${expected.error}\n`);
        }
      }
    }
    expect(Math.min(seen[0] ?? 0, seen[1] ?? 0)).toBeGreaterThan(10);
  });
});
