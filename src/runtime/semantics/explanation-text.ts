/**
 * An explanation in words: what `rolecraft explain` prints and what the
 * runtime's permission debug messages say (Lino's `debug_permissions`),
 * so that both read the same. The runtime needs it (and imports nothing of
 * the toolchain), hence its place here.
 */
import type { Explanation } from "./permission.js";
import { renderItem, renderKnownItem } from "./requirement.js";

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
  // Older explanations (and the runtime's, always known) may lack `access`.
  const access = e.access ?? (e.visible ? "visible" : "hidden");
  const verdict = access === "visible" ? "visible" : access === "unknown" ? "unknown whether visible" : "not visible";
  const lines = [`${e.target}: ${verdict} for ${who}, role ${e.role}`];
  if (e.items.length === 0 && (e.unresolved ?? []).length === 0) lines.push("  ✓ no required roles");
  for (const { item, satisfied, satisfaction, path } of e.items) {
    if (satisfied) {
      lines.push(`  ✓ ${renderItem(item.roles)}: ${(path ?? [e.role]).join(" → ")}`);
      continue;
    }
    const required = renderKnownItem(item);
    if (satisfaction !== "unknown") {
      lines.push(`  ✗ ${required}: ${e.role} does not inherit ${item.roles.length === 1 ? "it" : "any of them"}`);
      continue;
    }
    // Unknown: what is not known, and what the role lacks of the rest.
    const unknown = (item.unresolved ?? []).map((u) => u.text);
    const known = item.roles.filter((r) => !unknown.includes(r));
    const lacks = known.length === 0 ? "" : `; ${e.role} does not inherit ${known.length === 1 ? known[0] : `any of ${known.join(", ")}`}`;
    lines.push(`  ? ${required}: unknown, ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not known${lacks}`);
  }
  for (const part of e.unresolved ?? []) lines.push(`  ? ${part.text}: unknown, could not be resolved statically`);
  if (e.readonlyRefusal) lines.push(`  ✗ readonly: user type ${e.userType} is readonly and ${e.target} is not a readonly action`);
  return lines;
}
