/**
 * Properties of the permission diff on random states (role hierarchies, user
 * types, applications): a state compared with itself is an empty diff;
 * swapping the states swaps widening and narrowing, added and removed,
 * gained and lost; and the widening is exactly what a brute-force reading of
 * Lino's rule grants after and not before.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalyzedAction, AnalyzedActor, Application, ResolvedRequirement } from "../../src/analyzer/index.js";
import type { RoleDef, RoleModel } from "../../src/compiler/types.js";
import { diffPermissions, isEmptyDiff, type DiffState, type Grant, type PermissionDiff } from "../../src/diff/index.js";
import { InconsistentMroError, linearizeAll } from "../helpers/c3.js";

const CORE = [
  { id: "core.UserRole", bases: [] },
  { id: "core.Anonymous", bases: ["core.UserRole"] },
  { id: "core.SiteUser", bases: ["core.UserRole"] },
  { id: "core.Expert", bases: ["core.SiteUser"] },
  { id: "core.SiteStaff", bases: ["core.Expert"] },
] as const;
const ROLES = 6;
const roleId = (i: number): string => `app.R${i}`;
const ALL_ROLES = [...CORE.map((r) => r.id), ...Array.from({ length: ROLES }, (_, i) => roleId(i))];
const VALUES = ["000", "100", "200", "300", "400"];
const NAMES = ["anonymous", "reader", "editor", "admin"];
const ACTORS = ["docs.Documents", "docs.Drafts", "admin.Settings"];
const span = { file: "x.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };

/** Role i has bases among the core roles and roles j < i (acyclic), in random order. */
const rolesArb = fc.array(fc.uniqueArray(fc.nat(ROLES + CORE.length - 1), { maxLength: 3 }), { minLength: ROLES, maxLength: ROLES }).map((lists) =>
  lists.map((bases, i) => ({
    id: roleId(i),
    bases: bases.map((b) => (b < CORE.length ? (CORE[b]?.id ?? "core.UserRole") : roleId(b - CORE.length))).filter((b) => !b.startsWith("app.") || Number(b.slice(5)) < i),
  })),
);
const anyRole = fc.constantFrom(...ALL_ROLES);
const userTypesArb = fc.uniqueArray(
  fc.record({ value: fc.constantFrom(...VALUES), name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }), text: fc.constantFrom("A", "B"), role: anyRole, readonly: fc.boolean() }),
  { selector: (t) => t.value, maxLength: VALUES.length },
);
const requirementArb = fc.record({ items: fc.array(fc.array(anyRole, { minLength: 1, maxLength: 2 }), { maxLength: 3 }), complete: fc.boolean() });
const appArb = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom(...ACTORS),
    requirement: requirementArb,
    actions: fc.uniqueArray(fc.record({ name: fc.constantFrom("edit", "export", "merge"), requirement: requirementArb, readonly: fc.boolean() }), { selector: (a) => a.name, maxLength: 2 }),
  }),
  { selector: (a) => a.id, maxLength: ACTORS.length },
);
const stateArb = fc.record({ roles: rolesArb, userTypes: userTypesArb, app: appArb, meaningful: fc.subarray(ALL_ROLES.slice(1)) });

type StateSpec = typeof stateArb extends fc.Arbitrary<infer T> ? T : never;

function requirementOf(spec: { items: string[][]; complete: boolean }): ResolvedRequirement {
  const unresolved = spec.complete ? [] : [{ text: "unknown()", span }];
  return { items: spec.items.map((roles) => ({ roles, span, text: roles.join(" | "), memberSpans: roles.map(() => span), unresolved: [] })), unresolved, complete: spec.complete };
}

