/**
 * rolecraft.config.yaml: the nearest one in the working directory or above
 * applies; its paths are relative to its own folder; it is validated
 * against schemas/rolecraft-config.schema.json, and every problem is
 * positioned at the key or value that causes it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, findConfigFile, lowerableCodes, parseConfig, readConfig } from "../../src/api/config.js";
import type { PathKind } from "../../src/compiler/host.js";
import { catalogue } from "../../src/diagnostics/catalogue.js";
import { repoRoot } from "../helpers/generated.js";

const schema = JSON.parse(readFileSync(join(repoRoot, "schemas", "rolecraft-config.schema.json"), "utf8")) as { properties: Record<string, unknown> };

/** A host over in-memory files (absolute paths). */
function memoryHost(cwd: string, files: Record<string, string>): { cwd: string; kind(path: string): PathKind; readFile(path: string): Uint8Array } {
  return {
    cwd,
    kind: (path) => (files[path] !== undefined ? "file" : Object.keys(files).some((f) => f.startsWith(`${path}/`)) ? "directory" : "missing"),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return Buffer.from(text, "utf8");
    },
  };
}

const problems = (text: string): [string, number, number, string][] =>
  parseConfig(text, "/p/rolecraft.config.yaml", "/p").diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.message]);

describe("finding the configuration", () => {
  it("takes the nearest rolecraft.config.yaml or .yml, in the working directory or the closest folder above", () => {
    const files = { "/p/rolecraft.config.yaml": "module: roles\n", "/p/a/rolecraft.config.yml": "module: x\n", "/p/a/b/c/file.ts": "" };
    expect(findConfigFile(memoryHost("/p/a/b/c", files))).toBe("/p/a/rolecraft.config.yml");
    expect(findConfigFile(memoryHost("/p/a", files))).toBe("/p/a/rolecraft.config.yml");
    expect(findConfigFile(memoryHost("/p/other", files))).toBe("/p/rolecraft.config.yaml");
    expect(findConfigFile(memoryHost("/q", files))).toBeUndefined();
  });

  it("resolves paths against the configuration's folder and gives them relative to the working directory", () => {
    const host = memoryHost("/p/app/src", { "/p/rolecraft.config.yaml": "module: user-types/noi\nsrc: app/src\nout: app/generated\ntests: tests/*.rolecraft-test.yaml\n" });
    expect(readConfig(host)).toEqual({
      file: "../../rolecraft.config.yaml",
      root: "/p",
      module: "../../user-types/noi",
      src: ".",
      out: "../generated",
      tests: ["tests/*.rolecraft-test.yaml"],
    });
  });

  it("is empty without a configuration file", () => {
    expect(readConfig(memoryHost("/p", {}))).toEqual({});
  });
});

describe("validating the configuration", () => {
  it("accepts every key of the schema", () => {
    const { value, diagnostics } = parseConfig("module: roles\nproject: tsconfig.json\nout: gen\nseverity:\n  RC5003: warning\ntests: [a.yaml, b/*.yaml]\n", "/p/rolecraft.config.yaml", "/p");
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({ module: "roles", project: "tsconfig.json", out: "gen", severity: { RC5003: "warning" }, tests: ["a.yaml", "b/*.yaml"] });
  });

  it("points at an unknown key, naming the known ones", () => {
    const found = parseConfig("module: roles\nmodul: x\n", "/p/rolecraft.config.yaml", "/p").diagnostics;
    expect(found.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["RC2007", 2, 1]]);
    expect(found[0]!.message).toBe("the configuration has an unknown key `modul`");
    expect(found[0]!.hint).toBe("the keys are module, src, project, out, severity, tests (see docs/cli.md)");
  });

  it("points at a value of the wrong kind, an empty path, a bad code and a severity other than warning", () => {
    expect(problems("module: 3\n")).toEqual([["RC2007", 1, 9, "`module` must be a string"]]);
    expect(problems("out: ''\n")).toEqual([["RC2007", 1, 6, "`out` must not be empty"]]);
    expect(problems("severity:\n  RC5003: error\n")).toEqual([["RC2007", 2, 11, "`severity.RC5003` must be `warning`"]]);
    expect(problems("severity: RC5003\n")).toEqual([["RC2007", 1, 11, "`severity` must be a mapping"]]);
    expect(problems("tests: 5\n")).toEqual([["RC2007", 1, 8, "`tests` must be a glob or a list of globs"]]);
    expect(problems("src: a\nproject: b\n")).toEqual([["RC2007", 2, 1, "the configuration gives both `src` and `project`"]]);
    expect(problems("- module\n")).toEqual([["RC2007", 1, 1, "the configuration must be a mapping"]]);
  });

  it.each([
    ["RC50", "it is not a diagnostic code"],
    ["RC5011", "it is not an error (its severity is warning)"],
    ["RC3005", "only the analyzer's errors can be lowered"],
  ])("refuses to lower %s, naming the codes that can be lowered", (code, why) => {
    const found = parseConfig(`severity:\n  RC5003: warning\n  ${code}: warning\n`, "/p/rolecraft.config.yaml", "/p").diagnostics;
    expect(found.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([["RC2007", 3, 3, `\`severity\` cannot lower \`${code}\`: ${why}`]]);
    expect(found[0]!.hint).toBe(`the codes that can be lowered are ${lowerableCodes().join(", ")}`);
  });

  it("reports a YAML syntax error where it is", () => {
    expect(problems("module: roles\n  src: x\n").map(([code, line]) => [code, line])).toEqual([["RC1001", 2]]);
  });

  it("throws the problems as a ConfigError, with the file's text for code frames", () => {
    const host = memoryHost("/p/a", { "/p/rolecraft.config.yaml": "modul: roles\n" });
    let caught: unknown;
    try {
      readConfig(host);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.message).toBe("../rolecraft.config.yaml:1:1: the configuration has an unknown key `modul`");
    expect([...error.texts.keys()]).toEqual(["../rolecraft.config.yaml"]);
  });
});

describe("schemas/rolecraft-config.schema.json", () => {
  // (Its validity as a JSON Schema is checked with the role modules' one, in test/compiler/schema.test.ts.)
  it("has the keys of RolecraftConfig that a file gives, and each is documented in docs/cli.md", () => {
    const keys = Object.keys(schema.properties).filter((k) => k !== "$schema");
    expect(keys).toEqual(["module", "src", "project", "out", "severity", "tests"]);
    const cliDoc = readFileSync(join(repoRoot, "docs", "cli.md"), "utf8");
    const section = cliDoc.slice(cliDoc.indexOf("### rolecraft.config.yaml"), cliDoc.indexOf("### Exit codes"));
    for (const key of keys) expect(section, key).toContain(`| \`${key}\` |`);
    expect(section, "the codes `severity` can lower").toContain(`the RC5xxx errors: ${lowerableCodes().join(", ")} |`);
  });

  it("lets `severity` lower exactly the analyzer's errors: the RC5xxx codes of the catalogue whose severity is error", () => {
    const analyzerErrors = Object.values(catalogue)
      .filter((entry) => entry.code.startsWith("RC5") && entry.severity === "error")
      .map((entry) => entry.code)
      .sort();
    expect(analyzerErrors).toContain("RC5003");
    expect(lowerableCodes(), "update properties.severity.propertyNames.enum of the schema").toEqual(analyzerErrors);
  });

  it("ships with the package", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("schemas");
  });
});
