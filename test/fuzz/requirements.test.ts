/**
 * Fuzzing the analyzer: small applications written per SPEC §6 whose actors
 * and actions require random expressions in every supported form
 * (loginRequired(…), array literals with OR-groups, addRequirements(…),
 * consts from another file, named, aliased and namespace imports), plus
 * broken ones (empty OR-groups, non-roles, calls it can't follow, mutated
 * source text). Properties: nothing throws; every diagnostic lies inside
 * its file; the same sources give the same result; and for every
 * expression of a supported form, the resolved requirement is exactly the
 * one written and `visible-for` matches a brute-force evaluation over the
 * compiled MROs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { visibleFor } from "../../src/runtime/semantics/index.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { expectInsideFiles } from "../security/helpers.js";
import { mutate, params } from "./helpers.js";

const ROLES = `module: app
roles:
  Reader: [core.SiteUser]
  Writer: [Reader]
  Auditor: [core.SiteUser]
  Boss: [Writer, Auditor]
  Outsider: []
userTypes:
  - { value: "000", names: anonymous, text: Anonymous, role: core.Anonymous, readonly: true }
  - { value: "100", names: reader, text: Reader, role: Reader }
  - { value: "150", names: auditor, text: Auditor, role: Auditor, readonly: true }
  - { value: "200", names: writer, text: Writer, role: Writer }
  - { value: "900", names: boss, text: Boss, role: Boss }
  - { value: "910", names: admin, text: Admin, role: core.SiteAdmin }
`;

/** How a role can be written in the application, and the role it means. */
const REFERENCES: readonly (readonly [string, string])[] = [
  ["Reader", "app.Reader"],
  ["W", "app.Writer"],
  ["app.Auditor", "app.Auditor"],
  ["app.Boss", "app.Boss"],
  ["app.Outsider", "app.Outsider"],
  ["SiteUser", "core.SiteUser"],
  ["SiteStaff", "core.SiteStaff"],
  ["core.Supervisor", "core.Supervisor"],
];

/** An expression and the requirement (AND-list of OR-groups of role ids) it means; `undefined` for broken ones. */
interface Expr {
  readonly code: string;
  readonly items: readonly (readonly string[])[] | undefined;
}

const reference = fc.constantFrom(...REFERENCES);
const item: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 3, arbitrary: reference.map(([code, id]) => ({ code, items: [[id]] })) },
  { weight: 2, arbitrary: fc.uniqueArray(reference, { minLength: 1, maxLength: 3, selector: ([, id]) => id }).map((refs) => ({ code: `[${refs.map(([c]) => c).join(", ")}]`, items: [refs.map(([, id]) => id)] })) },
);
const items = fc.array(item, { maxLength: 3 });
const concat = (parts: readonly Expr[]): readonly (readonly string[])[] => parts.flatMap((p) => p.items ?? []);

const validExpr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    items.map((parts) => (parts.length === 0 ? { code: "loginRequired()", items: [["core.SiteUser"]] } : { code: `loginRequired(${parts.map((p) => p.code).join(", ")})`, items: concat(parts) })),
    items.map((parts) => ({ code: `[${parts.map((p) => p.code).join(", ")}]`, items: concat(parts) })),
    fc.tuple(tie("expr"), items).map(([base, parts]) => ({ code: `addRequirements(${[base.code, ...parts.map((p) => p.code)].join(", ")})`, items: [...(base.items ?? []), ...concat(parts)] })),
  ),
})).expr;

const brokenExpr: fc.Arbitrary<Expr> = fc.constantFrom(
  { code: "[[]]", items: undefined },
  { code: "loginRequired([])", items: undefined },
  { code: "[Reader, 1]", items: undefined },
  { code: "[Reader, \"core.SiteUser\"]", items: undefined },
  { code: "someCall()", items: undefined },
  { code: "Math.random() > 0.5 ? [Reader] : [W]", items: undefined },
  { code: "[Unknown]", items: undefined },
  { code: "[...rest]", items: undefined },
  { code: "null", items: undefined },
  { code: "loginRequired(app)", items: undefined },
);

interface ActorSpec {
  readonly actor: Expr | "inherit" | "const";
  readonly actions: readonly { readonly expr: Expr | undefined; readonly readonly: boolean }[];
}

const actorSpec: fc.Arbitrary<ActorSpec> = fc.record({
  actor: fc.oneof({ weight: 5, arbitrary: validExpr }, { weight: 1, arbitrary: brokenExpr }, { weight: 1, arbitrary: fc.constantFrom("inherit" as const, "const" as const) }),
  actions: fc.array(fc.record({ expr: fc.option(fc.oneof({ weight: 4, arbitrary: validExpr }, { weight: 1, arbitrary: brokenExpr }), { nil: undefined }), readonly: fc.boolean() }), { maxLength: 2 }),
});

interface AppSpec {
  readonly actors: readonly ActorSpec[];
  readonly consts: readonly Expr[];
  readonly mutation: number | undefined;
}

const app: fc.Arbitrary<AppSpec> = fc.record({
  actors: fc.array(actorSpec, { minLength: 1, maxLength: 8 }),
  consts: fc.array(validExpr, { minLength: 1, maxLength: 2 }),
  mutation: fc.option(fc.nat(), { nil: undefined, freq: 6 }),
});

