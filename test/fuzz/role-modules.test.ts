/**
 * Fuzzing the compiler: random role modules, valid and mutated (characters,
 * lines and keys deleted or inserted), single files and projects of several
 * files that include each other, through load → validate → model → emit.
 * Properties, on every input: nothing throws; every diagnostic (and every
 * related location) lies inside its file; the same input gives the same
 * diagnostics and byte-identical files; emit never produces code that fails
 * its own syntax check (RC4006); and a sample of the outputs type-checks
 * under tsc --strict. A sample also goes through the CLI (exit code never 2,
 * no stack trace). Seeded and bounded; `npm run fuzz` runs far more.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import { hasFailures, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { formatGithub } from "../../src/diagnostics/format/github.js";
import { formatJson } from "../../src/diagnostics/format/json.js";
import { formatSarif } from "../../src/diagnostics/format/sarif.js";
import { formatText } from "../../src/diagnostics/format/text.js";
import { emitProject, type GeneratedFile } from "../../src/emit/emit.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";
import { expectInsideFiles, noStackTrace, type Positioned } from "../security/helpers.js";
import { memoryHost, mutate, params, roleModule, typeCheckOutputs, yamlText } from "./helpers.js";

/** Outputs kept for the tsc run at the end (every few valid cases). */
const sampled: GeneratedFile[][] = [];
let compiled = 0;

interface Outcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly GeneratedFile[];
}

/** The whole front and back end on an in-memory project. */
async function pipeline(files: ReadonlyMap<string, string>, requireUserTypes: boolean): Promise<Outcome> {
  const loaded = await loadRoleModel(memoryHost(files), "main.yaml", { requireUserTypes });
  if (hasFailures(loaded.diagnostics)) return { diagnostics: loaded.diagnostics, files: [] };
  const emitted = emitProject(loaded.value.model, { sourceName: (f) => `../${f}` });
  return { diagnostics: [...loaded.diagnostics, ...emitted.diagnostics], files: emitted.value };
}

/** Checks the properties on one project; returns the outcome. */
async function checkProject(files: ReadonlyMap<string, string>, requireUserTypes: boolean): Promise<Outcome> {
  const first = await pipeline(files, requireUserTypes);
  const second = await pipeline(files, requireUserTypes);
  // Deterministic: the same diagnostics, the same bytes.
  expect(second.diagnostics).toEqual(first.diagnostics);
  expect(second.files).toEqual(first.files);
  // Inside their files, the related locations too.
  const texts = new Map([...files].map(([name, text]) => [name, text]));
  const spans: Positioned[] = first.diagnostics.flatMap((d) => [d.span, ...(d.related ?? []).map((r) => r.span)]).filter((s) => texts.has(s.file));
  expectInsideFiles("/nonexistent", spans, texts);
  expect(first.diagnostics.filter((d) => d.code === "RC4006")).toEqual([]);
  // Every output format renders it.
  const sorted = [...first.diagnostics];
  formatText(sorted, { color: true, sources: texts });
  formatJson(sorted);
  formatSarif(sorted, { toolVersion: "0" });
  formatGithub(sorted);
  if (first.files.length > 0 && compiled++ % 15 === 0 && sampled.length < 40) sampled.push([...first.files]);
  return first;
}

/** Projects: a user types module and up to two included modules, each a random role module. */
const project = fc
  .tuple(
    roleModule({ label: "plugin", userTypes: false }),
    roleModule({ label: "other", foreign: ["plugin.Missing"], userTypes: false }),
    roleModule({ userTypes: true }),
    fc.nat({ max: 2 }),
  )
  .chain(([a, b, main, includes]) => {
    const names = ["a.yaml", "b.yaml"].slice(0, includes);
    const mainData: Record<string, unknown> = { ...main, ...(names.length === 0 ? {} : { include: names }) };
    // Qualified references into the included modules.
    if (names.length > 0) mainData["imports"] = Object.keys(a["roles"] as object).slice(0, 2).map((n) => `${String(a["module"])}.${n}`);
    return fc.tuple(yamlText(mainData), yamlText(a), yamlText(b)).map(([m, ta, tb]) => new Map([["main.yaml", m], ...(includes > 0 ? [["a.yaml", ta] as const] : []), ...(includes > 1 ? [["b.yaml", tb] as const] : [])]));
  });

