/**
 * The skimmer (src/analyzer/skim.ts) reads declarative files from their
 * tokens instead of TypeScript's tree. Wherever it does not give up, its
 * result must be exactly what the reader of TypeScript's tree gives: every
 * name, entry, expression and position. Checked on every TypeScript file of
 * the fixtures, on a generated benchmark application, on tricky cases, and
 * on generated modules (property-based, with TypeScript's parser as the
 * oracle).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { skimSyntaxFile } from "../../src/analyzer/skim.js";
import { runs, seed } from "../fuzz/helpers.js";
import { repoRoot } from "../helpers/generated.js";
import { compare, skimStatement, skimSpace } from "../helpers/skim.js";

function typeScriptFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) typeScriptFiles(path, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe("the skimmer on real files", () => {
  it("reads every fixture file as TypeScript's tree does, or gives up", () => {
    const files = typeScriptFiles(join(repoRoot, "test", "fixtures"));
    const counts = { skimmed: 0, "gave up": 0, unparsable: 0, invalid: 0 };
    for (const file of files) counts[compare(file, readFileSync(file, "utf8"))]++;
    expect(files.length).toBeGreaterThan(100);
    // Most fixture files are declarative: the fast path must take them.
    expect(counts.skimmed).toBeGreaterThan(files.length * 0.6);
  });

  it("reads every file of a generated benchmark application (S), giving up on none", () => {
    const tree = generate("S", 3);
    let files = 0;
    for (const [path, text] of tree.files) {
      if (!path.endsWith(".ts")) continue;
      files++;
      expect(compare(join("/virtual", path), text), path).toBe("skimmed");
    }
    expect(files).toBeGreaterThan(30);
  });
});

/**
 * Cases where a token-level reader could go wrong. Each is either skimmed
 * (and then `compare` checks every detail against TypeScript) or given up on,
 * as noted: a case that may do either would assert nothing when it gives up.
 * A case the skimmer learns to read moves to "skimmed".
 */