/** Builds a state; undefined when C3 rejects the hierarchy (as Python would). */
function build(spec: StateSpec): DiffState | undefined {
  const all = [...CORE, ...spec.roles.map((r) => ({ id: r.id, bases: r.bases.length === 0 ? ["core.UserRole"] : r.bases }))];
  let mros: Map<string, string[]>;
  try {
    mros = linearizeAll(all);
  } catch (error) {
    if (error instanceof InconsistentMroError) return undefined;
    throw error;
  }
  const roles = new Map<string, RoleDef>(
    all.map((r) => [r.id, { id: r.id, module: r.id.split(".")[0] ?? "", name: r.id.split(".")[1] ?? "", bases: r.bases, mro: mros.get(r.id) ?? [r.id], baseSpans: [], file: "x.yaml" }]),
  );
  const usedNames = new Set<string>();
  const model: RoleModel = {
    roles,
    modules: [],
    bindings: [],
    meaningful: [...spec.meaningful].sort(),
    userTypes: spec.userTypes.map((t) => {
      const names = t.name === undefined || usedNames.has(t.name) ? [] : [t.name];
      names.forEach((n) => usedNames.add(n));
      return { value: t.value, names, text: t.text, role: t.role, readonly: t.readonly, hiddenLanguages: [], maskNotifications: [], attributes: {}, span };
    }),
  };
  const actors = [...spec.app]
    .sort((x, y) => (x.id < y.id ? -1 : 1))
    .map((a): AnalyzedActor => {
      const requiredRoles = requirementOf(a.requirement);
      const actions = [...a.actions]
        .sort((x, y) => (x.name < y.name ? -1 : 1))
        .map((x): AnalyzedAction => {
          const own = requirementOf(x.requirement);
          return {
            id: `${a.id}.${x.name}`,
            name: x.name,
            readonly: x.readonly,
            requiredRoles: own,
            combined: { items: [...requiredRoles.items, ...own.items], unresolved: [...requiredRoles.unresolved, ...own.unresolved], complete: requiredRoles.complete && own.complete },
            span,
          };
        });
      const [appLabel = "", className = ""] = a.id.split(".");
      return { id: a.id, className, appLabel, file: "x.ts", span, requiredRoles, requiredRolesSpan: span, requiredRolesFrom: a.id, actions };
    });
  const app: Application = { actors };
  return { model, app };
}

const key = (g: Grant): string => `${g.kind} ${g.userType} ${g.id}`;
const keys = (grants: readonly Grant[]): string[] => grants.map(key).sort();

/**
 * Every grant of a state, by walking bases transitively and applying the
 * readonly rule (no MRO, no canSee): `certain`, or `possible` where the
 * requirement has a whole item that is not known and no item fails.
 */
function bruteForceGrants(state: DiffState): Map<string, "certain" | "possible"> {
  const bases = new Map([...state.model.roles.values()].map((r) => [r.id, r.bases]));
  const inherits = (role: string, required: string): boolean => role === required || (bases.get(role) ?? []).some((b) => inherits(b, required));
  const out = new Map<string, "certain" | "possible">();
  for (const t of state.model.userTypes) {
    for (const role of state.model.roles.keys()) if (role !== "core.UserRole" && inherits(t.role, role)) out.set(`role ${t.value} ${role}`, "certain");
    for (const actor of state.app?.actors ?? []) {
      const targets = [
        { id: actor.id, requirement: actor.requiredRoles, readonly: true },
        ...actor.actions.map((x) => ({ id: x.id, requirement: x.combined, readonly: x.readonly })),
      ];
      for (const target of targets) {
        if (t.readonly && !target.readonly) continue;
        if (!target.requirement.items.every((item) => item.roles.some((r) => inherits(t.role, r)))) continue;
        out.set(`access ${t.value} ${target.id}`, target.requirement.unresolved.length > 0 ? "possible" : "certain");
      }
    }
  }
  return out;
}

function statePair(): fc.Arbitrary<[DiffState, DiffState]> {
  return fc
    .tuple(stateArb, stateArb)
    .map(([x, y]) => [build(x), build(y)] as const)
    .filter((pair): pair is readonly [DiffState, DiffState] => pair[0] !== undefined && pair[1] !== undefined)
    .map(([x, y]) => [x, y]);
}

function swapped(diff: PermissionDiff): {
  widening: string[];
  narrowing: string[];
  added: string[];
  removed: string[];
  gained: string[];
  lost: string[];
  maybeGained: string[];
  maybeLost: string[];
  types: string[];
} {
  const changed = diff.targets?.changed ?? [];
  return {
    widening: keys(diff.widening),
    narrowing: keys(diff.narrowing),
    added: (diff.targets?.added ?? []).map((t) => `${t.id} ${[...t.visibleTo.map((u) => u.value)].sort().join(",")}`).sort(),
    removed: (diff.targets?.removed ?? []).map((t) => `${t.id} ${[...t.visibleTo.map((u) => u.value)].sort().join(",")}`).sort(),
    gained: changed.flatMap((t) => t.gained.map((u) => `${t.id} ${u.value}`)).sort(),
    lost: changed.flatMap((t) => t.lost.map((u) => `${t.id} ${u.value}`)).sort(),
    maybeGained: changed.flatMap((t) => t.maybeGained.map((u) => `${t.id} ${u.value}`)).sort(),
    maybeLost: changed.flatMap((t) => t.maybeLost.map((u) => `${t.id} ${u.value}`)).sort(),
    types: [...diff.userTypes.added.map((t) => `+${t.value}`), ...diff.userTypes.removed.map((t) => `-${t.value}`)].sort(),
  };
}

