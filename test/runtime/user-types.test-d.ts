/**
 * User types in the type system, checked by tsc (vitest's typecheck runs the
 * `*.test-d.ts` files; at run time an `expectTypeOf` asserts nothing).
 */
import { describe, expectTypeOf, it } from "vitest";
import { Anonymous, SiteAdmin, SiteUser, UserType, defineUserTypes } from "../../src/runtime/index.js";

describe("defineUserTypes", () => {
  it("gives one typed accessor per name, and none for a name it does not have", () => {
    const types = defineUserTypes([
      { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true },
      { value: "100", names: ["customer", "user"], text: "Customer", role: SiteUser },
      { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin },
    ]);
    expectTypeOf(types.admin).toEqualTypeOf<UserType>();
    expectTypeOf(types.user).toEqualTypeOf<UserType>();
    expectTypeOf(types).not.toHaveProperty("developer");
  });
});
