/**
 * Keeps the analyzer's memoized computations off a deep call stack.
 *
 * What a name denotes is worked out by computations that ask each other: a
 * const names another const, an export re-exports another file's export, a
 * class extends a class, a requirement adds another class's requirement.
 * The application decides how long such a chain is (100,000 consts in a row
 * are legal TypeScript), and followed by plain recursion it overflows the
 * call stack: a crash, or, where the overflow is caught on the way, a wrong
 * answer.
 *
 * Each computation is cached, so the guard can keep the stack short without
 * changing the code that asks: past {@link MAX_DEPTH} nested computations it
 * stops the one about to start (an exception unwinds the attempt), puts it
 * on an explicit stack, works it out from the bottom of the stack, and then
 * starts the abandoned attempt again, which now finds the answer cached.
 * The first computation asked (at depth 0) runs that loop. Every cycle check
 * gives plain recursion's answer: the computations of an abandoned attempt
 * stay marked as in progress while the one it waits for is worked out
 * (they are on the stack plain recursion would have), so a chain that leads
 * back to one of them is a cycle, found where recursion finds it; they are
 * unmarked when the attempt starts again. The loop ends: each computation
 * put on the explicit stack was neither cached nor in progress, and is
 * cached when it leaves it.
 *
 * For that, every cached computation that can ask another one (directly
 * or not) goes through {@link StackGuard.compute} with an in-progress mark
 * that its own cache check reads: one asked again while it runs must give
 * its cycle answer, never compute and cache a second answer (which a
 * retried attempt would then find instead of computing its own).
 * test/security/recursion.test.ts checks on random applications full of
 * chains and cycles that the answers, and the diagnostics, are those of an
 * unlimited depth.
 *
 * What an abandoned attempt recorded for watch mode (its {@link ReportLog}
 * frames) is rewound; reports it made to a sink directly are made again,
 * identically, by the next attempt, and the sink keeps the first of equal
 * reports, so the diagnostics are the same as from plain recursion.
 */
import type { ReportLog } from "./diagnostic-sink.js";

/**
 * Nested computations one attempt may run before the next one waits on the
 * explicit stack. Each level is a handful of frames (a few more with deeply
 * nested expressions): far below what the stack holds, and high enough that
 * ordinary applications never leave the first attempt.
 */
export const MAX_DEPTH = 40;

/** Deepest level at which a file is parsed where it is asked for (see {@link StackGuard.deep}). */
const PARSE_DEPTH = 8;

/** One computation, as the guard runs it. */
interface Task {
  /** Computes the answer and caches it (it never looks at the cache or the in-progress mark itself). */
  readonly run: () => unknown;
  /** Marks the computation in progress, or no longer: what the caller's cycle check reads. */
  readonly busy: (busy: boolean) => void;
  /** Where the computation records its reports in watch mode. */
  readonly log: ReportLog | undefined;
}

/** Thrown to abandon an attempt that went too deep; `task` is worked out first. */
class Deferred {
  /** The cycle marks of the computations the attempt abandoned on its way out (still set). */
  readonly abandoned: Task["busy"][] = [];

  constructor(readonly task: Task) {}
}

/** A computation waiting on the explicit stack, and the marks its abandoned attempt left set. */
interface Waiting {
  readonly task: Task;
  abandoned: readonly Task["busy"][];
}

/** See the module comment. One guard serves every computation of an analysis that can call another. */
export class StackGuard {
  /**
   * {@link MAX_DEPTH}, lowered by the tests to send every chain, however
   * short, through the explicit stack (the answers must not change).
   */
  static maxDepth = MAX_DEPTH;

  private depth = 0;
  private driving = false;

  /**
   * Runs the uncached computation `run`: the caller has checked its cache and
   * its cycle guard, `busy` sets what that guard reads, and `run` caches the
   * answer it returns.
   */
  compute<T>(run: () => T, busy: (busy: boolean) => void, log: ReportLog | undefined): T {
    if (!this.driving) return this.drive({ run, busy, log }) as T;
    if (this.depth >= StackGuard.maxDepth) throw new Deferred({ run, busy, log });
    this.depth++;
    busy(true);
    let value: T;
    try {
      value = run();
    } catch (error) {
      this.depth--;
      if (error instanceof Deferred) error.abandoned.push(busy);
      else busy(false);
      throw error;
    }
    this.depth--;
    busy(false);
    return value;
  }

  /**
   * True when a lazily parsed file must not be parsed at this depth: parsing
   * recurses over the file's nesting, and a file that parses from a short
   * stack must not fail from a deep one. The caller then asks
   * {@link shallow} to parse it. (A few levels down the stack is still
   * short: most files an application imports are parsed where they are
   * first needed.)
   */
  get deep(): boolean {
    return this.driving && this.depth > PARSE_DEPTH;
  }

  /** Runs `run` (which caches what it computes) from the bottom of the guard's stack. */
  shallow(run: () => unknown): never {
    throw new Deferred({ run, busy: () => undefined, log: undefined });
  }

  private drive(first: Task): unknown {
    this.driving = true;
    const waiting: Waiting[] = [{ task: first, abandoned: [] }];
    first.busy(true);
    try {
      for (;;) {
        const top = waiting[waiting.length - 1]!;
        const task = top.task;
        // Started again: what its last attempt abandoned is worked out anew.
        for (const busy of top.abandoned) busy(false);
        top.abandoned = [];
        const mark = task.log?.mark();
        this.depth = 0;
        try {
          const value = task.run();
          task.busy(false);
          waiting.pop();
          if (waiting.length === 0) return value;
          // Its reports are kept with its cached answer and replayed where the
          // waiting attempt uses it, inside the frames that attempt opens.
          if (mark !== undefined) task.log?.rewind(mark);
        } catch (error) {
          if (!(error instanceof Deferred)) throw error;
          if (mark !== undefined) task.log?.rewind(mark);
          top.abandoned = error.abandoned;
          error.task.busy(true);
          waiting.push({ task: error.task, abandoned: [] });
        }
      }
    } finally {
      for (const { task, abandoned } of waiting) {
        task.busy(false);
        for (const busy of abandoned) busy(false);
      }
      this.depth = 0;
      this.driving = false;
    }
  }
}