describe("diffPermissions (properties)", () => {
  it("finds nothing between a state and itself", () => {
    fc.assert(
      fc.property(statePair(), ([a]) => {
        const diff = diffPermissions(a, a);
        expect(isEmptyDiff(diff)).toBe(true);
        expect(diff.widening).toEqual([]);
        expect(diff.narrowing).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("swaps widening and narrowing, added and removed, gained and lost when the states are swapped", () => {
    fc.assert(
      fc.property(statePair(), ([a, b]) => {
        const forward = swapped(diffPermissions(a, b));
        const backward = swapped(diffPermissions(b, a));
        expect(forward.widening).toEqual(backward.narrowing);
        expect(forward.narrowing).toEqual(backward.widening);
        expect(forward.added).toEqual(backward.removed);
        expect(forward.removed).toEqual(backward.added);
        expect(forward.gained).toEqual(backward.lost);
        expect(forward.lost).toEqual(backward.gained);
        expect(forward.maybeGained).toEqual(backward.maybeLost);
        expect(forward.maybeLost).toEqual(backward.maybeGained);
        expect(forward.types).toEqual(backward.types.map((t) => (t.startsWith("+") ? `-${t.slice(1)}` : `+${t.slice(1)}`)).sort());
      }),
      { numRuns: 300 },
    );
  });

  it("widens by exactly the grants the after-state has and the before-state has not", () => {
    fc.assert(
      fc.property(statePair(), ([a, b]) => {
        const diff = diffPermissions(a, b);
        const before = bruteForceGrants(a);
        const after = bruteForceGrants(b);
        // Certain: granted for sure after, not even possibly before; possible: one side unknown, the other not the same
        // (or both unknown, when what decides it changed: at most those).
        const certain = (x: Map<string, string>, y: Map<string, string>): string[] => [...x].filter(([g, c]) => c === "certain" && !y.has(g)).map(([g]) => g).sort();
        const mustBePossible = (x: Map<string, string>, y: Map<string, string>): string[] =>
          [...x].filter(([g, c]) => (c === "possible" && !y.has(g)) || (c === "certain" && y.get(g) === "possible")).map(([g]) => g).sort();
        const mayBePossible = (x: Map<string, string>, y: Map<string, string>): string[] => [...x].filter(([g, c]) => c === "possible" && y.get(g) === "possible").map(([g]) => g);
        const checkSide = (grants: readonly Grant[], x: Map<string, string>, y: Map<string, string>): void => {
          expect(keys(grants.filter((g) => g.certain))).toEqual(certain(x, y));
          const possible = keys(grants.filter((g) => !g.certain));
          for (const g of mustBePossible(x, y)) expect(possible).toContain(g);
          const allowed = new Set([...mustBePossible(x, y), ...mayBePossible(x, y)]);
          for (const g of possible) expect(allowed.has(g), g).toBe(true);
        };
        checkSide(diff.widening, after, before);
        checkSide(diff.narrowing, before, after);
        expect(diff.summary.widening).toBe(diff.widening.length > 0);
        // Per-target changes are the access grants of user types present in both states, nothing else.
        const both = new Set(a.model.userTypes.map((t) => t.value).filter((v) => b.model.userTypes.some((t) => t.value === v)));
        const targetIds = new Set([...(a.app?.actors ?? []), ...(b.app?.actors ?? [])].flatMap((x) => [x.id, ...x.actions.map((y) => y.id)]));
        const inBoth = (id: string): boolean => [a, b].every((s) => s.app?.actors.some((x) => x.id === id || x.actions.some((y) => y.id === id)) === true);
        const perTarget = (grants: readonly Grant[]): string[] =>
          keys(grants.filter((g) => g.kind === "access" && both.has(g.userType) && inBoth(g.id))).map((k) => k.split(" ").slice(1).reverse().join(" ")).sort();
        expect(swapped(diff).gained).toEqual(perTarget(diff.widening.filter((g) => g.certain)));
        expect(swapped(diff).maybeGained).toEqual(perTarget(diff.widening.filter((g) => !g.certain)));
        for (const t of diff.targets?.changed ?? []) {
          expect(targetIds.has(t.id)).toBe(true);
          expect(t.requirement !== null || t.readonly !== null || t.gained.length + t.lost.length + t.maybeGained.length + t.maybeLost.length > 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
