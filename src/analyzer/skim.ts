/**
 * The fast path of {@link parseSyntaxFile}: reads a file into its
 * {@link SyntaxFile} straight from TypeScript's scanner, without building a
 * syntax tree. Declarative files (imports, exports, classes with static
 * members, consts of simple values) are what applications hold most, and
 * the analyzer needs only a few of their nodes; building every node of a
 * full tree is most of what parsing costs.
 *
 * The skimmer understands a strict subset of TypeScript and gives up
 * (returns undefined) on anything else: decorators, top-level statements
 * other than declarations, expressions beyond the ones requirements are
 * written with, `/` where a regular expression could start after `)` or
 * `}`, JSX, any scanner error. The caller then parses the file with
 * TypeScript's parser. Where it does not give up, its result is the one
 * TypeScript's tree gives, position for position: test/analyzer/skim.test.ts
 * compares the two on every fixture, the benchmark applications and
 * generated programs.
 */
import type { ts as Ts } from "ts-morph";
import { typescript } from "../compiler/typescript.js";
import {
  GENERATED_HEADER,
  intern,
  memberInterest,
  parsesWithoutErrors,
  TOP_LEVEL,
  type Context,
  type ExportEntry,
  type Expr,
  type ImportEntry,
  type LocalEntry,
  type Loc,
  type Member,
  type Prop,
  type SyntaxClass,
  type SyntaxFile,
  type SyntaxVariable,
} from "./syntax.js";

type Kind = Ts.SyntaxKind;

// TypeScript's syntax kinds and the sets of them below are filled by the first skim
// (loadKinds): importing the analyzer loads none of TypeScript.
let K: typeof Ts.SyntaxKind;

/** Thrown (one shared instance) to give up on a file. */
const GIVE_UP = new Error("skim: not in the subset");


/** One scanner for every file (the skimmer runs on one thread, one file at a time). */
let shared: Ts.Scanner | undefined;
let scanError = false;

/**
 * The file's {@link SyntaxFile} read from its tokens, or undefined when the
 * file holds anything outside the skimmer's subset. `onGiveUp` is told where
 * it gave up (for debugging the skimmer).
 */
export function skimSyntaxFile(file: string, text: string, onGiveUp?: (message: string) => void): SyntaxFile | undefined {
  if (!/\.[mc]?ts$/.test(file) || /\.d\.[mc]?ts$/.test(file)) return undefined;
  if (shared === undefined) {
    const ts = loadKinds();
    shared = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, undefined, () => {
      scanError = true;
    });
  }
  scanError = false;
  shared.setText(text);
  try {
    const skimmer = new Skimmer(shared, file, text);
    const result = skimmer.read();
    if (scanError) return undefined;
    if (skimmer.unverified()) {
      onGiveUp?.(`skim gave up: ${file}: skipped code has a syntax error`);
      return undefined;
    }
    return result;
  } catch (error) {
    // Out of the subset, or nested too deeply for the skimmer's recursion: TypeScript decides.
    if (error === GIVE_UP || error instanceof RangeError) {
      if (onGiveUp !== undefined) {
        const at = shared.getTokenStart();
        onGiveUp(`skim gave up: ${file}:${at} ${JSON.stringify(text.slice(Math.max(0, at - 60), at))} >>${JSON.stringify(text.slice(at, at + 40))}`);
      }
      return undefined;
    }
    throw error;
  } finally {
    shared.setText("");
  }
}

/** Loads TypeScript and fills the syntax kinds and the sets of them the skimmer reads (once, with the shared scanner). */
function loadKinds(): typeof Ts {
  const ts = typescript();
  K = ts.SyntaxKind;
  MODIFIERS = new Set([K.PublicKeyword, K.PrivateKeyword, K.ProtectedKeyword, K.ReadonlyKeyword, K.StaticKeyword, K.OverrideKeyword, K.DeclareKeyword, K.AbstractKeyword, K.AccessorKeyword, K.AsyncKeyword]);
  OPERATOR_KEYWORDS = new Set([K.AsKeyword, K.SatisfiesKeyword, K.AsyncKeyword, K.KeyOfKeyword, K.InferKeyword, K.IsKeyword, K.AssertsKeyword, K.UniqueKeyword, K.ReadonlyKeyword, K.OfKeyword]);
  REGEX_KEYWORDS = new Set([K.ReturnKeyword, K.TypeOfKeyword, K.InstanceOfKeyword, K.InKeyword, K.OfKeyword, K.NewKeyword, K.DeleteKeyword, K.VoidKeyword, K.ThrowKeyword, K.CaseKeyword, K.DoKeyword, K.ElseKeyword, K.YieldKeyword, K.AwaitKeyword, K.ExtendsKeyword]);
  TYPE_FOLLOWERS = new Set([K.EqualsToken, K.CommaToken, K.SemicolonToken, K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken, K.EndOfFileToken]);
  TYPE_PREFIX_KEYWORDS = new Set([
    K.TypeOfKeyword,
    K.KeyOfKeyword,
    K.ReadonlyKeyword,
    K.ExtendsKeyword,
    K.InferKeyword,
    K.NewKeyword,
    K.UniqueKeyword,
    K.AssertsKeyword,
    K.IsKeyword,
    K.AbstractKeyword,
    K.ImportKeyword,
  ]);
  TYPE_END_TOKENS = new Set([
    K.GreaterThanToken,
    K.CloseBracketToken,
    K.CloseParenToken,
    K.CloseBraceToken,
    K.StringLiteral,
    K.NumericLiteral,
    K.BigIntLiteral,
    K.NoSubstitutionTemplateLiteral,
    K.TemplateTail,
  ]);
  return ts;
}

/** Modifiers that may stand before a class member (and `abstract`/`declare` before a class). */
let MODIFIERS: ReadonlySet<Kind>;
function isModifier(kind: Kind): boolean {
  return MODIFIERS.has(kind);
}

/** Identifiers and keywords (what may name a property). */
function isIdentifierOrKeyword(kind: Kind): boolean {
  return kind >= K.Identifier && kind <= K.LastKeyword;
}

/** Identifiers and the contextual keywords TypeScript accepts as names in a module (strict mode). */
function isBindingIdentifier(kind: Kind): boolean {
  return kind === K.Identifier || (kind > K.LastFutureReservedWord && kind <= K.LastKeyword && kind !== K.AwaitKeyword);
}

/** Tokens that start an operand (and cannot continue one before them). */
function startsOperand(kind: Kind): boolean {
  if (kind === K.StringLiteral || kind === K.NumericLiteral || kind === K.BigIntLiteral || kind === K.PrivateIdentifier) return true;
  return isIdentifierOrKeyword(kind) && kind !== K.InKeyword && kind !== K.InstanceOfKeyword && kind !== K.AsKeyword && kind !== K.SatisfiesKeyword;
}

/** Tokens after which a `/` divides (an operand ends there); with `closers`, also `)` and `}`. */
function endsOperand(kind: Kind, closers = false): boolean {
  if (closers && (kind === K.CloseParenToken || kind === K.CloseBraceToken)) return true;
  switch (kind) {
    case K.Identifier:
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateTail:
    case K.CloseBracketToken:
    case K.ThisKeyword:
    case K.SuperKeyword:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
    case K.PlusPlusToken:
    case K.MinusMinusToken:
      return true;
    default:
      return false;
  }
}

