/**
 * Property-based tests: over random multi-base hierarchies defined at run
 * time, the bitset engine agrees with a naive reference evaluation over MROs
 * computed by the test's own C3.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as $rc from "../../src/runtime/index.js";
import {
  Anonymous,
  Expert,
  Explorer,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  Supervisor,
  UserRole,
  hasRequiredRoles,
  isSubclass,
  type RequirementItem,
  type RoleClass,
} from "../../src/runtime/index.js";
import { makeRole, referenceC3, referenceSatisfies } from "./helpers.js";

const CORE: RoleClass[] = [UserRole, Anonymous, SiteUser, Expert, SiteStaff, Supervisor, Explorer, SiteAdmin];

/** A role of the hierarchy under test, with the MRO the test computed. */
interface Node {
  readonly role: RoleClass;
  readonly mro: readonly string[];
}

/** Base choices: for each new role, indexes (mod the roles so far) of its bases. */
const hierarchyArb = fc.array(
  fc.record({
    bases: fc.uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 4 }),
    declareMro: fc.boolean(),
  }),
  { minLength: 1, maxLength: 14 },
);

/** Requirement choices: items that are a bare role or an OR-group. */
const requirementArb = fc.array(
  fc.record({ members: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 4 }), bare: fc.boolean() }),
  { maxLength: 5 },
);

let runs = 0;

/** Defines the random hierarchy; returns the nodes that could be defined (C3 permitting). */
function buildHierarchy(choices: readonly { bases: readonly number[]; declareMro: boolean }[]): Node[] {
  runs += 1;
  const nodes: Node[] = CORE.map((role) => ({ role, mro: role.mro }));
  const mroById = new Map(nodes.map((node) => [node.role.roleId, node.mro]));
  for (const [i, choice] of choices.entries()) {
    const bases = [...new Set(choice.bases.map((index) => nodes[index % nodes.length]?.role ?? UserRole))];
    const id = `p${runs}.R${i}`;
    const expected = referenceC3(
      id,
      bases.map((base) => base.roleId),
      (base) => mroById.get(base) ?? [],
    );
    if (expected === undefined) {
      // the runtime must refuse it, as Python would
      expect(() => makeRole($rc, id, bases)).toThrow("Cannot create a consistent method resolution order");
      continue;
    }
    const role = makeRole($rc, id, bases, choice.declareMro ? expected : "omit");
    expect(role.mro).toEqual(expected);
    nodes.push({ role, mro: expected });
    mroById.set(id, expected);
  }
  return nodes;
}

function buildRequirement(nodes: readonly Node[], choices: readonly { members: readonly number[]; bare: boolean }[]) {
  const pick = (index: number): RoleClass => nodes[index % nodes.length]?.role ?? UserRole;
  const items: RequirementItem[] = choices.map((choice) =>
    choice.bare ? pick(choice.members[0] ?? 0) : choice.members.map(pick),
  );
  const reference = items.map((item) => ($rc.isRoleClass(item) ? [item.roleId] : item.map((role) => role.roleId)));
  return { items: Object.freeze(items), reference };
}

describe("hasRequiredRoles through requirements compiled when built, for user types", () => {
  it("agrees with the reference (inline masks, code, multi-word OR-groups, empty requirements)", () => {
    fc.assert(
      fc.property(hierarchyArb, fc.array(requirementArb, { minLength: 1, maxLength: 4 }), (hierarchy, requirements) => {
        const nodes = buildHierarchy(hierarchy);
        const types = new $rc.UserTypes(nodes.map((node, i) => ({ value: String(i + 1), names: [], text: node.role.roleId, role: node.role })));
        for (const choice of requirements) {
          const { items, reference } = buildRequirement(nodes, choice);
          // loginRequired de-duplicates as Python's set would; the reference keeps every item (the same answer).
          const compiled = items.length === 0 ? $rc.loginRequired() : $rc.loginRequired(...items);
          const expectedReference = items.length === 0 ? [["core.SiteUser"]] : reference;
          nodes.forEach((node, i) => {
            const expected = referenceSatisfies(node.mro, expectedReference);
            const userType = types.items()[i]!;
            expect(hasRequiredRoles(userType, compiled)).toBe(expected);
            expect(userType.hasRequiredRoles(compiled)).toBe(expected);
            expect(hasRequiredRoles(node.role, compiled)).toBe(expected);
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("hasRequiredRoles (bitset engine) against a naive reference", () => {
  it("agrees for every role of random multi-base hierarchies and random requirements", () => {
    fc.assert(
      fc.property(hierarchyArb, fc.array(requirementArb, { minLength: 1, maxLength: 4 }), (hierarchy, requirements) => {
        const nodes = buildHierarchy(hierarchy);
        for (const choice of requirements) {
          const { items, reference } = buildRequirement(nodes, choice);
          for (const node of nodes) {
            const expected = referenceSatisfies(node.mro, reference);
            expect(hasRequiredRoles(node.role, items)).toBe(expected);
            // a second call takes the cached, compiled requirement
            expect(hasRequiredRoles(node.role, items)).toBe(expected);
            expect(new node.role().hasRequiredRoles(items)).toBe(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with isSubclass and instanceof for every pair of roles", () => {
    fc.assert(
      fc.property(hierarchyArb, (hierarchy) => {
        const nodes = buildHierarchy(hierarchy);
        for (const a of nodes) {
          const instance = new a.role();
          for (const b of nodes) {
            const expected = a.mro.includes(b.role.roleId);
            expect(isSubclass(a.role, b.role)).toBe(expected);
            expect(instance instanceof b.role).toBe(expected);
            expect(hasRequiredRoles(a.role, [b.role])).toBe(expected);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps cached requirements right while the registry grows", () => {
    // Requirements compiled early (few roles, one bit word) are reused after
    // hundreds of roles exist (many words), and vice versa.
    const early = buildHierarchy([{ bases: [2, 5], declareMro: false }, { bases: [8], declareMro: true }]);
    const earlyRequirement = Object.freeze([[early[8]?.role ?? UserRole, Explorer]]);
    const before = early.map((node) => hasRequiredRoles(node.role, earlyRequirement));
    fc.assert(
      fc.property(hierarchyArb, requirementArb, (hierarchy, choice) => {
        const nodes = buildHierarchy(hierarchy);
        const { items, reference } = buildRequirement([...early, ...nodes], choice);
        for (const node of [...early, ...nodes]) {
          expect(hasRequiredRoles(node.role, items)).toBe(referenceSatisfies(node.mro, reference));
        }
      }),
      { numRuns: 100 },
    );
    expect(early.map((node) => hasRequiredRoles(node.role, earlyRequirement))).toEqual(before);
    expect($rc.getRoles().length).toBeGreaterThan(64);
  });
});
