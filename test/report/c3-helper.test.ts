import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InconsistentMroError, linearizeAll } from "../helpers/c3.js";
import { fixturePath } from "./lino-model.js";

interface MroCase {
  readonly roles: readonly { readonly id: string; readonly bases: readonly string[] }[];
  readonly target: string;
  readonly error: boolean;
  readonly mro?: readonly string[];
}

const cases = (JSON.parse(readFileSync(fixturePath("lino/mro_examples.json"), "utf8")) as { cases: MroCase[] }).cases;

// The report tests trust this helper to compute the MROs of the Lino fixtures,
// so it is checked against Python's own C3 first.
describe("test helper linearizeAll (C3)", () => {
  it.each(cases.map((c) => [c.target, c] as const))("agrees with Python for %s", (_, c) => {
    const roles = c.error ? c.roles.filter((r) => r.id !== c.target) : c.roles;
    if (c.error) {
      expect(() => linearizeAll(c.roles)).toThrow(InconsistentMroError);
      expect(() => linearizeAll(roles)).not.toThrow();
    } else {
      expect(linearizeAll(roles).get(c.target)).toEqual(c.mro);
    }
  });
});