class Skimmer {
  private current: Kind = K.Unknown;
  private readonly target: { -readonly [P in keyof SyntaxFile]: SyntaxFile[P] };
  private readonly imports = new Map<string, ImportEntry>();
  private readonly locals = new Map<string, LocalEntry>();
  private readonly exports = new Map<string, ExportEntry>();
  private readonly starExports: string[] = [];
  private readonly classes: SyntaxClass[] = [];
  /** End of the last token consumed (a node's end). */
  private lastEnd = 0;
  /** Whether the current top-level statement holds code that was skipped, not read (see {@link unverified}). */
  private skipped = false;
  /** The top-level statements with skipped code, as [start, end) offsets. */
  private readonly skippedStatements: [number, number][] = [];
  /** The file has an import or export declaration: TypeScript parses it as a module. */
  private isModule = false;

  constructor(
    private readonly scanner: Ts.Scanner,
    file: string,
    text: string,
  ) {
    this.target = {
      file,
      text,
      isDeclarationFile: false,
      // Never set here: a file with a syntax error is the parser's (see checkSkipped).
      syntaxErrors: [],
      generated: text.startsWith(GENERATED_HEADER),
      classes: this.classes,
      imports: this.imports,
      locals: this.locals,
      exports: this.exports,
      starExports: this.starExports,
      lineStarts: undefined,
    };
  }

  // ---- tokens ----

  private next(): Kind {
    this.lastEnd = this.scanner.getTokenEnd();
    const kind = this.scanner.scan();
    this.current = kind;
    if (kind >= K.Identifier && kind <= K.LastKeyword && this.scanner.hasUnicodeEscape()) throw GIVE_UP;
    return kind;
  }

  /** The current token (a method: every call may follow a {@link next}). */
  private at(): Kind {
    return this.current;
  }

  private get pos(): number {
    return this.scanner.getTokenFullStart();
  }

  private get newline(): boolean {
    return this.scanner.hasPrecedingLineBreak();
  }

  /** The token's value, one string object per distinct value (see {@link intern}): for names that key maps. */
  private get value(): string {
    return intern(this.scanner.getTokenValue());
  }

  /** The token's value as scanned: for names only compared (member and property names). */
  private get raw(): string {
    return this.scanner.getTokenValue();
  }

  private expect(kind: Kind): void {
    if (this.at() !== kind) throw GIVE_UP;
    this.next();
  }

  private peek(): Kind {
    return this.scanner.lookAhead(() => this.scanner.scan());
  }

  /** The token after the next one is on the same line as the next one. */
  private peekSameLine(): { kind: Kind; newline: boolean } {
    return this.scanner.lookAhead(() => ({ kind: this.scanner.scan(), newline: this.scanner.hasPrecedingLineBreak() }));
  }

  /** A statement ends here: `;` (consumed), or before `}`, the end of the file, or a line break. */
  private statementEnd(): void {
    if (this.at() === K.SemicolonToken) this.next();
    else if (this.at() !== K.CloseBraceToken && this.at() !== K.EndOfFileToken && !this.newline) throw GIVE_UP;
  }

  private loc(pos: number, end: number): Loc {
    return { file: this.target, pos, end };
  }

  // ---- statements ----

  read(): SyntaxFile {
    this.next();
    while (this.at() !== K.EndOfFileToken) {
      const start = this.scanner.getTokenStart();
      this.skipped = false;
      this.statement();
      if (this.skipped) this.skippedStatements.push([start, this.lastEnd]);
    }
    return this.target;
  }

  /**
   * True when skipped code holds a syntax error. What the skimmer reads it
   * checks as it goes (it gives up on anything outside its subset), but the
   * code it skips (bodies, types, initializers it never reads) it only
   * scans; TypeScript's parser checks each top-level statement holding
   * such code, alone (as part of a module when the file is one), so that
   * the skimmer never reads a file with a syntax error: that file is the
   * parser's, whose error recovery decides what it holds, and the analyzer
   * reports the error.
   */
  unverified(): boolean {
    const suffix = this.isModule ? "\nexport {};" : "";
    const text = this.target.text;
    return this.skippedStatements.some(([start, end]) => !parsesWithoutErrors(this.target.file, text.slice(start, end) + suffix));
  }

  private declare(name: string, entry: LocalEntry, exported: boolean, isDefault: boolean): void {
    this.locals.set(name, entry);
    if (exported) this.exports.set(isDefault ? "default" : name, { kind: "local", name });
  }

  private statement(): void {
    const start = this.pos;
    switch (this.at()) {
      case K.SemicolonToken:
        this.next();
        return;
      case K.ImportKeyword:
        this.importDeclaration();
        return;
      case K.ExportKeyword:
        this.exportStatement(start);
        return;
      default:
        this.declaration(start, false, false);
    }
  }

  /** A declaration statement (after `export` / `export default`, if any); anything else gives up. */
  private declaration(start: number, exported: boolean, isDefault: boolean): void {
    switch (this.at()) {
      case K.ClassKeyword:
        this.classDeclaration(start, exported, isDefault, false);
        return;
      case K.AbstractKeyword:
      case K.DeclareKeyword: {
        const next = this.peekSameLine();
        if (next.newline) throw GIVE_UP;
        if (this.at() === K.AbstractKeyword) {
          if (next.kind !== K.ClassKeyword) throw GIVE_UP;
          this.next();
          this.classDeclaration(start, exported, isDefault, true);
          return;
        }
        this.next();
        this.declaredDeclaration(start, exported, isDefault);
        return;
      }
      case K.ConstKeyword:
      case K.LetKeyword:
      case K.VarKeyword:
        if (this.at() === K.ConstKeyword && this.peek() === K.EnumKeyword) {
          this.next();
          this.enumDeclaration(exported, isDefault);
        } else if (isDefault) {
          throw GIVE_UP;
        } else {
          this.variableStatement(exported);
        }
        return;
      case K.FunctionKeyword:
        this.functionDeclaration(exported, isDefault);
        return;
      case K.AsyncKeyword: {
        const next = this.peekSameLine();
        if (next.kind !== K.FunctionKeyword || next.newline) throw GIVE_UP;
        this.next();
        this.functionDeclaration(exported, isDefault);
        return;
      }
      case K.EnumKeyword:
        this.enumDeclaration(exported, isDefault);
        return;
      case K.InterfaceKeyword:
        this.interfaceDeclaration(exported, isDefault);
        return;
      case K.TypeKeyword:
        if (isDefault) throw GIVE_UP;
        this.typeAlias(exported);
        return;
      case K.NamespaceKeyword:
      case K.ModuleKeyword:
        if (isDefault) throw GIVE_UP;
        this.namespaceDeclaration(exported);
        return;
      default:
        throw GIVE_UP;
    }
  }

