/**
 * Locators map a path into a module's data (`["roles", "Customer", 0]`) back
 * to the span of the YAML or TypeScript text that wrote it, so that every
 * diagnostic points at the offending key or value, not at the document.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from "yaml";
import type { Span } from "../diagnostics/diagnostic.js";
import type { ts as TsApi } from "ts-morph";

/** A segment of a path into data: an object key or an array index. */
export type DataPath = readonly (string | number)[];

/** `key` points at the key of the last segment (when there is one), `value` at its value. */
export type LocateTarget = "key" | "value";

/** Finds the span of the text that wrote the data at a path (the nearest existing node). */
export type Locator = (path: DataPath, target?: LocateTarget) => Span;

/** Turns 0-based offsets into 1-based lines and columns. */
export interface LineIndex {
  linePos(offset: number): { line: number; col: number };
}

/**
 * The line table of a text: lines start after each "\n" (so "\r" of CRLF is
 * the last character of its line), columns count UTF-16 code units, and an
 * offset past the end stays on the last position. Built from the text itself,
 * not from what a parser happened to see: yaml's LineCounter misses the line
 * breaks inside tokens it can't place, which put later errors on wrong lines.
 */
export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return {
    linePos(offset) {
      const at = Math.min(Math.max(0, offset), text.length);
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= at) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, col: at - starts[low]! + 1 };
    },
  };
}

/**
 * A position in `text` counted as a JavaScript engine counts it (V8's stack
 * traces, source maps: lines also end at U+2028 and U+2029), as editors
 * count it: lines end at "\n" only (the loader has made a lone "\r" one).
 * A position past the end of its line or of the text is kept as it is
 * (the caller clamps it).
 */
export function fromScriptPosition(text: string, line: number, column: number): { line: number; column: number } {
  if (!Number.isSafeInteger(line) || !Number.isSafeInteger(column) || line < 1 || column < 1) return { line, column };
  // The offset where the engine's line starts …
  let start = 0;
  for (let l = 1, i = 0; l < line; l++) {
    while (i < text.length && !isScriptLineBreak(text.charCodeAt(i))) i++;
    if (i >= text.length) return { line, column };
    i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    start = i;
  }
  // … and the column on it, when the line is that long.
  let end = start;
  while (end < text.length && !isScriptLineBreak(text.charCodeAt(end))) end++;
  const lines = lineIndex(text);
  if (column - 1 > end - start) return { line: lines.linePos(start).line, column };
  const at = lines.linePos(start + column - 1);
  return { line: at.line, column: at.col };
}

/** LF, CR, U+2028, U+2029: where JavaScript ends a line. */
function isScriptLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Builds a span from two 0-based offsets using a line table. */
function spanFromOffsets(file: string, lines: LineIndex, start: number, end: number): Span {
  const a = lines.linePos(start);
  const b = lines.linePos(Math.max(start, end));
  return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** Span of a YAML parse error or node range. */
export function yamlOffsetSpan(file: string, lines: LineIndex, start: number, end: number): Span {
  return spanFromOffsets(file, lines, start, end);
}

/**
 * Keeps `span` inside `text`: line between 1 and the number of lines, column
 * between 1 and the line's length + 1 (lines split at `\n`, lengths in UTF-16
 * code units). For positions that come from outside the parser, such as a
 * stack trace of a TypeScript module.
 */
export function clampSpan(span: Span, text: string): Span {
  const lines = text.split("\n");
  const clampPosition = (line: number, column: number): [number, number] => {
    const l = Number.isSafeInteger(line) ? Math.min(Math.max(line, 1), lines.length) : 1;
    const max = (lines[l - 1]?.length ?? 0) + 1;
    const c = Number.isSafeInteger(column) ? Math.min(Math.max(column, 1), max) : 1;
    return [l, c];
  };
  const [line, column] = clampPosition(span.line, span.column);
  let [endLine, endColumn] = clampPosition(span.endLine, span.endColumn);
  if (endLine < line || (endLine === line && endColumn < column)) [endLine, endColumn] = [line, column];
  return { file: span.file, line, column, endLine, endColumn };
}

function yamlKeyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

/** A locator over a parsed YAML document. */
export function yamlLocator(file: string, contents: YamlNode | null, lines: LineIndex): Locator {
  // Each mapping's keys are indexed on first use, so locating is linear in the path, not in the mapping's size.
  const indexes = new WeakMap<object, Map<string, unknown>>();
  const pairOf = (map: { items: readonly unknown[] }, key: string): unknown => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item)) continue;
        const text = yamlKeyText(item.key);
        if (text !== undefined && !index.has(text)) index.set(text, item);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path, target = "value") => {
    let node: unknown = contents;
    let keyNode: unknown;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (pair === undefined || !isPair(pair)) break;
        keyNode = pair.key;
        node = pair.value ?? undefined;
        if (node === undefined) break;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        if (item === undefined || item === null) break;
        keyNode = undefined;
        node = item;
      } else {
        break;
      }
    }
    const chosen = (target === "key" && keyNode !== undefined) || node === undefined || node === null ? keyNode ?? node : node;
    const range = (chosen as { range?: [number, number, number] } | null | undefined)?.range;
    if (range === undefined) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    return spanFromOffsets(file, lines, range[0], range[1]);
  };
}

