/**
 * The JSON schema is the single source of truth of the input shape; the
 * TypeScript input types (`src/compiler/input.ts`) must say the same:
 * same keys, same required keys. And the schema must accept every bundled example.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { roleModuleSchema } from "../../src/compiler/schema.js";
import { repoRoot } from "../helpers/generated.js";

interface ObjectSchema {
  readonly properties: Record<string, unknown>;
  readonly required?: readonly string[];
}

function interfaceShape(name: string): { keys: string[]; required: string[] } {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(join(repoRoot, "src", "compiler", "input.ts"));
  const declaration = file.getInterfaceOrThrow(name);
  const properties = declaration.getProperties();
  return {
    keys: properties.map((p) => p.getName()).sort(),
    required: properties.filter((p) => !p.hasQuestionToken()).map((p) => p.getName()).sort(),
  };
}

function schemaShape(schema: ObjectSchema): { keys: string[]; required: string[] } {
  return { keys: Object.keys(schema.properties).sort(), required: [...(schema.required ?? [])].sort() };
}

describe("schemas/role-module.schema.json", () => {
  it("is a valid JSON Schema 2020-12 (the compiler skips this check at run time)", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(roleModuleSchema), JSON.stringify(ajv.errors)).toBe(true);
    // Strict mode also rejects unknown keywords and ambiguous types while compiling.
    expect(() => ajv.compile(roleModuleSchema)).not.toThrow();
  });

  it("is rejected by that check when it is broken (the check can fail)", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema({ ...roleModuleSchema, type: "no-such-type" })).toBe(false);
  });
});

describe("schemas/role-module.schema.json and src/compiler/input.ts", () => {
  const schema = roleModuleSchema as unknown as ObjectSchema & { $defs: Record<string, ObjectSchema> };

  it("agree on the keys of a role module", () => {
    expect(interfaceShape("RoleModuleInput")).toEqual(schemaShape(schema));
  });

  it("agree on the keys of a user type", () => {
    expect(interfaceShape("UserTypeInput")).toEqual(schemaShape(schema.$defs["userType"]!));
  });

  it("is a JSON Schema 2020-12 document editors can use", () => {
    const text = readFileSync(join(repoRoot, "schemas", "role-module.schema.json"), "utf8");
    expect((JSON.parse(text) as { $schema: string }).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});
