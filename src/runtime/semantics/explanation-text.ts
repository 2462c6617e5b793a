/**
 * An explanation in words: what `rolecraft explain` prints and what the
 * runtime's permission debug messages say (Lino's `debug_permissions`),
 * so that both read the same. The runtime needs it (and imports nothing of
 * the toolchain), hence its place here.
 */
import type { Explanation } from "./permission.js";
import { renderItem } from "./requirement.js";

/**
 * The explanation as lines, one per reason:
 *
 * ```text
 * tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer
 *   ✓ core.SiteUser: noi.Customer → core.SiteUser
 *   ✗ core.SiteStaff: noi.Customer does not inherit it
 * ```
 */
export function explanationLines(explanation: Explanation): string[] {
  const e = explanation;
  const who = e.userTypeLabel === e.userType ? `user type ${e.userType}` : `user type ${e.userType} (${e.userTypeLabel})`;
  const lines = [`${e.target}: ${e.visible ? "visible" : "not visible"} for ${who}, role ${e.role}`];
  if (e.items.length === 0) lines.push("  ✓ no required roles");
  for (const { item, satisfied, path } of e.items) {
    const required = renderItem(item.roles);
    if (satisfied) lines.push(`  ✓ ${required}: ${(path ?? [e.role]).join(" → ")}`);
    else lines.push(`  ✗ ${required}: ${e.role} does not inherit ${item.roles.length === 1 ? "it" : "any of them"}`);
  }
  if (e.readonlyRefusal) lines.push(`  ✗ readonly: user type ${e.userType} is readonly and ${e.target} is not a readonly action`);
  if (!e.complete) lines.push("  ? part of the requirement could not be resolved statically (see RC5004): the verdict covers the resolved part only");
  return lines;
}
