/**
 * Permission tests from the library, as a project's own vitest suite calls
 * them; the test-file schema; snapshots written atomically through the host.
 */
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createNodeHost, parseTestFile, permissionTestSchema, runPermissionTests, UsageError, type RolecraftHost } from "../../src/index.js";
import { writeFileAtomically } from "../../src/host/node-host.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { MODULE, testingFixtures } from "./helpers.js";

const host = createNodeHost({ cwd: testingFixtures, modelThread: false });
const options = { module: MODULE, src: "project/src" };

describe("runPermissionTests (the library)", () => {
  it("answers as a project's test suite needs: passed, and every case with its status", async () => {
    const result = await runPermissionTests({ ...options, files: ["cases/passing/clinic.rolecraft-test.yaml"] }, host);
    expect(result.passed).toBe(true);
    expect(result.run?.summary).toMatchObject({ files: 1, cases: 8, passed: 8, failed: 0, unknown: 0, errors: 0 });
    expect(result.testFiles).toEqual(["cases/passing/clinic.rolecraft-test.yaml"]);
  });

  it("gives each failure as data: where, expected, actual, and the explanation", async () => {
    const result = await runPermissionTests({ ...options, files: ["cases/failing/clinic.rolecraft-test.yaml"] }, host);
    expect(result.passed).toBe(false);
    const first = result.run?.files[0]?.cases[0]?.failures[0];
    expect(first).toMatchObject({
      kind: "cell",
      span: { file: "cases/failing/clinic.rolecraft-test.yaml", line: 5, column: 29 },
      target: "clinic.Patients",
      userType: { value: "300", label: "clerk" },
      expected: "visible",
      actual: "hidden",
      explanation: { role: "clinic.Billing", visible: false, items: [{ item: { roles: ["clinic.Staff"] }, satisfied: false }] },
    });
  });

  it("never passes an expectation on an unknown verdict: it fails as unknown, saying what could not be resolved and where", async () => {
    const result = await runPermissionTests({ module: MODULE, src: "project/src-unknown", files: ["cases/unknown/records.rolecraft-test.yaml"] }, host);
    expect(result.passed).toBe(false);
    const cases = new Map(result.run?.files[0]?.cases.map((c) => [c.name, c]));
    // Expected visible, on a cell whose requirement's other half is `pickRole()`.
    const sees = cases.get("nurses see the records");
    expect(sees?.status).toBe("unknown");
    expect(sees?.failures[0]).toMatchObject({
      kind: "cell",
      target: "clinic.Records",
      expected: "visible",
      actual: "unknown",
      unresolved: [{ text: "pickRole()", span: { file: "project/src-unknown/clinic/records.ts", line: 7, column: 56 } }],
    });
    // An OR-group with an unresolved member: a clerk lacks its known member, but may hold the other.
    expect(cases.get("clerks do not see the charts")?.failures[0]).toMatchObject({ expected: "not visible", actual: "unknown", unresolved: [{ text: "pickRole()" }] });
    // Excluded by a resolved item of the same requirement: decided, and it passes.
    expect(cases.get("anonymous visitors and clerks never see the records")?.status).toBe("passed");
    expect(result.run?.summary).toMatchObject({ passed: 2, failed: 0, unknown: 6 });
  });

  it("runs the bundled example from the repository's configuration", async () => {
    const result = await runPermissionTests({ coverage: true }, createNodeHost({ cwd: repoRoot, modelThread: false }));
    expect(result.passed).toBe(true);
    expect(result.run?.coverage?.percent).toBeGreaterThanOrEqual(90);
  });

  it("writes snapshots through the host's writeTextFile, once per file, and refuses a host without it", async () => {
    const writes: [string, string][] = [];
    const recording: RolecraftHost = { ...host, writeTextFile: (path, text) => writes.push([path, text]) };
    const result = await runPermissionTests({ ...options, files: ["cases/stale-snapshot/clinic.rolecraft-test.yaml"], updateSnapshot: true }, recording);
    expect(result.written).toEqual(["cases/stale-snapshot/clinic.snapshot.yaml"]);
    expect(writes.map(([path]) => path)).toEqual([join(testingFixtures, "cases", "stale-snapshot", "clinic.snapshot.yaml")]);
    expect(writes[0]?.[1]).toBe(readFileSync(join(testingFixtures, "cases", "passing", "clinic.snapshot.yaml"), "utf8"));
    const { writeTextFile: _none, ...readOnly } = host;
    await expect(runPermissionTests({ ...options, files: ["cases/stale-snapshot/clinic.rolecraft-test.yaml"], updateSnapshot: true }, readOnly)).rejects.toThrow(UsageError);
  });
});

