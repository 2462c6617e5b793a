/**
 * C3 linearization and checkmro: Lino's examples, and a differential test
 * against Python's own `type()` on random hierarchies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basesFirst, c3Conflict, c3Merge, checkmroLines, createClass, linearize, linearizeHierarchy, type ClassCreation } from "../../src/runtime/semantics/index.js";
import { pythonCreateClasses, pythonMros, type HierarchyRole, type PythonClassCreation } from "../helpers/python-c3.js";

interface MroCase {
  readonly roles: readonly HierarchyRole[];
  readonly target: string;
  readonly error: boolean;
  readonly mro?: readonly string[];
  readonly checkmro_args: readonly string[];
  readonly checkmro: readonly string[];
}

const examples = (
  JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "lino", "mro_examples.json"), "utf8")) as { cases: MroCase[] }
).cases;

function linearizeRoles(roles: readonly HierarchyRole[]): ReturnType<typeof linearizeHierarchy> {
  return linearizeHierarchy(new Map(roles.map((r) => [r.id, r.bases])));
}

describe("C3 on Lino's mro_examples.json", () => {
  it.each(examples.map((c, i) => [i, c] as const))("case %i", (_i, example) => {
    const { mro, inconsistent } = linearizeRoles(example.roles);
    if (example.error) {
      expect(inconsistent).toContain(example.target);
      expect(mro.has(example.target)).toBe(false);
    } else {
      expect(mro.get(example.target)).toEqual(example.mro);
    }
    expect(checkmroLines(example.checkmro_args, (id) => mro.get(id))).toEqual(example.checkmro);
  });
});

describe("c3Conflict", () => {
  it("names the heads still pending when the merge fails, each once, in sequence order (CPython's set_mro_error)", () => {
    // class E(C, D) with C(A, B) and D(B, A): Python says "for bases A, B", classes E never named.
    expect(c3Conflict([["C", "A", "B", "O"], ["D", "B", "A", "O"], ["C", "D"]])).toEqual(["A", "B"]);
    expect(c3Conflict([["B", "A", "O"], ["C", "A", "O"], ["B", "C"]])).toBeUndefined();
    // C and D are taken first (no tail holds them); then A and B are stuck.
    expect(c3Conflict([["A", "B", "O"], ["B", "A", "O"], ["C", "D"]])).toEqual(["A", "B"]);
    expect(c3Conflict([["A", "B"], ["B", "A"], ["A", "B"]])).toEqual(["A", "B"]);
  });
});

describe("c3Merge", () => {
  it("takes the first head that is in no tail", () => {
    expect(c3Merge([["B", "A", "O"], ["C", "A", "O"], ["B", "C"]])).toEqual(["B", "C", "A", "O"]);
  });
  it("fails when every head is in some tail", () => {
    expect(c3Merge([["A", "B"], ["B", "A"]])).toBeUndefined();
  });
  it("merges nothing into nothing", () => {
    expect(c3Merge([])).toEqual([]);
  });
});

/** Random hierarchies: role i picks up to 4 distinct bases among roles 0..i-1, in random order. */
const hierarchy = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: Math.min(4, i) }),
      ),
    ),
  )
  .map((basesList) => basesList.map((bases, i): HierarchyRole => ({ id: `R${i}`, bases: bases.map((b) => `R${b}`) })));

