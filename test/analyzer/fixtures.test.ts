/**
 * Golden fixture cases: each folder of test/fixtures/analyzer holds an
 * application (`src/**`, hand-written `generated/roles/*.ts`), optionally a
 * `model.json` with extra roles or user types for the noi model, and an
 * `expected.json` written by hand from the sources: the actor ids, details
 * of some actors, visible-for answers and every diagnostic with its code,
 * data and position. Adding a case = adding a folder.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/index.js";
import { describeLayoutElement, visibleFor, findTarget, unresolvedParts } from "../../src/runtime/semantics/index.js";
import { renderLayoutRst } from "../../src/report/index.js";
import type { AnalyzedAction, AnalyzedActor, ResolvedRequirement } from "../../src/analyzer/types.js";
import type { Diagnostic, DiagnosticData } from "../../src/diagnostics/diagnostic.js";
import { fixturePath } from "../report/lino-model.js";
import { noiModel, type ModelExtras } from "./model.js";
import { createNodeHost } from "../../src/host/node-host.js";

interface Expected {
  readonly description: string;
  /** Analyzer input, relative to the case folder (default `{ "srcDir": "src" }`). */
  readonly input?: { readonly srcDir?: string; readonly project?: string; readonly out?: string };
  /** Run the lints too (default false, so that declaration cases show only what they are about). */
  readonly lints?: boolean;
  /** Every actor id, in order. */
  readonly ids: readonly string[];
  /** Details of some actors. */
  readonly actors?: Readonly<Record<string, ActorShape>>;
  /** `visible-for` answers, by actor or action id. */
  readonly visibleFor?: Readonly<Record<string, string>>;
  /** Layouts as `show layout` prints them (Lino's py2rst), by actor id (detail layout) or action id (parameter layout), one string per line. */
  readonly layouts?: Readonly<Record<string, readonly string[]>>;
  readonly diagnostics: readonly DiagnosticShape[];
}

interface ActorShape {
  readonly at: string;
  readonly requiredRoles: readonly (readonly string[])[];
  readonly incomplete?: true;
  /** The parts that are not known (items' members, then whole items), when there are any. */
  readonly unresolved?: readonly string[];
  readonly requiredRolesAt: string;
  readonly from: string;
  readonly actions: Readonly<Record<string, ActionShape>>;
}

interface ActionShape {
  readonly at: string;
  readonly readonly: boolean;
  readonly requiredRoles: readonly (readonly string[])[];
  readonly incomplete?: true;
  readonly unresolved?: readonly string[];
}

interface DiagnosticShape {
  readonly code: string;
  readonly at: string;
  readonly data: DiagnosticData;
}

const root = fixturePath("analyzer");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function at(span: { readonly file: string; readonly line: number; readonly column: number }): string {
  return `${span.file}:${span.line}:${span.column}`;
}

function roles(requirement: ResolvedRequirement): readonly (readonly string[])[] {
  return requirement.items.map((item) => item.roles);
}

/** `incomplete` and the texts of the unknown parts, when there are any. */
function unknownParts(requirement: ResolvedRequirement): { incomplete?: true; unresolved?: readonly string[] } {
  if (requirement.complete) return {};
  return { incomplete: true, unresolved: unresolvedParts(requirement) };
}

function actionShape(action: AnalyzedAction): ActionShape {
  return {
    at: at(action.span),
    readonly: action.readonly,
    requiredRoles: roles(action.requiredRoles),
    ...unknownParts(action.requiredRoles),
  };
}

function actorShape(actor: AnalyzedActor): ActorShape {
  return {
    at: at(actor.span),
    requiredRoles: roles(actor.requiredRoles),
    ...unknownParts(actor.requiredRoles),
    requiredRolesAt: at(actor.requiredRolesSpan),
    from: actor.requiredRolesFrom,
    actions: Object.fromEntries(actor.actions.map((a) => [a.name, actionShape(a)])),
  };
}

function diagnosticShape(d: Diagnostic): DiagnosticShape {
  return { code: d.code, at: at(d.span), data: d.data };
}

describe("analyzer fixtures", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const name of cases) {
    const dir = `${root}/${name}`;
    // Trusted, hand-written test data: cast, not validated.
    const expected = JSON.parse(readFileSync(`${dir}/expected.json`, "utf8")) as Expected;
    const extras = existsSync(`${dir}/model.json`) ? (JSON.parse(readFileSync(`${dir}/model.json`, "utf8")) as ModelExtras) : {};

    it(`${name}: ${expected.description}`, () => {
      const model = noiModel(extras);
      const input = expected.input ?? { srcDir: "src" };
      const result = analyzeApplication({ model, host: createNodeHost({ cwd: dir }), lints: expected.lints === true, ...input });
      const app = result.value;

      expect(result.diagnostics.map(diagnosticShape)).toEqual(expected.diagnostics);
      expect(app.actors.map((a) => a.id)).toEqual(expected.ids);
      for (const [id, shape] of Object.entries(expected.actors ?? {})) {
        const actor = app.actors.find((a) => a.id === id);
        expect(actor && actorShape(actor), id).toEqual(shape);
      }
      for (const [id, label] of Object.entries(expected.visibleFor ?? {})) {
        const target = findTarget(app, id);
        expect(target && visibleFor(model, target), id).toBe(label);
      }
      for (const [id, lines] of Object.entries(expected.layouts ?? {})) {
        const target = findTarget(app, id);
        const layout = target === undefined ? undefined : "combined" in target ? target.paramsLayout : target.detailLayout;
        expect(layout && renderLayoutRst(describeLayoutElement(model, layout.main)), id).toBe(`${lines.join("\n")}\n`);
      }
    });
  }
});
