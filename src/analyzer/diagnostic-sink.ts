/**
 * Collects the analyzer's diagnostics. A problem written once is reported
 * once, however many actors reach it (a `const` shared by ten actors, an
 * inherited requirement): the first report wins, and since actors are
 * analyzed in id order that choice is deterministic.
 */
import { diagnostic, type DiagnosticExtras, type DiagnosticId } from "../diagnostics/catalogue.js";
import type { Diagnostic, DiagnosticData, Span } from "../diagnostics/diagnostic.js";
import { spanKey } from "./spans.js";

export class DiagnosticSink {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /** Adds a diagnostic unless the same code was already reported at the same span. */
  report(id: DiagnosticId, data: DiagnosticData, span: Span, extras?: DiagnosticExtras): void {
    const d = diagnostic(id, data, span, extras);
    const key = `${d.code}\0${spanKey(span)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
  }

  /** Adds diagnostics produced elsewhere, as they are. */
  addAll(diagnostics: readonly Diagnostic[]): void {
    this.list.push(...diagnostics);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.list;
  }
}
