/** The README is the user's manual: it must list every diagnostic code and keep its first two commands. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/diagnostics/catalogue.js";
import { repoRoot } from "../helpers/generated.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("starts with the two commands a newcomer runs", () => {
    const lines = readme.split("\n");
    expect(lines.slice(0, 6).join("\n")).toContain("npm ci && npm start");
    expect(lines.slice(0, 6).join("\n")).toContain("npm ci && npm test");
  });
  it.each(Object.entries(catalogue))("documents %s", (id, entry) => {
    expect(readme).toContain(`| ${entry.code} | ${entry.severity} | \`${id}\` |`);
  });
});
