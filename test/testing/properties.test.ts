/**
 * The engine against a brute-force oracle, on random suites (fast-check):
 * random `sees`/`doesNotSee` tests and `atMost`/`atLeast` invariants over the
 * clinic whose requirements are partly unresolved (test/fixtures/testing,
 * project/src-unknown) and over the bundled Noi example. Each case must
 * pass exactly when every cell it asserts has a known verdict that meets the
 * expectation (an unknown verdict never passes), end as `unknown` exactly
 * when nothing fails for certain but some cell is unknown, and coverage
 * must count exactly the distinct cells the suite asserts.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/api/check.js";
import { analyzedProject } from "../../src/api/show.js";
import type { Span } from "../../src/diagnostics/diagnostic.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { accessOf, permissionOf, type Access } from "../../src/runtime/semantics/index.js";
import type { CaseStatus } from "../../src/testing/results.js";
import { runTests } from "../../src/testing/run.js";
import type { InvariantSpec, TestFileSpec, TestSpec, Written } from "../../src/testing/spec.js";
import type { TestProject } from "../../src/testing/table.js";
import { params } from "../fuzz/helpers.js";
import { repoRoot } from "../helpers/generated.js";
import { MODULE, testingFixtures } from "./helpers.js";

const SPAN: Span = { file: "random.rolecraft-test.yaml", line: 1, column: 1, endLine: 1, endColumn: 1 };
const written = (text: string): Written => ({ text, span: SPAN });

/** A cell's verdict as one expectation sees it: met, missed for certain, or unknown. */
function outcome(access: Access, expectVisible: boolean): "met" | "missed" | "unknown" {
  if (access === "unknown") return "unknown";
  return (access === "visible") === expectVisible ? "met" : "missed";
}

/** The status a case must have, from the outcomes of the cells it asserts. */
function expectedStatus(outcomes: readonly ("met" | "missed" | "unknown")[]): CaseStatus {
  if (outcomes.includes("missed")) return "failed";
  return outcomes.includes("unknown") ? "unknown" : "passed";
}

interface Generated {
  readonly kind: "cells" | "bounds";
  readonly userTypes: number[];
  readonly targets: number[];
  /** cells: sees (true) or doesNotSee; bounds: atMost (true) or atLeast. */
  readonly flag: boolean;
}

function suiteOf(project: TestProject): fc.Arbitrary<Generated[]> {
  const targets = project.application.actors.flatMap((a) => [a, ...a.actions]).length;
  const userTypes = project.model.userTypes.length;
  const entry = fc.record({
    kind: fc.constantFrom("cells" as const, "bounds" as const),
    userTypes: fc.uniqueArray(fc.nat(userTypes - 1), { minLength: 1, maxLength: userTypes }),
    targets: fc.uniqueArray(fc.nat(targets - 1), { minLength: 1, maxLength: Math.min(targets, 6) }),
    flag: fc.boolean(),
  });
  return fc.array(entry, { minLength: 1, maxLength: 8 });
}

function check(project: TestProject, suite: readonly Generated[]): void {
  const targets = project.application.actors.flatMap((a) => [a, ...a.actions]);
  const types = project.model.userTypes;
  const tests: TestSpec[] = [];
  const invariants: InvariantSpec[] = [];
  const oracle: { status: CaseStatus; cells: [number, number][] }[] = [];
  const decided = new Set<number>();
  suite.forEach((g, i) => {
    const name = `case ${i}`;
    const ids = g.targets.map((t) => written(targets[t]!.id));
    const names = g.userTypes.map((u) => written(types[u]!.value));
    const access = (t: number, u: number): Access => accessOf(project.model, types[u]!, permissionOf(targets[t]!));
    const cells: [number, number][] = [];
    const outcomes: ("met" | "missed" | "unknown")[] = [];
    if (g.kind === "cells") {
      tests.push({ kind: "cells", name, span: SPAN, userTypes: names, sees: g.flag ? ids : [], doesNotSee: g.flag ? [] : ids });
      for (const t of g.targets) for (const u of g.userTypes) cells.push([t, u]);
      for (const [t, u] of cells) outcomes.push(outcome(access(t, u), g.flag));
    } else if (g.flag) {
      invariants.push({ kind: "bounds", name, span: SPAN, targets: ids, atMost: names, atLeast: [] });
      for (const t of g.targets) for (let u = 0; u < types.length; u++) if (!g.userTypes.includes(u)) cells.push([t, u]);
      for (const [t, u] of cells) outcomes.push(outcome(access(t, u), false));
    } else {
      invariants.push({ kind: "bounds", name, span: SPAN, targets: ids, atLeast: names });
      for (const t of g.targets) for (const u of g.userTypes) cells.push([t, u]);
      for (const [t, u] of cells) outcomes.push(outcome(access(t, u), true));
    }
    for (const [t, u] of cells) decided.add(t * types.length + u);
    oracle.push({ status: expectedStatus(outcomes), cells });
  });
  const spec: TestFileSpec = { file: SPAN.file, name: "random", tests, invariants };
  const run = runTests({ project, files: [{ file: SPAN.file, spec, diagnostics: [] }], snapshots: new Map(), coverage: true });
  const cases = run.files[0]?.cases ?? [];
  // The engine lists tests first, then invariants; the oracle in suite order.
  const byName = new Map(cases.map((c) => [c.name, c]));
  suite.forEach((_, i) => {
    const got = byName.get(`case ${i}`);
    expect(got?.status, `case ${i}`).toBe(oracle[i]!.status);
    if (got?.status === "passed") expect(got.failures).toEqual([]);
    if (got?.status === "unknown") expect(got.failures.every((f) => f.kind === "cell" && f.actual === "unknown" && f.unresolved.length > 0)).toBe(true);
  });
  expect(run.coverage?.decided).toBe(decided.size);
}

describe("permission tests against a brute-force oracle", () => {
  let clinic: TestProject;
  let noi: TestProject;

  beforeAll(async () => {
    const load = async (cwd: string, module: string, src: string): Promise<TestProject> => {
      const host = createNodeHost({ cwd, modelThread: false });
      const result = await analyze({ module, sources: { src } }, host);
      const project = analyzedProject(result);
      if (project === undefined) throw new Error(`${src} does not analyze`);
      const unresolved = (result.analysis?.diagnostics ?? []).flatMap((d) => (d.code === "RC5004" ? [{ text: String(d.data["expr"]), span: d.span }] : []));
      return { ...project, unresolved };
    };
    clinic = await load(testingFixtures, MODULE, "project/src-unknown");
    noi = await load(repoRoot, "user-types/noi", "examples/noi-app/src");
  });

  it("on the clinic with unresolved requirements: a case passes only on known verdicts that meet it", () => {
    // The clinic has unknown cells to meet: the property would be hollow without them.
    const targets = clinic.application.actors.flatMap((a) => [a, ...a.actions]);
    expect(targets.some((t) => clinic.model.userTypes.some((u) => accessOf(clinic.model, u, permissionOf(t)) === "unknown"))).toBe(true);
    fc.assert(
      fc.property(suiteOf(clinic), (suite) => check(clinic, suite)),
      params(150, 1401),
    );
  });

  it("on the Noi example", () => {
    fc.assert(
      fc.property(suiteOf(noi), (suite) => check(noi, suite)),
      params(100, 1402),
    );
  });
});
