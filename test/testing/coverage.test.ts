/**
 * Coverage on a hand-computed suite (test/fixtures/testing/cases/coverage):
 * every figure below was worked out from the clinic's table by hand, not
 * read off the output.
 *
 * The clinic: 5 user types (anonymous, nurse, doctor, clerk, admin) × 10
 * targets = 50 cells. Targets, in order: Invoices, Invoices.print,
 * OpeningHours, OpeningHours.edit, Patients, Patients.insert,
 * Patients.merge, Prescriptions, Prescriptions.sign, Wards.
 *
 * - `nurse, doctor` sees Patients, doesNotSee Invoices: 4 cells;
 * - Wards visibleFor: its row, 5 cells;
 * - `nurse` sees Patients again: decided already, 0 new;
 * - Prescriptions* atMost [doctor, admin]: anonymous, nurse, clerk × 2 targets = 6;
 * - Patients.insert atLeast [admin]: 1.
 *
 * 16 of 50 cells, 32%. Per user type: anonymous 3 (Wards, Prescriptions,
 * Prescriptions.sign), nurse 5 (Patients, Invoices, Wards, the two
 * prescriptions), doctor 3 (Patients, Invoices, Wards), clerk 3 (Wards, the
 * two prescriptions), admin 2 (Wards, Patients.insert). Untouched targets:
 * Invoices.print, OpeningHours, OpeningHours.edit, Patients.merge.
 *
 * Roles: explain names, over all cells, core.Anonymous (anonymous' role,
 * and it misses every item), clinic.Billing, clinic.Staff, clinic.Nurse,
 * core.SiteAdmin, clinic.Doctor (items missed or paths taken) and
 * clinic.Admin: 7. Only Patients.merge's item core.SiteAdmin is named by no
 * decided cell (its cells are all undecided).
 */
import { describe, expect, it } from "vitest";
import { runPermissionTests } from "../../src/api/test.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { repoRoot } from "../helpers/generated.js";
import { MODULE, testingFixtures } from "./helpers.js";

const host = createNodeHost({ cwd: testingFixtures, modelThread: false });

async function coverageOf(file: string, extra: { minCoverage?: number } = {}) {
  const result = await runPermissionTests({ module: MODULE, src: "project/src", files: [file], coverage: true, ...extra }, host);
  const coverage = result.run?.coverage;
  if (coverage === undefined) throw new Error("no coverage");
  return { result, coverage };
}

describe("coverage (hand-computed on the clinic)", () => {
  it("counts the decided cells, each once, and their share", async () => {
    const { coverage } = await coverageOf("cases/coverage/clinic.rolecraft-test.yaml");
    expect(coverage.cells).toBe(50);
    expect(coverage.decided).toBe(16);
    expect(coverage.percent).toBe(32);
    expect(coverage.withSnapshot).toBeUndefined();
  });

  it("splits the decided cells by user type", async () => {
    const { coverage } = await coverageOf("cases/coverage/clinic.rolecraft-test.yaml");
    expect(coverage.userTypes.map((t) => [t.label, t.decided, t.cells])).toEqual([
      ["anonymous", 3, 10],
      ["nurse", 5, 10],
      ["doctor", 3, 10],
      ["clerk", 3, 10],
      ["admin", 2, 10],
    ]);
    expect(coverage.untouchedUserTypes).toEqual([]);
  });

  it("lists the targets no test touches, in target order", async () => {
    const { coverage } = await coverageOf("cases/coverage/clinic.rolecraft-test.yaml");
    expect(coverage.untouchedTargets).toEqual(["clinic.Invoices.print", "clinic.OpeningHours", "clinic.OpeningHours.edit", "clinic.Patients.merge"]);
  });

  it("lists the roles some verdict depends on but no decided cell does", async () => {
    const { coverage } = await coverageOf("cases/coverage/clinic.rolecraft-test.yaml");
    expect(coverage.rolesDependedOn).toBe(7);
    expect(coverage.rolesWithoutAssertions).toEqual(["core.SiteAdmin"]);
  });

  it("keeps the decided cells for the report: one flag per (target, user type)", async () => {
    const { coverage } = await coverageOf("cases/coverage/clinic.rolecraft-test.yaml");
    const row = (id: string): string => {
      const t = coverage.matrix.targets.indexOf(id);
      return [...coverage.matrix.decided.slice(t * 5, t * 5 + 5)].join("");
    };
    expect(row("clinic.Patients")).toBe("01100");
    expect(row("clinic.Wards")).toBe("11111");
    expect(row("clinic.Prescriptions.sign")).toBe("11010");
    expect(row("clinic.Patients.insert")).toBe("00001");
    expect(row("clinic.Patients.merge")).toBe("00000");
  });

  it("fails the run under --min-coverage, and passes it at or above", async () => {
    expect((await coverageOf("cases/coverage/clinic.rolecraft-test.yaml", { minCoverage: 40 })).result).toMatchObject({ passed: false, belowMinimum: true });
    expect((await coverageOf("cases/coverage/clinic.rolecraft-test.yaml", { minCoverage: 32 })).result).toMatchObject({ passed: true, belowMinimum: false });
  });

  it("counts a snapshot apart: it decides every cell, the tests' share stays theirs", async () => {
    const { coverage } = await coverageOf("cases/passing/clinic.rolecraft-test.yaml");
    expect(coverage.withSnapshot).toEqual({ decided: 50, percent: 100 });
    expect(coverage.decided).toBe(29);
    expect(coverage.untouchedTargets).toEqual(["clinic.Invoices.print"]);
  });
});

describe("coverage's roles, against explain cell by cell", () => {
  it.each([["the whole suite", undefined], ["one test of it", "customers report*"], ["its invariants on triage", "only developers*"]])("lists what a brute-force reading of every explanation lists, on the Noi example with %s", async (_, filter) => {
    const { analyze } = await import("../../src/api/check.js");
    const { analyzedProject } = await import("../../src/api/show.js");
    const { explain } = await import("../../src/runtime/semantics/index.js");
    const noi = createNodeHost({ cwd: repoRoot, modelThread: false });
    const result = await runPermissionTests({ coverage: true, ...(filter === undefined ? {} : { filter }) }, noi);
    const coverage = result.run?.coverage;
    const project = analyzedProject(await analyze({ module: "user-types/noi", sources: { src: "examples/noi-app/src" } }, noi));
    if (coverage === undefined || project === undefined) throw new Error("no coverage");
    const targets = project.application.actors.flatMap((a) => [a, ...a.actions]);
    const named = (t: number, u: number): string[] => {
      const e = explain(project.model, targets[t]!, project.model.userTypes[u]!);
      return [e.role, ...e.items.flatMap((i) => (i.satisfied ? (i.path ?? [e.role]) : i.item.roles))];
    };
    const all = new Set<string>();
    const asserted = new Set<string>();
    const n = project.model.userTypes.length;
    targets.forEach((_, t) => {
      for (let u = 0; u < n; u++) {
        for (const role of named(t, u)) {
          all.add(role);
          if (coverage.matrix.decided[t * n + u] === 1) asserted.add(role);
        }
      }
    });
    expect(coverage.rolesDependedOn).toBe(all.size);
    expect(coverage.rolesWithoutAssertions).toEqual([...all].filter((r) => !asserted.has(r)).sort());
    if (filter !== undefined) expect(coverage.rolesWithoutAssertions.length).toBeGreaterThan(0);
    expect(coverage.matrix.targets).toEqual(targets.map((t) => t.id));
  });
});