describe("C3 against Python's type() (differential)", () => {
  it("gives the same MRO, or fails where Python fails, on 1,500 random hierarchies", () => {
    const samples = fc.sample(hierarchy, { numRuns: 1500, seed: 20261122 });
    const oracle = pythonMros(samples);
    let inconsistentSeen = 0;
    samples.forEach((roles, index) => {
      const { mro } = linearizeRoles(roles);
      const expected = oracle[index]!;
      for (const role of roles) {
        const ours = mro.get(role.id) ?? null;
        if (ours === null) inconsistentSeen++;
        expect(ours, `${JSON.stringify(roles)} → ${role.id}`).toEqual(expected[role.id]);
      }
    });
    // The generator must exercise failures too, or the test proves little.
    expect(inconsistentSeen).toBeGreaterThan(50);
  });

  it("a linearization starts with the class, keeps every base's order, and lists each class once", () => {
    fc.assert(
      fc.property(hierarchy, (roles) => {
        const { mro } = linearizeRoles(roles);
        for (const role of roles) {
          const line = mro.get(role.id);
          if (line === undefined) continue;
          expect(line[0]).toBe(role.id);
          expect(new Set(line).size).toBe(line.length);
          // Local precedence order: bases appear in declaration order.
          const positions = role.bases.map((b) => line.indexOf(b));
          expect([...positions].sort((a, b) => a - b)).toEqual(positions);
          // Monotonicity: each base's linearization is a subsequence.
          for (const base of role.bases) {
            const baseLine = mro.get(base)!;
            const inOrder = baseLine.map((c) => line.indexOf(c));
            expect([...inOrder].sort((a, b) => a - b)).toEqual(inOrder);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

/** Python's words for a class creation, from ours (`object` left out of an MRO, as the oracle leaves it out). */
function pythonWords(creation: ClassCreation): PythonClassCreation {
  if (creation.kind === "created") return { mro: creation.mro.filter((c) => c !== "object") };
  if (creation.kind === "duplicateBase") return { error: `duplicate base class ${creation.base}` };
  return { error: `Cannot create a consistent method resolution order (MRO) for bases ${creation.pending.join(", ")}` };
}

/**
 * The hierarchy as Python builds it: a role without bases inherits
 * `object`, which a conflict may name. (A role module has one root,
 * `core.UserRole`, so `object` never comes up there.)
 */
function linearizeWithObject(roles: readonly HierarchyRole[]): ReturnType<typeof linearizeHierarchy> {
  return linearizeHierarchy(new Map<string, readonly string[]>([["object", []], ...roles.map((r): [string, readonly string[]] => [r.id, r.bases.length === 0 ? ["object"] : r.bases])]));
}

describe("createClass against Python's type() (differential)", () => {
  /** A hierarchy and some classes to create on it: lists of 1 to 4 of its roles, in any order, sometimes one twice. */
  const withClasses = hierarchy.chain((roles) =>
    fc.record({
      roles: fc.constant(roles),
      classes: fc.array(fc.array(fc.constantFrom(...roles.map((r) => r.id)), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
    }),
  );

  it("creates class X(<bases>) as Python does: the same MRO, the same duplicate base, the same pending bases named, on 1,000 random hierarchies", () => {
    const samples = fc.sample(withClasses, { numRuns: 1000, seed: 20261207 });
    // Each role's own bases too: the model's RC3005 names what Python names for the role itself.
    const cases = samples.map((s) => ({ roles: s.roles, classes: [...s.classes, ...s.roles.filter((r) => r.bases.length > 0).map((r) => r.bases)] }));
    const oracle = pythonCreateClasses(cases);
    const seen = { created: 0, duplicateBase: 0, inconsistent: 0 };
    cases.forEach((c, index) => {
      const { mro } = linearizeWithObject(c.roles);
      c.classes.forEach((bases, j) => {
        const expected = oracle[index]![j]!;
        const baseMros = bases.map((b) => mro.get(b));
        if (baseMros.some((m) => m === undefined)) {
          expect(expected, JSON.stringify({ roles: c.roles, bases })).toBeNull();
          return;
        }
        const ours = createClass("X", bases, baseMros as string[][]);
        seen[ours.kind]++;
        expect(pythonWords(ours), JSON.stringify({ roles: c.roles, bases })).toEqual(expected);
      });
    });
    // Every outcome must be exercised, or the test proves little.
    expect(Math.min(seen.created, seen.duplicateBase, seen.inconsistent)).toBeGreaterThan(50);
  });

  it("linearizeHierarchy's conflicts name what Python names for the role itself", () => {
    const samples = fc.sample(hierarchy, { numRuns: 500, seed: 11 });
    const cases = samples.map((roles) => ({ roles, classes: roles.map((r) => r.bases) }));
    const oracle = pythonCreateClasses(cases);
    let named = 0;
    cases.forEach((c, index) => {
      const { conflicts } = linearizeWithObject(c.roles);
      c.roles.forEach((role, j) => {
        const pending = conflicts.get(role.id);
        if (pending === undefined) return;
        named++;
        expect(oracle[index]![j]).toEqual({ error: `Cannot create a consistent method resolution order (MRO) for bases ${pending.join(", ")}` });
      });
    });
    expect(named).toBeGreaterThan(20);
  });
});

/** linearizeHierarchy as it was written on strings (basesFirst, then linearize role by role): the reference of the integer version. */
function stringLinearization(bases: ReadonlyMap<string, readonly string[]>, maxEntries = Number.POSITIVE_INFINITY): ReturnType<typeof linearizeHierarchy> {
  const mro = new Map<string, readonly string[]>();
  const inconsistent: string[] = [];
  const conflicts = new Map<string, readonly string[]>();
  let entries = 0;
  next: for (const id of basesFirst(bases, (base) => bases.has(base))) {
    const own = bases.get(id) ?? [];
    const baseMros: (readonly string[])[] = [];
    for (const base of own) {
      const baseMro = mro.get(base);
      if (baseMro === undefined) continue next;
      baseMros.push(baseMro);
    }
    const result = linearize(id, own, baseMros);
    if (result === undefined) {
      inconsistent.push(id);
      conflicts.set(id, c3Conflict([...baseMros, own]) ?? []);
    } else {
      entries += result.length;
      if (entries > maxEntries) return { mro, inconsistent, conflicts, overBudget: id };
      mro.set(id, result);
    }
  }
  return { mro, inconsistent, conflicts };
}

describe("linearizeHierarchy on integer ids", () => {
  /** Random maps in any order, with bases that are missing, repeated, or close a cycle. */
  const messy = fc
    .integer({ min: 1, max: 16 })
    .chain((n) =>
      fc.record({
        bases: fc.array(fc.array(fc.integer({ min: 0, max: n + 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
        order: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
        budget: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      }),
    )
    .map(({ bases, order, budget }) => ({ map: new Map(order.map((i): [string, string[]] => [`R${i}`, bases[i]!.map((b) => `R${b}`)])), budget }));

  it("gives exactly what the string version gives (order, MROs, failures, conflicts, budget) on 3,000 random maps", () => {
    const seen = { mro: 0, inconsistent: 0, skipped: 0, overBudget: 0 };
    for (const { map, budget } of fc.sample(messy, { numRuns: 3000, seed: 20261208 })) {
      const ours = linearizeHierarchy(map, budget);
      const reference = stringLinearization(map, budget);
      expect([...ours.mro], JSON.stringify([...map])).toEqual([...reference.mro]);
      expect(ours.inconsistent).toEqual(reference.inconsistent);
      expect([...ours.conflicts]).toEqual([...reference.conflicts]);
      expect(ours.overBudget).toEqual(reference.overBudget);
      seen.mro += ours.mro.size;
      seen.inconsistent += ours.inconsistent.length;
      seen.skipped += map.size - ours.mro.size - ours.inconsistent.length;
      if (ours.overBudget !== undefined) seen.overBudget++;
    }
    // Every outcome must be exercised, or the test proves little.
    expect(Math.min(seen.mro, seen.inconsistent, seen.skipped, seen.overBudget)).toBeGreaterThan(50);
  });
});
