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

/**
 * One token after any white space (space, tab, LF, CR) and comments: a
 * word (1), a double-quoted string with only the escapes JSON writes (2), a
 * number as `String(n)` writes a finite one (3), punctuation (4), or the
 * end of the text (no group). A comment runs to a line terminator as
 * TypeScript's scanner knows them (LF, CR, U+2028, U+2029) or to the first
 * `*\/`. A word or number running on into non-ASCII or an escape, a number
 * running on into a word, a dot or more digits after a leading zero (an
 * octal-like literal, refused in strict mode): no match. Every part
 * has one way to match (a comment ends at the end of its line or at its
 * first `*\/`, a word or number at the end of its characters), so that no
 * backtracking can read a comment's text as tokens or go exponential. A
 * regular expression, not a loop over characters: it runs as fast in a
 * fresh process as it ever will, which the compiler's single pass needs.
 */
const TOKEN =
  /(?:[ \t\n\r]|\/\/[^\n\r\u2028\u2029]*(?![^\n\r\u2028\u2029])|\/\*(?:[^*]|\*(?!\/))*\*\/)*(?:([A-Za-z_$][A-Za-z0-9_$]*(?![A-Za-z0-9_$\\\u0080-\uffff]))|("(?:[^"\\\n\r\u2028\u2029]|\\["\\/bfnrt]|\\u[0-9A-Fa-f]{4})*")|((?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![0-9A-Za-z_$.\\\u0080-\uffff]))|([{}()[\];,:=.*-])|$)/y;

/** The value of a string token (its escapes are JSON's); undefined where JSON would not read it (a raw tab). */
function stringValue(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/** The text as tokens, one at a time ({@link TOKEN}). */
class Tokens {
  private readonly pattern = new RegExp(TOKEN.source, "y");
  kind: Kind = Kind.End;
  /** The token's text (for strings: with the quotes). */
  text = "";

  constructor(private readonly source: string) {
    this.next();
  }

  next(): void {
    const match = this.pattern.exec(this.source);
    if (match === null) return unknown();
    if (match[1] !== undefined) {
      this.kind = Kind.Word;
      this.text = match[1];
    } else if (match[2] !== undefined) {
      this.kind = Kind.String;
      this.text = match[2];
    } else if (match[3] !== undefined) {
      this.kind = Kind.Number;
      this.text = match[3];
    } else if (match[4] !== undefined) {
      this.kind = Kind.Punct;
      this.text = match[4];
    } else {
      this.kind = Kind.End;
      this.text = "";
    }
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