/** The sources of an application; returns the files and the requirement each actor/action should resolve to. */
function writeApp(dir: string, spec: AppSpec): Map<string, Expr["items"]> {
  const expected = new Map<string, Expr["items"]>();
  const header = [
    'import { Action, Actor, addRequirements, loginRequired } from "rolecraft/runtime";',
    'import { Reader, Writer as W } from "../../generated/roles/app.js";',
    'import * as app from "../../generated/roles/app.js";',
    'import * as core from "../../generated/roles/core.js";',
    'import { SiteStaff, SiteUser } from "../../generated/roles/core.js";',
  ];
  const consts = [...header, ...spec.consts.map((c, i) => `export const REQ${i} = ${c.code};`), ""].join("\n");
  const lines = [...header, `import { ${spec.consts.map((_, i) => `REQ${i}`).join(", ")} } from "./consts.js";`, "void [Reader, W, app, core, SiteStaff, SiteUser, addRequirements, loginRequired, Action];", ""];
  spec.actors.forEach((actor, i) => {
    const parent = actor.actor === "inherit" && i > 0 ? `Actor${i - 1}` : "Actor";
    const own = actor.actor === "inherit" ? undefined : actor.actor === "const" ? { code: `REQ${i % spec.consts.length}`, items: spec.consts[i % spec.consts.length]!.items } : actor.actor;
    const inherited = parent === "Actor" ? [["core.SiteUser"]] : expected.get(`plugin.Actor${i - 1}`);
    const items = own === undefined ? inherited : own.items;
    expected.set(`plugin.Actor${i}`, items);
    lines.push(`export class Actor${i} extends ${parent} {`);
    if (own !== undefined) lines.push(`  static override requiredRoles = ${own.code};`);
    if (actor.actions.length > 0) {
      lines.push("  static override actions = {");
      actor.actions.forEach((action, j) => {
        const options = [...(action.expr === undefined ? [] : [`requiredRoles: ${action.expr.code}`]), `readonly: ${action.readonly}`].join(", ");
        lines.push(`    act${j}: new Action({ ${options} }),`);
        const combined = items === undefined || (action.expr !== undefined && action.expr.items === undefined) ? undefined : [...items, ...(action.expr?.items ?? [])];
        expected.set(`plugin.Actor${i}.act${j}`, combined);
      });
      lines.push("  };");
    }
    lines.push("}", "");
  });
  let source = lines.join("\n");
  if (spec.mutation !== undefined) {
    source = fc.sample(mutate(source), { numRuns: 1, seed: spec.mutation })[0]!;
    expected.clear(); // broken source: only the robustness properties apply
  }
  mkdirSync(join(dir, "plugin"), { recursive: true });
  writeFileSync(join(dir, "plugin", "consts.ts"), consts);
  writeFileSync(join(dir, "plugin", "actors.ts"), source);
  return expected;
}

let base: string;
let model: RoleModel;

beforeAll(async () => {
  base = freshDir("fuzz-app");
  writeFileSync(join(base, "roles.yaml"), ROLES);
  const compiled = await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: base });
  expect(compiled.code, compiled.stderr).toBe(0);
  const loaded = await loadRoleModel(createNodeHost({ cwd: base }), "roles.yaml");
  expect(loaded.diagnostics).toEqual([]);
  model = loaded.value.model;
}, 60_000);

/** Lino's rule by brute force: every item met by the type's MRO, and a readonly type sees only readonly targets. */
function bruteForceVisibleFor(items: readonly (readonly string[])[], readonly: boolean): string {
  const labels = model.userTypes
    .filter((t) => (readonly || !t.readonly) && items.every((group) => group.some((id) => model.roles.get(t.role)!.mro.includes(id))))
    .map((t) => t.names[0] ?? t.value);
  return labels.length === 0 ? "nobody" : labels.length === model.userTypes.length ? "all" : labels.join(" ");
}

describe("fuzzing the analyzer with random requirement expressions", () => {
  let n = 0;
  it("resolves every supported form exactly, never crashes, keeps positions inside files, and is deterministic", async () => {
    await fc.assert(
      fc.asyncProperty(app, async (spec) => {
        const dir = join(base, `src${n++}`);
        const expected = writeApp(dir, spec);
        const analyze = (): ReturnType<typeof analyzeApplication> => analyzeApplication({ model, srcDir: relative(base, dir), host: createNodeHost({ cwd: base }) });
        const first = analyze();
        const second = analyze();
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        expectInsideFiles(base, first.diagnostics.map((d) => d.span));
        for (const actor of first.value.actors) {
          const targets = [
            { id: actor.id, requirement: actor.requiredRoles, readonly: true, target: actor },
            ...actor.actions.map((a) => ({ id: a.id, requirement: a.combined, readonly: a.readonly, target: a })),
          ];
          for (const { id, requirement, readonly, target } of targets) {
            const items = expected.get(id);
            if (items === undefined) continue;
            expect(requirement.complete, id).toBe(true);
            expect(requirement.items.map((i) => i.roles), `${id} in\n${JSON.stringify(spec)}`).toEqual(items);
            expect(visibleFor(model, target), id).toBe(bruteForceVisibleFor(items, readonly));
          }
        }
        // Every actor written was found (unless the source was mutated).
        if (spec.mutation === undefined) expect(first.value.actors.map((a) => a.id).sort()).toEqual(spec.actors.map((_, i) => `plugin.Actor${i}`).sort());
      }),
      params(150, 707),
    );
  });

  it("the CLI on such applications: exit code never 2", async () => {
    let m = 0;
    await fc.assert(
      fc.asyncProperty(app, async (spec) => {
        const dir = join(base, `cli${m++}`);
        writeApp(dir, spec);
        for (const args of [["check", "roles.yaml", "--src", relative(base, dir), "--format", "json"], ["show", "actors", "roles.yaml", "--src", relative(base, dir)]]) {
          const run = await cli(args, { cwd: base });
          expect(run.code, run.stderr).not.toBe(2);
          expect(run.stderr).not.toContain("internal error");
        }
      }),
      params(20, 808),
    );
  });
});
