/**
 * Golden-file assertions shared by the report and diagnostics tests: the
 * output must equal the committed file byte for byte. Run the tests with
 * `UPDATE_GOLDENS=1` to (re)write the files, then review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "vitest";

/** True when the run should rewrite golden files instead of comparing. */
export const UPDATING_GOLDENS = process.env["UPDATE_GOLDENS"] === "1";

/** Asserts that `actual` equals the golden file at `path` (or writes it under `UPDATE_GOLDENS=1`). */
export function expectGolden(path: string, actual: string): void {
  if (UPDATING_GOLDENS) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run the tests with UPDATE_GOLDENS=1`);
  const expected = readFileSync(path);
  // Compare text first for a readable diff, then bytes, so that nothing
  // (a BOM, a CRLF checkout) can hide behind an equal-looking string.
  expect(actual).toBe(expected.toString("utf8"));
  expect(Buffer.from(actual, "utf8").equals(expected)).toBe(true);
}
