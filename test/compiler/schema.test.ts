/**
 * The JSON schema is the single source of truth of the input shape; the
 * TypeScript input types (`src/compiler/input.ts`) must say the same:
 * same keys, same required keys. The user type's part of it must also be the
 * runtime's one user-type shape (`USER_TYPE_KEYS`, `OptionalUserTypeKey`),
 * from which every TypeScript form of a user type is derived.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { roleModuleSchema } from "../../src/compiler/schema.js";
import { USER_TYPE_KEYS } from "../../src/runtime/semantics/user-type.js";
import { repoRoot } from "../helpers/generated.js";

interface ObjectSchema {
  readonly properties: Record<string, unknown>;
  readonly required?: readonly string[];
}

let project: Project | undefined;

/** The keys of an exported interface or type alias of a source file, as the type checker sees them (derived types included). */
function typeShape(fileName: string, name: string): { keys: string[]; required: string[] } {
  project ??= new Project({ tsConfigFilePath: join(repoRoot, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  const path = join(repoRoot, "src", ...fileName.split("/"));
  const file = project.getSourceFile(path) ?? project.addSourceFileAtPath(path);
  project.resolveSourceFileDependencies();
  const declaration = file.getInterface(name) ?? file.getTypeAliasOrThrow(name);
  const properties = declaration.getType().getProperties();
  return {
    keys: properties.map((p) => p.getName()).sort(),
    required: properties.filter((p) => !p.isOptional()).map((p) => p.getName()).sort(),
  };
}

function interfaceShape(name: string): { keys: string[]; required: string[] } {
  return typeShape("compiler/input.ts", name);
}

function schemaShape(schema: ObjectSchema): { keys: string[]; required: string[] } {
  return { keys: Object.keys(schema.properties).sort(), required: [...(schema.required ?? [])].sort() };
}

const configSchema = JSON.parse(readFileSync(join(repoRoot, "schemas", "rolecraft-config.schema.json"), "utf8")) as Record<string, unknown>;

describe.each([
  ["schemas/role-module.schema.json", roleModuleSchema],
  ["schemas/rolecraft-config.schema.json", configSchema],
])("%s", (_name, schema) => {
  it("is a valid JSON Schema 2020-12 (rolecraft skips this check at run time)", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    // Strict mode also rejects unknown keywords and ambiguous types while compiling.
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});

describe("schemas/role-module.schema.json", () => {
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

  it("list a user type's keys exactly as the runtime's one user-type shape does", () => {
    const userType = schemaShape(schema.$defs["userType"]!);
    expect(userType.keys).toEqual([...USER_TYPE_KEYS].sort());
    // The shape's key list and its type say the same, and so does every derived form.
    expect(typeShape("runtime/semantics/user-type.ts", "UserTypeShape").keys).toEqual([...USER_TYPE_KEYS].sort());
    expect(typeShape("runtime/user-types.ts", "UserTypeInit")).toEqual(userType);
    expect(typeShape("compiler/types.ts", "UserTypeDef").keys).toEqual([...USER_TYPE_KEYS, "span"].sort());
  });

  it("is a JSON Schema 2020-12 document editors can use", () => {
    const text = readFileSync(join(repoRoot, "schemas", "role-module.schema.json"), "utf8");
    expect((JSON.parse(text) as { $schema: string }).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});