  /** After `declare`: the same declarations, plus `declare global { … }` and `declare module "x" { … }`. */
  private declaredDeclaration(start: number, exported: boolean, isDefault: boolean): void {
    switch (this.at()) {
      case K.GlobalKeyword:
        if (isDefault) throw GIVE_UP;
        this.next();
        if (this.at() !== K.OpenBraceToken) throw GIVE_UP;
        this.skipBalanced();
        this.declare("global", { kind: "other", what: "a namespace declaration" }, exported, false);
        return;
      case K.ModuleKeyword:
        if (this.peek() === K.StringLiteral) {
          this.next();
          this.next();
          if (this.at() === K.OpenBraceToken) this.skipBalanced();
          else this.statementEnd();
          return;
        }
        this.namespaceDeclaration(exported);
        return;
      case K.ConstKeyword:
      case K.LetKeyword:
      case K.VarKeyword:
        if (isDefault || this.peek() === K.EnumKeyword) throw GIVE_UP;
        this.variableStatement(exported);
        return;
      case K.ClassKeyword:
      case K.AbstractKeyword:
      case K.FunctionKeyword:
      case K.EnumKeyword:
      case K.InterfaceKeyword:
      case K.TypeKeyword:
      case K.NamespaceKeyword:
        this.declaration(start, exported, isDefault);
        return;
      default:
        throw GIVE_UP;
    }
  }

  private importDeclaration(): void {
    this.isModule = true;
    this.next(); // import
    if (this.at() === K.StringLiteral) {
      // `import "x"`: no names.
      this.next();
      this.importAttributes();
      this.statementEnd();
      return;
    }
    if (this.at() === K.TypeKeyword) {
      const next = this.peek();
      if (next !== K.OpenBraceToken && next !== K.AsteriskToken) throw GIVE_UP;
      this.next();
    }
    const names: { local: string; imported: string | undefined }[] = [];
    let namespace: string | undefined;
    if (isBindingIdentifier(this.at()) && this.at() !== K.TypeKeyword) {
      names.push({ local: this.value, imported: "default" });
      this.next();
      if (this.at() === K.EqualsToken) throw GIVE_UP; // import x = require(…)
      if (this.at() === K.CommaToken) {
        this.next();
        if (this.at() !== K.OpenBraceToken && this.at() !== K.AsteriskToken) throw GIVE_UP;
      } else if (this.at() !== K.FromKeyword) throw GIVE_UP;
    } else if (this.at() !== K.OpenBraceToken && this.at() !== K.AsteriskToken) {
      throw GIVE_UP;
    }
    if (this.at() === K.AsteriskToken) {
      this.next();
      if (this.at() !== K.AsKeyword) throw GIVE_UP;
      this.next();
      if (!isBindingIdentifier(this.at())) throw GIVE_UP;
      namespace = this.value;
      this.next();
    } else if (this.at() === K.OpenBraceToken) {
      for (const element of this.specifiers(true)) names.push({ local: element.name, imported: element.property });
    }
    const specifier = this.fromClause();
    for (const { local, imported } of names) this.imports.set(local, { kind: "named", specifier, name: imported ?? local });
    if (namespace !== undefined) this.imports.set(namespace, { kind: "namespace", specifier });
  }

  /** `from "x"` (with attributes) to the end of the statement; the specifier. */
  private fromClause(): string {
    if (this.at() !== K.FromKeyword) throw GIVE_UP;
    this.next();
    if (this.at() !== K.StringLiteral) throw GIVE_UP;
    const specifier = this.value;
    this.next();
    this.importAttributes();
    this.statementEnd();
    return specifier;
  }

  /** `with { … }` / `assert { … }` after a module specifier. */
  private importAttributes(): void {
    if ((this.at() === K.WithKeyword || this.at() === K.AssertKeyword) && !this.newline) {
      this.next();
      if (this.at() !== K.OpenBraceToken) throw GIVE_UP;
      this.skipBalanced();
    }
  }

  /**
   * `{ a, b as c, type d }`: each element's name and the name it stands for
   * (undefined: the same). In an import the name bound must be a binding
   * identifier (`import { x as const }` is a syntax error).
   */
  private specifiers(binds: boolean): { name: string; property: string | undefined; localKind: Kind }[] {
    const elements: { name: string; property: string | undefined; localKind: Kind }[] = [];
    this.expect(K.OpenBraceToken);
    while (this.at() !== K.CloseBraceToken) {
      if (this.at() === K.TypeKeyword) {
        const next = this.peek();
        if (next === K.CommaToken || next === K.CloseBraceToken) {
          // An element named `type`.
        } else if (next === K.Identifier || (isIdentifierOrKeyword(next) && next !== K.AsKeyword)) {
          this.next();
        } else {
          throw GIVE_UP;
        }
      }
      if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
      let name = this.value;
      let nameKind = this.at();
      const localKind = nameKind;
      let property: string | undefined;
      this.next();
      if (this.at() === K.AsKeyword) {
        this.next();
        if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
        property = name;
        name = this.value;
        nameKind = this.at();
        this.next();
      }
      if (binds && !isBindingIdentifier(nameKind)) throw GIVE_UP;
      elements.push({ name, property, localKind });
      if (this.at() === K.CommaToken) this.next();
      else if (this.at() !== K.CloseBraceToken) throw GIVE_UP;
    }
    this.next();
    return elements;
  }

  private exportStatement(start: number): void {
    this.isModule = true;
    this.next(); // export
    switch (this.at()) {
      case K.AsteriskToken: {
        this.next();
        let name: string | undefined;
        if (this.at() === K.AsKeyword) {
          this.next();
          if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
          name = this.value;
          this.next();
        }
        const specifier = this.fromClause();
        if (name === undefined) this.starExports.push(specifier);
        else this.exports.set(name, { kind: "namespace", specifier });
        return;
      }
      case K.TypeKeyword:
        if (this.peek() === K.OpenBraceToken) {
          this.next();
          this.exportList();
          return;
        }
        if (this.peek() === K.AsteriskToken) throw GIVE_UP;
        this.declaration(start, true, false);
        return;
      case K.OpenBraceToken:
        this.exportList();
        return;
      case K.DefaultKeyword:
        this.next();
        this.exportDefault(start);
        return;
      case K.EqualsToken: {
        this.next();
        this.exportAssignment();
        return;
      }
      case K.ImportKeyword:
      case K.AsKeyword:
        throw GIVE_UP;
      default:
        this.declaration(start, true, false);
    }
  }

  private exportList(): void {
    const elements = this.specifiers(false);
    let specifier: string | undefined;
    if (this.at() === K.FromKeyword) {
      this.next();
      if (this.at() !== K.StringLiteral) throw GIVE_UP;
      specifier = this.value;
      this.next();
      this.importAttributes();
    }
    this.statementEnd();
    for (const { name, property, localKind } of elements) {
      const local = property ?? name;
      // `export { x }` refers to a local name: a reserved word there is the parser's to report.
      if (specifier === undefined && !isBindingIdentifier(localKind)) throw GIVE_UP;
      this.exports.set(name, specifier === undefined ? { kind: "local", name: local } : { kind: "reexport", specifier, name: local });
    }
  }

