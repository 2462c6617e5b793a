/**
 * A recognizer for the small part of TypeScript the code generator writes:
 * imports and exports of names, classes with `static override readonly`
 * fields and a `static` block of calls, one `const`, and JSON-like
 * expressions (string and number literals, names, calls, arrays, objects),
 * with comments anywhere between tokens.
 *
 * What it accepts, TypeScript's parser parses without an error; what it
 * does not know it refuses, and then TypeScript itself is asked
 * (emit.ts, `syntaxProblem`). It only ever saves loading and running
 * TypeScript's parser on code that could not fail it: the parse of every
 * generated file stays, here or there. Held against TypeScript's parser in
 * test/emit/plain-syntax.test.ts (the generated files, and mutations of them).
 */

/**
 * Words never taken as a name (a binding, a class, a reference) here: the
 * reserved words of JavaScript's strict mode and modules, TypeScript's
 * predefined types and the contextual keywords whose meaning depends on
 * what follows. A name among them is left to TypeScript.
 */
const NOT_A_NAME = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "implements", "interface", "let",
  "package", "private", "protected", "public", "static", "yield", "await", "arguments", "eval",
  "any", "unknown", "never", "number", "bigint", "boolean", "string", "symbol", "object", "undefined", "intrinsic",
  "abstract", "accessor", "as", "asserts", "assert", "async", "constructor", "declare", "from", "get", "global", "infer",
  "is", "keyof", "module", "namespace", "of", "out", "override", "readonly", "require", "satisfies", "set", "type", "unique", "using",
]);

const enum Kind {
  Word,
  String,
  Number,
  Punct,
  End,
}

/** Thrown (and caught in {@link isPlainGeneratedSyntax}) where the text leaves the known subset. */
class Unknown extends Error {}

const unknown = (): never => {
  throw new Unknown();
};

const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordPart = (c: number): boolean => isWordStart(c) || isDigit(c);
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** Line terminators as TypeScript's scanner knows them: LF, CR, U+2028, U+2029. */
const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const PUNCTUATION = "{}()[];,:=.*-";

/** The value of a string token (its escapes are JSON's); undefined where JSON would not read it (a raw tab). */
function stringValue(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/** Splits the text into tokens, skipping white space (space, tab, LF, CR) and comments. */
class Tokens {
  private at = 0;
  kind: Kind = Kind.End;
  /** The token's text (for strings: with the quotes). */
  text = "";

  constructor(private readonly source: string) {
    this.next();
  }

  next(): void {
    const s = this.source;
    let i = this.at;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        i += 2;
        while (i < s.length && !isLineBreak(s.charCodeAt(i))) i++;
      } else if (c === 47 && s.charCodeAt(i + 1) === 42) {
        const end = s.indexOf("*/", i + 2);
        if (end < 0) unknown();
        i = end + 2;
      } else break;
    }
    const start = i;
    if (i >= s.length) {
      this.kind = Kind.End;
      this.text = "";
      this.at = i;
      return;
    }
    const c = s.charCodeAt(i);
    if (isWordStart(c)) {
      while (isWordPart(s.charCodeAt(i))) i++;
      this.kind = Kind.Word;
    } else if (c === 34) {
      i = this.stringEnd(i + 1);
      this.kind = Kind.String;
    } else if (isDigit(c)) {
      i = this.numberEnd(i);
      this.kind = Kind.Number;
    } else if (PUNCTUATION.includes(s[i]!)) {
      i++;
      this.kind = Kind.Punct;
    } else {
      unknown();
    }
    // A word or number running on into non-ASCII or an escape is TypeScript's to judge.
    const after = s.charCodeAt(i);
    if ((this.kind === Kind.Word || this.kind === Kind.Number) && (after === 92 || after > 127)) unknown();
    this.text = s.slice(start, i);
    this.at = i;
  }

  /** The end of a double-quoted string whose body starts at `i`: only the escapes JSON writes. */
  private stringEnd(i: number): number {
    const s = this.source;
    for (;;) {
      if (i >= s.length) return unknown();
      const c = s.charCodeAt(i);
      if (c === 34) return i + 1;
      if (isLineBreak(c)) return unknown();
      if (c !== 92) {
        i++;
        continue;
      }
      const e = s.charCodeAt(i + 1);
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
      else if (e === 117 && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)) && isHex(s.charCodeAt(i + 5))) i += 6;
      else return unknown();
    }
  }

  /** The end of a number as `String(n)` writes a finite one: digits, a fraction, an exponent. */
  private numberEnd(i: number): number {
    const s = this.source;
    const digits = (from: number): number => {
      let j = from;
      while (isDigit(s.charCodeAt(j))) j++;
      return j;
    };
    const first = i;
    i = digits(i);
    // A leading zero followed by digits is an octal-like literal, refused in strict mode.
    if (s.charCodeAt(first) === 48 && i - first > 1) unknown();
    if (s.charCodeAt(i) === 46) {
      const end = digits(i + 1);
      if (end === i + 1) unknown();
      i = end;
    }
    if (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69) {
      let j = i + 1;
      if (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45) j++;
      const end = digits(j);
      if (end === j) unknown();
      i = end;
    }
    // `1.2.3`, `1x`, `1_000`: not a number as String(n) writes one.
    const c = s.charCodeAt(i);
    if (c === 46 || isWordPart(c)) unknown();
    return i;
  }
}

/** Recursive descent over the subset; every miss throws {@link Unknown}. */
class Recognizer {
  constructor(private readonly tokens: Tokens) {}

  private is(kind: Kind, text?: string): boolean {
    return this.tokens.kind === kind && (text === undefined || this.tokens.text === text);
  }

