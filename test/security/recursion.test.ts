/**
 * Chains as long as the input makes them resolve, without a stack overflow
 * and without a wrong answer: 100,000 consts in a row (and in a cycle),
 * 100,000 classes extending each other, 100,000 `addRequirements(Other
 * .requiredRoles)`, 5,000 files re-exporting each other (outside the
 * source folder, so that each is parsed when the chain reaches it); in the
 * compiler, a chain and a cycle of 100,000 roles and 3,000 files including
 * each other. No diagnostic names a folder of the machine.
 *
 * The analyzer keeps its stack short with a guard (src/analyzer/stack-guard.ts)
 * that abandons an attempt past a depth, works out what it waited for from
 * an explicit stack, and starts it again. That must never change an answer:
 * random applications full of chains and cycles give the same result, the
 * same diagnostics in the same words, with the guard's depth lowered to 1
 * and 2 (every chain through the explicit stack), in a full analysis and in
 * a watch session.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeApplication } from "../../src/analyzer/analyze.js";
import { AnalyzerSession } from "../../src/analyzer/session.js";
import { StackGuard } from "../../src/analyzer/stack-guard.js";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { RoleModel } from "../../src/compiler/types.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { cli, type CliRun } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { noiModel } from "../analyzer/model.js";
import { params } from "../fuzz/helpers.js";
import { noStackTrace } from "./helpers.js";

const ROLES = `module: app
roles:
  A: [core.SiteUser]
  B: [core.SiteUser]
userTypes:
  - { value: "100", names: a, text: A, role: A }
  - { value: "200", names: b, text: B, role: B }
  - { value: "900", names: admin, text: Admin, role: core.SiteAdmin }
`;

const N = 100_000;
/** The long chains take seconds of fixed work: on a busy machine, many more (a time limit here is no property of rolecraft). */
const LONG = 300_000;
const HEADER = 'import { Actor, addRequirements } from "rolecraft/runtime";\nimport { A, B } from "../../generated/roles/app.js";\nvoid [A, B, addRequirements];\n';

let template: string;
let model: RoleModel;

beforeAll(async () => {
  template = freshDir("recursion");
  writeFileSync(join(template, "roles.yaml"), ROLES);
  const compiled = await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: template });
  expect(compiled.code, compiled.stderr).toBe(0);
  model = (await loadRoleModel(createNodeHost({ cwd: template }), join(template, "roles.yaml"))).value!.model;
}, 60_000);