  private exportDefault(start: number): void {
    switch (this.at()) {
      case K.ClassKeyword:
      case K.FunctionKeyword:
      case K.InterfaceKeyword:
        this.declaration(start, true, true);
        return;
      case K.AbstractKeyword:
      case K.AsyncKeyword: {
        const next = this.peekSameLine();
        if (!next.newline && (next.kind === K.ClassKeyword || next.kind === K.FunctionKeyword)) {
          this.declaration(start, true, true);
          return;
        }
        break;
      }
      default:
        break;
    }
    this.exportAssignment();
  }

  /** `export default <expression>` or `export = <expression>`. */
  private exportAssignment(): void {
    const expr = this.expression(TOP_LEVEL);
    this.statementEnd();
    this.exports.set("default", expr.kind === "ident" ? { kind: "local", name: expr.name } : { kind: "expression", node: expr });
  }

  private variableStatement(exported: boolean): void {
    const isConst = this.at() === K.ConstKeyword;
    this.next();
    for (;;) {
      if (!isBindingIdentifier(this.at()) || this.at() === K.LetKeyword) throw GIVE_UP; // destructuring: TypeScript reads it
      const namePos = this.pos;
      const name = this.value;
      this.next();
      const nameLoc = this.loc(namePos, this.lastEnd);
      if (this.at() === K.ExclamationToken) this.next();
      if (this.at() === K.ColonToken) {
        this.next();
        this.skipType();
      }
      let initializer: Expr | undefined;
      if (this.at() === K.EqualsToken) {
        // Only a const's value is ever read, and only a const's is skimmed.
        if (!isConst) throw GIVE_UP;
        this.next();
        initializer = this.expression(TOP_LEVEL);
      }
      const variable: SyntaxVariable = { kind: "variable", isConst, nameLoc, initializer };
      this.declare(name, { kind: "variable", node: variable }, exported, false);
      if (this.at() !== K.CommaToken) break;
      this.next();
    }
    this.statementEnd();
  }

  private functionDeclaration(exported: boolean, isDefault: boolean): void {
    this.next(); // function
    if (this.at() === K.AsteriskToken) this.next();
    let name: string | undefined;
    if (isBindingIdentifier(this.at())) {
      name = this.value;
      this.next();
    } else if (!isDefault) throw GIVE_UP;
    if (this.at() === K.LessThanToken) this.skipAngles();
    if (this.at() !== K.OpenParenToken) throw GIVE_UP;
    this.skipBalanced();
    this.skipReturnTypeAndBody();
    if (name !== undefined) this.declare(name, { kind: "other", what: "a function" }, exported, isDefault);
  }

  private enumDeclaration(exported: boolean, isDefault: boolean): void {
    if (isDefault) throw GIVE_UP;
    this.next(); // enum
    if (!isBindingIdentifier(this.at())) throw GIVE_UP;
    const name = this.value;
    this.next();
    if (this.at() !== K.OpenBraceToken) throw GIVE_UP;
    this.skipBalanced();
    this.declare(name, { kind: "other", what: "an enum" }, exported, false);
  }

  private interfaceDeclaration(exported: boolean, isDefault: boolean): void {
    this.next(); // interface
    if (!isBindingIdentifier(this.at())) throw GIVE_UP;
    const name = this.value;
    this.next();
    this.skipHeritageTo();
    this.skipBalanced();
    this.declare(name, { kind: "other", what: "a type" }, exported, isDefault);
  }

  private typeAlias(exported: boolean): void {
    this.next(); // type
    if (!isBindingIdentifier(this.at())) throw GIVE_UP;
    const name = this.value;
    this.next();
    if (this.at() === K.LessThanToken) this.skipAngles();
    this.expect(K.EqualsToken);
    this.skipType();
    this.statementEnd();
    this.declare(name, { kind: "other", what: "a type" }, exported, false);
  }

  private namespaceDeclaration(exported: boolean): void {
    this.next(); // namespace / module
    if (!isBindingIdentifier(this.at())) throw GIVE_UP;
    const name = this.value;
    this.next();
    while (this.at() === K.DotToken) {
      this.next();
      if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
      this.next();
    }
    if (this.at() !== K.OpenBraceToken) throw GIVE_UP;
    this.skipBalanced();
    this.declare(name, { kind: "other", what: "a namespace declaration" }, exported, false);
  }

  // ---- classes ----

  private classDeclaration(start: number, exported: boolean, isDefault: boolean, isAbstract: boolean): void {
    this.next(); // class
    let name: string | undefined;
    let nameLoc: Loc | undefined;
    if (isBindingIdentifier(this.at()) && this.at() !== K.ImplementsKeyword) {
      const namePos = this.pos;
      name = this.value;
      this.next();
      nameLoc = this.loc(namePos, this.lastEnd);
    } else if (!isDefault) throw GIVE_UP;
    const members: Member[] = [];
    const cls: SyntaxClass & { members: Member[]; extendsExpr: Expr | undefined; ctor: SyntaxClass["ctor"]; end: number } = {
      kind: "class",
      file: this.target,
      pos: start,
      end: start,
      name,
      nameLoc,
      isAbstract,
      extendsExpr: undefined,
      members,
      ctor: undefined,
    };
    const instance: Context = { staticClass: undefined, enclosingClass: cls };
    const statics: Context = { staticClass: cls, enclosingClass: cls };
    if (this.at() === K.LessThanToken) this.skipAngles();
    if (this.at() === K.ExtendsKeyword) {
      this.next();
      // Only names (`Base`, `ns.Base`, `mixin(Base)`): TypeScript treats other heritage expressions specially.
      if (!isBindingIdentifier(this.at())) throw GIVE_UP;
      cls.extendsExpr = this.postfixExpression(instance, true);
      if (this.at() === K.LessThanToken) this.skipAngles();
      if (this.at() === K.CommaToken) throw GIVE_UP;
    }
    if (this.at() === K.ImplementsKeyword) this.skipHeritageTo();
    this.expect(K.OpenBraceToken);
    while (this.at() !== K.CloseBraceToken) {
      if (this.at() === K.EndOfFileToken) throw GIVE_UP;
      this.classMember(cls, members, instance, statics);
    }
    this.next();
    cls.end = this.lastEnd;

    this.classes.push(cls);
    if (name !== undefined) this.declare(name, { kind: "class", node: cls }, exported, isDefault);
    else {
      this.locals.set("*default*", { kind: "class", node: cls });
      this.exports.set("default", { kind: "local", name: "*default*" });
    }
  }

