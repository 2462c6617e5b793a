/**
 * The skimmer's oracle (TypeScript's parser read by syntax.ts) and
 * generators of modules for the differential tests of src/analyzer/skim.ts
 * (test/analyzer/skim.test.ts, and more of them under `npm run fuzz`).
 */
import fc from "fast-check";
import { ts } from "ts-morph";
import { expect } from "vitest";
import { skimSyntaxFile } from "../../src/analyzer/skim.js";
import { parseSyntaxFile, type SyntaxFile } from "../../src/analyzer/syntax.js";

/** A comparable picture of a syntax file: shared objects (the file, classes) become markers. */
export function picture(root: SyntaxFile): unknown {
  const classIds = new Map<object, number>();
  const visit = (value: unknown, top: boolean): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (value === root && !top) return "<file>";
    if (value instanceof Map) return [...value.entries()].map(([k, v]) => [k, visit(v, false)]);
    if (Array.isArray(value)) return value.map((v) => visit(v, false));
    if ((value as { kind?: unknown }).kind === "class") {
      const known = classIds.get(value);
      if (known !== undefined) return `<class ${known}>`;
      classIds.set(value, classIds.size + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (top && key === "text") continue;
      out[key] = (key === "staticClass" || key === "enclosingClass") && v !== undefined ? `<class ${classIds.get(v as object) ?? "?"}>` : visit(v, false);
    }
    return out;
  };
  return visit(root, true);
}

/** True when TypeScript's parser finds a syntax error in the text. */
export function hasSyntaxErrors(file: string, text: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ((source as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics ?? []).length > 0;
}

/**
 * Skims `text`; when the skimmer does not give up, its result must equal
 * TypeScript's. On text with syntax errors the skimmer must give up: what
 * such a file holds is TypeScript's error recovery's guess, which the
 * parser reads (and the analyzer reports the error); the skimmer must
 * never read it otherwise.
 */
export function compare(file: string, text: string): "skimmed" | "gave up" | "unparsable" | "invalid" {
  let reference: SyntaxFile;
  try {
    reference = parseSyntaxFile(file, text);
  } catch {
    expect(skimSyntaxFile(file, text), `${file}: TypeScript cannot parse it, the skimmer must give up`).toBeUndefined();
    return "unparsable";
  }
  const skimmed = skimSyntaxFile(file, text);
  if (hasSyntaxErrors(file, text)) {
    expect(skimmed, `${file}: TypeScript finds a syntax error, the skimmer must give up\n${text}`).toBeUndefined();
    expect(reference.syntaxErrors.length).toBeGreaterThan(0);
    return "invalid";
  }
  if (skimmed === undefined) return "gave up";
  expect(picture(skimmed), `${file}\n${text}`).toEqual(picture(reference));
  return "skimmed";
}


const ident = fc.constantFrom("A", "B", "Role", "SiteUser", "loginRequired", "addRequirements", "ns", "x", "type", "of", "get", "undefined");
const name = fc.constantFrom("requiredRoles", "actions", "appLabel", "roleId", "readonly", "other", "label", "static", "get", "constructor");
export const skimSpace = fc.constantFrom(" ", "", "\n", "  ", " /* c */ ", " // c\n", "\n\n", "\r\n");

/** Expressions: the subset, and some beyond it (which may make the skimmer give up). */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 3, depthSize: "small" },
    ident,
    fc.constantFrom("'str'", '"s"', "`t`", "1", "0x1F", "true", "false", "null", "this", "super.requiredRoles", "this.requiredRoles"),
    fc.tuple(tie("e"), ident).map(([a, b]) => `${a}.${b}`),
    fc.tuple(tie("e"), fc.array(tie("e"), { maxLength: 3 }), skimSpace).map(([f, args, s]) => `${f}(${s}${args.join(`,${s}`)})`),
    fc.tuple(fc.array(fc.oneof(tie("e"), fc.constant(""), tie("e").map((e) => `...${e}`)), { maxLength: 4 }), skimSpace).map(([items, s]) => `[${s}${items.join(`,${s}`)}]`),
    fc
      .array(
        fc.oneof(
          fc.tuple(name, tie("e")).map(([k, v]) => `${k}: ${v}`),
          ident,
          tie("e").map((e) => `...${e}`),
          fc.tuple(fc.constantFrom("'q'", "0", "['c']"), tie("e")).map(([k, v]) => `${k}: ${v}`),
        ),
        { maxLength: 3 },
      )
      .map((props) => `{ ${props.join(", ")} }`),
    fc.tuple(tie("e"), fc.constantFrom(" as const", " as R[]", " satisfies X", "!", " as unknown as Y<Z>")).map(([e, w]) => `${e}${w}`),
    tie("e").map((e) => `(${e})`),
    fc.tuple(ident, fc.array(tie("e"), { maxLength: 2 })).map(([c, args]) => `new ${c}(${args.join(", ")})`),
    fc.constantFrom("a + b", "-1", "() => 1", "x ? y : z", "`a${b}c`", "/re/", "a[0]", "a?.b", "f<T>(x)", "typeof x", "function () {}", "class {}"),
  ),
})).e;

