/**
 * The report's embedded data is compact: the page computes cells and
 * explanations itself. This reads the data the way report.js does and checks
 * that every cell and every explanation equals what the analyzer's `canSee`
 * and `explain` say, for the Noi example and a big synthetic application.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { explain, inheritancePath } from "../../src/runtime/semantics/index.js";
import type { Application } from "../../src/analyzer/types.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { buildReportData, type ReportData } from "../../src/docs/report-data.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { syntheticApp } from "../browser/synthetic.js";
import { repoRoot } from "../helpers/generated.js";

/** What report.js computes for one cell, from the data alone. */
function cellFromData(data: ReportData, requirement: number, readonly: boolean, t: number) {
  const prev = new Map<number, number>();
  const tree = data.trees[t] ?? [];
  for (let i = 0; i < tree.length; i += 2) prev.set(tree[i] ?? -1, tree[i + 1] ?? -1);
  const pathTo = (r: number): string[] | undefined => {
    if (!prev.has(r)) return undefined;
    const out: string[] = [];
    for (let x = r; x !== -1; x = prev.get(x) ?? -1) out.push(data.roles[x]?.[0] ?? "?");
    return out.reverse();
  };
  const [items, complete] = data.requirements[requirement] ?? [[], 1];
  const explained = items.map((item) => {
    const via = item.find((r) => prev.has(r));
    return via === undefined ? { satisfied: false } : { satisfied: true, via: data.roles[via]?.[0], path: pathTo(via) };
  });
  const readonlyRefusal = data.userTypes[t]?.ro === 1 && !readonly;
  return { items: explained, readonlyRefusal, complete: complete === 1, visible: !readonlyRefusal && explained.every((i) => i.satisfied) };
}

function checkAll(model: RoleModel, app: Application): number {
  const data = buildReportData(model, app, "x", () => null);
  let cells = 0;
  data.actors.forEach((actorData, a) => {
    const actor = app.actors[a];
    if (actor === undefined) throw new Error("actor missing");
    expect(`${data.plugins[actorData[1]]}.${actorData[0]}`).toBe(actor.id);
    const targets = [
      { target: actor, requirement: actorData[2], readonly: true },
      ...actor.actions.map((action, i) => {
        const entry = actorData[6][i];
        expect(`${actor.id}.${entry?.[0]}`).toBe(action.id);
        return { target: action, requirement: entry?.[1] ?? -1, readonly: entry?.[2] === 1 };
      }),
    ];
    for (const { target, requirement, readonly } of targets) {
      model.userTypes.forEach((userType, t) => {
        const server = explain(model, target, userType);
        const client = cellFromData(data, requirement, readonly, t);
        expect(client).toEqual({
          items: server.items.map((i) => (i.satisfied ? { satisfied: true, via: i.via, path: i.path } : { satisfied: false })),
          readonlyRefusal: server.readonlyRefusal,
          complete: server.complete,
          visible: server.visible,
        });
        cells++;
      });
    }
  });
  // The UserRoles cells: the tree's roles are the MRO, its paths inheritancePath's.
  model.userTypes.forEach((userType, t) => {
    const tree = data.trees[t] ?? [];
    const reached = new Set<string>();
    for (let i = 0; i < tree.length; i += 2) reached.add(data.roles[tree[i] ?? -1]?.[0] ?? "?");
    expect(reached).toEqual(new Set(model.roles.get(userType.role)?.mro));
    for (const role of reached) {
      const r = data.roles.findIndex((x) => x[0] === role);
      expect(cellFromData({ ...data, requirements: [[[[r]], 1]] }, 0, true, t).items[0]?.path).toEqual(inheritancePath(model, userType.role, role));
    }
  });
  return cells;
}

describe("the report's data", () => {
  it("gives every cell and explanation of the Noi example exactly as explain() does", async () => {
    const compiled = await loadRoleModel(createNodeHost({ cwd: repoRoot }), join(repoRoot, "user-types/noi"));
    const model = compiled.value.model;
    const app = analyzeApplication({ model, cwd: repoRoot, srcDir: "examples/noi-app/src" }).value;
    expect(checkAll(model, app)).toBe(5 * (23 + 44));
  });

  it("gives every cell of a synthetic application exactly as explain() does", () => {
    const { model, application } = syntheticApp({ userTypes: 24, actors: 400, plugins: 20, seed: 7 });
    expect(checkAll(model, application)).toBeGreaterThan(24 * 400);
  });

  it("stores each distinct requirement once", () => {
    const { model, application } = syntheticApp({ userTypes: 100, actors: 3000, plugins: 40 });
    const data = buildReportData(model, application, "x", () => null);
    const rows = application.actors.reduce((n, a) => n + 1 + a.actions.length, 0);
    expect(data.requirements.length).toBeLessThan(rows / 2);
    expect(new Set(data.requirements.map((r) => JSON.stringify(r))).size).toBe(data.requirements.length);
  });
});
