/**
 * Lino's `checkmro`, the explanation of an MRO conflict, over role ids: the
 * runtime's `checkmro(...roles)` and `defineRole` errors, the compiler's
 * RC3 diagnostics and `rolecraft checkmro` all print these lines.
 */
import { ROOT_ROLE } from "./role-hierarchy.js";

/**
 * Lino's `checkmro(*args)`: walks each argument's MRO (itself first, stopping
 * at UserRole) and reports every class an earlier argument already brought in,
 * as `"{cl} inherits {b} is already in {first}"`.
 *
 * @param args role ids, in the order given
 * @param mroOf the MRO of a role (undefined: a role without one, taken as itself alone)
 */
export function checkmroLines(args: readonly string[], mroOf: (id: string) => readonly string[] | undefined): string[] {
  const broughtBy = new Map<string, string>();
  const lines: string[] = [];
  for (const arg of args) {
    for (const b of mroOf(arg) ?? [arg]) {
      if (b === ROOT_ROLE) break;
      const first = broughtBy.get(b);
      if (first !== undefined) lines.push(`${arg} inherits ${b} is already in ${first}`);
      else broughtBy.set(b, arg);
    }
  }
  return lines;
}
