/**
 * Property: on random layouts, the static analyzer (reading TypeScript
 * sources) and the runtime (running the same declarations) agree on who
 * sees each element (`visibleFor`, as `show layout` prints it) and on what
 * each user type finds in the window (`visibleElements`).
 *
 * The application is written twice from one random choice: as source text
 * for the analyzer (in memory, laid over an empty folder) and as runtime
 * objects (`DetailLayout`, `Panel`, `Field`, actor classes as slave tables).
 * Requirements name the core roles, which both sides know; user types have
 * random core roles and random readonly flags.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/index.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { withOverlays } from "../../src/host/overlay-host.js";
import * as rt from "../../src/runtime/index.js";
import { describeLayoutElement, visibleLayoutElements, type LayoutElementDescription } from "../../src/runtime/semantics/index.js";
import { buildModel } from "./model.js";

const CORE = ["UserRole", "Anonymous", "SiteUser", "Expert", "SiteStaff", "Supervisor", "Explorer", "SiteAdmin"] as const;
type CoreName = (typeof CORE)[number];
const CLASSES: Record<CoreName, rt.RoleClass> = {
  UserRole: rt.UserRole,
  Anonymous: rt.Anonymous,
  SiteUser: rt.SiteUser,
  Expert: rt.Expert,
  SiteStaff: rt.SiteStaff,
  Supervisor: rt.Supervisor,
  Explorer: rt.Explorer,
  SiteAdmin: rt.SiteAdmin,
};

/** Items: a bare role, or an OR-group of roles. */
type RequirementChoice = readonly (CoreName | readonly CoreName[])[];

type ElementChoice =
  | { readonly kind: "field"; readonly required: RequirementChoice | null; readonly label: boolean }
  | { readonly kind: "slave"; readonly required: RequirementChoice | null }
  | { readonly kind: "panel"; readonly required: RequirementChoice | null; readonly label: boolean; readonly elements: readonly ElementChoice[] };

const roleArb = fc.constantFrom(...CORE);
const requirementArb: fc.Arbitrary<RequirementChoice> = fc.array(fc.oneof(roleArb, fc.array(roleArb, { minLength: 1, maxLength: 3 })), { maxLength: 3 });

const { element: elementArb } = fc.letrec<{ element: ElementChoice }>((tie) => ({
  element: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.record({ kind: fc.constant("field" as const), required: fc.option(requirementArb, { freq: 3 }), label: fc.boolean() }),
    fc.record({ kind: fc.constant("slave" as const), required: fc.option(requirementArb, { freq: 4 }) }),
    fc.record({
      kind: fc.constant("panel" as const),
      required: fc.option(requirementArb, { freq: 2 }),
      label: fc.boolean(),
      elements: fc.array(tie("element"), { maxLength: 4 }),
    }),
  ),
}));

const userTypesArb = fc.array(fc.record({ role: roleArb, readonly: fc.boolean() }), { minLength: 1, maxLength: 6 });

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The source text of a requirement, and its runtime value. */
function requirement(choice: RequirementChoice): { readonly text: string; readonly value: rt.RequiredRoles } {
  const text = `[${choice.map((item) => (typeof item === "string" ? item : `[${item.join(", ")}]`)).join(", ")}]`;
  const value = choice.map((item) => (typeof item === "string" ? CLASSES[item] : item.map((name) => CLASSES[name])));
  return { text, value };
}

interface Built {
  /** Classes (slave tables' actors) the source declares before the layout. */
  readonly classes: string[];
  readonly runtimeActors: (typeof rt.Actor)[];
}

