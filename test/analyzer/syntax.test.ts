/**
 * The analyzer keeps a compact form of each file (src/analyzer/syntax.ts) and
 * computes positions itself; they must be exactly TypeScript's: the start of
 * a node without its leading trivia, and line/column by the line breaks
 * editors count (LF, CR, CRLF): as TypeScript's line map, except that
 * U+2028 and U+2029 (which a string literal may hold) end no line.
 */
import fc from "fast-check";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { lineAndColumn, parseSyntaxFile, startOf, unwrap, type Expr } from "../../src/analyzer/syntax.js";

const piece = fc.constantFrom("a", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "é", "😀", "// c\n", "/* c */", "x");

describe("positions", () => {
  it("line and column of every offset match TypeScript's, U+2028 and U+2029 ending no line", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const file = parseSyntaxFile("/virtual/a.ts", text);
        // The same text with the separators as ordinary characters, for TypeScript's line map.
        const source = ts.createSourceFile("/virtual/a.ts", text.replace(/[\u2028\u2029]/g, "x"), ts.ScriptTarget.Latest);
        for (let offset = 0; offset <= text.length; offset++) {
          expect(lineAndColumn(file, offset)).toEqual(ts.getLineAndCharacterOfPosition(source, offset));
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("starts of declarations and expressions match node.getStart()", () => {
    const text = [
      "#!/usr/bin/env node",
      "/** doc */ export const a = /* lead */ [ // line",
      "  Role1, (Role2 as any), [ A.B, ...c ], loginRequired(X)!, ",
      "];",
      "export class C extends /* c */ Base {",
      "  // comment",
      "  static requiredRoles = \r\n  addRequirements(super.requiredRoles, Y);",
      "  static get actions() { return { go: new Action({ requiredRoles: z }) }; }",
      "}",
      "const missing = ;",
    ].join("\n");
    const file = parseSyntaxFile("/virtual/b.ts", text);
    const source = ts.createSourceFile("/virtual/b.ts", text, ts.ScriptTarget.Latest, true);
    // Every expression node TypeScript has, by [pos, end): its start.
    const starts = new Map<string, number>();
    const visit = (node: ts.Node): void => {
      starts.set(`${node.pos}:${node.end}:${node.kind}`, node.getStart(source));
      ts.forEachChild(node, visit);
    };
    visit(source);
    const seen: Expr[] = [];
    const walk = (expr: Expr | undefined): void => {
      if (expr === undefined) return;
      seen.push(expr);
      if (expr.kind === "wrap" || expr.kind === "spread") walk(expr.expr);
      if (expr.kind === "array") expr.elements.forEach(walk);
      if (expr.kind === "prop") walk(expr.target);
      if (expr.kind === "call" || expr.kind === "new") {
        walk(expr.callee);
        expr.args?.forEach(walk);
      }
      if (expr.kind === "object") for (const prop of expr.props) if (prop.kind !== "other") walk(prop.kind === "spread" ? prop.expr : prop.value);
    };
    for (const local of file.locals.values()) if (local.kind === "variable") walk(local.node.initializer);
    for (const cls of file.classes) {
      walk(cls.extendsExpr);
      for (const member of cls.members) walk(member.expression);
    }
    expect(seen.length).toBeGreaterThan(20);
    for (const expr of seen) {
      const expected = [...starts.entries()].filter(([key]) => key.startsWith(`${expr.pos}:${expr.end}:`)).map(([, start]) => start);
      expect(expected.length).toBeGreaterThan(0);
      expect(startOf(expr)).toBe(expected[0]);
    }
    // The missing initializer of `const missing = ;` is empty and stays where it is.
    const missing = file.locals.get("missing");
    expect(missing?.kind === "variable" ? missing.node.initializer : undefined).toMatchObject({ kind: "ident", name: "" });
  });

  it("unwrap strips parentheses and type assertions only", () => {
    const file = parseSyntaxFile("/virtual/c.ts", "export const a = ((<any>X) satisfies Y)!;");
    const local = file.locals.get("a");
    const init = local?.kind === "variable" ? local.node.initializer : undefined;
    expect(init === undefined ? undefined : unwrap(init)).toMatchObject({ kind: "ident", name: "X" });
  });
});

describe("what a file keeps", () => {
  it("only the members the analyzer reads", () => {
    const file = parseSyntaxFile(
      "/virtual/d.ts",
      "export class A extends Actor { static requiredRoles = [R]; static label = 'x'; static title = 'y'; method() {} static actions = {}; readonly = false; other = 1; declare static appLabel: string; }",
    );
    expect(file.classes[0]?.members.map((m) => `${m.isStatic ? "static " : ""}${m.name}${m.hasNoValue ? " (no value)" : ""}`)).toEqual([
      "static requiredRoles",
      "static label",
      "static actions",
      "readonly",
      "static appLabel (no value)",
    ]);
  });
});
