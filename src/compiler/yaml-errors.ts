/**
 * Where a YAML syntax error is, for people: the `yaml` library reports an
 * indentation mistake where its parser noticed it, which is often a line
 * away from the line that is wrong (a key indented too deep is read as the
 * continuation of the value above and reported there; an unclosed `[` is
 * reported at the next key). This places each error on the line to fix,
 * at its first character, with a hint, and drops the echoes a mistake
 * leaves on the same line.
 */
import type { CST, YAMLError } from "yaml";

/** A YAML error as rolecraft reports it: offsets into the text, the message's first line and a hint. */
export interface PlacedYamlError {
  readonly start: number;
  readonly end: number;
  readonly detail: string;
  readonly hint?: string;
}

/**
 * Places the errors of one document (in the order `yaml` reports them).
 *
 * @param tokens the parser's tokens of the text (for unclosed flow collections)
 */
export function placeYamlErrors(errors: readonly YAMLError[], text: string, tokens: readonly CST.Token[]): PlacedYamlError[] {
  const lineStart = (offset: number): number => text.lastIndexOf("\n", Math.max(0, Math.min(offset, text.length) - 1)) + 1;
  /** The first character of the line holding `offset` that is not a space (or the line's start, for a blank line). */
  const firstCharacter = (offset: number): number => {
    const start = lineStart(offset);
    let at = start;
    while (text[at] === " ") at++;
    return text[at] === "\n" || at >= text.length ? start : at;
  };
  const lineEnd = (offset: number): number => {
    const end = text.indexOf("\n", offset);
    return end < 0 ? text.length : end;
  };
  const placed: PlacedYamlError[] = [];
  const lines = new Set<number>();
  const errorsAt = new Map<number, YAMLError[]>();
  for (const error of errors) errorsAt.set(error.pos[0], [...(errorsAt.get(error.pos[0]) ?? []), error]);
  for (const error of errors) {
    const [start, end] = error.pos;
    const detail = firstLine(error.message);
    let place: PlacedYamlError = { start, end, detail };
    const multiline = (errorsAt.get(start) ?? []).find((e) => e.code === "MULTILINE_IMPLICIT_KEY");
    if (multiline !== undefined && lineStart(multiline.pos[1]) > lineStart(start)) {
      // `key: value` followed by a line indented deeper: YAML reads that line as more of the value, up to its `:`.
      const at = firstCharacter(multiline.pos[1]);
      place = {
        start: at,
        end: lineEnd(at),
        detail,
        hint: "this line is indented deeper than the line above, so YAML reads it as more of the value above: indent it like the keys it belongs with",
      };
    } else if (/^Flow (sequence|mapping) .*end with a [\]}]/.test(detail)) {
      const open = unclosedFlowBefore(tokens, start);
      if (open !== undefined) {
        const close = open.source === "[" ? "]" : "}";
        place = { start: open.offset, end: open.offset + 1, detail, hint: `this \`${open.source}\` is never closed: end it with \`${close}\` (a flow collection that goes on to the next lines must be indented deeper than its key)` };
      }
    } else if (error.code === "BAD_INDENT" && /same column/.test(detail)) {
      const at = firstCharacter(start);
      place = { start: at, end: lineEnd(at), detail, hint: "indent this line like the other keys of its mapping (or deeper, under the key it belongs to)" };
    } else if (error.code === "MISSING_CHAR" && /without - indicator/.test(detail)) {
      const at = firstCharacter(start);
      place = { start: at, end: lineEnd(at), detail, hint: "this line is indented like a list item but has no `- `: indent it like the keys of the item above, or start it with `- `" };
    } else if (error.code === "BLOCK_AS_IMPLICIT_KEY" && /block sequence/.test(detail)) {
      const at = firstCharacter(start);
      place = { start: at, end: lineEnd(at), detail, hint: "this list item is indented less than the items above it: indent it like them" };
    } else if (error.code === "TAB_AS_INDENT") {
      place = { start, end, detail, hint: "indent with spaces: YAML does not allow tabs as indentation" };
    }
    // A mistake often leaves more errors on its line (or starting there): the first says it.
    const line = lineStart(place.start);
    if (lines.has(line) || lines.has(lineStart(start))) continue;
    lines.add(line);
    lines.add(lineStart(start));
    placed.push(place);
  }
  return placed;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** The opening `[` or `{` of the last flow collection before `offset` that is never closed. */
function unclosedFlowBefore(tokens: readonly CST.Token[], offset: number): CST.SourceToken | undefined {
  let found: CST.SourceToken | undefined;
  const stack: (CST.Token | undefined)[] = [...tokens];
  // Iterative: the input may nest as deep as the parser allows.
  while (stack.length > 0) {
    const token = stack.pop();
    if (token === undefined) continue;
    if (token.type === "document") stack.push(token.value);
    else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (token.type === "flow-collection") {
        const closed = token.end.some((t) => t.type === "flow-map-end" || t.type === "flow-seq-end");
        if (!closed && token.start.offset < offset && (found === undefined || token.start.offset > found.offset)) found = token.start;
      }
      for (const item of token.items) {
        stack.push(item.value);
        if ("key" in item && item.key !== null && item.key !== undefined) stack.push(item.key);
      }
    }
  }
  return found;
}
