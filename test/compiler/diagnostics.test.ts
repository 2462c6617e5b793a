/**
 * Golden tests for every compiler diagnostic: each folder of
 * test/fixtures/compiler/diagnostics/ holds a role-module project
 * (`main.yaml` or `main.ts`) and `expected.json` with the diagnostics'
 * codes, positions and data. Adding a case = adding a folder.
 * UPDATE_GOLDENS=1 rewrites expected.json (review the diff!).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { hasFailures } from "../../src/diagnostics/diagnostic.js";
import { emitProject } from "../../src/emit/emit.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { expectedForm } from "../helpers/diagnostics.js";

const root = join(import.meta.dirname, "..", "fixtures", "compiler", "diagnostics");
const cases = readdirSync(root).sort();

describe("compiler diagnostics (golden)", () => {
  it.each(cases)("%s", async (name) => {
    const cwd = join(root, name);
    const target = existsSync(join(cwd, "main.ts")) ? "main.ts" : "main.yaml";
    const optionsPath = join(cwd, "options.json");
    const options = (existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, "utf8")) : {}) as { tsTimeoutMs?: number; requireUserTypes?: boolean };
    const result = await loadRoleModel(createNodeHost({ cwd, ...(options.tsTimeoutMs === undefined ? {} : { tsTimeoutMs: options.tsTimeoutMs }) }), target, {
      requireUserTypes: options.requireUserTypes ?? false,
    });
    const diagnostics = [...result.diagnostics];
    if (!hasFailures(diagnostics)) diagnostics.push(...emitProject(result.value.model).diagnostics);
    const actual = diagnostics.map(expectedForm);
    const goldenPath = join(cwd, "expected.json");
    if (process.env["UPDATE_GOLDENS"] === "1") writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
    const golden: unknown = JSON.parse(readFileSync(goldenPath, "utf8"));
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(golden);
    // Every diagnostic lies inside its file and has a hint telling what to do.
    for (const d of diagnostics) {
      expect(d.span.line).toBeGreaterThanOrEqual(1);
      expect(d.span.column).toBeGreaterThanOrEqual(1);
      expect(d.hint ?? "").not.toBe("");
    }
  });
});
