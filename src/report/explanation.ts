/**
 * `rolecraft explain` as text. The explanation itself is data, computed by
 * the runtime's semantics (`explain`), and so are its words
 * (`explanationLines`, which the runtime's debug messages share); this
 * only makes the command's output of them.
 */
import { explanationLines, type Explanation } from "../runtime/semantics/index.js";

// The text forms of requirements are shared with the analyzer's diagnostics,
// which may not import reports: they live with the requirement semantics.
export { renderItem, renderRequirement } from "../runtime/semantics/index.js";

/**
 * The explanation as text, one line per reason, each ending with `\n`:
 *
 * ```text
 * tickets.Tickets.merge: not visible for user type 100 (customer), role noi.Customer
 *   ✓ core.SiteUser: noi.Customer → core.SiteUser
 *   ✗ core.SiteStaff: noi.Customer does not inherit it
 * ```
 */
export function renderExplanation(explanation: Explanation): string {
  return `${explanationLines(explanation).join("\n")}\n`;
}