  private classMember(
    cls: SyntaxClass & { ctor: SyntaxClass["ctor"] },
    members: Member[],
    instance: Context,
    statics: Context,
  ): void {
    const start = this.pos;
    if (this.at() === K.SemicolonToken) {
      this.next();
      return;
    }
    if (this.at() === K.AtToken) throw GIVE_UP;
    let isStatic = false;
    let hasNoValue = false;
    const seen: Kind[] = [];
    while (isModifier(this.at())) {
      const kind = this.at();
      // TypeScript reads a repeated `static` as the member's name: repeated modifiers are the parser's.
      if (seen.includes(kind)) throw GIVE_UP;
      seen.push(kind);
      const next = this.peekSameLine();
      if (kind === K.StaticKeyword && next.kind === K.OpenBraceToken) {
        // A static block: `static { … }`.
        this.next();
        this.skipBalanced();
        return;
      }
      const canFollow =
        next.kind === K.OpenBracketToken ||
        next.kind === K.OpenBraceToken ||
        next.kind === K.AsteriskToken ||
        next.kind === K.DotDotDotToken ||
        next.kind === K.PrivateIdentifier ||
        next.kind === K.StringLiteral ||
        next.kind === K.NumericLiteral ||
        isIdentifierOrKeyword(next.kind);
      if (!canFollow || (kind !== K.StaticKeyword && next.newline)) break; // the modifier is the member's name
      if (kind === K.AccessorKeyword || next.kind === K.DotDotDotToken) throw GIVE_UP;
      if (kind === K.StaticKeyword) isStatic = true;
      if (kind === K.DeclareKeyword || kind === K.AbstractKeyword) hasNoValue = true;
      this.next();
    }
    if (this.at() === K.AtToken) throw GIVE_UP;
    if (this.at() === K.AsteriskToken) {
      this.next();
      this.propertyName();
      this.method();
      return;
    }
    // Accessors: `get x()` / `set x(v)`.
    if (this.at() === K.GetKeyword || this.at() === K.SetKeyword) {
      const next = this.peek();
      if (next === K.OpenBracketToken || next === K.PrivateIdentifier || next === K.StringLiteral || next === K.NumericLiteral || isIdentifierOrKeyword(next)) {
        const isGetter = this.at() === K.GetKeyword;
        this.next();
        const name = this.propertyName();
        if (!isGetter) {
          this.method();
          return;
        }
        if (this.at() === K.LessThanToken) throw GIVE_UP;
        if (this.at() !== K.OpenParenToken) throw GIVE_UP;
        this.skipBalanced();
        const interest = name === undefined ? undefined : memberInterest(name, isStatic);
        const expression = this.getterBody(interest === "read" ? (isStatic ? statics : instance) : undefined);
        if (interest !== undefined) members.push({ file: this.target, pos: start, end: this.lastEnd, name, isStatic, kind: "getter", hasNoValue: false, expression });
        return;
      }
    }
    // TypeScript reads a member named `constructor` as a constructor whatever follows.
    const isConstructorName = this.at() === K.ConstructorKeyword || (this.at() === K.StringLiteral && this.raw === "constructor");
    if (isConstructorName) {
      if (isStatic || this.peek() !== K.OpenParenToken) throw GIVE_UP;
      this.next();
      this.constructorDeclaration(cls, instance);
      return;
    }
    const name = this.propertyName();
    if (this.at() === K.QuestionToken || this.at() === K.ExclamationToken) this.next();
    if (this.at() === K.OpenParenToken || this.at() === K.LessThanToken) {
      this.method();
      return;
    }
    // A property declaration.
    if (this.at() === K.ColonToken) {
      this.next();
      this.skipType();
    }
    const interest = name === undefined ? undefined : memberInterest(name, isStatic);
    let expression: Expr | undefined;
    if (this.at() === K.EqualsToken) {
      this.next();
      if (interest === "read") expression = this.expression(isStatic ? statics : instance);
      else this.skipInitializer();
    }
    if (this.at() === K.SemicolonToken) this.next();
    else if (this.at() !== K.CloseBraceToken && !this.newline) throw GIVE_UP;
    if (interest !== undefined) members.push({ file: this.target, pos: start, end: this.lastEnd, name, isStatic, kind: "property", hasNoValue, expression });
  }

  /** A property name; its text when statically known. */
  private propertyName(): string | undefined {
    switch (this.at()) {
      case K.StringLiteral:
      case K.NumericLiteral:
      case K.NoSubstitutionTemplateLiteral: {
        const name = this.raw;
        this.next();
        return name;
      }
      case K.PrivateIdentifier:
        this.next();
        return undefined;
      case K.OpenBracketToken: {
        this.next();
        let expr = this.expression(TOP_LEVEL);
        while (expr.kind === "wrap") expr = expr.expr;
        this.expect(K.CloseBracketToken);
        return expr.kind === "string" && expr.value !== undefined ? expr.value : undefined;
      }
      default: {
        if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
        const name = this.raw;
        this.next();
        return name;
      }
    }
  }

  /** The rest of a method: type parameters, parameters, return type, body (or none). */
  private method(): void {
    if (this.at() === K.QuestionToken) this.next();
    if (this.at() === K.LessThanToken) this.skipAngles();
    if (this.at() !== K.OpenParenToken) throw GIVE_UP;
    this.skipBalanced();
    this.skipReturnTypeAndBody();
  }

  /** A getter's body; when `context` is given, its expression if the body only returns one. */
  private getterBody(context: Context | undefined): Expr | undefined {
    if (this.at() === K.ColonToken) {
      this.next();
      this.skipType();
    }
    if (this.at() !== K.OpenBraceToken) {
      // No body (an abstract or declared getter).
      this.statementEnd();
      return undefined;
    }
    if (context === undefined || this.peek() !== K.ReturnKeyword) {
      this.skipBalanced();
      return undefined;
    }
    this.next(); // {
    this.next(); // return
    if (this.at() === K.SemicolonToken || this.at() === K.CloseBraceToken || this.newline) {
      // `return;`: no value.
      this.skipRestOfBlock();
      return undefined;
    }
    const expression = this.expression(context);
    if (this.at() === K.SemicolonToken) this.next();
    else if (this.at() !== K.CloseBraceToken && !this.newline) throw GIVE_UP;
    if (this.at() === K.CloseBraceToken) {
      this.next();
      return expression;
    }
    this.skipRestOfBlock();
    return undefined;
  }

  /** After a constructor's name: parameters and body; the first one with a body is the class's. */
  private constructorDeclaration(cls: { ctor: SyntaxClass["ctor"] }, instance: Context): void {
    if (this.at() !== K.OpenParenToken) throw GIVE_UP;
    const paramName = this.scanner.lookAhead(() => {
      let kind = this.scanner.scan();
      while (kind === K.PublicKeyword || kind === K.PrivateKeyword || kind === K.ProtectedKeyword || kind === K.ReadonlyKeyword || kind === K.OverrideKeyword) {
        const after = this.scanner.lookAhead(() => this.scanner.scan());
        if (after === K.ColonToken || after === K.QuestionToken || after === K.EqualsToken || after === K.CommaToken || after === K.CloseParenToken) break;
        kind = this.scanner.scan();
      }
      if (kind === K.AtToken || kind === K.ThisKeyword) return GIVE_UP;
      if (kind === K.DotDotDotToken) kind = this.scanner.scan();
      return isBindingIdentifier(kind) ? this.scanner.getTokenValue() : undefined;
    });
    if (paramName === GIVE_UP) throw GIVE_UP;
    this.skipBalanced();
    if (this.at() === K.ColonToken) {
      this.next();
      this.skipType();
    }
    if (this.at() !== K.OpenBraceToken) {
      // An overload: no body.
      this.statementEnd();
      return;
    }
    if (cls.ctor !== undefined) {
      this.skipBalanced();
      return;
    }
    cls.ctor = { superArg: this.constructorBody(instance), paramName: paramName as string | undefined };
  }

