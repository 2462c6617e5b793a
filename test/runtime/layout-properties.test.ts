/**
 * Property test: on random role hierarchies, user types (readonly or not),
 * actors and layouts, the runtime's layout visibility agrees with a
 * brute-force reading of SPEC §6b over MROs computed by the test's own C3:
 * a field is visible for all unless it has its own requirement; a slave
 * table as its actor's default action; a panel for those its own requirement
 * admits (if any) who see at least one of its elements; and a user type
 * finds in the window the visible elements whose enclosing panels are all
 * visible.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as $rc from "../../src/runtime/index.js";
import {
  Actor,
  Anonymous,
  DetailLayout,
  Expert,
  Explorer,
  Field,
  Panel,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  Supervisor,
  UserRole,
  UserTypes,
  type LayoutDescription,
  type LayoutElementInput,
  type RequiredRoles,
  type RequirementItem,
  type RoleClass,
} from "../../src/runtime/index.js";
import { makeRole, referenceC3, referenceSatisfies } from "./helpers.js";

const CORE: RoleClass[] = [UserRole, Anonymous, SiteUser, Expert, SiteStaff, Supervisor, Explorer, SiteAdmin];

interface Node {
  readonly role: RoleClass;
  readonly mro: readonly string[];
}

/** A requirement choice: items that are a bare role or an OR-group (indexes into the roles, mod their number). */
type RequirementChoice = readonly { readonly members: readonly number[]; readonly bare: boolean }[];

type ElementChoice =
  | { readonly kind: "field"; readonly required: RequirementChoice | null }
  | { readonly kind: "slave"; readonly required: RequirementChoice | null }
  | { readonly kind: "panel"; readonly required: RequirementChoice | null; readonly elements: readonly ElementChoice[] };

const hierarchyArb = fc.array(fc.uniqueArray(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 });

const requirementArb: fc.Arbitrary<RequirementChoice> = fc.array(
  fc.record({ members: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 }), bare: fc.boolean() }),
  { maxLength: 3 },
);

const { element: elementArb } = fc.letrec<{ element: ElementChoice }>((tie) => ({
  element: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.record({ kind: fc.constant("field" as const), required: fc.option(requirementArb, { freq: 3 }) }),
    fc.record({ kind: fc.constant("slave" as const), required: fc.option(requirementArb, { freq: 4 }) }),
    fc.record({ kind: fc.constant("panel" as const), required: fc.option(requirementArb, { freq: 2 }), elements: fc.array(tie("element"), { maxLength: 4 }) }),
  ),
}));

let runs = 0;

function buildHierarchy(choices: readonly (readonly number[])[]): Node[] {
  const nodes: Node[] = CORE.map((role) => ({ role, mro: role.mro }));
  const mroById = new Map(nodes.map((node) => [node.role.roleId, node.mro]));
  for (const [i, choice] of choices.entries()) {
    const bases = [...new Set(choice.map((index) => nodes[index % nodes.length]?.role ?? UserRole))];
    const id = `lp${runs}.R${i}`;
    const expected = referenceC3(id, bases.map((base) => base.roleId), (base) => mroById.get(base) ?? []);
    if (expected === undefined) continue; // Python refuses it too; other tests check that the runtime does
    nodes.push({ role: makeRole($rc, id, bases), mro: expected });
    mroById.set(id, expected);
  }
  return nodes;
}

/** The reference's view of an element: its requirement as role ids, and its sub-elements. */
interface Reference {
  readonly name: string;
  readonly kind: "field" | "slave" | "panel";
  /** undefined: no own requirement. A slave's is its actor's. */
  readonly required: readonly (readonly string[])[] | undefined;
  readonly elements: readonly Reference[];
}