/** One element as source text and as a runtime object; numbers every element so that names are unique. */
function build(choice: ElementChoice, counter: { n: number }, built: Built): { readonly text: string; readonly value: rt.LayoutElementInput } {
  counter.n += 1;
  const n = counter.n;
  const own = choice.required === null ? undefined : requirement(choice.required);
  const optionsText = own === undefined ? "" : `, { requiredRoles: ${own.text} }`;
  const options = own === undefined ? {} : { requiredRoles: own.value };
  switch (choice.kind) {
    case "field": {
      const label = choice.label ? `Field ${n}` : null;
      return { text: `new Field("f${n}", ${JSON.stringify(label)}${optionsText})`, value: new rt.Field(`f${n}`, label, options) };
    }
    case "slave": {
      const name = `A${n}`;
      built.classes.push(`export class ${name} extends Actor {${own === undefined ? "" : ` static override requiredRoles = ${own.text};`} }`);
      const actor = class extends rt.Actor {};
      Object.defineProperty(actor, "name", { value: name });
      actor.appLabel = "app";
      if (own !== undefined) actor.requiredRoles = own.value;
      built.runtimeActors.push(actor);
      return { text: name, value: actor };
    }
    case "panel": {
      const label = choice.label ? `Panel ${n}` : null;
      const children = choice.elements.map((child) => build(child, counter, built));
      return {
        text: `new Panel("p${n}", ${JSON.stringify(label)}, [${children.map((c) => c.text).join(", ")}]${optionsText})`,
        value: new rt.Panel(`p${n}`, label, children.map((c) => c.value), options),
      };
    }
  }
}

/** The runtime's description as the analyzer's: name, label, kind, visibleFor, elements. */
function plain(node: rt.LayoutDescription | LayoutElementDescription): unknown {
  return { name: node.name, label: node.label, kind: node.kind, visibleFor: node.visibleFor, elements: node.elements.map(plain) };
}

describe("layouts: the analyzer and the runtime agree (property)", () => {
  it("on every element's visibleFor and on what each user type finds in the window", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rolecraft-layouts-"));
    dirs.push(dir);
    const file = path.join(dir, "src", "app", "app.ts");
    const overlays = new Map<string, string>();
    const host = withOverlays(createNodeHost({ cwd: dir }), overlays);
    fc.assert(
      fc.property(userTypesArb, fc.array(elementArb, { maxLength: 5 }), (types, choices) => {
        const built: Built = { classes: [], runtimeActors: [] };
        const counter = { n: 0 };
        const elements = choices.map((choice) => build(choice, counter, built));
        overlays.set(
          file,
          [
            `import { Actor, DetailLayout, Field, Panel, ${CORE.join(", ")} } from "rolecraft/runtime";`,
            ...built.classes,
            `export class Host extends Actor {`,
            `  static override detailLayout = new DetailLayout([${elements.map((e) => e.text).join(", ")}]);`,
            `}`,
            "",
          ].join("\n"),
        );
        const model = buildModel(
          [],
          types.map((t, i) => ({ value: String(i + 1), role: `core.${t.role}`, readonly: t.readonly })),
        );
        const analysis = analyzeApplication({ model, files: ["src/app/app.ts"], host, lints: false });
        expect(analysis.diagnostics).toEqual([]);
        const analyzed = analysis.value.actors.find((a) => a.id === "app.Host")?.detailLayout;
        if (analyzed === undefined) throw new Error("no layout read");

        const layout = new rt.DetailLayout(elements.map((e) => e.value));
        const userTypes = new rt.UserTypes(types.map((t, i) => ({ value: String(i + 1), names: [], text: String(i + 1), role: CLASSES[t.role], readonly: t.readonly })));

        expect(plain(describeLayoutElement(model, analyzed.main))).toEqual(plain(layout.describe(userTypes)));
        model.userTypes.forEach((userType, i) => {
          const runtimeType = userTypes.items()[i];
          if (runtimeType === undefined) throw new Error("user types");
          expect(visibleLayoutElements(model, userType, analyzed.main).map((e) => (e.kind === "unknown" ? e.text : e.name))).toEqual(layout.visibleElements(runtimeType).map((e) => e.name));
        });
      }),
      { numRuns: 100 },
    );
  });
});
