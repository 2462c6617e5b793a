/**
 * The reStructuredText pages parse without a single warning in docutils (the
 * parser Sphinx uses), Sphinx's `toctree` and `:doc:` stood in for. Needs
 * python3 with docutils (Debian: python3-docutils), which the machine must
 * provide; without it the tests fail with that message.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { docutilsPython, readTree, runCase, SPHINX_STAND_INS } from "./helpers.js";

const CHECK = `${SPHINX_STAND_INS}
out = {}
for path in sys.argv[1:]:
    stream = io.StringIO()
    with open(path, encoding="utf-8") as f:
        docutils.core.publish_doctree(f.read(), source_path=path, settings_overrides={"warning_stream": stream, "report_level": 2, "halt_level": 5})
    out[path] = stream.getvalue()
print(json.dumps(out))
`;

const python = docutilsPython;
const docutilsMissing = python !== undefined ? undefined : "python3 with docutils is missing (apt-get install python3-docutils)";
// Without docutils these tests fail rather than pass unnoticed.
if (docutilsMissing !== undefined) throw new Error(`rolecraft rst validity tests: ${docutilsMissing}`);

describe("rst pages", () => {
  it.each(["noi", "special", "noi-no-sources"])("of %s parse without warnings in docutils", async (name) => {
    const { run, out } = await runCase(name);
    expect(run.code, run.stderr).toBe(0);
    const paths = [...readTree(out).keys()].filter((p) => p.endsWith(".rst")).map((p) => `${out}/${p}`);
    expect(paths.length).toBeGreaterThan(3);
    const result = spawnSync(python ?? "python3", ["-c", CHECK, ...paths], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const warnings = JSON.parse(result.stdout) as Record<string, string>;
    for (const [path, text] of Object.entries(warnings)) expect(text, path).toBe("");
  });
});
