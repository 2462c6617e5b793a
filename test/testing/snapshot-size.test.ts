/**
 * A snapshot's size follows from the application: one larger than 16 MiB
 * that rolecraft wrote reads back (through the node host, within the bound
 * `snapshotByteLimit` gives for the application), and a file larger than
 * that bound is refused before it is read, with a positioned RC6012.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSnapshots } from "../../src/api/test.js";
import type { Span } from "../../src/diagnostics/diagnostic.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { userTypeLabel } from "../../src/runtime/semantics/index.js";
import { runTests, type TestFileInput } from "../../src/testing/run.js";
import { MIN_SNAPSHOT_BYTES, snapshotByteLimit, utf8Length } from "../../src/testing/snapshot.js";
import type { TestFileSpec } from "../../src/testing/spec.js";
import type { TestProject } from "../../src/testing/table.js";
import { syntheticApp } from "../browser/synthetic.js";

const SPAN: Span = { file: "app.rolecraft-test.yaml", line: 3, column: 11, endLine: 3, endColumn: 26 };
const SNAPSHOT = "app.snapshot.yaml";
const spec: TestFileSpec = { file: SPAN.file, name: "app", tests: [], invariants: [], snapshot: { file: SNAPSHOT, written: { text: SNAPSHOT, span: SPAN } } };
const files: TestFileInput[] = [{ file: SPAN.file, spec, diagnostics: [] }];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rolecraft-snapshot-size-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function limitOf(project: TestProject): number {
  const ids = project.application.actors.flatMap((a) => [a.id, ...a.actions.map((x) => x.id)]);
  return snapshotByteLimit(ids, project.model.userTypes.map(userTypeLabel));
}

/** Runs the snapshot case, reading the file from `dir` as `rolecraft test` does. */
function run(project: TestProject, update: boolean) {
  const host = createNodeHost({ cwd: dir });
  return runTests({ project, files, snapshots: readSnapshots(host, files, () => undefined), updateSnapshots: update });
}

describe("snapshot size", () => {
  // About 57,000 targets × 300 user types: the benchmark's preset L, whose snapshot is past 16 MiB.
  const big: TestProject = syntheticApp({ userTypes: 300, actors: 22_000, plugins: 40 });

  it("reads back a snapshot of more than 16 MiB that it wrote", () => {
    const written = run(big, true);
    expect(written.files[0]!.cases[0]!.diagnostics).toEqual([]);
    const content = written.snapshotWrites[0]!.content;
    const size = utf8Length(content);
    expect(size).toBeGreaterThan(MIN_SNAPSHOT_BYTES);
    expect(size).toBeLessThanOrEqual(limitOf(big));
    writeFileSync(join(dir, SNAPSHOT), content);
    const again = run(big, false);
    const snapshotCase = again.files[0]!.cases[0]!;
    expect(snapshotCase.diagnostics).toEqual([]);
    // Compared, and up to date: the only failure is the synthetic application's unknown rows, which also fail it when written.
    expect(snapshotCase.failures.map((f) => (f.kind === "snapshot" ? f.reason : f.kind))).toEqual(written.files[0]!.cases[0]!.failures.map((f) => (f.kind === "snapshot" ? f.reason : f.kind)));
    expect(snapshotCase.failures.some((f) => f.kind === "snapshot" && (f.reason === "stale" || f.reason === "missing"))).toBe(false);
  });

  it("refuses a file larger than a snapshot of the application could be, before reading it (RC6012, at the snapshot entry)", () => {
    const limit = limitOf(big);
    // Sparse: nothing is written, the size alone must refuse it.
    writeFileSync(join(dir, SNAPSHOT), "");
    truncateSync(join(dir, SNAPSHOT), limit + 1);
    const refused = run(big, false).files[0]!.cases[0]!;
    expect(refused.status).not.toBe("passed");
    expect(refused.diagnostics.map((d) => [d.code, d.data, d.span])).toEqual([["RC6012", { path: SNAPSHOT, size: limit + 1, max: limit }, SPAN]]);
    expect(refused.diagnostics[0]!.hint).toContain("--update-snapshot");
  });

  it("never reads more than 16 MiB for a small application, and refuses to overwrite what it could not read", () => {
    const small: TestProject = syntheticApp({ userTypes: 5, actors: 20, plugins: 3 });
    expect(limitOf(small)).toBe(MIN_SNAPSHOT_BYTES);
    writeFileSync(join(dir, SNAPSHOT), "");
    truncateSync(join(dir, SNAPSHOT), MIN_SNAPSHOT_BYTES + 1);
    for (const update of [false, true]) {
      const result = run(small, update);
      expect(result.files[0]!.cases[0]!.diagnostics.map((d) => [d.code, d.data["size"], d.data["max"]])).toEqual([["RC6012", MIN_SNAPSHOT_BYTES + 1, MIN_SNAPSHOT_BYTES]]);
      expect(result.snapshotWrites).toEqual([]);
    }
  });
});
