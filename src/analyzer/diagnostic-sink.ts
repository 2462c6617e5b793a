/**
 * Collects the analyzer's diagnostics. A problem written once is reported
 * once, however many actors reach it (a `const` shared by ten actors, an
 * inherited requirement): the first report wins, and since actors are
 * analyzed in id order that choice is deterministic.
 */
import { diagnostic, type DiagnosticExtras, type DiagnosticId } from "../diagnostics/catalogue.js";
import type { Diagnostic, DiagnosticData, Span } from "../diagnostics/diagnostic.js";

export class DiagnosticSink {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /** Adds a diagnostic unless the same code was already reported at the same span. */
  report(id: DiagnosticId, data: DiagnosticData, span: Span, extras?: DiagnosticExtras): void {
    const d = diagnostic(id, data, span, extras);
    const key = `${d.code}\0${span.file}\0${span.line}\0${span.column}\0${span.endLine}\0${span.endColumn}`;
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
