/**
 * The benchmark's application generator (bench/generate.ts): deterministic,
 * exactly the promised sizes, C3-consistent hierarchies, and an application
 * that rolecraft compiles and analyzes without a problem, finding exactly the
 * actors, requirements and visibilities the generator recorded.
 * (Generator tests only: nothing here is timed.)
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate, generateInto, treeHash, writeTree, type Manifest } from "../../bench/generate.js";
import { PRESETS, MAX_DEPTH } from "../../bench/gen/presets.js";
import { Random } from "../../bench/gen/random.js";
import { generateRoleModel } from "../../bench/gen/role-model.js";
import { runCli } from "../../src/cli/program.js";
import { CORE_ROLES } from "../../src/runtime/core-roles.js";
import { linearizeHierarchy } from "../../src/runtime/semantics/c3.js";
import { repoRoot } from "../helpers/generated.js";

const tmp = join(repoRoot, "test", "tmp", "bench-generate");

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function cli(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    cwd,
    env: { NO_COLOR: "1" },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** MROs of the manifest's roles (and core's), with the compiler's C3. */
function linearizeManifest(manifest: Manifest): ReturnType<typeof linearizeHierarchy> {
  const bases = new Map<string, readonly string[]>(CORE_ROLES.map((r) => [`core.${r.name}`, r.bases]));
  for (const role of manifest.roles) bases.set(role.id, role.bases);
  return linearizeHierarchy(bases);
}

describe("bench/generate.ts", () => {
  it("gives a byte-identical tree for the same seed and a different one for another seed", async () => {
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    const c = join(tmp, "c");
    await generateInto("S", 1, a);
    await generateInto("S", 1, b);
    writeTree(generate("S", 2), c);
    expect(treeHash(a)).toBe(treeHash(b));
    expect(treeHash(join(a, "app", "src"))).not.toBe(treeHash(join(c, "app", "src")));
    expect(generate("S", 2).manifest.actors).not.toEqual(generate("S", 1).manifest.actors);
  });

  it("generates exactly the promised counts for preset S", () => {
    const { manifest, files } = generate("S", 1);
    const preset = PRESETS.S;
    expect(manifest.counts).toMatchObject({ roles: preset.roles, userTypes: preset.userTypes, actors: preset.actors, appFiles: preset.files, plugins: preset.plugins });
    expect([...files.keys()].filter((f) => f.startsWith("app/src/") && f.endsWith(".ts"))).toHaveLength(35);
    expect([...files.keys()].filter((f) => f.startsWith("user-types/") && f.endsWith(".yaml"))).toHaveLength(preset.plugins + 1);
    expect(manifest.roles).toHaveLength(60);
    expect(manifest.userTypes).toHaveLength(16);
    expect(new Set(manifest.actors.map((a) => a.id)).size).toBe(300);
    // Concrete actor classes in the sources (abstract bases are not actors).
    const concrete = [...files].filter(([f]) => f.startsWith("app/src/")).reduce((n, [, text]) => n + (text.match(/^export class /gm)?.length ?? 0), 0);
    const actionClasses = 2; // MergeAction, PrintAction
    expect(concrete - actionClasses).toBe(300);
  });

  it.each([
    ["S", 1],
    ["S", 2],
    ["M", 1],
    ["L", 1],
  ] as const)("builds a C3-consistent role hierarchy of depth at most 8 (preset %s, seed %i)", (preset, seed) => {
    const model = generateRoleModel(PRESETS[preset], new Random(seed * 7919 + preset.charCodeAt(0)));
    const bases = new Map([...model.roles.values()].map((r) => [r.id, r.bases.length === 0 && r.id !== "core.UserRole" ? ["core.UserRole"] : r.bases]));
    const linearized = linearizeHierarchy(bases);
    expect(linearized.inconsistent).toEqual([]);
    expect(linearized.mro.size).toBe(model.roles.size);
    expect(model.roles.size - CORE_ROLES.length).toBe(PRESETS[preset].roles);
    const depths = [...model.roles.values()].map((r) => r.depth);
    expect(Math.max(...depths)).toBe(MAX_DEPTH);
    for (const role of model.roles.values()) expect(linearized.mro.get(role.id)).toEqual(role.mro);
  });

  it("compiles S and checks it: every actor found, no error or warning, requirements and visibility as generated", async () => {
    const dir = join(tmp, "check");
    mkdirSync(tmp, { recursive: true });
    const manifest = await generateInto("S", 1, dir);
    expect(filesUnder(join(dir, "app", "generated", "roles")).length).toBe(PRESETS.S.plugins + 2); // + core and site

    const again = await cli(["compile", manifest.userTypesModule, "--out", "app/generated", "--check"], dir);
    expect(again.code, again.stderr).toBe(0);

    const check = await cli(["check", manifest.userTypesModule, "--src", "app/src", "--format", "json"], dir);
    expect(check.code, check.stderr).toBe(0);
    const report = JSON.parse(check.stdout) as { summary: { errors: number; warnings: number } };
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });

    const shown = await cli(["show", "actors", manifest.userTypesModule, "--src", "app/src", "--format", "json"], dir);
    expect(shown.code, shown.stderr).toBe(0);
    const doc = JSON.parse(shown.stdout) as {
      targets: { id: string; kind: "actor" | "action"; readonly: boolean; requiredRoles: string[][]; userTypes: string[] }[];
    };
    const found = doc.targets.filter((t) => t.kind === "actor");
    expect(found).toHaveLength(300);

    const { mro, inconsistent } = linearizeManifest(manifest);
    expect(inconsistent).toEqual([]);
    const ancestors = manifest.userTypes.map((t) => new Set(mro.get(t.role) ?? []));
    const visible = (items: readonly (readonly string[])[], readonly: boolean): string[] =>
      manifest.userTypes.filter((t, i) => (readonly || !t.readonly) && items.every((item) => item.some((r) => ancestors[i]?.has(r) === true))).map((t) => t.value);
    const key = (items: readonly (readonly string[])[]): string[] => [...new Set(items.map((i) => i.join("|")))].sort();

    const byId = new Map(doc.targets.map((t) => [t.id, t]));
    for (const actor of manifest.actors) {
      const target = byId.get(actor.id);
      expect(target, actor.id).toBeDefined();
      expect(key(target?.requiredRoles ?? []), actor.id).toEqual(key(actor.requiredRoles));
      expect(target?.userTypes, actor.id).toEqual(visible(actor.requiredRoles, true));
      for (const action of actor.actions) {
        const combined = [...actor.requiredRoles, ...action.requiredRoles];
        const shownAction = byId.get(`${actor.id}.${action.name}`);
        expect(shownAction, `${actor.id}.${action.name}`).toBeDefined();
        expect(shownAction?.readonly).toBe(action.readonly);
        expect(key(shownAction?.requiredRoles ?? []), `${actor.id}.${action.name}`).toEqual(key(combined));
        expect(shownAction?.userTypes.length, `${actor.id}.${action.name} is visible`).toBeGreaterThan(0);
        expect(shownAction?.userTypes).toEqual(visible(combined, action.readonly));
      }
    }
    expect(doc.targets.filter((t) => t.kind === "action")).toHaveLength(manifest.counts.actions);
  });
});
