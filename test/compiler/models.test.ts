/**
 * Valid role-module projects and the model rolecraft builds from them:
 * reference resolution (qualified, bare, alias, shadowing, merged labels,
 * core extensions), include cycles, MROs and meaningful roles. One folder
 * per case under test/fixtures/compiler/models/.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { createNodeHost } from "../../src/host/node-host.js";

const root = join(import.meta.dirname, "..", "fixtures", "compiler", "models");

interface Expected {
  readonly meaningful: readonly string[];
  readonly bindings: readonly [string, string][];
  readonly mro: Record<string, readonly string[]>;
  readonly userTypeRoles: readonly string[];
}

describe("role models (fixtures)", () => {
  it.each(readdirSync(root).sort())("%s", async (name) => {
    const cwd = join(root, name);
    const expected = JSON.parse(readFileSync(join(cwd, "expected.json"), "utf8")) as Expected;
    const result = await loadRoleModel(createNodeHost({ cwd }), "main.yaml");
    expect(result.diagnostics).toEqual([]);
    const model = result.value.model;
    expect(model.meaningful).toEqual(expected.meaningful);
    expect(model.bindings.map((b) => [b.name, b.role])).toEqual(expected.bindings);
    for (const [id, mro] of Object.entries(expected.mro)) expect(model.roles.get(id)?.mro, id).toEqual(mro);
    expect(model.userTypes.map((t) => t.role)).toEqual(expected.userTypeRoles);
  });
});
