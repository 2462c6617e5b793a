/** `rolecraft diff <before> <after>`: usage errors (exit 2), broken states (exit 1), the bundled example. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { prepareCase } from "./helpers.js";

describe("rolecraft diff <before> <after>", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await prepareCase("unchanged");
  });

  it("finds no change between the bundled Noi example and itself, application included", async () => {
    const run = await cli(["diff", "user-types/noi", "user-types/noi", "--src", "examples/noi-app/src"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("rolecraft diff: user-types/noi → user-types/noi\nNo permission changes\n");
  });

  it.each([
    [["before/roles.yaml"], "rolecraft: name two role modules to compare (before and after), or a git revision with --base REV\n"],
    [["before/roles.yaml", "after/roles.yaml", "--src-before", "before/src"], "rolecraft: give --src-before and --src-after together (or --src for both states)\n"],
    [["before/roles.yaml", "after/roles.yaml", "--src-before", "before/src", "--src-after", "after/src", "--src", "before/src"], "rolecraft: give --src-before/--src-after or --src/--project, not both\n"],
    [["before/roles.yaml", "after/roles.yaml", "--format", "html"], "rolecraft: unknown format `html` (use one of text, markdown, json)\n"],
    [["before/roles.yaml", "nowhere.yaml"], "rolecraft: cannot read nowhere.yaml: no such file or directory\n"],
    [["before/roles.yaml", "after/roles.yaml", "--src-before", "before/src", "--src-after", "after/nowhere"], "rolecraft: cannot read after/nowhere: no such file or directory\n"],
  ])("exits 2 with one line for %j", async (args, message) => {
    const run = await cli(["diff", ...args], { cwd: dir });
    expect(run.stderr).toBe(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });

  it("exits 1 and names the state when one of them has errors", async () => {
    writeFileSync(join(dir, "broken.yaml"), "module: app\nroles:\n  Reader: [Nobody]\nuserTypes:\n  - { value: '1', text: One, role: Reader }\n");
    const run = await cli(["diff", "before/roles.yaml", "broken.yaml"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe("rolecraft diff: in after (broken.yaml):");
    expect(run.stderr).toContain("error RC3001: unknown role `Nobody`");
  });
});
