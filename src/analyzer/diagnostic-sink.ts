/**
 * Collects the analyzer's diagnostics. A problem written once is reported
 * once, however many actors reach it (a `const` shared by ten actors, an
 * inherited requirement): the first report wins, and since actors are
 * analyzed in id order that choice is deterministic.
 *
 * For incremental analysis (watch mode) a sink can instead record what each
 * computation reports into a {@link ReportLog}: cached computations replay
 * their reports when asked again, so the reports of one actor's analysis do
 * not depend on which actors were analyzed before it, and can be cached with
 * the actor and merged later in the order a full analysis would report them.
 */
import { diagnostic, type DiagnosticExtras, type DiagnosticId } from "../diagnostics/catalogue.js";
import type { Diagnostic, DiagnosticData, Span } from "../diagnostics/diagnostic.js";
import { spanKey } from "./spans.js";

/** A diagnostic as reported, with its deduplication key (code and span). */
export interface PendingReport {
  readonly key: string;
  readonly diagnostic: Diagnostic;
}

/**
 * What a log records: a report, or (as a string) a read, the key of a fact
 * the computation depended on (a name looked up in a file, a role the model
 * was asked about; see read-keys.ts). Cached computations replay both, so
 * that an actor's log says everything its result depends on.
 */
export type LogEntry = PendingReport | string;

const NO_REPORTS: readonly LogEntry[] = [];

/** A position in a {@link ReportLog}: how many frames are open, and how much the innermost one holds. */
export interface LogMark {
  readonly depth: number;
  readonly length: number;
}

/**
 * Nested recording frames: {@link begin} opens one, {@link end} closes it,
 * returns what was reported inside, and passes that on to the enclosing frame.
 */
export class ReportLog {
  private readonly stack: LogEntry[][] = [];

  get recording(): boolean {
    return this.stack.length > 0;
  }

  begin(): void {
    this.stack.push([]);
  }

  end(): readonly LogEntry[] {
    const top = this.stack.pop();
    if (top === undefined) throw new Error("internal error: unbalanced report log");
    this.replay(top);
    return top.length === 0 ? NO_REPORTS : top;
  }

  /** Where the log stands: {@link rewind} goes back there. */
  mark(): LogMark {
    return { depth: this.stack.length, length: this.stack.at(-1)?.length ?? 0 };
  }

  /**
   * Forgets what was recorded since `mark` and closes the frames opened since
   * (a computation abandoned half-way, to be run again: see stack-guard.ts).
   */
  rewind(mark: LogMark): void {
    this.stack.length = Math.min(this.stack.length, mark.depth);
    const top = this.stack.at(-1);
    if (top !== undefined && this.stack.length === mark.depth) top.length = Math.min(top.length, mark.length);
  }

  /** Adds reports made earlier (by a cached computation) to the current frame. */
  replay(reports: readonly LogEntry[] | undefined): void {
    const top = this.stack.at(-1);
    if (top === undefined || reports === undefined) return;
    for (const report of reports) top.push(report);
  }

  record(entry: LogEntry): void {
    this.stack.at(-1)?.push(entry);
  }
}

export class DiagnosticSink {
  private readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /** How many reports were made (logged or accepted, duplicates included). */
  reported = 0;

  /** With a log, reports made while it records go to the log instead of the sink. */
  constructor(private readonly log?: ReportLog) {}

  /** Adds a diagnostic unless the same code was already reported at the same span. */
  report(id: DiagnosticId, data: DiagnosticData, span: Span, extras?: DiagnosticExtras): void {
    this.reported++;
    const d = diagnostic(id, data, span, extras);
    const report = { key: `${d.code}\0${spanKey(span)}`, diagnostic: d };
    if (this.log?.recording === true) this.log.record(report);
    else this.accept(report);
  }

  /** Adds a recorded report unless the same code was already reported at the same span. */
  accept(report: PendingReport): void {
    if (this.seen.has(report.key)) return;
    this.seen.add(report.key);
    this.list.push(report.diagnostic);
  }

  /** Adds diagnostics produced elsewhere, as they are. */
  addAll(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) this.list.push(d);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.list;
  }
}
