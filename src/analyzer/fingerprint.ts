/**
 * Fingerprints of what a read (read-keys.ts) finds in one version of a file,
 * and the positions of the same declarations in two versions of it.
 *
 * Two versions of a file whose fingerprints for a read are equal give every
 * analysis that made the read the same answer, except for positions: the
 * fingerprint holds the syntax the analyzer keeps of the declaration (kinds,
 * names, strings: syntax.ts) and its source text with whitespace collapsed
 * (what messages quote), but no offsets. After a change that only moved
 * declarations (a line added above them, a comment elsewhere), the
 * incremental analysis keeps its results and moves their spans
 * ({@link PositionMap}) instead of analyzing the readers again.
 */
import type { NameReadKind } from "./read-keys.js";
import { startOf, type Loc, type SyntaxFile } from "./syntax.js";

/** Fields that hold positions, links back up the tree, or caches: never part of a fingerprint. */
const SKIPPED = new Set(["pos", "end", "file", "staticClass", "enclosingClass", "facts", "lineStarts"]);
/** Links to the class around `this`/`super`: only whether there is one counts. */
const CLASS_LINKS = new Set(["staticClass", "enclosingClass"]);

/** What the read `kind`/`name` finds in `file` (undefined: the file does not exist), as a string. */
export function readFingerprint(file: SyntaxFile | undefined, kind: NameReadKind, name: string): string {
  if (file === undefined) return "missing";
  // Every value read from a file with a syntax error is unknown (RC5012): the error decides, not the declaration.
  if (file.syntaxErrors.length > 0) return "broken";
  return kind === "e" ? exportFingerprint(file, name) : localFingerprint(file, name);
}

/** An export: its entry, or, when the file does not declare it, the `export *` it is looked for in. */
function exportFingerprint(file: SyntaxFile, name: string): string {
  const entry = file.exports.get(name);
  if (entry === undefined) return name === "default" ? "-" : `-${file.starExports.join("\n")}`;
  if (entry.kind === "expression") return `x${declarationText(entry.node)}${structure(entry.node)}`;
  return structure(entry);
}

/** A top-level name: the import that binds it, else its declaration with everything written in it. */
function localFingerprint(file: SyntaxFile, name: string): string {
  const imported = file.imports.get(name);
  if (imported !== undefined) return `i${structure(imported)}`;
  const local = file.locals.get(name);
  if (local === undefined) return "-";
  switch (local.kind) {
    case "class":
      return `c${declarationText(local.node)}${structure(local.node)}`;
    case "variable":
      return `v${local.node.initializer === undefined ? "" : declarationText(local.node.initializer)}${structure(local.node)}`;
    case "other":
      return `o${local.what}`;
  }
}

/** The source text of a declaration, whitespace collapsed (as messages quote it). */
function declarationText(loc: Loc): string {
  return loc.file.text.slice(startOf(loc), loc.end).replace(/\s+/g, " ");
}

/** A value's syntax as a string: keys in order, positions left out. */
function structure(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join("");
}

function write(value: unknown, out: string[]): void {
  if (value === undefined || value === null) out.push("~");
  else if (typeof value === "string") out.push(JSON.stringify(value));
  else if (typeof value !== "object") out.push(String(value));
  else if (Array.isArray(value)) {
    out.push("[");
    for (const item of value) {
      write(item, out);
      out.push(",");
    }
    out.push("]");
  } else {
    out.push("{");
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      if (CLASS_LINKS.has(key)) out.push(key, record[key] === undefined ? "0" : "1");
      if (SKIPPED.has(key)) continue;
      out.push(key, ":");
      write(record[key], out);
      out.push(",");
    }
    out.push("}");
  }
}

/**
 * Where the nodes of the unchanged declarations of a file went between two
 * versions: maps the start and end offsets of every node of the
 * declarations whose fingerprints are equal. Built on first use.
 */
export class PositionMap {
  private starts: Map<number, number> | undefined;
  private ends: Map<number, number> | undefined;
  /** How much text the two versions share from the start: what lies before it did not move. */
  private readonly prefix: number;

  constructor(
    readonly before: SyntaxFile,
    readonly after: SyntaxFile,
  ) {
    const a = before.text;
    const b = after.text;
    const length = Math.min(a.length, b.length);
    let prefix = 0;
    while (prefix < length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
    this.prefix = prefix;
  }

  /** The new offset of a node that started at `offset`; undefined when no unchanged node started there. */
  start(offset: number): number | undefined {
    if (offset < this.prefix) return offset;
    this.build();
    return this.starts!.get(offset);
  }

  /** The new offset of a node that ended at `offset`; undefined when no unchanged node ended there. */
  end(offset: number): number | undefined {
    if (offset <= this.prefix) return offset;
    this.build();
    return this.ends!.get(offset);
  }

  private build(): void {
    if (this.starts !== undefined) return;
    this.starts = new Map();
    this.ends = new Map();
    const { before, after } = this;
    for (const [name, local] of before.locals) {
      const other = after.locals.get(name);
      if (other === undefined || other.kind !== local.kind || localFingerprint(before, name) !== localFingerprint(after, name)) continue;
      this.pair(local.kind === "other" ? undefined : local.node, other.kind === "other" ? undefined : other.node);
    }
    for (const [name, entry] of before.exports) {
      const other = after.exports.get(name);
      if (entry.kind !== "expression" || other?.kind !== "expression" || exportFingerprint(before, name) !== exportFingerprint(after, name)) continue;
      this.pair(entry.node, other.node);
    }
  }

  /** Walks two nodes of the same shape side by side, pairing their positions. */
  private pair(a: unknown, b: unknown): void {
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return;
    if (Array.isArray(a)) {
      if (!Array.isArray(b)) return;
      for (let i = 0; i < a.length; i++) this.pair(a[i], b[i]);
      return;
    }
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    if (typeof x["pos"] === "number" && typeof x["end"] === "number" && typeof y["pos"] === "number" && typeof y["end"] === "number" && x["file"] === this.before) {
      this.starts!.set(startOf(x as unknown as Loc), startOf(y as unknown as Loc));
      this.ends!.set(x["end"], y["end"]);
    }
    for (const key of Object.keys(x)) {
      if (SKIPPED.has(key)) continue;
      this.pair(x[key], y[key]);
    }
  }
}
