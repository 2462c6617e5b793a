/**
 * YAML indentation mistakes point at the line to fix, with a hint that
 * says what YAML made of it; a role named like a key of a role definition
 * (`bases`, `doc`: a key indented one level too little) and a role name in
 * lower case are named where they are written.
 */
import { describe, expect, it } from "vitest";
import { loadRoleModel } from "../../src/compiler/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { withOverlays } from "../../src/host/overlay-host.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { tmpRoot } from "../helpers/generated.js";
import { join } from "node:path";

/** The diagnostics of one YAML text, loaded from memory. */
async function diagnosticsOf(yaml: string): Promise<readonly Diagnostic[]> {
  const path = join(tmpRoot, "indentation", "main.yaml");
  const host = withOverlays(createNodeHost({ cwd: tmpRoot, modelThread: false }), new Map([[path, yaml]]));
  return (await loadRoleModel(host, path)).diagnostics;
}

const summary = (d: Diagnostic): [string, number, number] => [d.code, d.span.line, d.span.column];

describe("YAML indentation errors point at the line that is wrong", () => {
  it("a key indented deeper than the key above: the deeper line, not the one yaml names", async () => {
    const [d, ...rest] = await diagnosticsOf("module: app\nuserTypes:\n  - value: '1'\n    text: A\n     role: core.SiteUser\n");
    expect(rest).toEqual([]);
    expect(summary(d!)).toEqual(["RC1001", 5, 6]);
    expect(d!.hint).toMatch(/indented deeper than the line above/);
  });

  it("a key indented between two levels: that line, at its first character, and no echo of it", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n  Developer:\n    bases: [core.SiteUser]\n doc: text\n  Other: []\n");
    expect(found.map(summary)).toEqual([["RC1001", 5, 2]]);
    expect(found[0]!.hint).toMatch(/indent this line like the other keys/);
  });

  it("an unclosed `[`: where it opens", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n  Worker: [core.SiteUser\nuserTypes: []\n");
    expect(found.map(summary)).toEqual([["RC1001", 3, 11]]);
    expect(found[0]!.hint).toMatch(/never closed: end it with `\]`/);
  });

  it("a list item indented deeper than the one above: the deeper line (YAML made one item of both)", async () => {
    const found = await diagnosticsOf("module: app\nimports:\n  - core.SiteUser\n    - core.Expert\nroles: {}\n");
    expect(found.map(summary)).toEqual([["RC2004", 4, 5]]);
    expect(found[0]!.hint).toMatch(/continues that item's text/);
  });

  it("a list item indented less than the ones above, and a key without its `- `", async () => {
    expect((await diagnosticsOf("module: app\nimports:\n  - core.SiteUser\n - core.Expert\nroles: {}\n")).map(summary)).toEqual([["RC1001", 4, 2]]);
    const missingDash = await diagnosticsOf("module: app\nuserTypes:\n  - value: '1'\n    text: A\n   role: core.SiteUser\n");
    expect(missingDash.map(summary)).toEqual([["RC1001", 5, 4]]);
    expect(missingDash[0]!.hint).toMatch(/has no `- `/);
  });

  it("a tab: says that YAML indents with spaces", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n\tDeveloper: [core.SiteUser]\n");
    expect(found.map(summary)).toEqual([["RC1001", 3, 1]]);
    expect(found[0]!.hint).toMatch(/spaces/);
  });
});

describe("role names", () => {
  it("reports a role named `bases` after a role with no bases as the dedented key it is", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n  Customer: [core.SiteUser]\n  Developer:\n  bases: [Customer]\n");
    expect(found.map(summary)).toEqual([["RC2006", 5, 3]]);
    expect(found[0]!.data).toEqual({ name: "bases" });
    expect(found[0]!.hint).toBe("`bases:` is indented like a role name, so it defines a role `bases` and leaves `Developer` with no bases: indent it under `Developer`");
  });

  it("reports a role named `doc`, saying whose doc it was meant to be", async () => {
    const mapping = await diagnosticsOf("module: app\nroles:\n  Developer:\n    bases: [core.SiteUser]\n  doc: Works on tickets.\n");
    expect(mapping.map(summary)).toEqual([["RC2006", 5, 3]]);
    expect(mapping[0]!.hint).toMatch(/instead of the doc of `Developer`: indent it under `Developer`, beside its `bases:`/);
    const list = await diagnosticsOf("module: app\nroles:\n  Developer: [core.SiteUser]\n  doc: Works on tickets.\n");
    expect(list[0]!.hint).toMatch(/write `Developer` as a mapping with `bases:` and `doc:`/);
  });

  it("reports a role named like a key without guessing when nothing shows an indentation mistake", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n  bases: [core.SiteUser]\n");
    expect(found.map(summary)).toEqual([["RC2006", 3, 3]]);
    expect(found[0]!.hint).toMatch(/almost always a key indented one level too little/);
  });

  it("warns about a role name in lower case, at its key, and still builds the model", async () => {
    const found = await diagnosticsOf("module: app\nroles:\n  customer: [core.SiteUser]\n  Developer: [customer]\n  _Internal: []\n");
    expect(found.map(summary)).toEqual([["RC3014", 3, 3]]);
    expect(found[0]!.severity).toBe("warning");
    expect(found[0]!.hint).toBe("Lino's roles are classes, named in CapWords: `Customer`");
  });
});
