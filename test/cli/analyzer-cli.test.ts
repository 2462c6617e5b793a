/**
 * The analyzer from the command line, on the bundled example application
 * (examples/noi-app against user-types/noi): check, show actors,
 * visible-for and explain, with exit codes and goldens.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";

const app = ["user-types/noi", "--src", "examples/noi-app/src"];

describe("analyzer commands on examples/noi-app", () => {
  it("check finds no errors and exits 0; plain `rolecraft check` uses rolecraft.config.yaml", async () => {
    const run = await cli(["check", ...app]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/0 errors, 0 warnings/);
    const configured = await cli(["check"]);
    expect(configured.code).toBe(0);
    expect(configured.stderr).toBe(run.stderr);
  });

  it.each(["rst", "md", "csv", "json", "html"])("show actors --format %s (golden)", async (format) => {
    const run = await cli(["show", "actors", ...app, "--format", format]);
    expect(run.code).toBe(0);
    const golden = join(repoRoot, "test", "fixtures", "cli", "show", `noi-app-actors.${format}`);
    if (process.env["UPDATE_GOLDENS"] === "1") {
      mkdirSync(join(golden, ".."), { recursive: true });
      writeFileSync(golden, run.stdout);
    }
    expect(run.stdout).toBe(readFileSync(golden, "utf8"));
  });

  it("visible-for prints Lino's one line", async () => {
    expect(await cli(["visible-for", "tickets.Tickets", ...app])).toEqual({ code: 0, stdout: "customer contributor developer admin\n", stderr: "" });
    expect((await cli(["visible-for", "comments.Comments", ...app])).stdout).toBe("all\n");
  });

  it("visible-for exits 2 with suggestions for an unknown id", async () => {
    const run = await cli(["visible-for", "tickets.Tickts", ...app]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no actor or action `tickets.Tickts`");
  });

  it("explain shows each item and the MRO path", async () => {
    const run = await cli(["explain", "tickets.Tickets", "--user-type", "customer", ...app]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("noi.Customer → core.SiteUser");
    const refused = await cli(["explain", "tickets.Tickets", "--user-type", "000", ...app]);
    expect(refused.stdout).toContain("not visible");
  });

  it("check fails with file:line:col on an application with an empty OR-group, in every format", async () => {
    const dir = freshDir("cli-bad-app");
    mkdirSync(join(dir, "src", "tickets"), { recursive: true });
    writeFileSync(
      join(dir, "src", "tickets", "tickets.ts"),
      [
        'import { Actor, loginRequired } from "rolecraft/runtime";',
        'import { Triager } from "../../generated/roles/tickets.js";',
        "export class Tickets extends Actor {",
        "  static override requiredRoles = loginRequired([], Triager);",
        "}",
        "",
      ].join("\n"),
    );
    expect((await cli(["compile", "user-types/noi", "--out", join(dir, "generated")])).code).toBe(0);
    const text = await cli(["check", "user-types/noi", "--src", join(dir, "src")]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/tickets\.ts:4:49: error RC5001: \[\] \(required on tickets\.Tickets\) is an empty tuple/);
    const sarif = await cli(["check", "user-types/noi", "--src", join(dir, "src"), "--format", "sarif"]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const result = log.runs[0]!.results.find((r) => r.ruleId === "RC5001")!;
    expect(result.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 49 });
  });
});
