/**
 * `rolecraft explain` as text. The explanation itself is data, computed by
 * the runtime's semantics (`explain`); this only writes it.
 */
import type { Explanation } from "../runtime/semantics/index.js";
import { renderItem } from "../runtime/semantics/index.js";

// The text forms of requirements are shared with the analyzer's diagnostics,
// which may not import reports: they live with the requirement semantics.
export { renderItem, renderRequirement } from "../runtime/semantics/index.js";

/**
 * The explanation as text, one line per reason:
 *
 * ```text
 * tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer
 *   ✓ core.SiteUser: noi.Customer → core.SiteUser
 *   ✗ core.SiteStaff: noi.Customer does not inherit it
 * ```
 */
export function renderExplanation(explanation: Explanation): string {
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
  return `${lines.join("\n")}\n`;
}