  /**
   * Skims a constructor body for its first statement that is a `super(…)`
   * call and returns that call's first argument.
   */
  private constructorBody(instance: Context): Expr | undefined {
    this.next(); // {
    let previous: Kind = K.OpenBraceToken;
    let found = false;
    let superArg: Expr | undefined;
    let depth = 0;
    const stack: Kind[] = [];
    while (depth > 0 || this.at() !== K.CloseBraceToken) {
      if (this.at() === K.EndOfFileToken) throw GIVE_UP;
      if (!found && depth === 0 && this.at() === K.SuperKeyword && this.peek() === K.OpenParenToken) {
        const startsStatement = previous === K.SemicolonToken || previous === K.OpenBraceToken || previous === K.CloseBraceToken;
        if (!startsStatement && this.newline) throw GIVE_UP; // `if (x)\n super(…)`: leave it to the parser
        if (startsStatement) {
          this.next(); // super
          const args = this.argumentList(instance);
          previous = K.CloseParenToken;
          // Only `super(…);` as a whole statement counts.
          if (this.at() === K.SemicolonToken || this.at() === K.CloseBraceToken || this.newline) {
            found = true;
            superArg = args[0];
          }
          continue;
        }
      }
      const kind = this.at();
      depth = this.skipToken(stack, depth, previous);
      previous = kind;
    }
    this.next(); // }
    return superArg;
  }

  // ---- expressions ----

  /** An expression of the subset: operands with member access, calls, `new`, and `as`/`satisfies`/`!`. */
  private expression(context: Context): Expr {
    let expr = this.postfixExpression(context, false);
    for (;;) {
      if ((this.at() === K.AsKeyword || this.at() === K.SatisfiesKeyword) && !this.newline) {
        this.next();
        if (this.at() === K.ConstKeyword) this.next();
        else this.skipType();
        expr = { kind: "wrap", file: this.target, pos: expr.pos, end: this.lastEnd, expr };
        continue;
      }
      break;
    }
    switch (this.at()) {
      case K.SemicolonToken:
      case K.CommaToken:
      case K.CloseParenToken:
      case K.CloseBracketToken:
      case K.CloseBraceToken:
      case K.EndOfFileToken:
        return expr;
      default:
        // Anything else ends the expression only across a line break (ASI), and only where no operator continues it.
        if (this.newline && isIdentifierOrKeyword(this.at()) && this.at() !== K.InKeyword && this.at() !== K.InstanceOfKeyword) return expr;
        throw GIVE_UP;
    }
  }

  /** An argument or array element: an expression or a spread. */
  private argument(context: Context): Expr {
    if (this.at() === K.DotDotDotToken) {
      const pos = this.pos;
      this.next();
      const expr = this.expression(context);
      return { kind: "spread", file: this.target, pos, end: expr.end, expr };
    }
    return this.expression(context);
  }

  /** An operand and what follows it: `.name`, `(args)`, `!`. In `extends`, no `!`. */
  private postfixExpression(context: Context, heritage: boolean): Expr {
    let expr = this.primary(context);
    for (;;) {
      switch (this.at()) {
        case K.DotToken: {
          this.next();
          if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
          const name = this.value;
          this.next();
          expr = { kind: "prop", file: this.target, pos: expr.pos, end: this.lastEnd, target: expr, name };
          continue;
        }
        case K.OpenParenToken: {
          if (expr.kind === "this" || expr.kind === "new") throw GIVE_UP;
          const args = this.argumentList(context);
          expr = { kind: "call", file: this.target, pos: expr.pos, end: this.lastEnd, callee: expr, args };
          continue;
        }
        case K.ExclamationToken:
          if (this.newline || heritage) return expr;
          this.next();
          expr = { kind: "wrap", file: this.target, pos: expr.pos, end: this.lastEnd, expr };
          continue;
        case K.QuestionDotToken:
        case K.OpenBracketToken:
        case K.NoSubstitutionTemplateLiteral:
        case K.TemplateHead:
          throw GIVE_UP;
        case K.LessThanToken:
          if (heritage) return expr;
          throw GIVE_UP;
        default:
          return expr;
      }
    }
  }

  private argumentList(context: Context): Expr[] {
    this.next(); // (
    const args: Expr[] = [];
    while (this.at() !== K.CloseParenToken) {
      args.push(this.argument(context));
      if (this.at() === K.CommaToken) this.next();
      else if (this.at() !== K.CloseParenToken) throw GIVE_UP;
    }
    this.next(); // )
    return args;
  }

  private primary(context: Context): Expr {
    const file = this.target;
    const pos = this.pos;
    switch (this.at()) {
      case K.Identifier: {
        const name = this.value;
        this.next();
        if (this.at() === K.EqualsGreaterThanToken) throw GIVE_UP; // x => …
        return { kind: "ident", file, pos, end: this.lastEnd, name };
      }
      case K.ThisKeyword:
      case K.SuperKeyword: {
        const kind = this.at() === K.ThisKeyword ? "this" : "super";
        this.next();
        return { kind, file, pos, end: this.lastEnd, staticClass: context.staticClass, enclosingClass: context.enclosingClass };
      }
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral: {
        const value = this.value;
        this.next();
        return { kind: "string", file, pos, end: this.lastEnd, value };
      }
      case K.NumericLiteral:
      case K.BigIntLiteral:
        this.next();
        return { kind: "other", file, pos, end: this.lastEnd, what: "a number" };
      case K.TrueKeyword:
      case K.FalseKeyword:
      case K.NullKeyword: {
        const kind = this.at() === K.TrueKeyword ? "true" : this.at() === K.FalseKeyword ? "false" : "null";
        this.next();
        return { kind, file, pos, end: this.lastEnd };
      }
      case K.OpenBracketToken: {
        this.next();
        const elements: Expr[] = [];
        while (this.at() !== K.CloseBracketToken) {
          if (this.at() === K.CommaToken) {
            const at = this.pos;
            elements.push({ kind: "omitted", file, pos: at, end: at });
            this.next();
            continue;
          }
          elements.push(this.argument(context));
          if (this.at() === K.CommaToken) this.next();
          else if (this.at() !== K.CloseBracketToken) throw GIVE_UP;
        }
        this.next();
        return { kind: "array", file, pos, end: this.lastEnd, elements };
      }
      case K.OpenBraceToken:
        return this.objectLiteral(context);
      case K.OpenParenToken: {
        this.next();
        const expr = this.expression(context);
        this.expect(K.CloseParenToken);
        if (this.at() === K.EqualsGreaterThanToken || this.at() === K.ColonToken) throw GIVE_UP; // an arrow function
        return { kind: "wrap", file, pos, end: this.lastEnd, expr };
      }
      case K.NewKeyword: {
        this.next();
        if (this.at() === K.NewKeyword || this.at() === K.DotToken) throw GIVE_UP;
        let callee = this.primary(context);
        while (this.at() === K.DotToken) {
          this.next();
          if (!isIdentifierOrKeyword(this.at())) throw GIVE_UP;
          const name = this.value;
          this.next();
          callee = { kind: "prop", file, pos: callee.pos, end: this.lastEnd, target: callee, name };
        }
        // `new X!(…)` is `new (X!)(…)` to TypeScript: the parser's.
        if (this.at() === K.LessThanToken || this.at() === K.OpenBracketToken || this.at() === K.QuestionDotToken || this.at() === K.ExclamationToken) throw GIVE_UP;
        if (this.at() === K.NoSubstitutionTemplateLiteral || this.at() === K.TemplateHead) throw GIVE_UP;
        const args = this.at() === K.OpenParenToken ? this.argumentList(context) : undefined;
        return { kind: "new", file, pos, end: this.lastEnd, callee, args };
      }
      default:
        // Contextual keywords used as names (`type`, `of` …) are identifiers to TypeScript.
        if (isBindingIdentifier(this.at()) && !isModifierLikeOperator(this.at())) {
          const name = this.value;
          this.next();
          if (this.at() === K.EqualsGreaterThanToken) throw GIVE_UP;
          return { kind: "ident", file, pos, end: this.lastEnd, name };
        }
        throw GIVE_UP;
    }
  }