/** A fresh application folder beside the compiled roles, with `files` written into it. */
function application(name: string, files: Readonly<Record<string, string>>): string {
  const dir = join(template, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

interface Report {
  readonly diagnostics: readonly { readonly code: string; readonly file: string; readonly line: number; readonly column: number; readonly message: string; readonly hint?: string }[];
}

/** The lints (RC5005–RC5009): what they say about these applications is beside the point. */
const LINTS = new Set(["RC5005", "RC5006", "RC5007", "RC5008", "RC5009"]);

/** `check --format json` on an application folder (its roles one folder up); the report (lints left out), after the common checks. */
async function check(dir: string): Promise<{ run: CliRun; report: Report }> {
  const run = await cli(["check", "../roles.yaml", "--src", "src", "--format", "json"], { cwd: dir });
  noStackTrace(run);
  expect(run.code, run.stderr).not.toBe(2);
  // Nothing names where the project lies on this machine.
  expect(run.stdout + run.stderr).not.toContain(template);
  const report = JSON.parse(run.stdout) as Report;
  return { run, report: { diagnostics: report.diagnostics.filter((d) => !LINTS.has(d.code)) } };
}

/** `visible-for` (one analysis, its diagnostics on stderr): Lino's line, after checking that nothing was left unresolved. */
async function visibleFor(dir: string, id: string): Promise<string> {
  const run = await cli(["visible-for", id, "../roles.yaml", "--src", "src"], { cwd: dir });
  noStackTrace(run);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/RC500[1-4]|RC1002/);
  expect(run.stdout + run.stderr).not.toContain(template);
  return run.stdout;
}

describe("long chains in the application", () => {
  it("resolves a chain of 100,000 consts", async () => {
    const lines = [HEADER, "const c0 = [A];"];
    for (let i = 1; i <= N; i++) lines.push(`const c${i} = c${i - 1};`);
    lines.push(`export class X extends Actor { static override requiredRoles = c${N}; }`);
    const dir = application("consts", { "src/x.ts": lines.join("\n") + "\n" });
    expect(await visibleFor(dir, "src.X")).toBe("a\n");
  }, LONG);

  it("reports a cycle of 100,000 consts as a cycle, where plain recursion finds it", async () => {
    const lines = [HEADER, `const c0 = c${N};`];
    for (let i = 1; i <= N; i++) lines.push(`const c${i} = c${i - 1};`);
    lines.push(`export class X extends Actor { static override requiredRoles = c${N}; }`);
    const dir = application("const-cycle", { "src/x.ts": lines.join("\n") + "\n" });
    const { run, report } = await check(dir);
    expect(run.code).toBe(1); // RC5004 is an error (SPEC §6a)
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.hint])).toEqual([
      ["RC5004", "src/x.ts", N + 5, 7, "the const refers to itself; use role classes, loginRequired(…), array literals or consts that hold them"],
    ]);
  }, LONG);

  it("resolves 100,000 spreads of consts", async () => {
    const spreads = [HEADER, "const c0 = [A];"];
    for (let i = 1; i <= N; i++) spreads.push(`const c${i} = [...c${i - 1}];`);
    spreads.push(`export class X extends Actor { static override requiredRoles = c${N}; }`);
    expect(await visibleFor(application("spreads", { "src/x.ts": spreads.join("\n") + "\n" }), "src.X")).toBe("a\n");
  }, LONG);

  it("resolves 100,000 addRequirements(Other.requiredRoles)", async () => {
    const added = [HEADER, "abstract class K0 extends Actor { static override requiredRoles = [A]; }"];
    for (let i = 1; i <= N; i++) added.push(`abstract class K${i} extends Actor { static override requiredRoles = addRequirements(K${i - 1}.requiredRoles); }`);
    added.push(`export class Y extends Actor { static override requiredRoles = addRequirements(K${N}.requiredRoles, [B, A]); }`);
    expect(await visibleFor(application("added", { "src/y.ts": added.join("\n") + "\n" }), "src.Y")).toBe("a\n");
  }, LONG);

  it("finds 100,000 actors that extend each other, declared last to first", async () => {
    const lines = [HEADER];
    for (let i = N; i >= 1; i--) lines.push(`export class K${i} extends K${i - 1} {}`);
    lines.push('export class K0 extends Actor { static override requiredRoles = [B]; static override appLabel = "chain"; }');
    const dir = application("classes", { "src/x.ts": lines.join("\n") + "\n" });
    expect(await visibleFor(dir, `chain.K${N}`)).toBe("b\n");
  }, LONG);

  it("follows 5,000 files re-exporting each other (named and `export *`), parsed as the chain reaches them", async () => {
    const files: Record<string, string> = {
      "lib/f0.ts": 'export { A as R } from "../../generated/roles/app.js";\n',
      "lib/s0.ts": 'export { B as S } from "../../generated/roles/app.js";\n',
      "src/x.ts":
        'import { Actor } from "rolecraft/runtime";\nimport { R } from "../lib/f5000.js";\nimport { S } from "../lib/s5000.js";\n' +
        "export class X extends Actor { static override requiredRoles = [[R, S]]; }\n",
    };
    for (let i = 1; i <= 5000; i++) {
      files[`lib/f${i}.ts`] = `export { R } from "./f${i - 1}.js";\n`;
      files[`lib/s${i}.ts`] = `export * from "./s${i - 1}.js";\n`;
    }
    expect(await visibleFor(application("files", files), "src.X")).toBe("a b\n");
  }, LONG);

  it("says that a file cannot be parsed (not that it does not exist), without its folder", async () => {
    const dir = application("unparsable", {
      "lib/deep.ts": `export const R = ${"[".repeat(20_000)}${"]".repeat(20_000)};\n`,
      "src/x.ts": 'import { Actor } from "rolecraft/runtime";\nimport { R } from "../lib/deep.js";\nexport class X extends Actor { static override requiredRoles = [R]; }\n',
    });
    const { report } = await check(dir);
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.hint])).toEqual([
      ["RC5004", "src/x.ts", 3, 65, "deep.ts cannot be read or parsed; use role classes, loginRequired(…), array literals or consts that hold them"],
    ]);
  }, LONG);
});

