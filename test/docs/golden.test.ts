/**
 * `rolecraft docs` end to end on every case of test/fixtures/docs/<case>/:
 * the generated tree must equal `expected/` file for file, byte for byte.
 * `UPDATE_GOLDENS=1` rewrites `expected/` (review the diff).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { UPDATING_GOLDENS } from "../report/golden.js";
import { docsCases, docsFixtures, readCase, readTree, runCase } from "./helpers.js";

describe("rolecraft docs (golden trees)", () => {
  it.each(docsCases())("generates the expected tree for %s", async (name) => {
    const { run, out } = await runCase(name);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    const actual = readTree(out);
    const expectedDir = join(docsFixtures, name, "expected");
    if (UPDATING_GOLDENS) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [path, content] of actual) {
        mkdirSync(dirname(join(expectedDir, path)), { recursive: true });
        writeFileSync(join(expectedDir, path), content);
      }
      return;
    }
    const expected = readTree(expectedDir);
    expect([...actual.keys()], `files of ${readCase(name).description}`).toEqual([...expected.keys()]);
    for (const [path, content] of actual) expect(content, path).toBe(expected.get(path));
  });
});
