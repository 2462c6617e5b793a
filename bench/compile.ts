/**
 * The compiler on a generated role model, in a fresh process, through the
 * built library (dist/):
 *
 *   node --import tsx bench/compile.ts --dir bench/out/L
 *
 * Times `loadRoleModel` (load, validate, build the model with every role's
 * C3 linearization) and `emitProject` (TypeScript for every module, each
 * syntax-checked), as a cold run; then `linearizeHierarchy` for all roles
 * alone, first call and the median of 20 more. Prints one JSON object.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import type * as Library from "../src/index.js";
import type { Manifest } from "./generate.js";
import { repoRoot } from "./generate.js";
import { summarize } from "./lib/stats.js";

export interface CompileResult {
  readonly roles: number;
  readonly userTypes: number;
  readonly files: number;
  /** Importing dist/index.js (ajv, yaml, ts-morph …). */
  readonly importMs: number;
  /** loadRoleModel: read + parse YAML, validate, build the model (references, C3). */
  readonly loadMs: number;
  /** emitProject: generate and syntax-check every file. */
  readonly emitMs: number;
  readonly c3FirstMs: number;
  readonly c3Ms: number;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--dir");
  const dir = resolve(process.argv[at + 1] ?? ".");
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  const t0 = performance.now();
  const library = (await import(pathToFileURL(join(repoRoot, "dist", "index.js")).href)) as typeof Library;
  const t1 = performance.now();
  const loaded = await library.loadRoleModel(library.createNodeHost({ cwd: dir }), join(dir, manifest.userTypesModule));
  const t2 = performance.now();
  if (library.hasFailures(loaded.diagnostics)) throw new Error(`the role model has errors: ${loaded.diagnostics[0]?.message ?? ""}`);
  const emitted = library.emitProject(loaded.value.model);
  const t3 = performance.now();
  if (library.hasFailures(emitted.diagnostics)) throw new Error(`emit failed: ${emitted.diagnostics[0]?.message ?? ""}`);

  const bases = new Map<string, readonly string[]>();
  for (const role of loaded.value.model.roles.values()) bases.set(role.id, role.id === "core.UserRole" ? [] : role.bases);
  const c3 = (): number => {
    const started = performance.now();
    const result = library.linearizeHierarchy(bases);
    const ms = performance.now() - started;
    if (result.mro.size !== bases.size) throw new Error(`C3 linearized ${result.mro.size} of ${bases.size} roles`);
    return ms;
  };
  const c3FirstMs = c3();
  const c3Ms = summarize(Array.from({ length: 20 }, c3)).median;

  const result: CompileResult = {
    roles: loaded.value.model.roles.size,
    userTypes: loaded.value.model.userTypes.length,
    files: emitted.value.length,
    importMs: t1 - t0,
    loadMs: t2 - t1,
    emitMs: t3 - t2,
    c3FirstMs,
    c3Ms,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`compile benchmark: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
