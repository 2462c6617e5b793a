/**
 * The compiler on a generated role model, in a fresh process, through the
 * built library (dist/), as a user's plain `node` loads it:
 *
 *   node bench/compile.mjs --dir bench/out/L
 *
 * Plain JavaScript on purpose: run under `--import tsx`, tsx's loader hooks
 * would see every module the library import loads and inflate its time
 * (measured: 398 ms against 116–185 ms in plain `node`).
 *
 * Times `loadRoleModel` (load, validate, build the model with every role's
 * C3 linearization) and `emitProject` (TypeScript for every module, each
 * syntax-checked), as a cold run; then `linearizeHierarchy` for all roles
 * alone, first call and the median of 20 more. Prints one JSON object
 * (`CompileResult` in bench/run.ts).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The median of the samples. */
function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const at = process.argv.indexOf("--dir");
  const dir = resolve(at >= 0 ? process.argv[at + 1] : ".");
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const t0 = performance.now();
  const library = await import(pathToFileURL(join(repoRoot, "dist", "index.js")).href);
  const t1 = performance.now();
  const loaded = await library.loadRoleModel(library.createNodeHost({ cwd: dir }), join(dir, manifest.userTypesModule));
  const t2 = performance.now();
  if (library.hasFailures(loaded.diagnostics)) throw new Error(`the role model has errors: ${loaded.diagnostics[0]?.message ?? ""}`);
  const emitted = library.emitProject(loaded.value.model);
  const t3 = performance.now();
  if (library.hasFailures(emitted.diagnostics)) throw new Error(`emit failed: ${emitted.diagnostics[0]?.message ?? ""}`);

  const bases = new Map();
  for (const role of loaded.value.model.roles.values()) bases.set(role.id, role.id === "core.UserRole" ? [] : role.bases);
  const c3 = () => {
    const started = performance.now();
    const result = library.linearizeHierarchy(bases);
    const ms = performance.now() - started;
    if (result.mro.size !== bases.size) throw new Error(`C3 linearized ${result.mro.size} of ${bases.size} roles`);
    return ms;
  };
  const c3FirstMs = c3();
  const c3Ms = median(Array.from({ length: 20 }, c3));

  const result = {
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

main().catch((error) => {
  process.stderr.write(`compile benchmark: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
