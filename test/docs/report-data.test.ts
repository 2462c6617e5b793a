/**
 * The report embeds the answers, and its script only looks them up. This
 * reads the data the way report.js does (decoding, no permission logic) and
 * checks that every cell, every explanation and every visible_for line
 * equals what the runtime's semantics say (`accessOf`, `explain`,
 * `visibleFor`, `inheritancePath`), for the Noi example and big synthetic
 * applications, with readonly user types, writing actions and partly
 * unresolved requirements.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import type { AnalyzedActor, Application, ResolvedRequirement } from "../../src/analyzer/types.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { buildReportData, verdictCode, type ReportData } from "../../src/docs/report-data.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { accessOf, ancestorsOf, explain, inheritancePath, permissionOf, readonlyRefuses, visibleFor, visibleLayoutElements } from "../../src/runtime/semantics/index.js";
import type { ReportLayoutElement } from "../../src/docs/report-data.js";
import { syntheticApp } from "../browser/synthetic.js";
import { repoRoot } from "../helpers/generated.js";

/** What report.js shows for one cell, read from the data alone. */
function cellFromData(data: ReportData, permission: number, t: number) {
  const prev = new Map<number, number>();
  const tree = data.trees[t] ?? [];
  for (let i = 0; i < tree.length; i += 2) prev.set(tree[i] ?? -1, tree[i + 1] ?? -1);
  const pathTo = (r: number): string[] | undefined => {
    if (!prev.has(r)) return undefined;
    const out: string[] = [];
    for (let x = r; x !== -1; x = prev.get(x) ?? -1) out.push(data.roles[x]?.[0] ?? "?");
    return out.reverse();
  };
  const [requirement = -1, , verdicts = -1] = data.permissions[permission] ?? [];
  const [items = [], complete = 1, , unresolved = []] = data.requirements[requirement] ?? [];
  const code = data.verdicts[verdicts]?.charAt(t) ?? "?";
  const explained = items.map((i) => {
    const via = data.items[i]?.[2][t] ?? -1;
    const unknown = data.items[i]?.[3] ?? [];
    if (via < 0) return { satisfied: false, satisfaction: unknown.length > 0 ? "unknown" : "unsatisfied" };
    return { satisfied: true, satisfaction: "satisfied", via: data.roles[via]?.[0], path: pathTo(via) };
  });
  // An unknown verdict is its own code (3), never shown as visible.
  return { code, items: explained, readonlyRefusal: code === "2" || code === "4", complete: complete === 1, unresolved, visible: code === "1" };
}

/** report.js's visible_for line of a row, as its script writes it from the verdicts and the unknown parts. */
function visibleForFromData(data: ReportData, permission: number): string {
  const [requirement = -1, , verdicts = -1] = data.permissions[permission] ?? [];
  const row = data.verdicts[verdicts] ?? "";
  const labels = data.userTypes.filter((_, t) => row[t] === "1").map((u) => u.l);
  const unknown = data.userTypes.filter((_, t) => row[t] === "3").map((u) => u.l);
  if (unknown.length > 0) {
    const [items = [], , , whole = []] = data.requirements[requirement] ?? [];
    const parts = [...new Set([...items.flatMap((i) => data.items[i]?.[3] ?? []), ...whole])];
    return `unknown (${[`unresolved: ${parts.join(", ")}`, ...(labels.length > 0 ? [`visible for: ${labels.join(" ")}`] : []), `unknown for: ${unknown.join(" ")}`].join("; ")})`;
  }
  return labels.length === 0 ? "nobody" : labels.length === data.userTypes.length ? "all" : labels.join(" ");
}

function checkAll(model: RoleModel, app: Application): number {
  const data = buildReportData(model, app, "x", () => null);
  let cells = 0;
  data.actors.forEach((actorData, a) => {
    const actor = app.actors[a];
    if (actor === undefined) throw new Error("actor missing");
    expect(`${data.plugins[actorData[1]]}.${actorData[0]}`).toBe(actor.id);
    const targets = [
      { target: actor, permission: actorData[2] },
      ...actor.actions.map((action, i) => {
        const entry = actorData[6][i];
        expect(`${actor.id}.${entry?.[0]}`).toBe(action.id);
        return { target: action, permission: entry?.[1] ?? -1 };
      }),
    ];
    for (const { target, permission } of targets) {
      const permissionData = data.permissions[permission];
      expect(permissionData?.[1]).toBe(permissionOf(target).readonly ? 1 : 0);
      expect(visibleForFromData(data, permission)).toBe(visibleFor(model, target));
      model.userTypes.forEach((userType, t) => {
        const server = explain(model, target, userType);
        const { code, ...client } = cellFromData(data, permission, t);
        expect(code).toBe(verdictCode(accessOf(model, userType, permissionOf(target)), readonlyRefuses(userType.readonly, permissionOf(target).readonly)));
        expect(client).toEqual({
          items: server.items.map((i) => (i.satisfied ? { satisfied: true, satisfaction: "satisfied", via: i.via, path: i.path } : { satisfied: false, satisfaction: i.satisfaction })),
          readonlyRefusal: server.readonlyRefusal,
          complete: server.complete,
          unresolved: server.unresolved.map((u) => u.text),
          visible: server.visible,
        });
        cells++;
      });
    }
  });
  // The UserRoles cells, and the tree's paths are inheritancePath's.
  model.meaningful.forEach((role, m) => {
    expect(data.userRoles[m]).toBe(model.userTypes.map((t) => (ancestorsOf(model, t.role).has(role) ? "1" : "0")).join(""));
  });
  model.userTypes.forEach((userType, t) => {
    const tree = data.trees[t] ?? [];
    const reached = new Set<string>();
    for (let i = 0; i < tree.length; i += 2) reached.add(data.roles[tree[i] ?? -1]?.[0] ?? "?");
    expect(reached).toEqual(new Set(model.roles.get(userType.role)?.mro));
    for (const role of reached) {
      const r = data.roles.findIndex((x) => x[0] === role);
      const decoded = cellFromData({ ...data, items: [[[r], role, data.userTypes.map(() => r), []]], requirements: [[[0], 1, role, []]], permissions: [[0, 1, 0]] }, 0, t);
      expect(decoded.items[0]?.path).toEqual(inheritancePath(model, userType.role, role));
    }
  });
  return cells;
}