/**
 * A locator over a TypeScript role module: follows `export default
 * defineRoleModule({ … })` (or `export =`, `module.exports =`, or a const
 * it names) through object and array literals. Where the data was
 * computed, it points at the nearest literal. An array item produced by a
 * spread (`...staff.map((s) => ({ … }))`) is located at what produced it:
 * the object the callback returns, else the spread; `data`, the module's
 * default export, tells how many items each spread produced.
 */
export function tsLocator(file: string, text: string, ts: typeof TsApi, data?: unknown): Locator {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // Lines are counted at "\n" only, as for YAML: TypeScript's own line map also
  // breaks at U+2028/U+2029, which editors and LSP do not.
  const lines = lineIndex(text);
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const spanOf = (node: TsApi.Node): Span => {
    const start = position(node.getStart(sourceFile));
    const end = position(node.getEnd());
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
  const propertyIndexes = new WeakMap<TsApi.ObjectLiteralExpression, Map<string, TsApi.ObjectLiteralElementLike>>();
  const propertyOf = (object: TsApi.ObjectLiteralExpression, key: string): TsApi.ObjectLiteralElementLike | undefined => {
    let index = propertyIndexes.get(object);
    if (index === undefined) {
      index = new Map();
      for (const p of object.properties) {
        const name = p.name;
        if (name === undefined || !(ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))) continue;
        if (!index.has(name.text)) index.set(name.text, p);
      }
      propertyIndexes.set(object, index);
    }
    return index.get(key);
  };
  /** The initializer of a top-level `const`/`let`/`var` of that name. */
  const initializerOf = (name: string): TsApi.Expression | undefined => {
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
      }
    }
    return undefined;
  };
  const unwrap = (node: TsApi.Node | undefined, depth = 0): TsApi.Node | undefined => {
    if (node === undefined || depth > 20) return node;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      return unwrap(node.expression, depth + 1);
    }
    if (ts.isCallExpression(node) && node.arguments.length > 0) return unwrap(node.arguments[0], depth + 1);
    if (ts.isIdentifier(node)) return unwrap(initializerOf(node.text), depth + 1) ?? node;
    return node;
  };
  /** Parentheses and type assertions removed, a top-level const's name replaced by its value. */
  const bare = (node: TsApi.Expression, depth = 0): TsApi.Expression => {
    if (depth > 20) return node;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
      return bare(node.expression, depth + 1);
    }
    if (ts.isIdentifier(node)) {
      const initializer = initializerOf(node.text);
      return initializer === undefined ? node : bare(initializer, depth + 1);
    }
    return node;
  };
  /** What `callback` returns for each item: its expression body, or the expression of its only `return`. */
  const returned = (callback: TsApi.Expression): TsApi.Node | undefined => {
    const fn = bare(callback);
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    if (!ts.isBlock(fn.body)) return fn.body;
    const returns: TsApi.ReturnStatement[] = [];
    const visit = (node: TsApi.Node): void => {
      if (ts.isFunctionLike(node)) return; // a nested function's returns are its own
      if (ts.isReturnStatement(node)) returns.push(node);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
    return returns.length === 1 ? returns[0]?.expression : undefined;
  };
  /**
   * The items an array literal produces, in order: an element produces
   * itself; a spread of an array literal (or of a const holding one) what
   * that literal produces; any other spread an unknown number of items,
   * each located at what its `map` callback returns, else at the spread.
   */
  const slotsOf = (array: TsApi.ArrayLiteralExpression, depth = 0): Slot[] => {
    const slots: Slot[] = [];
    for (const element of array.elements) {
      if (!ts.isSpreadElement(element)) {
        slots.push({ node: element, count: 1 });
        continue;
      }
      const spread = bare(element.expression);
      if (ts.isArrayLiteralExpression(spread) && depth < 20) {
        slots.push(...slotsOf(spread, depth + 1));
        continue;
      }
      let product: TsApi.Node | undefined;
      let count: number | undefined;
      if (ts.isCallExpression(spread) && ts.isPropertyAccessExpression(spread.expression) && spread.expression.name.text === "map" && spread.arguments[0] !== undefined) {
        product = returned(spread.arguments[0]);
        const receiver = bare(spread.expression.expression);
        if (ts.isArrayLiteralExpression(receiver) && depth < 20) count = countOf(slotsOf(receiver, depth + 1));
      }
      slots.push({ node: product ?? element, ...(count === undefined ? {} : { count }) });
    }
    return slots;
  };
  /** The array element that produced item `index`; undefined when the spreads before it leave that open. */
  const producerOf = (array: TsApi.ArrayLiteralExpression, index: number, length: number | undefined): TsApi.Node | undefined => {
    const slots = slotsOf(array);
    const unknown = slots.filter((slot) => slot.count === undefined);
    // One spread of unknown size: the data's length tells its size.
    if (unknown.length === 1 && length !== undefined) {
      const known = slots.reduce((sum, slot) => sum + (slot.count ?? 0), 0);
      const only = unknown[0]!;
      only.count = Math.max(0, length - known);
    }
    let at = 0;
    for (const slot of slots) {
      if (slot.count === undefined) break;
      if (index < at + slot.count) return slot.node;
      at += slot.count;
    }
    const firstUnknown = slots.find((slot) => slot.count === undefined);
    if (firstUnknown === undefined) return undefined;
    // Past a spread of unknown size, items are counted from the end (when the data tells the length).
    if (length !== undefined) {
      let end = length;
      for (let i = slots.length - 1; i >= 0; i--) {
        const slot = slots[i]!;
        if (slot.count === undefined) break;
        if (index >= end - slot.count) return slot.node;
        end -= slot.count;
      }
    }
    // Between spreads of unknown size: the first of them is the best guess left.
    return firstUnknown.node;
  };
  let root: TsApi.Node | undefined;
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement)) root = unwrap(statement.expression);
    else if (ts.isExpressionStatement(statement) && isModuleExportsAssignment(ts, statement.expression)) root = unwrap(statement.expression.right);
  }
  return (path, target = "value") => {
    let node: TsApi.Node | undefined = root;
    let keyNode: TsApi.Node | undefined;
    let value: unknown = data;
    for (const segment of path) {
      if (node !== undefined && ts.isObjectLiteralExpression(node)) {
        const property = propertyOf(node, String(segment));
        if (property === undefined) break;
        keyNode = property.name;
        node = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : property;
      } else if (node !== undefined && ts.isArrayLiteralExpression(node) && typeof segment === "number") {
        const element = producerOf(node, segment, Array.isArray(value) ? value.length : undefined);
        if (element === undefined) break;
        keyNode = undefined;
        node = ts.isSpreadElement(element) ? element : unwrap(element);
      } else {
        break;
      }
      value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined;
    }
    const chosen = target === "key" && keyNode !== undefined ? keyNode : node ?? keyNode;
    return chosen === undefined ? { file, line: 1, column: 1, endLine: 1, endColumn: 1 } : spanOf(chosen);
  };
}

/** Items of an array literal produced by one element or spread; `count` undefined when only the data can tell. */
interface Slot {
  readonly node: TsApi.Node;
  count?: number;
}

/** How many items slots produce, when every count is known. */
function countOf(slots: readonly Slot[]): number | undefined {
  let total = 0;
  for (const slot of slots) {
    if (slot.count === undefined) return undefined;
    total += slot.count;
  }
  return total;
}

/** `module.exports = …` */
function isModuleExportsAssignment(ts: typeof TsApi, node: TsApi.Expression): node is TsApi.BinaryExpression {
  return (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    ts.isIdentifier(node.left.expression) &&
    node.left.expression.text === "module" &&
    node.left.name.text === "exports"
  );
}