describe("fuzzing role modules (load → validate → model → emit)", () => {
  it("valid-shaped modules: no crash, positions inside, deterministic, emitted code syntax-checks", async () => {
    await fc.assert(
      fc.asyncProperty(roleModule().chain(yamlText), fc.boolean(), async (text, requireUserTypes) => {
        await checkProject(new Map([["main.yaml", text]]), requireUserTypes);
      }),
      params(400, 101),
    );
  });

  it("mutated modules: the same properties on broken YAML", async () => {
    await fc.assert(
      fc.asyncProperty(roleModule().chain(yamlText).chain(mutate), async (text) => {
        await checkProject(new Map([["main.yaml", text]]), true);
      }),
      params(1500, 202),
    );
  });

  it("projects of several files including each other, some mutated", async () => {
    await fc.assert(
      fc.asyncProperty(
        project.chain((files) =>
          fc.oneof(
            fc.constant(files),
            fc.nat({ max: files.size - 1 }).chain((which) => {
              const [name, text] = [...files][which]!;
              return mutate(text).map((mutated) => new Map([...files, [name, mutated]]));
            }),
          ),
        ),
        async (files) => {
          await checkProject(files, true);
        },
      ),
      params(300, 303),
    );
  });

  it("raw bytes (invalid UTF-8, NUL, control characters): no crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const loaded = await loadRoleModel(memoryHost(new Map([["main.yaml", bytes]])), "main.yaml");
        for (const d of loaded.diagnostics) expect(d.span.line >= 1 && d.span.column >= 1).toBe(true);
      }),
      params(300, 404),
    );
  });

  it("through the CLI on disk, a sample: exit code never 2, no stack trace", async () => {
    const dir = freshDir("fuzz-cli");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(roleModule().chain(yamlText), roleModule().chain(yamlText).chain(mutate)), async (text) => {
        const file = `m${n++}.yaml`;
        writeFileSync(join(dir, file), text);
        for (const args of [["check", file], ["compile", file, "--out", `out${n}`], ["show", "user-types", file]]) {
          const run = await cli(args, { cwd: dir });
          expect(run.code, run.stderr).not.toBe(2);
          noStackTrace(run);
        }
      }),
      params(60, 505),
    );
  });

  it("TypeScript role modules (valid and mutated) loaded by the worker processes: no crash, positions inside", async () => {
    const dir = freshDir("fuzz-ts");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        roleModule().chain((data) => {
          // JSON is a TypeScript expression; `"__proto__":` would set the prototype, a computed key is a key.
          const source = `export default ${JSON.stringify(data, null, 1).replaceAll('"__proto__":', '["__proto__"]:')};\n`;
          return fc.oneof(fc.constant(source), mutate(source));
        }),
        async (source) => {
          const file = `m${n++}.ts`;
          writeFileSync(join(dir, file), source);
          const loaded = await loadRoleModel(createNodeHost({ cwd: dir, tsTimeoutMs: 20_000 }), file);
          const spans = loaded.diagnostics.flatMap((d) => [d.span, ...(d.related ?? []).map((r) => r.span)]);
          expectInsideFiles(dir, spans);
          expect(loaded.diagnostics.filter((d) => d.code === "RC1008")).toEqual([]);
        },
      ),
      params(16, 606),
    );
  });

  afterAll(() => {
    // The sampled outputs compile under tsc --strict, all in one run.
    expect(typeCheckOutputs(sampled, "fuzz-tsc")).toBe("");
  }, 180_000);
});
