/**
 * Differential testing against Python (python3): 10,000 random hierarchies
 * linearized by rolecraft's C3 and by Python's `type()` (the same MRO, or
 * both refuse), and random requirements evaluated by the runtime
 * (`hasRequiredRoles` on real generated-style classes) and by the analyzer
 * (`roleSatisfies`, `canSee`) against Python's `issubclass`. All cases go to
 * one python3 process. FUZZ_RUNS scales the counts, FUZZ_SEED changes them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canSee, linearizeHierarchy, roleSatisfies } from "../../src/runtime/semantics/index.js";
import type { RoleDef, RoleModel, UserTypeDef } from "../../src/compiler/types.js";
import { fileSpan } from "../../src/diagnostics/diagnostic.js";
import * as rc from "../../src/runtime/index.js";
import { makeRole } from "../runtime/helpers.js";
import { runs, seed } from "./helpers.js";
import { askPython, type OracleCase, type OracleRole } from "../helpers/python-oracle.js";

/** Role i picks up to 4 distinct bases among roles 0..i-1, in random order (ids unique per hierarchy). */
const hierarchy = (prefix: string): fc.Arbitrary<OracleRole[]> =>
  fc
    .integer({ min: 1, max: 16 })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: Math.min(4, i) })))),
    )
    .map((basesList) => basesList.map((bases, i): OracleRole => ({ id: `${prefix}R${i}`, bases: bases.map((b) => `${prefix}R${b}`) })));

describe("C3: rolecraft against Python's type()", () => {
  it("gives the same MRO, or refuses where Python refuses, on 10,000 random hierarchies", () => {
    const samples = fc.sample(hierarchy(""), { numRuns: runs(10_000), seed: seed(5150) });
    const answers = askPython(samples.map((roles) => ({ roles, checks: [] })));
    let refused = 0;
    let linearized = 0;
    samples.forEach((roles, index) => {
      const { mro } = linearizeHierarchy(new Map(roles.map((r) => [r.id, r.bases])));
      const expected = answers[index]!.mro;
      for (const role of roles) {
        const ours = mro.get(role.id) ?? null;
        if (ours === null) refused++;
        else linearized++;
        if (JSON.stringify(ours) !== JSON.stringify(expected[role.id])) {
          expect(ours, `${JSON.stringify(roles)} → ${role.id}`).toEqual(expected[role.id]);
        }
      }
    });
    // Both outcomes must be common, or the comparison proves little.
    expect(refused).toBeGreaterThan(runs(10_000) / 10);
    expect(linearized).toBeGreaterThan(runs(10_000));
  });
});

/** A role model holding just a hierarchy (what roleSatisfies and canSee read). */
function modelOf(roles: readonly OracleRole[], mro: ReadonlyMap<string, readonly string[]>, userTypes: UserTypeDef[] = []): RoleModel {
  const defs = new Map<string, RoleDef>();
  for (const role of roles) {
    const line = mro.get(role.id);
    if (line === undefined) continue;
    defs.set(role.id, { id: role.id, module: role.id.split(".")[0]!, name: role.id.split(".")[1]!, bases: role.bases, mro: line, baseSpans: [], file: "<fuzz>" });
  }
  return { roles: defs, modules: [], bindings: [], meaningful: [], userTypes };
}

interface RequirementCase {
  readonly roles: OracleRole[];
  /** AND-list of OR-groups (a single role is a group of one), as indices into roles. */
  readonly requirements: number[][][];
  readonly readonlyType: boolean[];
  readonlyAction: boolean[];
}

describe("requirements: runtime and analyzer against Python's issubclass", () => {
  it("agree on every role of 2,000 random hierarchies with random requirements", () => {
    let counter = 0;
    const cases = fc.sample(
      fc
        .tuple(hierarchy("x."), fc.array(fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }))
        .map(([roles, requirements, readonlyType, readonlyAction]): RequirementCase => ({ roles, requirements, readonlyType, readonlyAction })),
      { numRuns: runs(2000), seed: seed(6160) },
    );
    // Unique ids per case: the runtime keeps one registry per process.
    const prepared = cases.map((c) => {
      const prefix = `h${counter++}`;
      const roles = c.roles.map((r) => ({ id: r.id.replace("x.", `${prefix}.`), bases: r.bases.map((b) => b.replace("x.", `${prefix}.`)) }));
      const required = c.requirements.map((req) => req.map((group) => [...new Set(group.map((i) => roles[i % roles.length]!.id))]));
      return { ...c, roles, required };
    });
    const oracle: OracleCase[] = prepared.map((c) => ({ roles: c.roles, checks: c.roles.flatMap((role) => c.required.map((required) => ({ role: role.id, required }))) }));
    const answers = askPython(oracle);
    let checks = 0;
    let satisfied = 0;
    let runtimeChecks = 0;
    prepared.forEach((c, index) => {
      const answer = answers[index]!;
      const { mro } = linearizeHierarchy(new Map(c.roles.map((r) => [r.id, r.bases])));
      // Runtime classes, made as generated code makes them, for every role Python could create.
      const classes = new Map<string, rc.RoleClass>();
      for (const role of c.roles) {
        const line = mro.get(role.id);
        if (line === undefined) continue;
        // The runtime computes the MRO itself (its own C3): it must agree too.
        const cls = makeRole(rc, role.id, role.bases.map((b) => classes.get(b)!));
        expect(cls.mro, `runtime MRO of ${role.id} in ${JSON.stringify(c.roles)}`).toEqual([...line, "core.UserRole"]);
        classes.set(role.id, cls);
      }
      const userTypes: UserTypeDef[] = c.roles.map((role, i) => ({
        value: String(i), names: [], text: role.id, role: role.id, readonly: c.readonlyType[i % 6]!, hiddenLanguages: [], maskNotifications: [], attributes: {}, span: fileSpan("<fuzz>"),
      }));
      const model = modelOf(c.roles, mro, userTypes);
      let k = 0;
      c.roles.forEach((role, i) => {
        c.required.forEach((required, r) => {
          const expected = answer.results[k++];
          if (expected === null || expected === undefined) {
            expect(mro.has(role.id), `${role.id}: Python refused it, rolecraft did not`).toBe(false);
            return;
          }
          checks++;
          if (expected) satisfied++;
          const what = `${JSON.stringify(c.roles)}: ${role.id} requires ${JSON.stringify(required)}`;
          const requirement = { items: required.map((roles) => ({ roles })) };
          expect(roleSatisfies(model, role.id, requirement), `analyzer: ${what}`).toBe(expected);
          // (A role Python refused has no class to require at run time.)
          if (required.every((group) => group.every((id) => classes.has(id)))) {
            const runtimeRequired = required.map((group) => (group.length === 1 ? classes.get(group[0]!)! : group.map((id) => classes.get(id)!)));
            expect(rc.hasRequiredRoles(classes.get(role.id)!, runtimeRequired), `runtime: ${what}`).toBe(expected);
            runtimeChecks++;
          }
          // canSee: the role's answer, except that a readonly user type may see only readonly actions.
          const readonlyAction = c.readonlyAction[r % 6]!;
          expect(canSee(model, userTypes[i]!, requirement, readonlyAction), `canSee: ${what}`).toBe(expected && (!userTypes[i]!.readonly || readonlyAction));
        });
      });
    });
    expect(checks).toBeGreaterThan(runs(2000));
    expect(runtimeChecks).toBeGreaterThan(checks / 2);
    expect(satisfied).toBeGreaterThan(checks / 10);
    expect(satisfied).toBeLessThan(checks * 0.9);
  });
});
