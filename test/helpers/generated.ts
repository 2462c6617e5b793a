/**
 * Compiles a role-module project into a fresh folder under test/tmp (inside
 * the package, so generated code resolves `rolecraft/runtime` to the built
 * runtime) and returns the folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { emitProject } from "../../src/emit/emit.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { isGeneratedText } from "../../src/emit/escape.js";
import { writeOutputDirectory } from "../../src/host/output-dir.js";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const tmpRoot = join(repoRoot, "test", "tmp");

/**
 * A new folder under test/tmp, a project of its own: it holds an empty
 * `rolecraft.config.yaml`, since the nearest configuration applies and this
 * repository's own (above test/tmp) would otherwise give every test its
 * module, sources and project folder. A test that needs a configuration
 * writes its own over it.
 */
export function freshDir(prefix: string): string {
  mkdirSync(tmpRoot, { recursive: true });
  const dir = mkdtempSync(join(tmpRoot, `${prefix}-`));
  writeFileSync(join(dir, "rolecraft.config.yaml"), "# A project of its own: the repository's configuration does not apply here.\n");
  return dir;
}

/** Compiles `module` (relative to the repo root) into a new folder; throws on diagnostics. */
export async function compileToTemp(module: string, prefix = "gen"): Promise<string> {
  const result = await loadRoleModel(createNodeHost({ cwd: repoRoot }), module);
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const out = join(freshDir(prefix), "generated");
  const emitted = emitProject(result.value.model, { sourceName: (f) => relative(out, resolve(repoRoot, f)).split(sep).join("/") });
  if (emitted.diagnostics.length > 0) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  const refused = writeOutputDirectory(out, out, emitted.value, { isGenerated: isGeneratedText });
  if (refused.length > 0) throw new Error(refused.map((d) => d.message).join("\n"));
  return out;
}
