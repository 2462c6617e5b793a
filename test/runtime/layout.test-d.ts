/**
 * Layouts in the type system, checked by tsc (vitest's typecheck runs the
 * `*.test-d.ts` files; at run time an `expectTypeOf` asserts nothing, so
 * these live apart from layout.test.ts).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { LayoutNode } from "../../src/report/index.js";
import { Actor, DetailLayout, Field, Panel, SlaveTable, type LayoutDescription } from "../../src/runtime/index.js";

class Budgets extends Actor {
  static override appLabel = "debts";
}

describe("layout elements", () => {
  it("keeps literal names in the types", () => {
    expectTypeOf(new Panel("calendar", "Kalender", []).name).toEqualTypeOf<"calendar">();
    expectTypeOf(new Field("gender", "Geschlecht").name).toEqualTypeOf<"gender">();
    expectTypeOf(new SlaveTable(Budgets).actor).toEqualTypeOf<typeof Budgets>();
    expectTypeOf(new DetailLayout([new Field("gender", "Geschlecht"), Budgets]).main).toEqualTypeOf<Panel<"main">>();
  });
});

describe("describe(): the plain tree the renderers print", () => {
  it("is what the report module renders, type for type", () => {
    expectTypeOf<LayoutDescription>().toExtend<LayoutNode>();
    expectTypeOf<LayoutNode>().toExtend<LayoutDescription>();
  });
});