describe("long chains in role modules", () => {
  /** Role modules of one label, 25,000 roles a file (a file holds at most 1 MiB): R0 … R<n-1>, each inheriting the one before. */
  function roleChain(name: string, n: number, first: string): string {
    const dir = freshDir(`recursion-${name}`);
    const per = 25_000;
    const parts = Math.ceil(n / per);
    for (let f = 0; f < parts; f++) {
      const lines = ["module: app"];
      if (f === 0 && parts > 1) lines.push(`include: [${Array.from({ length: parts - 1 }, (_, i) => `part${i + 1}.yaml`).join(", ")}]`);
      lines.push("roles:");
      for (let i = f * per; i < Math.min(n, (f + 1) * per); i++) lines.push(`  R${i}: [${i === 0 ? first : `app.R${i - 1}`}]`);
      if (f === 0) lines.push("userTypes:", `  - { value: "1", names: a, text: A, role: app.R${n - 1} }`);
      writeFileSync(join(dir, f === 0 ? "main.yaml" : `part${f}.yaml`), lines.join("\n") + "\n");
    }
    return dir;
  }

  async function checkModule(dir: string): Promise<Report["diagnostics"]> {
    const run = await cli(["check", "main.yaml", "--format", "json"], { cwd: dir });
    noStackTrace(run);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(dir);
    return (JSON.parse(run.stdout) as Report).diagnostics;
  }

  it("refuses a chain of 100,000 bases with RC3012, once, where the chain crosses the limit", async () => {
    const diagnostics = await checkModule(roleChain("bases", N, "core.SiteUser"));
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["RC3012", "main.yaml", 259]]);
  }, LONG);

  it("reports a cycle of 100,000 roles once, with every edge", async () => {
    const diagnostics = (await checkModule(roleChain("cycle", N, `app.R${N - 1}`))) as readonly (Report["diagnostics"][number] & { related?: unknown[] })[];
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["RC3004", "main.yaml", 4]]);
    expect(diagnostics[0]!.related).toHaveLength(N);
  }, LONG);

  it("follows 3,000 files including each other", async () => {
    const dir = freshDir("recursion-includes");
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const next = i + 1 < n ? `include: [f${i + 1}.yaml]\n` : "";
      const userTypes = i === 0 ? 'userTypes:\n  - { value: "1", names: a, text: A, role: R }\n' : "";
      writeFileSync(join(dir, i === 0 ? "main.yaml" : `f${i}.yaml`), `module: m${i}\n${next}roles:\n  R: [core.SiteUser]\n${userTypes}`);
    }
    const run = await cli(["show", "user-roles", "main.yaml", "--format", "csv"], { cwd: dir });
    noStackTrace(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("m0.R");
  }, LONG);
});

/**
 * A random application made of chains: consts, classes and a namespace
 * re-export, each naming any other (so also later ones and themselves:
 * cycles of every length).
 */
const item = fc.oneof(
  fc.record({ kind: fc.constant("const" as const), form: fc.constantFrom("role", "alias", "spread", "add", "group", "login", "required", "ns"), ref: fc.nat(), role: fc.constantFrom("A", "B") }),
  fc.record({
    kind: fc.constant("class" as const),
    parent: fc.option(fc.nat(), { nil: undefined }),
    abstract: fc.boolean(),
    own: fc.option(fc.constantFrom("role", "alias", "add", "required", "super"), { nil: undefined }),
    actions: fc.option(fc.constantFrom("own", "spread", "super"), { nil: undefined }),
    label: fc.option(fc.constantFrom("literal", "const"), { nil: undefined }),
    ref: fc.nat(),
    role: fc.constantFrom("A", "B"),
  }),
);
type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

