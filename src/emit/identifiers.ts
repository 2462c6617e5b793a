/**
 * Which names can become generated class names. The schema already limits
 * role names to `[A-Za-z_][A-Za-z0-9_]*`; this rejects the words JavaScript
 * and TypeScript do not allow as a class name.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** JavaScript reserved words (strict mode and modules included). */
const JS_RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "implements", "interface", "let",
  "package", "private", "protected", "public", "static", "yield", "await", "arguments", "eval",
]);

/** Names TypeScript refuses as a class name (predefined types). */
const TS_RESERVED = new Set(["any", "unknown", "never", "number", "bigint", "boolean", "string", "symbol", "object", "undefined", "intrinsic"]);

/** Why `name` cannot be a generated class name, or undefined when it can. */
export function classNameProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return "it is not an identifier";
  if (JS_RESERVED.has(name)) return "it is a reserved word of JavaScript";
  if (TS_RESERVED.has(name)) return "it is a predefined type of TypeScript";
  return undefined;
}