const TRICKY: readonly (readonly [string, string, "skimmed" | "gave up" | "invalid"])[] = [
  ["ASI between members", "export class A extends Actor {\n  static requiredRoles = loginRequired(X)\n  static actions = {}\n}\n", "skimmed"],
  ["`readonly` as a field name", "class Go extends Action {\n  override readonly = false;\n  readonly requiredRoles = [A]\n}\n", "skimmed"],
  ["`static` on its own line is still a modifier", "class A extends Actor {\n  static\n  requiredRoles = [B];\n}\n", "skimmed"],
  ["`readonly` on its own line is a field", "class A extends Action {\n  readonly\n  requiredRoles = [B];\n}\n", "skimmed"],
  ["`as` on a new line ends the initializer", "class A extends Actor {\n  static requiredRoles = [B]\n  as = 1\n}\n", "skimmed"],
  ["a call across a line break", "class A extends Actor {\n  static requiredRoles = loginRequired\n  (B);\n}\n", "skimmed"],
  ["element access across a line break", "class A extends Actor {\n  static x = y\n  [0] = 1;\n  static requiredRoles = [B];\n}\n", "skimmed"],
  ["regular expressions in method bodies", "class A extends Actor {\n  m() { return /}{'\"`/.test(x) ? a / b : c; }\n  static requiredRoles = [B];\n}\n", "skimmed"],
  ["division after a parenthesis", "class A extends Actor {\n  m() { return (a + b) / 2 / c; }\n  static requiredRoles = [B];\n}\n", "gave up"],
  ["templates with braces", "class A extends Actor {\n  m() { return `${ { a: `}` }.a }${'{'}`; }\n  static requiredRoles = [B];\n}\n", "skimmed"],
  ["strings and comments with braces", "class A extends Actor { // }\n  m() { /* } */ return '}' + \"{\"; }\n  static requiredRoles = [B];\n}\n", "skimmed"],
  ["getters: one return, or more", "class A extends Actor {\n  static get requiredRoles() { return [B]; }\n  static get actions() { const x = 1; return {}; }\n  get readonly() { return false }\n}\n", "skimmed"],
  ["a getter returning nothing", "class A extends Actor {\n  static get requiredRoles() { return; }\n}\n", "skimmed"],
  ["a getter returning across a line break", "class A extends Actor {\n  static get requiredRoles() { return\n [B]; }\n}\n", "skimmed"],
  ["constructors and super calls", "class M extends Action {\n  constructor(options: O = {}) {\n    const x = 1;\n    if (x) { super({ a: 1 }); }\n    super({ label: 'M', ...options });\n    super(other);\n  }\n}\n", "skimmed"],
  ["a super call that is not a statement", "class M extends Action {\n  constructor(o) { super(o).x; super(p); }\n}\n", "skimmed"],
  ["a super call as the branch of an if", "class M extends Action {\n  constructor(o) { if (o)\n super(o); super(p); }\n}\n", "gave up"],
  ["constructor parameter properties and rest", "class M extends Action {\n  constructor(private readonly o: O, ...rest: R[]) { super(o); }\n}\nclass N extends Action {\n  constructor(...rest: R[]) { super(...rest); }\n}\n", "skimmed"],
  ["overloaded constructors", "class M extends Action {\n  constructor(a: A);\n  constructor(b: B);\n  constructor(x: any) { super(x); }\n}\n", "skimmed"],
  ["export forms", "export * from './a.js';\nexport * as ns from \"./b.js\";\nexport { a, b as c, default as d } from './c.js';\nexport type { T } from './t.js';\nconst x = 1, y = [x];\nexport { x as default, y };\n", "skimmed"],
  ["export default forms", "export default class extends Actor { static requiredRoles = [A]; }\n", "skimmed"],
  ["export default an expression", "export default loginRequired(A, [B, C]) satisfies R;\n", "skimmed"],
  ["export default an identifier", "const r = [A];\nexport default r\n", "skimmed"],
  ["export assignment", "export = [A];\n", "skimmed"],
  ["import forms", "import D, { a, b as c, type T, type } from './x.js';\nimport * as ns from 'y';\nimport type { U } from 'u';\nimport 'side-effect';\nimport E, * as F from 'z' with { type: 'json' };\n", "skimmed"],
  ["declarations the analyzer only names", "function f<T>(a: T): { a: T } { return { a }; }\nexport async function* g() {}\nenum E { A = 1 }\nconst enum F { B }\ninterface I<T> extends J<{ a: 1 }> { m(): void }\ntype U<T> = { [K in keyof T]: T[K] }\n  | null;\nnamespace N.M { export const x = 1; }\ndeclare module 'm' { }\ndeclare global { interface W {} }\ndeclare const c: number;\nlet v: string;\n", "skimmed"],
  ["types with `=`, `=>` and `,`", "const x: Map<string, (a: number) => void> = new Map();\nclass A extends Actor {\n  static requiredRoles: readonly R[] = [B] as const;\n  f: (x: number) => { a: 1 } = g;\n}\n", "skimmed"],
  ["nested wrappers", "const a = ((([B] as any) as unknown as R[])!);\nconst b = <R>c;\n", "gave up"],
  ["object literal forms", "const o = { a: 1, 'b': [C], 2: null, [`k`]: D, [('e')]: E, f, ...g, };\n", "skimmed"],
  ["object literal methods", "const o = { m() { return 1; }, get g() { return 2; } };\n", "gave up"],
  ["array holes and spreads", "const a = [, B, , ...c, [D, E],];\n", "skimmed"],
  ["new without arguments", "const a = new Action;\nconst b = new ns.Action({ requiredRoles: [A] }).x;\n", "skimmed"],
  ["decorators", "@d class A extends Actor {}\nclass B extends Actor { @e static requiredRoles = [C]; }\n", "gave up"],
  ["top-level statements", "foo();\nexport class A extends Actor {}\n", "gave up"],
  ["arrow functions and operators", "const f = (a: number) => a + 1;\nconst g = x => x;\nconst h = -1;\nconst i = a ? b : c;\n", "gave up"],
  ["private and computed members", "class A extends Actor {\n  #x = 1;\n  static ['requiredRoles'] = [B];\n  static [k] = 1;\n  static 'actions' = {};\n}\n", "skimmed"],
  ["static blocks and index signatures", "class A extends Actor {\n  static { register(this); }\n  static requiredRoles = [B];\n}\nclass B { [k: string]: unknown }\n", "gave up"],
  ["accessors and generators", "class A extends Actor {\n  accessor a = 1;\n  *g() { yield 1; }\n  set s(v) {}\n  static requiredRoles = [B];\n}\n", "gave up"],
  ["unicode escapes", "const \\u0041 = [B];\n", "gave up"],
  ["unterminated things", "const a = 'x\nclass A extends Actor {\n", "invalid"],
  ["a missing initializer", "const missing = ;\nexport class A extends Actor {}\n", "invalid"],
  ["generic heritage", "class A extends Base<{ a: 1 }, [B]> implements I<J>, K {\n  static requiredRoles = loginRequired(B);\n}\n", "skimmed"],
  ["heritage with calls and members", "class A extends mixin(Base, [B]).Inner {\n  static requiredRoles = [B];\n}\n", "skimmed"],
  ["abstract and declared", "export abstract class A extends Actor {\n  abstract x: number;\n  declare static requiredRoles: R;\n  static override readonly actions = {};\n}\ndeclare abstract class B {}\n", "skimmed"],
  ["`let` and `var` with values", "let a = [B];\nvar b = 1;\n", "gave up"],
  ["a shebang and a BOM", "\uFEFF#!/usr/bin/env node\nexport const a = [B];\n", "invalid"],
  ["CR line ends", "class A extends Actor {\r  static requiredRoles = [B]\r  static actions = {}\r}\r", "skimmed"],
  ["numbers as names and values", "const a = { 0x10: 1, 1e3: 2n };\nclass A extends Actor { static 0b1 = 0o7; }\n", "skimmed"],
  ["optional members", "class A extends Actor {\n  static requiredRoles? = [B];\n  x!: number;\n  m?(): void;\n}\n", "skimmed"],
];