  private objectLiteral(context: Context): Expr {
    const file = this.target;
    const pos = this.pos;
    this.next(); // {
    const props: Prop[] = [];
    while (this.at() !== K.CloseBraceToken) {
      const start = this.pos;
      if (this.at() === K.DotDotDotToken) {
        this.next();
        const expr = this.expression(context);
        props.push({ kind: "spread", file, pos: start, end: expr.end, expr });
      } else {
        const nextKind = this.peek();
        const keyword = this.at() === K.GetKeyword || this.at() === K.SetKeyword || this.at() === K.AsyncKeyword || this.at() === K.AsteriskToken;
        if (keyword && nextKind !== K.ColonToken && nextKind !== K.CommaToken && nextKind !== K.CloseBraceToken && nextKind !== K.OpenParenToken) throw GIVE_UP;
        const isIdentifierKey = this.at() === K.Identifier || (isBindingIdentifier(this.at()) && !isModifierLikeOperator(this.at()));
        const keyPos = this.pos;
        const name = this.propertyName();
        const key = this.loc(keyPos, this.lastEnd);
        if (this.at() === K.ColonToken) {
          this.next();
          const value = this.expression(context);
          props.push({ kind: "assign", file, pos: start, end: value.end, name, key, value });
        } else if ((this.at() === K.CommaToken || this.at() === K.CloseBraceToken) && isIdentifierKey && name !== undefined) {
          const value: Expr = { kind: "ident", file, pos: keyPos, end: key.end, name };
          props.push({ kind: "shorthand", file, pos: start, end: key.end, name, key, value });
        } else {
          throw GIVE_UP; // methods, `a = 1` patterns
        }
      }
      if (this.at() === K.CommaToken) this.next();
      else if (this.at() !== K.CloseBraceToken) throw GIVE_UP;
    }
    this.next(); // }
    return { kind: "object", file, pos, end: this.lastEnd, props };
  }

  // ---- skipping ----

  /**
   * Skips one token, keeping count of open brackets; returns the new depth.
   * `(`, `[`, `{` and template substitutions nest; a `/` is rescanned as a
   * regular expression where an operand could start.
   */
  private skipToken(stack: Kind[], depth: number, previous: Kind): number {
    this.skipped = true;
    switch (this.at()) {
      case K.OpenParenToken:
      case K.OpenBracketToken:
      case K.OpenBraceToken:
        stack.push(this.at());
        this.next();
        return depth + 1;
      case K.TemplateHead:
        stack.push(K.TemplateHead);
        this.next();
        return depth + 1;
      case K.CloseParenToken:
      case K.CloseBracketToken: {
        const open = stack.pop();
        if (open !== (this.at() === K.CloseParenToken ? K.OpenParenToken : K.OpenBracketToken)) throw GIVE_UP;
        this.next();
        return depth - 1;
      }
      case K.CloseBraceToken: {
        const open = stack.pop();
        if (open === K.TemplateHead) {
          // The end of a template substitution: the template goes on.
          const kind = this.scanner.reScanTemplateToken(false);
          if (kind === K.TemplateMiddle) {
            stack.push(K.TemplateHead);
            this.next();
            return depth;
          }
          this.next();
          return depth - 1;
        }
        if (open !== K.OpenBraceToken) throw GIVE_UP;
        this.next();
        return depth - 1;
      }
      case K.SlashToken:
      case K.SlashEqualsToken: {
        const before = previous;
        if (before === K.CloseParenToken || before === K.CloseBraceToken) throw GIVE_UP; // division or a regular expression: the parser knows
        if (startsRegex(before)) this.scanner.reScanSlashToken();
        this.next();
        return depth;
      }
      case K.LessThanToken:
        // `<` in skipped code: JSX or a type assertion could hide a `/`; both are rare in the subset.
        this.next();
        return depth;
      case K.EndOfFileToken:
        throw GIVE_UP;
      default:
        this.next();
        return depth;
    }
  }

  /** Skips a bracketed stretch starting at the current `(`, `[` or `{`, through its closing bracket. */
  private skipBalanced(): void {
    this.skipped = true;
    const stack: Kind[] = [];
    let depth = 0;
    let previous: Kind = K.Unknown;
    do {
      const kind = this.at();
      depth = this.skipToken(stack, depth, previous);
      previous = kind;
    } while (depth > 0);
  }

  /** Skips the rest of a block whose `{` was consumed, through its `}`. */
  private skipRestOfBlock(): void {
    this.skipped = true;
    const stack: Kind[] = [K.OpenBraceToken];
    let depth = 1;
    let previous: Kind = K.Unknown;
    while (depth > 0) {
      const kind = this.at();
      depth = this.skipToken(stack, depth, previous);
      previous = kind;
    }
  }

  /** Skips `<…>` (type parameters or arguments), nested brackets included. */
  private skipAngles(): void {
    this.skipped = true;
    let angles = 0;
    const stack: Kind[] = [];
    let depth = 0;
    do {
      if (this.at() === K.LessThanToken) {
        angles++;
        this.next();
      } else if (this.at() === K.GreaterThanToken) {
        angles--;
        this.next();
      } else if (this.at() === K.EqualsGreaterThanToken) {
        this.next();
      } else {
        depth = this.skipTokenInType(stack, depth);
      }
    } while (angles > 0 || depth > 0);
  }

  /** One token of a type: brackets nest, `/` and templates give up. */
  private skipTokenInType(stack: Kind[], depth: number): number {
    this.skipped = true;
    switch (this.at()) {
      case K.SlashToken:
      case K.SlashEqualsToken:
      case K.TemplateHead:
      case K.EndOfFileToken:
        throw GIVE_UP;
      default:
        return this.skipToken(stack, depth, K.Unknown);
    }
  }