describe("layout visibility against a brute-force reference", () => {
  it("agrees on every element's visibility, on visibleFor and on what each user type finds in the window", () => {
    fc.assert(
      fc.property(
        hierarchyArb,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
        fc.array(elementArb, { maxLength: 5 }),
        (hierarchy, readonlyFlags, choices) => {
          runs += 1;
          const nodes = buildHierarchy(hierarchy);
          const pick = (index: number): Node => nodes[index % nodes.length] ?? { role: UserRole, mro: UserRole.mro };
          const requirement = (choice: RequirementChoice): { items: RequiredRoles; ids: string[][] } => {
            const items: RequirementItem[] = choice.map((item) => (item.bare ? pick(item.members[0] ?? 0).role : item.members.map((m) => pick(m).role)));
            const ids = items.map((item) => ($rc.isRoleClass(item) ? [item.roleId] : item.map((role) => role.roleId)));
            return { items, ids };
          };

          let counter = 0;
          const build = (choice: ElementChoice): { input: LayoutElementInput; reference: Reference } => {
            counter += 1;
            const own = choice.required === null ? undefined : requirement(choice.required);
            const options = own === undefined ? {} : { requiredRoles: own.items };
            switch (choice.kind) {
              case "field": {
                const name = `f${counter}`;
                return { input: new Field(name, `Field ${counter}`, options), reference: { name, kind: "field", required: own?.ids, elements: [] } };
              }
              case "slave": {
                const actor = class extends Actor {};
                Object.defineProperty(actor, "name", { value: `A${counter}` });
                actor.appLabel = `lp${runs}`;
                if (own !== undefined) actor.requiredRoles = own.items;
                const reference: Reference = { name: `lp${runs}.A${counter}`, kind: "slave", required: own?.ids ?? [["core.SiteUser"]], elements: [] };
                return { input: actor, reference };
              }
              case "panel": {
                const name = `p${counter}`;
                const children = choice.elements.map(build);
                return {
                  input: new Panel(name, counter % 2 === 0 ? null : `Panel ${counter}`, children.map((c) => c.input), options),
                  reference: { name, kind: "panel", required: own?.ids, elements: children.map((c) => c.reference) },
                };
              }
            }
          };
          const built = choices.map(build);
          const layout = new DetailLayout(built.map((b) => b.input));
          const main: Reference = { name: "main", kind: "panel", required: undefined, elements: built.map((b) => b.reference) };

          const types = new UserTypes(
            nodes.map((node, i) => ({ value: String(i + 1), names: [], text: node.role.roleId, role: node.role, readonly: readonlyFlags[i % readonlyFlags.length] ?? false })),
          );

          // The brute-force reading of the rules.
          const visible = (element: Reference, mro: readonly string[]): boolean => {
            const own = element.required === undefined || referenceSatisfies(mro, element.required);
            if (element.kind !== "panel") return own;
            return own && element.elements.some((child) => visible(child, mro));
          };
          const found = (mro: readonly string[]): string[] => {
            const names: string[] = [];
            const visit = (panel: Reference): void => {
              for (const child of panel.elements) {
                if (!visible(child, mro)) continue;
                names.push(child.name);
                visit(child);
              }
            };
            if (visible(main, mro)) visit(main);
            return names;
          };
          const visibleFor = (element: Reference): string => {
            const allowed = nodes.flatMap((node, i) => (visible(element, node.mro) ? [String(i + 1)] : []));
            if (allowed.length === nodes.length) return "all";
            return allowed.length === 0 ? "nobody" : allowed.join(" ");
          };

          for (const [i, node] of nodes.entries()) {
            const userType = types.items()[i];
            if (userType === undefined) throw new Error("user types");
            expect(layout.visibleElements(userType).map((e) => e.name)).toEqual(found(node.mro));
            expect(layout.main.isVisibleFor(userType)).toBe(visible(main, node.mro));
          }
          const compare = (described: LayoutDescription, reference: Reference): void => {
            expect(described.name).toBe(reference.name);
            expect(described.kind).toBe(reference.kind);
            expect(described.visibleFor).toBe(visibleFor(reference));
            expect(described.elements).toHaveLength(reference.elements.length);
            described.elements.forEach((child, i) => {
              const ref = reference.elements[i];
              if (ref !== undefined) compare(child, ref);
            });
          };
          compare(layout.describe(types), main);
        },
      ),
      { numRuns: 200 },
    );
  });
});