const type = fc.constantFrom("R", "readonly R[]", "Map<string, R>", "{ a: 1; b: (x: number) => void }", "(a: A) => B", "A | B", "typeof x", "[A, B]", "`t${string}`");

const member = fc.oneof(
  fc
    .tuple(fc.subarray(["static", "override", "readonly", "declare", "public", "abstract"]), name, fc.option(type, { nil: undefined }), fc.option(expr, { nil: undefined }), fc.constantFrom(";", "", "\n"))
    .map(([mods, n, t, init, end]) => `${mods.join(" ")} ${n}${t === undefined ? "" : `: ${t}`}${init === undefined ? "" : ` = ${init}`}${end}`),
  fc.tuple(fc.boolean(), name, expr).map(([isStatic, n, e]) => `${isStatic ? "static " : ""}get ${n}() { return ${e}; }`),
  fc.tuple(name, fc.constantFrom("{ return /}/.test(s); }", "{ const a = `}${1}`; return a; }", "{ if (x) { return 1 } }", ";", "{ return (a) / 2; }")).map(([n, body]) => `${n}(a: number): void ${body}`),
  fc.tuple(fc.constantFrom("options: O = {}", "", "private o: O", "...rest: R[]", "{ a }: O"), fc.option(expr, { nil: undefined }), fc.constantFrom("", "const x = 1;", "if (a) { b(); }")).map(([params, arg, before]) => `constructor(${params}) { ${before} super(${arg ?? ""}); }`),
  fc.constantFrom("static { init(this); }", "#p = 1;", "[k: string]: unknown;", "@d m() {}", ";"),
);

const classDecl = fc
  .tuple(fc.constantFrom("", "export ", "export default ", "export abstract ", "abstract ", "declare "), fc.constantFrom("A", "B1", "Table"), fc.option(expr, { nil: undefined }), fc.array(member, { maxLength: 5 }), skimSpace)
  .map(([mods, n, base, members, s]) => `${mods}class ${n}${base === undefined ? "" : ` extends ${base}`} {${s}${members.join(s)}${s}}`);

export const skimStatement = fc.oneof(
  classDecl,
  fc.tuple(fc.constantFrom("const", "export const", "let", "declare const"), ident, fc.option(type, { nil: undefined }), fc.option(expr, { nil: undefined })).map(([kw, n, t, e]) => `${kw} ${n}${t === undefined ? "" : `: ${t}`}${e === undefined ? "" : ` = ${e}`};`),
  fc.tuple(fc.array(ident, { minLength: 1, maxLength: 3 }), fc.constantFrom("./a.js", "rolecraft/runtime", "../b/c.js")).map(([names, from]) => `import { ${names.join(", ")} } from "${from}";`),
  fc.constantFrom(
    'import * as ns from "./ns.js";',
    'import D, { E as F } from "./d.js"',
    'export * from "./star.js";',
    'export { A as B, C } from "./c.js";',
    "export { A };",
    "export default A;",
    "export default [A, B];",
    "function f() { return 1 }",
    "interface I { a: string }",
    "type T = A | B;",
    "enum E { A }",
    "foo();",
    "namespace N { }",
  ),
);

