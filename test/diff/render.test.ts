/**
 * The renderers on hand-made changes the fixtures don't cover: markup in
 * user-written text, long tables folded into `<details>`, the headline's
 * grammar, and the JSON envelope.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnalyzedActor, Application } from "../../src/analyzer/index.js";
import type { UserTypeDef } from "../../src/compiler/types.js";
import { DETAILS_THRESHOLD, DIFF_JSON_VERSION, diffPermissions, headline, MARKDOWN_MARKER, renderDiff, type DiffState } from "../../src/diff/index.js";
import { loadState, prepareCase } from "./helpers.js";

let base: DiffState;
beforeAll(async () => {
  base = await loadState(join(await prepareCase("unchanged"), "before"));
});

const span = { file: "x.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };
function actor(id: string, roles: readonly string[]): AnalyzedActor {
  const requiredRoles = { items: roles.map((r) => ({ roles: [r], span, text: r, memberSpans: [span], unresolved: [] })), unresolved: [], complete: true };
  return { id, className: id.split(".")[1] ?? id, appLabel: id.split(".")[0] ?? "", file: "x.ts", span, requiredRoles, requiredRolesSpan: span, requiredRolesFrom: id, actions: [] };
}
function withUserType(state: DiffState, type: Partial<UserTypeDef> & { value: string }): DiffState {
  const full: UserTypeDef = { names: [], text: type.value, role: "core.SiteUser", readonly: false, hiddenLanguages: [], maskNotifications: [], attributes: {}, span, ...type };
  return { ...state, model: { ...state.model, userTypes: [...state.model.userTypes, full] } };
}

describe("diff renderers", () => {
  it("escapes markup in user-written text and keeps ids as code", () => {
    const after = withUserType(base, { value: "999", names: ["odd"], text: "a | b <script>`x`</script> *bold*", attributes: { note: "x" } });
    const md = renderDiff(diffPermissions(base, after), "markdown");
    expect(md.startsWith(`${MARKDOWN_MARKER}\n`)).toBe(true);
    expect(md).toContain("| added | `999` | odd | a \\| b \\<script\\>\\`x\\`\\</script\\> \\*bold\\* | `core.SiteUser` | no |");
    expect(md).not.toContain("<script>");
  });

  it("reports changes of attributes, hidden languages and masked notifications in the markdown 'other' column", () => {
    const before = withUserType(base, { value: "999", attributes: { authenticated: true, a: 1 } });
    const after = withUserType(base, { value: "999", attributes: { a: 1, authenticated: false }, hiddenLanguages: ["de"] });
    const diff = diffPermissions(before, after);
    expect(diff.userTypes.changed).toEqual([
      {
        value: "999",
        label: "999",
        changes: [
          { field: "hiddenLanguages", before: [], after: ["de"] },
          { field: "attributes", before: { authenticated: true, a: 1 }, after: { a: 1, authenticated: false } },
        ],
      },
    ]);
    expect(renderDiff(diff, "markdown")).toContain('| changed | `999` |  |  |  |  | hiddenLanguages: \\[\\] → \\["de"\\]; attributes: {"authenticated":true,"a":1} → {"a":1,"authenticated":false} |');
    // Key order alone is no change.
    expect(diffPermissions(before, withUserType(base, { value: "999", attributes: { a: 1, authenticated: true } })).summary.changed).toBe(false);
  });

  it(`folds tables of more than ${DETAILS_THRESHOLD} rows into <details>`, () => {
    const ids = Array.from({ length: DETAILS_THRESHOLD + 1 }, (_, i) => `docs.Table${String(i).padStart(2, "0")}`);
    const app = (roles: readonly string[]): Application => ({ actors: ids.map((id) => actor(id, roles)) });
    const diff = diffPermissions({ model: base.model, app: app(["app.DocumentsStaff"]) }, { model: base.model, app: app(["app.DocumentsUser"]) });
    const md = renderDiff(diff, "markdown");
    expect(md).toContain(`#### Who may see what\n\n<details><summary>${DETAILS_THRESHOLD + 1} changed actors/actions</summary>\n\n| actor / action |`);
    expect(md).toContain("\n\n</details>\n");
    expect(headline(diff)).toBe(`1 user type gains access to ${DETAILS_THRESHOLD + 1} actors/actions`);
  });

  it("says when actors and actions were not compared", () => {
    const diff = diffPermissions({ model: base.model }, withUserType({ model: base.model }, { value: "999" }));
    expect(diff.targets).toBeNull();
    expect(diff.userTypes.added[0]?.sees).toBeNull();
    expect(renderDiff(diff, "text")).toBe(
      [
        "1 user type gains 1 role",
        "user types: 1 added",
        "(actors and actions not compared: give the application sources of both states)",
        "",
        "User types",
        '  + 999: "999", role core.SiteUser',
        "      roles: core.SiteUser",
        "",
      ].join("\n"),
    );
  });

  it("wraps the diff in a versioned JSON envelope with every key present", () => {
    const doc = JSON.parse(renderDiff(diffPermissions(base, base), "json", { before: "a", after: "b" })) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["version", "before", "after", "applicationCompared", "summary", "userTypes", "userTypeRoles", "roles", "targets", "widening", "narrowing"]);
    expect(doc["version"]).toBe(DIFF_JSON_VERSION);
    expect(doc["targets"]).toEqual({ added: [], removed: [], changed: [] });
    expect(JSON.parse(renderDiff(diffPermissions({ model: base.model }, { model: base.model }), "json"))).toMatchObject({ before: null, after: null, targets: null });
  });
});