describe("writing a file atomically (the Node host)", () => {
  it("leaves the new content and no temporary file", () => {
    const dir = freshDir("atomic");
    writeFileAtomically(join(dir, "a.yaml"), "one\n");
    writeFileAtomically(join(dir, "a.yaml"), "two\n");
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe("two\n");
    // (freshDir's rolecraft.config.yaml is there from the start.)
    expect(readdirSync(dir)).toEqual(["a.yaml", "rolecraft.config.yaml"]);
  });

  it("throws, and leaves no temporary file, when the rename fails", () => {
    const dir = freshDir("atomic");
    mkdirSync(join(dir, "taken"));
    mkdirSync(join(dir, "taken", "inside"));
    expect(() => writeFileAtomically(join(dir, "taken"), "text")).toThrow();
    expect(readdirSync(dir)).toEqual(["rolecraft.config.yaml", "taken"]);
  });
});

describe("schemas/permission-test.schema.json", () => {
  it("is a valid JSON Schema 2020-12 in strict mode (rolecraft skips this check at run time)", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    expect(ajv.validateSchema(permissionTestSchema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(permissionTestSchema)).not.toThrow();
  });

  it("accepts the example of SPEC §8 and every test file of the fixtures and examples that should be valid", () => {
    expect(parseTestFile(SPEC_EXAMPLE, "spec.rolecraft-test.yaml").diagnostics).toEqual([]);
    const valid = ["passing", "failing", "unknown", "stale-snapshot", "missing-snapshot", "names", "coverage"];
    for (const name of valid) {
      const dir = join(testingFixtures, "cases", name);
      const file = readdirSync(dir).find((f) => f.endsWith(".rolecraft-test.yaml")) ?? "";
      expect(parseTestFile(readFileSync(join(dir, file), "utf8"), file).diagnostics, name).toEqual([]);
    }
    const example = readFileSync(join(repoRoot, "examples", "noi-app", "permissions.rolecraft-test.yaml"), "utf8");
    expect(parseTestFile(example, "permissions.rolecraft-test.yaml").diagnostics).toEqual([]);
  });

  it("and the engine agree: what the schema accepts parses into a spec, and what it rejects is positioned", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const validate = ajv.compile(permissionTestSchema);
    const texts = [SPEC_EXAMPLE, "tests: []\n", "invariants:\n  - { targets: [a.B], atLeast: [x] }\n", "tests:\n  - { target: a.B }\n", "snapshot: ''\n", "name: only a name\n"];
    for (const text of texts) {
      const parsed = parseTestFile(text, "t.rolecraft-test.yaml");
      expect(parsed.value !== undefined, text).toBe(validate(parse(text)));
      for (const d of parsed.diagnostics) expect(d.span.line, text).toBeGreaterThan(0);
    }
  });
});

const SPEC_EXAMPLE = `name: Noi permissions
tests:
  - name: customers report tickets but do not triage them
    userTypes: [customer]            # names or values
    sees: [tickets.MyTickets, tickets.Tickets.insert]
    doesNotSee: [tickets.UnassignedTickets, tickets.Tickets.markClosed]
  - name: who sees all tickets, exactly
    target: tickets.AllTickets
    visibleFor: developer admin      # exactly as \`visible-for\` prints it
invariants:
  - name: only staff triage
    targets: ["tickets.*.markClosed", "tickets.UnassignedTickets"]   # globs over ids
    atMost: [developer, admin]       # nobody else may see them
  - name: readonly user types change nothing
    readonlyUserTypesSeeOnlyReadonlyActions: true
snapshot: permissions.snapshot.yaml  # optional: every (target, visibleFor), exhaustive
`;