function chainSource(items: readonly Item[]): string {
  const name = (i: number): string => (items[i]!.kind === "const" ? `c${i}` : `K${i}`);
  const ref = (n: number): string => name(n % items.length);
  const lines = [
    'import { Action, Actor, addRequirements, loginRequired } from "rolecraft/runtime";',
    'import { A, B } from "../../generated/roles/app.js";',
    'import * as ns from "./barrel.js";',
    "void [A, B, Action, addRequirements, loginRequired, ns];",
  ];
  items.forEach((it, i) => {
    const other = ref(it.ref);
    const expr = (form: string): string => {
      switch (form) {
        case "role":
          return `[${it.role}]`;
        case "alias":
          return other;
        case "spread":
          return `[...${other}, ${it.role}]`;
        case "add":
          return `addRequirements(${other}, ${it.role})`;
        case "group":
          return `[[${it.role}, ${other}]]`;
        case "login":
          return `loginRequired(${other})`;
        case "required":
          return `${other}.requiredRoles`;
        case "super":
          return `addRequirements(super.requiredRoles, ${it.role})`;
        default:
          return `ns.${other}`;
      }
    };
    if (it.kind === "const") {
      lines.push(`export const c${i} = ${expr(it.form)};`);
      return;
    }
    const parent = it.parent === undefined ? "Actor" : ref(it.parent);
    lines.push(`export ${it.abstract ? "abstract " : ""}class K${i} extends ${parent} {`);
    if (it.own !== undefined) lines.push(`  static override requiredRoles = ${expr(it.own)};`);
    if (it.label === "literal") lines.push(`  static override appLabel = "l${i % 3}";`);
    if (it.label === "const") lines.push(`  static override appLabel = ${other};`);
    if (it.actions === "own") lines.push(`  static override actions = { go${i}: new Action({ requiredRoles: ${expr("alias")}, readonly: false }) };`);
    if (it.actions === "spread") lines.push(`  static override actions = { ...${other}.actions, more${i}: new Action() };`);
    if (it.actions === "super") lines.push(`  static override actions = { ...super.actions };`);
    lines.push("}");
  });
  return lines.join("\n") + "\n";
}

describe("the stack guard never changes an answer", () => {
  it("gives the same result with every chain sent through the explicit stack, in a full analysis and in a session", () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 14 }), (items) => {
        const srcDir = `random/a${n++}`;
        mkdirSync(join(template, srcDir), { recursive: true });
        writeFileSync(join(template, srcDir, "x.ts"), chainSource(items));
        writeFileSync(join(template, srcDir, "barrel.ts"), 'export * from "./x.js";\n');
        const input = { model, host: createNodeHost({ cwd: template }), srcDir };
        const session = (): string => JSON.stringify(new AnalyzerSession({ host: createNodeHost({ cwd: template }), srcDir }).analyze(model));
        const usual = JSON.stringify(analyzeApplication(input));
        // (A session analyzes file by file: where actions spread each other in a cycle, its order can decide.)
        const usualSession = session();
        for (const depth of [1, 2]) {
          expect(JSON.stringify(withDepth(depth, () => analyzeApplication(input))), chainSource(items)).toBe(usual);
          expect(withDepth(depth, session), chainSource(items)).toBe(usualSession);
        }
      }),
      params(200, 13),
    );
  }, LONG);

  it("gives the same result on every analyzer fixture and the example application", () => {
    const fixtures = join(repoRoot, "test", "fixtures", "analyzer");
    const cases = [
      ...readdirSync(fixtures, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map(({ name }) => ({ cwd: join(fixtures, name), input: fixtureInput(join(fixtures, name)) })),
      { cwd: join(repoRoot, "examples", "noi-app"), input: { srcDir: "src" } },
    ];
    const noi = noiModel();
    for (const { cwd, input } of cases) {
      const usual = JSON.stringify(analyzeApplication({ model: noi, host: createNodeHost({ cwd }), ...input }));
      expect(JSON.stringify(withDepth(1, () => analyzeApplication({ model: noi, host: createNodeHost({ cwd }), ...input }))), cwd).toBe(usual);
    }
  });
});

/** The analyzer input of a fixture case (its expected.json's `input`, else `src`). */
function fixtureInput(dir: string): { readonly srcDir?: string; readonly project?: string } {
  const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as { input?: { srcDir?: string; project?: string } };
  return expected.input ?? { srcDir: "src" };
}

function withDepth<T>(depth: number, run: () => T): T {
  const saved = StackGuard.maxDepth;
  StackGuard.maxDepth = depth;
  try {
    return run();
  } finally {
    StackGuard.maxDepth = saved;
  }
}
