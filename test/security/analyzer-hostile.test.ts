/**
 * Hostile application sources never crash the analyzer: a NUL byte in an
 * import specifier and nesting too deep for TypeScript's parser become
 * positioned diagnostics, with exit code 1 (never 2).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir } from "../helpers/generated.js";

describe("hostile application sources", () => {
  it("reports a NUL in an import specifier and a too deeply nested file instead of crashing", async () => {
    const dir = freshDir("hostile-app");
    writeFileSync(join(dir, "roles.yaml"), 'module: app\nroles:\n  A: [core.SiteUser]\nuserTypes:\n  - { value: "1", names: a, text: A, role: A }\n');
    expect((await cli(["compile", "roles.yaml", "--out", "generated"], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, "src", "x"), { recursive: true });
    writeFileSync(
      join(dir, "src", "x", "nul.ts"),
      'import { Actor } from "rolecraft/runtime";\nimport { A } from "../../generated/roles/a\\0pp.js";\nexport class X extends Actor { static override requiredRoles = [A]; }\n',
    );
    writeFileSync(join(dir, "src", "x", "deep.ts"), `export const x = ${"[".repeat(3000)}${"]".repeat(3000)};\n`);
    const run = await cli(["check", "roles.yaml", "--src", "src", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; line: number; column: number }[] };
    expect(report.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ["RC1002", "src/x/deep.ts", 1, 1],
      ["RC5004", "src/x/nul.ts", 3, 65],
    ]);
  });
});
