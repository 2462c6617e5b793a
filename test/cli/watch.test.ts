/**
 * `check --watch`: after a change of a source file, the new result is
 * printed (only the changed file is parsed again); a role-module change
 * reloads the model.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/commands/check.js";
import { repoRoot } from "../helpers/generated.js";
import { compiledNoiCopy, until } from "../helpers/watch.js";

describe("rolecraft check --watch", () => {
  it("re-checks after a source change and after a role-module change", async () => {
    const dir = await compiledNoiCopy("watch");

    let stderr = "";
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => (stop = r));
    const rounds = (): number => stderr.split("\n").filter((l) => l.startsWith("[watch] ") && l.includes(" actors, ")).length;
    const running = checkCommand(
      { cwd: dir, env: { NO_COLOR: "1" }, stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: false },
      "user-types",
      { src: "src", watch: true, until: stopped },
    );
    await until(() => rounds() === 1 && stderr.includes("watching"));
    expect(stderr).toContain("0 errors, 0 warnings");

    const tickets = join(dir, "src", "tickets", "tickets.ts");
    const original = readFileSync(tickets, "utf8");
    writeFileSync(tickets, `${original}\nexport class Broken extends Tickets {\n  static override requiredRoles = loginRequired([]);\n}\n`);
    await until(() => rounds() === 2);
    expect(stderr).toContain("RC5001");
    expect(stderr.split("\n").filter((l) => l.startsWith("[watch] ")).at(-1)).toMatch(/1 error/);

    writeFileSync(tickets, original);
    await until(() => rounds() === 3);
    expect(stderr.split("\n").filter((l) => l.startsWith("[watch] ")).at(-1)).toMatch(/0 errors/);

    // A role-module change reloads the model: a typo in a base is reported at once.
    const noi = join(dir, "user-types", "noi.yaml");
    writeFileSync(noi, readFileSync(noi, "utf8").replace("Customer: [core.SiteUser,", "Customer: [core.SiteUsr,"));
    await until(() => rounds() === 4 || stderr.includes("RC3001"));
    expect(stderr).toContain("RC3001");
    stop();
    expect(await running).toBe(0);
  });
});

describe("progress display", () => {
  it("is silent when stderr is not a terminal or in CI, and erases itself on a terminal", async () => {
    const { progressDisplay } = await import("../../src/cli/progress.js");
    let out = "";
    const ctx = (tty: boolean, env: Record<string, string>) => ({ cwd: repoRoot, env, stdout: () => {}, stderr: (t: string) => (out += t), stderrIsTTY: tty });
    const quiet = progressDisplay(ctx(false, {}));
    expect(quiet.onProgress).toBeUndefined();
    expect(progressDisplay(ctx(true, { CI: "true" })).onProgress).toBeUndefined();
    const shown = progressDisplay(ctx(true, {}));
    shown.onProgress?.("parsing", 1, 10);
    shown.onProgress?.("parsing", 10, 10);
    shown.done();
    expect(out).toBe("\r\x1b[Kparsing 1/10 files\r\x1b[Kparsing 10/10 files\r\x1b[K");
  });
});
