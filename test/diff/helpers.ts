/**
 * Shared by the diff tests: a fixture case copied to test/tmp with its role
 * classes generated for both states, the states loaded as the CLI loads
 * them, and a diff flattened to one line per changed cell.
 */
import { cpSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { analyzeApplication } from "../../src/analyzer/index.js";
import { isGeneratedText } from "../../src/emit/escape.js";
import { writeOutputDirectory } from "../../src/host/output-dir.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { DiffState, PermissionDiff } from "../../src/diff/index.js";
import { emitProject } from "../../src/emit/emit.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

export const fixturesDir = join(repoRoot, "test", "fixtures", "diff");

/** Every fixture case (a folder with `before/` and `after/`). */
export const CASES = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Compiles `<dir>/roles.yaml` into `<dir>/generated`; throws on any diagnostic. */
export async function generateRoles(dir: string): Promise<void> {
  const result = await loadRoleModel(createNodeHost({ cwd: dir }), "roles.yaml");
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const out = join(dir, "generated");
  const emitted = emitProject(result.value.model, { sourceName: (f) => relative(out, join(dir, f)).split(sep).join("/") });
  if (emitted.diagnostics.length > 0) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  const refused = writeOutputDirectory(out, "generated", emitted.value, { isGenerated: isGeneratedText });
  if (refused.length > 0) throw new Error(refused.map((d) => d.message).join("\n"));
}

/** Copies a fixture case into a fresh folder under test/tmp and generates both states' role classes. */
export async function prepareCase(name: string): Promise<string> {
  const dir = freshDir(`diff-${name}`);
  cpSync(join(fixturesDir, name), dir, { recursive: true });
  await generateRoles(join(dir, "before"));
  await generateRoles(join(dir, "after"));
  return dir;
}

/** One state of a prepared case: its model and its application (throws on any error diagnostic). */
export async function loadState(dir: string): Promise<DiffState> {
  const result = await loadRoleModel(createNodeHost({ cwd: dir }), "roles.yaml", { requireUserTypes: true });
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const model = result.value.model;
  const app = analyzeApplication({ model, host: createNodeHost({ cwd: dir }), srcDir: "src", lints: false });
  if (app.diagnostics.length > 0) throw new Error(app.diagnostics.map((d) => d.message).join("\n"));
  return { model, app: app.value };
}

/**
 * The diff as one line per changed cell, in the diff's order:
 * `+role 300 app.DocumentsUser`, `-access 200 docs.Documents.edit`,
 * `~target admin.Settings requirement a → b`, `+type 310`, `~type 100 names`,
 * `~role app.Editor bases mro`, `?rename 300 → 310` …
 */
export function cells(diff: PermissionDiff): string[] {
  const out: string[] = [];
  for (const g of diff.widening) out.push(`+${g.kind} ${g.userType} ${g.id}`);
  for (const g of diff.narrowing) out.push(`-${g.kind} ${g.userType} ${g.id}`);
  for (const t of diff.userTypes.added) out.push(`+type ${t.value}`);
  for (const t of diff.userTypes.removed) out.push(`-type ${t.value}`);
  for (const t of diff.userTypes.changed) out.push(`~type ${t.value} ${t.changes.map((c) => c.field).join(" ")}`);
  for (const r of diff.userTypes.possibleRenames) out.push(`?rename ${r.removed.value} → ${r.added.value}`);
  if (diff.userTypes.order !== null) out.push("~type order");
  for (const t of diff.userTypeRoles) {
    out.push(`~roles of ${t.value}: ${[...t.gained.map((r) => `+${r.id}`), ...t.lost.map((r) => `-${r.id}`)].join(" ")}`);
  }
  for (const r of diff.roles.added) out.push(`+role ${r.id}`);
  for (const r of diff.roles.removed) out.push(`-role ${r.id}`);
  for (const r of diff.roles.changed) {
    out.push(`~role ${r.id} ${[r.bases === null ? "" : "bases", r.mro === null ? "" : "mro", r.doc === null ? "" : "doc"].filter((s) => s !== "").join(" ")}`);
  }
  for (const id of diff.roles.meaningful.added) out.push(`+row ${id}`);
  for (const id of diff.roles.meaningful.removed) out.push(`-row ${id}`);
  for (const t of diff.targets?.added ?? []) out.push(`+target ${t.id} ${t.visibleTo.map((u) => u.value).join(" ")}`);
  for (const t of diff.targets?.removed ?? []) out.push(`-target ${t.id} ${t.visibleTo.map((u) => u.value).join(" ")}`);
  for (const t of diff.targets?.changed ?? []) {
    const parts = [
      t.requirement === null ? "" : `requirement ${t.requirement.before} → ${t.requirement.after}`,
      t.readonly === null ? "" : `readonly ${String(t.readonly.before)} → ${String(t.readonly.after)}`,
      ...t.gained.map((u) => `+${u.value}`),
      ...t.lost.map((u) => `-${u.value}`),
    ];
    out.push(`~target ${t.id} ${parts.filter((p) => p !== "").join(" ")}`);
  }
  return out;
}
