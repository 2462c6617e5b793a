/**
 * The runtime's semantics module is the one definition of Lino's rules over
 * role ids. Its faster forms are held to it here, on random data: the
 * runtime's bitset engine (`hasRequiredRoles`), the runtime's class-based
 * `visibleFor`, `checkmro` and `defineRole`, and the visibility index the
 * toolchain uses for whole tables. The inheritance paths `explain` prints
 * are checked against a brute-force shortest path.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as $rc from "../../src/runtime/index.js";
import { requirementIds } from "../../src/runtime/matching.js";
import {
  ancestorsOf,
  baseTree,
  canSee,
  checkmroLines,
  inheritancePath,
  linearizeHierarchy,
  roleSatisfies,
  visibilityIndex,
  visibleForLabel,
  type PermissionModel,
  type RoleHierarchy,
} from "../../src/runtime/semantics/index.js";
import { buildModel } from "../analyzer/model.js";
import { InconsistentMroError } from "../helpers/c3.js";
import { makeRole } from "./helpers.js";

/** The runtime registry as plain data: what the semantics read. */
function registryHierarchy(): RoleHierarchy {
  return { roles: new Map($rc.getRoles().map((role) => [role.roleId, { bases: role.bases.map((b) => b.roleId), mro: $rc.mroOf(role) }])) };
}

const CORE: readonly $rc.RoleClass[] = [$rc.UserRole, $rc.Anonymous, $rc.SiteUser, $rc.Expert, $rc.SiteStaff, $rc.Supervisor, $rc.Explorer, $rc.SiteAdmin];

/** For each new role, indexes (mod the roles so far) of its bases. */
const hierarchyArb = fc.array(fc.uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });
/** Items of a requirement: indexes of its members (one member: a plain role). */
const requirementArb = fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 }), { maxLength: 4 });

let runs = 0;

/** Defines a random hierarchy at run time; roles C3 refuses are left out (defineRole throws for them). */
function defineHierarchy(choices: readonly (readonly number[])[]): $rc.RoleClass[] {
  runs += 1;
  const roles = [...CORE];
  choices.forEach((choice, i) => {
    const bases = [...new Set(choice.map((index) => roles[index % roles.length] ?? $rc.UserRole))];
    try {
      roles.push(makeRole($rc, `sem${runs}.R${i}`, bases));
    } catch (error) {
      if (!String(error).includes("Cannot create a consistent method resolution order")) throw error;
    }
  });
  return roles;
}

