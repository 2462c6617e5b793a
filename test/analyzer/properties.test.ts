/**
 * Property: canSee agrees with a brute-force reading of Lino's rule (walk the
 * bases transitively; readonly types only see readonly things) on random
 * hierarchies, user types and requirements.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canSee, visibleForLabel } from "../../src/runtime/semantics/index.js";
import { InconsistentMroError } from "../helpers/c3.js";
import { buildModel } from "./model.js";

const ROLES = 8;
const roleId = (i: number): string => `app.R${i}`;

/** Role i has bases among roles j < i (so the graph is acyclic), in random order. */
const hierarchy = fc.array(fc.uniqueArray(fc.nat(ROLES - 1), { maxLength: 3 }), { minLength: ROLES, maxLength: ROLES }).map((lists) =>
  lists.map((bases, i) => ({ id: roleId(i), bases: bases.filter((b) => b < i).map(roleId) })),
);
const anyRole = fc.oneof(fc.nat(ROLES - 1).map(roleId), fc.constantFrom("core.SiteUser", "core.SiteStaff", "core.UserRole"));
const requirementArb = fc.array(fc.array(anyRole, { minLength: 1, maxLength: 3 }), { maxLength: 4 });
const userTypesArb = fc.array(fc.record({ role: anyRole, readonly: fc.boolean() }), { minLength: 1, maxLength: 5 });

describe("canSee (property)", () => {
  it("agrees with brute force over random hierarchies and requirements", () => {
    fc.assert(
      fc.property(hierarchy, userTypesArb, requirementArb, fc.boolean(), (roles, types, items, readonly) => {
        let model;
        try {
          model = buildModel(
            roles,
            types.map((t, i) => ({ value: String(i), role: t.role, readonly: t.readonly })),
          );
        } catch (error) {
          if (error instanceof InconsistentMroError) return true; // Python would reject such a hierarchy
          throw error;
        }
        const bases = new Map([...model.roles.values()].map((r) => [r.id, r.bases]));
        const inherits = (role: string, required: string): boolean =>
          role === required || (bases.get(role) ?? []).some((b) => inherits(b, required));
        const requirement = { items: items.map((roles) => ({ roles })) };
        const expected = model.userTypes.map((t) => !(t.readonly && !readonly) && items.every((group) => group.some((r) => inherits(t.role, r))));
        expect(model.userTypes.map((t) => canSee(model, t, requirement, readonly))).toEqual(expected);

        const labels = model.userTypes.filter((_, i) => expected[i]).map((t) => t.value);
        const label = labels.length === 0 ? "nobody" : labels.length === model.userTypes.length ? "all" : labels.join(" ");
        expect(visibleForLabel(model, requirement, readonly)).toBe(label);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