describe("the skimmer on tricky cases", () => {
  for (const [name, text, expected] of TRICKY) {
    it(name, () => {
      expect(compare("/virtual/tricky.ts", text)).toBe(expected);
    });
  }

  // Syntax errors in code the skimmer skips (bodies, types, initializers it never reads, declarations
  // it passes over): TypeScript's parser must read such a file, never the skimmer.
  const BROKEN: readonly (readonly [string, string])[] = [
    ["a method body", "export class A extends Actor {\n  static requiredRoles = [B];\n  m() { return 1 +; }\n}\n"],
    ["a function body", "export function f(): number {\n  const = 1;\n}\nexport const a = [B];\n"],
    ["a getter body that is skipped", "class A extends Actor {\n  get other() { if (x) { y( } }\n}\n"],
    ["a constructor body", "class A extends Action {\n  constructor(o: O) {\n    super(o);\n    this.x = ;\n  }\n}\n"],
    ["a type annotation", "class A extends Actor {\n  static actions: { a: ; } = {};\n}\n"],
    ["a type alias", "type T = { a: ; };\nexport const a = [B];\n"],
    ["an interface body", "interface I { a: number b: string }\nexport const a = [B];\n"],
    ["an enum body", "enum E { A = , B }\nexport const a = [B];\n"],
    ["an initializer it does not read", "class A extends Actor {\n  static other = foo(1,, 2);\n  static requiredRoles = [B];\n}\n"],
    ["a static block", "class A extends Actor {\n  static { x = ; }\n}\n"],
    ["a namespace body", "namespace N { export const = 1; }\nexport const a = [B];\n"],
    ["a reserved word as an import binding", 'import { A as const } from "./a.js";\nexport const a = [B];\n'],
  ];
  for (const [name, text] of BROKEN) {
    it(`leaves a file with a syntax error in ${name} to the parser, which reports it`, () => {
      expect(compare("/virtual/broken.ts", text)).toBe("invalid");
      expect(skimSyntaxFile("/virtual/broken.ts", text)).toBeUndefined();
    });
  }

  it("gives up on what it does not read: TSX, JavaScript, declaration files", () => {
    expect(skimSyntaxFile("/v/a.tsx", "export const a = [B];\n")).toBeUndefined();
    expect(skimSyntaxFile("/v/a.js", "export const a = [B];\n")).toBeUndefined();
    expect(skimSyntaxFile("/v/a.d.ts", "export declare const a: B[];\n")).toBeUndefined();
    expect(skimSyntaxFile("/v/a.mts", "export const a = [B];\n")).toBeDefined();
  });
});

describe("the skimmer on generated modules", () => {
  it("agrees with TypeScript wherever it does not give up", () => {
    const counts = { skimmed: 0, "gave up": 0, unparsable: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(fc.tuple(skimStatement, skimSpace), { maxLength: 6 }), (parts) => {
        const text = parts.map(([s, sp]) => `${s}${sp}\n`).join("");
        counts[compare("/virtual/generated.ts", text)]++;
      }),
      { numRuns: runs(1500), seed: seed(42) },
    );
    // The comparison must have bitten: many valid modules were skimmed.
    expect(counts.skimmed).toBeGreaterThan(counts.invalid / 4);
    expect(counts.skimmed).toBeGreaterThan(100);
  });

  it("takes the fast path on declarative modules", () => {
    const simple = fc.constantFrom("A", "loginRequired(A)", "[A, [B, C]]", "addRequirements(super.requiredRoles, B)", "{ go: new Action({ requiredRoles: [A] }) }", "'label'");
    const actor = fc
      .tuple(fc.constantFrom("A", "B", "C"), fc.constantFrom("Actor", "SiteTable", "ns.Base"), fc.array(fc.tuple(fc.constantFrom("requiredRoles", "actions", "appLabel"), simple), { maxLength: 3 }))
      .map(([n, base, members]) => `export class ${n} extends ${base} {\n${members.map(([k, v]) => `  static override ${k} = ${v};\n`).join("")}}\n`);
    fc.assert(
      fc.property(fc.array(actor, { maxLength: 5 }), (classes) => {
        const text = `import { Actor, loginRequired } from "rolecraft/runtime";\nimport * as ns from "./ns.js";\n${classes.join("\n")}`;
        expect(compare("/virtual/actors.ts", text)).toBe("skimmed");
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