  /**
   * Skips a type annotation: up to `=`, `,`, `;`, `)`, `]`, `}` or `{` at its
   * own level, or a line break before something that starts a new member or
   * statement.
   */
  private skipType(): void {
    this.skipped = true;
    const stack: Kind[] = [];
    let depth = 0;
    let angles = 0;
    let previous: Kind = K.Unknown;
    for (;;) {
      const kind = this.at();
      if (depth === 0 && angles === 0) {
        if (TYPE_FOLLOWERS.has(kind)) {
          if (previous === K.Unknown) throw GIVE_UP;
          return;
        }
        // After a complete type, only a few tokens go on with it (`|`, `[]`, `.`, `<…>`, a conditional);
        // anything else (`{` of a body, `as`, a new member on the next line …) follows it.
        if (previous !== K.Unknown && typeEnds(previous) && !continuesType(kind, previous, this.newline)) return;
      }
      if (kind === K.LessThanToken) {
        angles++;
        this.next();
      } else if (kind === K.GreaterThanToken) {
        if (angles === 0) throw GIVE_UP;
        angles--;
        this.next();
      } else if (kind === K.EqualsToken || kind === K.EqualsGreaterThanToken) {
        this.next();
      } else {
        depth = this.skipTokenInType(stack, depth);
      }
      previous = kind;
    }
  }

  /** After a parameter list: an optional return type, then a body `{…}` or the end of a signature. */
  private skipReturnTypeAndBody(): void {
    if (this.at() === K.ColonToken) {
      this.next();
      this.skipType();
    }
    if (this.at() === K.OpenBraceToken) this.skipBalanced();
    else this.statementEnd();
  }

  /** `extends …`/`implements …` clauses of an interface or class, up to its body's `{`. */
  private skipHeritageTo(): void {
    this.skipped = true;
    if (this.at() === K.LessThanToken) this.skipAngles();
    const stack: Kind[] = [];
    let depth = 0;
    let angles = 0;
    while (depth > 0 || angles > 0 || this.at() !== K.OpenBraceToken) {
      if (this.at() === K.LessThanToken) {
        angles++;
        this.next();
      } else if (this.at() === K.GreaterThanToken) {
        angles--;
        this.next();
      } else {
        depth = this.skipTokenInType(stack, depth);
      }
    }
  }

  /**
   * Skips the initializer of a member the analyzer never reads: to `;`, the
   * class's `}`, or a line break before a token that cannot continue an
   * expression (where TypeScript inserts a semicolon).
   */
  private skipInitializer(): void {
    this.skipped = true;
    const stack: Kind[] = [];
    let depth = 0;
    let previous: Kind = K.EqualsToken;
    // Whether the token before the current one completes an operand.
    let operandEnded = false;
    for (;;) {
      const kind = this.at();
      if (depth === 0) {
        if (kind === K.SemicolonToken || kind === K.CloseBraceToken || kind === K.EndOfFileToken) return;
        // A line break ends the initializer only after a complete operand (`a +\n b` goes on).
        if (this.newline && operandEnded) {
          if (kind === K.PrivateIdentifier || kind === K.AtToken || kind === K.StringLiteral || kind === K.NumericLiteral) return;
          if (isIdentifierOrKeyword(kind) && kind !== K.InKeyword && kind !== K.InstanceOfKeyword) {
            // `as`/`satisfies` on a new line end the expression too (TypeScript's rule), and start a member named so.
            return;
          }
        }
        if (kind === K.CommaToken || kind === K.CloseParenToken || kind === K.CloseBracketToken) throw GIVE_UP;
        // Two operands in a row on one line (`= {} requiredRoles`): a syntax error, the parser's to recover from.
        if (!this.newline && operandEnded && startsOperand(kind)) throw GIVE_UP;
      }
      if ((kind === K.AsKeyword || kind === K.SatisfiesKeyword) && previous !== K.DotToken && previous !== K.QuestionDotToken && operandEnded) {
        // A type follows (its `<…>` are brackets, not comparisons).
        this.next();
        if (this.at() === K.ConstKeyword) this.next();
        else this.skipType();
        operandEnded = true;
        previous = K.Identifier;
        continue;
      }
      const nonNull: boolean = kind === K.ExclamationToken && operandEnded && !this.newline; // `x!`
      const regex: boolean = (kind === K.SlashToken || kind === K.SlashEqualsToken) && startsRegex(previous);
      depth = this.skipToken(stack, depth, previous);
      operandEnded =
        previous === K.DotToken || previous === K.QuestionDotToken || nonNull || regex // a property name, whatever its kind
          ? true
          : kind === K.ConstKeyword
            ? previous === K.AsKeyword // `as const`
            : endsOperand(kind, true) || (isBindingIdentifier(kind) && !isOperatorKeyword(kind));
      previous = kind;
    }
  }
}

/** Contextual keywords that stand before an operand or a type rather than being one. */
let OPERATOR_KEYWORDS: ReadonlySet<Kind>;
function isOperatorKeyword(kind: Kind): boolean {
  return OPERATOR_KEYWORDS.has(kind);
}

/** True when a `/` after `previous` starts a regular expression (where an operand starts). */
function startsRegex(previous: Kind): boolean {
  return !endsOperand(previous) && !(isIdentifierOrKeyword(previous) && !isRegexKeyword(previous));
}

/** Keywords after which an operand (and so a regular expression) starts. */
let REGEX_KEYWORDS: ReadonlySet<Kind>;
function isRegexKeyword(kind: Kind): boolean {
  return REGEX_KEYWORDS.has(kind);
}

/** Contextual keywords that act as operators or declarations where an operand would stand. */
function isModifierLikeOperator(kind: Kind): boolean {
  return kind === K.AwaitKeyword || kind === K.YieldKeyword || kind === K.AsyncKeyword || kind === K.TypeOfKeyword;
}

/** Tokens that end a type annotation where they stand at its own level. */
let TYPE_FOLLOWERS: ReadonlySet<Kind>;

/** Keywords that stand before a type rather than end one. */
let TYPE_PREFIX_KEYWORDS: ReadonlySet<Kind>;

/** Punctuation and literals a type can end with. */
let TYPE_END_TOKENS: ReadonlySet<Kind>;

/** Tokens a type can end with. */
function typeEnds(kind: Kind): boolean {
  if (kind === K.Identifier) return true;
  if (kind >= K.FirstKeyword && kind <= K.LastKeyword) return !TYPE_PREFIX_KEYWORDS.has(kind);
  return TYPE_END_TOKENS.has(kind);
}

/** Tokens that go on with a complete type (some only on the same line, as TypeScript's parser has it). */
function continuesType(kind: Kind, previous: Kind, newline: boolean): boolean {
  switch (kind) {
    case K.DotToken:
      // A qualified name (`ns.Type`), not a member of `A<B>` or `(A)`.
      return isIdentifierOrKeyword(previous);
    case K.BarToken:
    case K.AmpersandToken:
    case K.EqualsGreaterThanToken:
    case K.QuestionToken:
    case K.ColonToken:
      return true;
    case K.OpenBracketToken:
    case K.LessThanToken:
    case K.ExtendsKeyword:
    case K.IsKeyword:
      return !newline;
    default:
      return false;
  }
}
