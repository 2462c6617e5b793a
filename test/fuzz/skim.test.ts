/**
 * The skimmer (src/analyzer/skim.ts) against TypeScript's parser, on inputs
 * near real ones: files of a generated benchmark application with random
 * edits (deleted or inserted characters and lines), and generated modules.
 * Wherever the skimmer does not give up on a text TypeScript parses without
 * a syntax error, both must read the same (see test/helpers/skim.ts).
 * Bounded in CI; `npm run fuzz` runs 20× more, FUZZ_SEED picks other inputs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.js";
import { compare, skimSpace, skimStatement } from "../helpers/skim.js";
import { mutate, params, runs } from "./helpers.js";

const files = [...generate("S", 11).files].filter(([path]) => path.endsWith(".ts")).map(([, text]) => text);

/** Edits of TypeScript text: the role-module mutations plus tokens that trip a token-level reader. */
const TS_EDITS = ["/", "/re/", "`${a}`", "(", ")", "{", "}", "\n", ";", " as const", "!", "@d ", "static ", "readonly ", "get ", "<T>", "=>", "// c\n", "/* c */", "'", "\\u0041"];

function edit(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    mutate(text),
    fc.record({ at: fc.nat(), token: fc.constantFrom(...TS_EDITS) }).map(({ at, token }) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + token + text.slice(i);
    }),
  );
}

describe("the skimmer against TypeScript's parser (fuzz)", () => {
  it("agrees on edited files of a generated application, or gives up", () => {
    const counts = { skimmed: 0, "gave up": 0, unparsable: 0, invalid: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }).chain((i) => edit(files[i]!)),
        (text) => {
          counts[compare("/fuzz/edited.ts", text)]++;
        },
      ),
      params(400, 7301),
    );
    // Some edits leave valid code the skimmer reads: the comparison bit.
    expect(counts.skimmed).toBeGreaterThan(10);
  });

  it("agrees on generated modules, or gives up", () => {
    const counts = { skimmed: 0, "gave up": 0, unparsable: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.array(fc.tuple(skimStatement, skimSpace), { maxLength: 8 }), (parts) => {
        counts[compare("/fuzz/generated.ts", parts.map(([s, sp]) => `${s}${sp}\n`).join(""))]++;
      }),
      params(1000, 7302),
    );
    // A skimmer that gave up on everything would agree vacuously (about a third are skimmed).
    expect(counts.skimmed).toBeGreaterThan(runs(1000) / 10);
  });
});