  private take(kind: Kind, text?: string): string {
    if (!this.is(kind, text)) unknown();
    const taken = this.tokens.text;
    this.tokens.next();
    return taken;
  }

  private takeIf(kind: Kind, text: string): boolean {
    if (!this.is(kind, text)) return false;
    this.tokens.next();
    return true;
  }

  private word(text: string): void {
    this.take(Kind.Word, text);
  }

  private punct(text: string): void {
    this.take(Kind.Punct, text);
  }

  private name(): void {
    if (NOT_A_NAME.has(this.take(Kind.Word))) unknown();
  }

  /** `a.b.c`: a name, then property names (any word is one). */
  private qualifiedName(): void {
    this.name();
    while (this.takeIf(Kind.Punct, ".")) this.take(Kind.Word);
  }

  /** `{ a, b, }` in an import or export. */
  private nameList(): void {
    this.punct("{");
    do {
      if (this.is(Kind.Punct, "}")) break;
      this.name();
    } while (this.takeIf(Kind.Punct, ","));
    this.punct("}");
  }

  module(): void {
    while (!this.is(Kind.End)) this.statement();
  }

  private statement(): void {
    if (this.takeIf(Kind.Word, "import")) {
      if (this.takeIf(Kind.Punct, "*")) {
        this.word("as");
        this.name();
      } else {
        this.nameList();
      }
      this.word("from");
      this.take(Kind.String);
      this.punct(";");
      return;
    }
    this.word("export");
    if (this.takeIf(Kind.Punct, "*")) {
      this.word("as");
      this.name();
      this.word("from");
      this.take(Kind.String);
    } else if (this.is(Kind.Punct, "{")) {
      this.nameList();
      if (this.takeIf(Kind.Word, "from")) this.take(Kind.String);
    } else if (this.takeIf(Kind.Word, "class")) {
      this.name();
      this.word("extends");
      this.qualifiedName();
      this.punct("{");
      while (!this.takeIf(Kind.Punct, "}")) this.classMember();
      return;
    } else {
      this.word("const");
      this.name();
      this.punct("=");
      this.expression();
    }
    this.punct(";");
  }

  /** `static override readonly name: Type = value;` or `static { call(); … }`. */
  private classMember(): void {
    this.word("static");
    if (this.takeIf(Kind.Punct, "{")) {
      // Calls only: a statement that starts with `{` would be a block, not an object.
      while (!this.takeIf(Kind.Punct, "}")) {
        this.qualifiedName();
        this.punct("(");
        this.list(")", () => this.expression());
        this.punct(";");
      }
      return;
    }
    this.word("override");
    this.word("readonly");
    this.name();
    this.punct(":");
    const readonly = this.takeIf(Kind.Word, "readonly");
    // The type: a predefined one (`string`) or a qualified name, and `[]` (required after `readonly`).
    if (!this.takeIf(Kind.Word, "string")) this.qualifiedName();
    if (readonly || this.is(Kind.Punct, "[")) {
      this.punct("[");
      this.punct("]");
    }
    this.punct("=");
    this.expression();
    this.punct(";");
  }

  private expression(): void {
    switch (this.tokens.kind) {
      case Kind.String:
      case Kind.Number:
        this.tokens.next();
        return;
      case Kind.Word: {
        const word = this.tokens.text;
        if (word === "true" || word === "false" || word === "null" || word === "this") {
          this.tokens.next();
          return;
        }
        this.qualifiedName();
        if (this.takeIf(Kind.Punct, "(")) this.list(")", () => this.expression());
        return;
      }
      case Kind.Punct:
        if (this.takeIf(Kind.Punct, "-")) {
          this.take(Kind.Number);
          return;
        }
        if (this.takeIf(Kind.Punct, "[")) {
          this.list("]", () => this.expression());
          return;
        }
        if (this.takeIf(Kind.Punct, "{")) {
          this.list("}", () => this.property());
          return;
        }
        return unknown();
      default:
        return unknown();
    }
  }

  /** `"key": value`, `word: value` or `["key"]: value`. */
  private property(): void {
    if (this.takeIf(Kind.Punct, "[")) {
      this.take(Kind.String);
      this.punct("]");
    } else if (this.is(Kind.String)) {
      // A second plain `__proto__` key is an error in JavaScript: such keys (escaped or not) are TypeScript's to judge.
      const key = this.take(Kind.String);
      if (key === '"__proto__"' || (key.includes("\\") && stringValue(key) === "__proto__")) unknown();
    } else if (this.take(Kind.Word) === "__proto__") {
      // A property name may be any word (`readonly: true`), but `__proto__` (as above).
      unknown();
    }
    this.punct(":");
    this.expression();
  }

  /** Items separated by commas (a trailing one allowed) up to `close`, which is taken. */
  private list(close: string, item: () => void): void {
    while (!this.takeIf(Kind.Punct, close)) {
      item();
      if (!this.takeIf(Kind.Punct, ",")) {
        this.punct(close);
        return;
      }
    }
  }
}

/**
 * True when `text` lies in the subset of TypeScript described above, so
 * that TypeScript's parser parses it without an error; false means only
 * "not known here", and TypeScript has to be asked.
 */
export function isPlainGeneratedSyntax(text: string): boolean {
  try {
    new Recognizer(new Tokens(text)).module();
    return true;
  } catch (error) {
    if (error instanceof Unknown) return false;
    // A stack overflow on absurd nesting (attributes) is TypeScript's to judge too.
    if (error instanceof RangeError) return false;
    throw error;
  }
}