describe("the runtime's bitset engine against the reference definition", () => {
  it("hasRequiredRoles answers as roleSatisfies over the registry's ids, for classes and user types", () => {
    fc.assert(
      fc.property(hierarchyArb, fc.array(requirementArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (choices, requirements, compiled) => {
        const roles = defineHierarchy(choices);
        const hierarchy = registryHierarchy();
        const types = new $rc.UserTypes(roles.map((role, i) => ({ value: String(i), text: role.roleId, role })));
        for (const choice of requirements) {
          const items = choice.map((members) => {
            const group = members.map((m) => roles[m % roles.length] ?? $rc.UserRole);
            return group.length === 1 ? (group[0] ?? $rc.UserRole) : group;
          });
          // Requirements built by loginRequired are compiled when built; plain arrays on first use.
          const requirement = compiled && items.length > 0 ? $rc.loginRequired(...items) : Object.freeze(items);
          const ids = requirementIds(requirement);
          roles.forEach((role, i) => {
            const expected = roleSatisfies(hierarchy, role.roleId, ids);
            expect($rc.hasRequiredRoles(role, requirement)).toBe(expected);
            expect($rc.hasRequiredRoles(types.items()[i]!, requirement)).toBe(expected);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it("visibleFor of the runtime's user types is visibleForLabel over the registry's ids", () => {
    fc.assert(
      fc.property(hierarchyArb, requirementArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.boolean(), (choices, choice, readonlyTypes, readonly) => {
        const roles = defineHierarchy(choices);
        const list = readonlyTypes.map((ro, i) => ({ value: `v${i}`, names: i % 2 === 0 ? [`n${i}`] : [], text: "t", role: roles[i % roles.length] ?? $rc.UserRole, readonly: ro }));
        const types = new $rc.UserTypes(list);
        const items = choice.map((members) => members.map((m) => roles[m % roles.length] ?? $rc.UserRole));
        const requirement = Object.freeze(items);
        const model: PermissionModel = {
          ...registryHierarchy(),
          userTypes: list.map((t) => ({ value: t.value, names: t.names, role: t.role.roleId, readonly: t.readonly })),
        };
        expect($rc.visibleFor(requirement, { userTypes: types, readonly })).toBe(visibleForLabel(model, requirementIds(requirement), readonly));
      }),
      { numRuns: 200 },
    );
  });

  it("defineRole linearizes as linearizeHierarchy does", () => {
    fc.assert(
      fc.property(hierarchyArb, (choices) => {
        const roles = defineHierarchy(choices);
        const bases = new Map(roles.map((role) => [role.roleId, role.bases.map((b) => b.roleId)]));
        const { mro, inconsistent } = linearizeHierarchy(bases);
        expect(inconsistent).toEqual([]);
        for (const role of roles) expect($rc.mroOf(role)).toEqual(mro.get(role.roleId));
      }),
      { numRuns: 100 },
    );
  });
});

describe("checkmro", () => {
  interface MroCase {
    readonly roles: readonly { readonly id: string; readonly bases: readonly string[] }[];
    readonly error: boolean;
    readonly target: string;
    readonly checkmro_args: readonly string[];
    readonly checkmro: readonly string[];
  }
  const cases = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "lino", "mro_examples.json"), "utf8")) as { cases: MroCase[] }).cases;

  it.each(cases.map((c, i) => [i, c] as const))("the runtime's checkmro(...classes) prints the reference lines (case %i)", (i, example) => {
    // The fixture's roles, defined at run time under a module of their own (core stays the runtime's).
    const rename = (id: string): string => (id.startsWith("core.") ? id : `mro${i}_${id.replace(".", "_")}.${id.split(".")[1] ?? id}`);
    const classes = new Map<string, $rc.RoleClass>(CORE.map((role) => [role.roleId, role]));
    for (const role of example.roles) {
      if (classes.has(role.id) || (example.error && role.id === example.target)) continue;
      classes.set(role.id, makeRole($rc, rename(role.id), role.bases.map((b) => classes.get(b) ?? $rc.UserRole)));
    }
    const args = example.checkmro_args.map((id) => classes.get(id) ?? $rc.UserRole);
    const expected = example.checkmro.map((line) => line.replace(/\S+\.\S+/g, (id) => (id.includes(".") ? rename(id) : id)));
    expect($rc.checkmro(...args)).toEqual(expected);
    const hierarchy = registryHierarchy();
    expect(checkmroLines(args.map((role) => role.roleId), (id) => hierarchy.roles.get(id)?.mro)).toEqual(expected);
  });
});

const ROLES = 9;
const roleId = (i: number): string => `app.R${i}`;
/** Role i has bases among roles j < i (so the graph is acyclic), in random order. */
const modelRolesArb = fc.array(fc.uniqueArray(fc.nat(ROLES - 1), { maxLength: 3 }), { minLength: ROLES, maxLength: ROLES }).map((lists) =>
  lists.map((bases, i) => ({ id: roleId(i), bases: bases.filter((b) => b < i).map(roleId) })),
);
const anyRole = fc.oneof(fc.nat(ROLES - 1).map(roleId), fc.constantFrom("core.SiteUser", "core.SiteStaff", "core.UserRole", "x.Unknown"));

/** A model from random roles and user types, or undefined when C3 refuses the hierarchy. */
function randomModel(roles: readonly { id: string; bases: string[] }[], types: readonly { role: string; readonly: boolean }[]) {
  try {
    return buildModel(roles, types.map((t, i) => ({ value: String(i), role: t.role, readonly: t.readonly })));
  } catch (error) {
    if (error instanceof InconsistentMroError) return undefined;
    throw error;
  }
}

describe("the visibility index against canSee", () => {
  it("gives every user type's verdict as canSee does, for any requirement and readonly", () => {
    fc.assert(
      fc.property(
        modelRolesArb,
        fc.array(fc.record({ role: anyRole, readonly: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.array(fc.array(anyRole, { minLength: 1, maxLength: 3 }), { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (roles, types, requirements) => {
          const model = randomModel(roles, types);
          if (model === undefined) return;
          const index = visibilityIndex(model);
          for (const items of requirements) {
            const requirement = { items: items.map((group) => ({ roles: group })) };
            for (const readonly of [true, false]) {
              const expected = model.userTypes.map((t) => canSee(model, t, requirement, readonly));
              const visible = index.visible(requirement, readonly);
              const shared = index.visibleShared(requirement, readonly);
              expect(model.userTypes.map((_, u) => index.has(visible, u))).toEqual(expected);
              expect(model.userTypes.map((_, u) => index.has(shared, u))).toEqual(expected);
              expect(index.isEmpty(visible)).toBe(!expected.includes(true));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("inheritance paths", () => {
  it("baseTree reaches exactly the MRO, and inheritancePath is a shortest chain of direct bases", () => {
    fc.assert(
      fc.property(modelRolesArb, anyRole, anyRole, (roles, from, to) => {
        const model = randomModel(roles, [{ role: "core.SiteUser", readonly: false }]);
        if (model === undefined) return;
        expect(new Set(baseTree(model, from).keys())).toEqual(ancestorsOf(model, from));
        // Brute force: breadth-first distances over direct bases.
        const distance = new Map([[from, 0]]);
        const queue = [from];
        for (const current of queue) {
          for (const base of model.roles.get(current)?.bases ?? []) {
            if (!distance.has(base)) {
              distance.set(base, (distance.get(current) ?? 0) + 1);
              queue.push(base);
            }
          }
        }
        const path = inheritancePath(model, from, to);
        if (!ancestorsOf(model, from).has(to)) {
          expect(path).toBeUndefined();
          return;
        }
        expect(path?.[0]).toBe(from);
        expect(path?.at(-1)).toBe(to);
        expect(path?.length).toBe((distance.get(to) ?? -2) + 1);
        path?.slice(1).forEach((step, i) => expect(model.roles.get(path[i] ?? "")?.bases).toContain(step));
      }),
      { numRuns: 300 },
    );
  });
});
