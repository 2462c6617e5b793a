/**
 * Test helpers: roles made at run time, as generated code would make them,
 * and an independent C3 to check the runtime against.
 */
import type * as Runtime from "../../src/runtime/index.js";

type RoleClass = Runtime.RoleClass;

/**
 * Defines a role class `id` with these bases (first base = JS parent), like
 * the generated code does. With `mro: "omit"` the class leaves its MRO (and
 * bases) to defineRole.
 */
export function makeRole(
  rc: typeof Runtime,
  id: string,
  bases: readonly RoleClass[],
  mro: readonly string[] | "omit" = "omit",
): RoleClass {
  if (bases.length === 0) bases = [rc.UserRole];
  const parent = bases[0] ?? rc.UserRole;
  const name = id.slice(id.indexOf(".") + 1);
  let cls: RoleClass;
  if (mro === "omit") {
    cls = class extends parent {
      static override readonly roleId: string = id;
      static override readonly bases: readonly RoleClass[] = bases;
    };
  } else {
    const declared = mro;
    cls = class extends parent {
      static override readonly roleId: string = id;
      static override readonly bases: readonly RoleClass[] = bases;
      static override readonly mro: readonly string[] = declared;
    };
  }
  Object.defineProperty(cls, "name", { value: name });
  rc.defineRole(cls);
  return cls;
}

/** Python's C3, written independently of the runtime's (recursive merge). */
export function referenceC3(id: string, bases: readonly string[], mroOf: (id: string) => readonly string[]): string[] | undefined {
  const merge = (seqs: string[][]): string[] | undefined => {
    const rest = seqs.filter((s) => s.length > 0);
    if (rest.length === 0) return [];
    const head = rest.map((s) => s[0]).find((h) => h !== undefined && rest.every((s) => !s.slice(1).includes(h)));
    if (head === undefined) return undefined;
    const tail = merge(rest.map((s) => (s[0] === head ? s.slice(1) : s)));
    return tail === undefined ? undefined : [head, ...tail];
  };
  const merged = merge([...bases.map((b) => [...mroOf(b)]), [...bases]]);
  return merged === undefined ? undefined : [id, ...merged];
}

/** The reference meaning of a requirement, over plain MRO id lists. */
export function referenceSatisfies(mro: readonly string[], required: readonly (readonly string[])[]): boolean {
  return required.every((group) => group.some((id) => mro.includes(id)));
}