/**
 * Every third actor's requirement (and so its actions') with a whole item
 * that could not be resolved, every fifth's first item with an OR-group
 * member that is not known, every fourth action writing.
 */
function withUnresolvedParts(app: Application): Application {
  const span = { file: "x.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };
  const partly = (r: ResolvedRequirement, whole: boolean, member: boolean): ResolvedRequirement => {
    if (!whole && !member) return r;
    const items = r.items.map((item, i) => (member && i === 0 ? { ...item, unresolved: [{ text: "clinic.Docter", span }] } : item));
    return { ...r, items, unresolved: whole ? [{ text: "roleOf(x)", span }] : r.unresolved, complete: false };
  };
  return {
    actors: app.actors.map((actor, a): AnalyzedActor => {
      const whole = a % 3 === 0;
      const member = a % 5 === 0;
      return {
        ...actor,
        requiredRoles: partly(actor.requiredRoles, whole, member),
        actions: actor.actions.map((action, i) => ({ ...action, readonly: i % 4 === 0 ? false : action.readonly, combined: partly(action.combined, whole, member) })),
      };
    }),
  };
}

describe("the report's data", () => {
  it("gives every cell and explanation of the Noi example exactly as explain() does", async () => {
    const compiled = await loadRoleModel(createNodeHost({ cwd: repoRoot }), join(repoRoot, "user-types/noi"));
    const model = compiled.value.model;
    const app = analyzeApplication({ model, host: createNodeHost({ cwd: repoRoot }), srcDir: "examples/noi-app/src" }).value;
    expect(checkAll(model, app)).toBe(5 * (23 + 44));
  });

  it("gives the detail window each user type finds exactly as the semantics' visibleLayoutElements", async () => {
    const model = (await loadRoleModel(createNodeHost({ cwd: repoRoot }), join(repoRoot, "user-types/noi"))).value.model;
    const app = analyzeApplication({ model, host: createNodeHost({ cwd: repoRoot }), srcDir: "examples/noi-app/src" }).value;
    const data = buildReportData(model, app, "x", () => null);
    let checked = 0;
    data.layouts.forEach((root, a) => {
      const layout = app.actors[a]?.detailLayout;
      expect(root === 0).toBe(layout === undefined);
      if (root === 0 || layout === undefined) return;
      model.userTypes.forEach((userType, t) => {
        // What report.js lists: the elements below main found ("1") by this user type.
        const listed: string[] = [];
        const walk = (element: ReportLayoutElement): void => {
          for (const child of element[4]) {
            if (child[3].charAt(t) === "0") continue;
            listed.push(child[0]);
            walk(child);
          }
        };
        if (root[3].charAt(t) !== "0") walk(root);
        expect(listed).toEqual(visibleLayoutElements(model, userType, layout.main).map((e) => (e.kind === "unknown" ? e.text : e.name)));
        checked += 1;
      });
    });
    expect(checked).toBeGreaterThanOrEqual(4 * model.userTypes.length);
  });

  it("gives every cell of a synthetic application exactly as explain() does", () => {
    const { model, application } = syntheticApp({ userTypes: 24, actors: 400, plugins: 20, seed: 7 });
    expect(checkAll(model, application)).toBeGreaterThan(24 * 400);
  });

  it("gives unknown, refused and hidden-and-refused cells exactly as the semantics do", () => {
    const { model, application } = syntheticApp({ userTypes: 24, actors: 300, plugins: 12, seed: 11 });
    const app = withUnresolvedParts(application);
    expect(checkAll(model, app)).toBeGreaterThan(24 * 300);
    const codes = new Set(buildReportData(model, app, "x", () => null).verdicts.join(""));
    expect([...codes].sort()).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("stores each distinct requirement once", () => {
    const { model, application } = syntheticApp({ userTypes: 100, actors: 3000, plugins: 40 });
    const data = buildReportData(model, application, "x", () => null);
    const rows = application.actors.reduce((n, a) => n + 1 + a.actions.length, 0);
    expect(data.requirements.length).toBeLessThan(rows / 2);
    expect(new Set(data.requirements.map((r) => JSON.stringify(r))).size).toBe(data.requirements.length);
  });
});
