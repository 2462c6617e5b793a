/**
 * `rolecraft diff` on real edits (test/fixtures/diff/<case>/{before,after}):
 * each case lists exactly the cells that change — derived by hand from the
 * role hierarchy and the application, see test/fixtures/diff/README.md — and
 * its text, markdown and JSON renderings are golden files.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffJsonDocument, diffPermissions, isEmptyDiff, type PermissionDiff } from "../../src/diff/index.js";
import { cli } from "../helpers/cli.js";
import { expectGolden } from "../report/golden.js";
import { CASES, cells, fixturesDir, loadState, prepareCase } from "./helpers.js";

/** The changed cells of every case, written by hand. */
const EXPECTED: Record<string, readonly string[]> = {
  unchanged: [],
  "role-added-to-bases": [
    "+role 300 app.DocumentsUser",
    "+access 300 docs.Documents",
    "+access 300 docs.Documents.export",
    "~roles of 300: +app.DocumentsUser",
    "~role app.Auditor bases mro",
    "~target docs.Documents +300",
    "~target docs.Documents.export +300",
  ],
  "base-removed": [
    "-role 200 app.DocumentsStaff",
    "-role 900 app.DocumentsStaff",
    "-access 200 docs.Documents.edit",
    "-access 200 docs.Documents.export",
    "-access 900 docs.Documents.edit",
    "~roles of 200: -app.DocumentsStaff",
    "~roles of 900: -app.DocumentsStaff",
    "~role app.Editor bases mro",
    "~role app.Manager mro",
    "~target docs.Documents.edit -200 -900",
    "~target docs.Documents.export -200",
  ],
  "requirement-changed": [
    "+access 300 admin.Settings",
    "-access 300 admin.AuditLog",
    "~target admin.AuditLog requirement (app.AuditReader | core.SiteStaff) → core.SiteStaff -300",
    "~target admin.Settings requirement core.SiteStaff → (core.SiteStaff | app.AuditReader) +300",
    // The readonly auditor may see the settings but not reset them: a requirement change without an access change.
    "~target admin.Settings.reset requirement core.SiteStaff → (core.SiteStaff | app.AuditReader)",
  ],
  "user-type-renamed": ["~type 100 names"],
  "user-type-value-changed": [
    "+role 310 app.AuditReader",
    "+role 310 app.Auditor",
    "+role 310 core.SiteUser",
    "+access 310 admin.AuditLog",
    "+access 310 docs.PublishedDocuments",
    "-role 300 app.AuditReader",
    "-role 300 app.Auditor",
    "-role 300 core.SiteUser",
    "-access 300 admin.AuditLog",
    "-access 300 docs.PublishedDocuments",
    "+type 310",
    "-type 300",
    "?rename 300 → 310",
  ],
  "user-type-readonly": ["-access 200 docs.Documents.edit", "~type 200 readonly", "~target docs.Documents.edit -200"],
  "action-added": ["+access 200 docs.Documents.publish", "+access 900 docs.Documents.publish", "+target docs.Documents.publish 200 900"],
};

const ARGS = ["diff", "before/roles.yaml", "after/roles.yaml", "--src-before", "before/src", "--src-after", "after/src"];

describe.each(CASES)("diff fixture %s", (name) => {
  let dir = "";
  let diff: PermissionDiff;
  beforeAll(async () => {
    dir = await prepareCase(name);
    diff = diffPermissions(await loadState(join(dir, "before")), await loadState(join(dir, "after")));
  });

  it("lists exactly the cells that change", () => {
    expect(EXPECTED[name], `add the expected cells of ${name}`).toBeDefined();
    expect(cells(diff)).toEqual(EXPECTED[name]);
    expect(isEmptyDiff(diff)).toBe(EXPECTED[name]?.length === 0);
  });

  it.each(["text", "markdown", "json"] as const)("renders %s like the golden file", async (format) => {
    const run = await cli([...ARGS, "--format", format], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectGolden(join(fixturesDir, name, `expected.${format === "markdown" ? "md" : format === "json" ? "json" : "txt"}`), run.stdout);
    if (format === "json") {
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(diffJsonDocument(diff, { before: "before/roles.yaml", after: "after/roles.yaml" }))));
    }
  });

  it("exits 1 with --fail-on-widening exactly when some user type gains a role or access", async () => {
    const run = await cli([...ARGS, "--fail-on-widening", "--format", "json"], { cwd: dir });
    const widening = diff.widening.length > 0;
    expect(run.code).toBe(widening ? 1 : 0);
    expect(run.stderr === "").toBe(!widening);
  });
});
