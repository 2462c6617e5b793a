/**
 * Moving the spans of kept results after a change that only moved
 * declarations of a file (see fingerprint.ts). Results are plain data; new
 * objects are built where a span moved, and everything else is shared
 * (including the sharing inside a result: an action whose requirement is
 * its actor's keeps the very same object).
 */
import type { Diagnostic, RelatedLocation, Span } from "../diagnostics/diagnostic.js";
import type { PendingReport } from "./diagnostic-sink.js";
import type { PositionMap } from "./fingerprint.js";
import { spanKey } from "./spans.js";
import { lineAndColumn, offsetAt } from "./syntax.js";
import type { AnalyzedAction, AnalyzedActor, AnalyzedLayout, AnalyzedLayoutElement, ResolvedItem, ResolvedRequirement, UnresolvedExpression } from "./types.js";

/** Thrown when a span of a moved file points at no node of an unchanged declaration. */
export class Unmappable extends Error {}

/** Calls `each` with every span of an actor's result (its requirement, its actions and theirs, its layouts). */
export function forEachActorSpan(actor: AnalyzedActor, each: (span: Span) => void): void {
  each(actor.span);
  each(actor.requiredRolesSpan);
  forEachRequirementSpan(actor.requiredRoles, each);
  for (const action of actor.actions) {
    each(action.span);
    if (action.requiredRolesSpan !== undefined) each(action.requiredRolesSpan);
    forEachRequirementSpan(action.requiredRoles, each);
    if (action.combined !== actor.requiredRoles) forEachRequirementSpan(action.combined, each);
  }
  forEachLayoutSpan(actor, each);
}

/** Calls `each` with the spans of an actor's layouts and debugPermissions, and its actions'. */
function forEachLayoutSpan(actor: AnalyzedActor, each: (span: Span) => void): void {
  if (actor.debugPermissions !== undefined) each(actor.debugPermissions);
  if (actor.detailLayout !== undefined) forEachElementSpan(actor.detailLayout, each);
  for (const action of actor.actions) {
    if (action.debugPermissions !== undefined) each(action.debugPermissions);
    if (action.paramsLayout !== undefined) forEachElementSpan(action.paramsLayout, each);
  }
}

function forEachElementSpan(layout: AnalyzedLayout, each: (span: Span) => void): void {
  const stack: AnalyzedLayoutElement[] = [layout.main];
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    each(element.span);
    if (element.kind === "panel") stack.push(...element.elements);
    if ((element.kind === "panel" || element.kind === "field") && element.requiredRoles !== undefined) forEachRequirementSpan(element.requiredRoles, each);
    if (element.kind === "slave") forEachRequirementSpan(element.actorRequiredRoles, each);
  }
}

/** Calls `each` with the span of a diagnostic and of each of its related locations. */
export function forEachDiagnosticSpan(diagnostic: Diagnostic, each: (span: Span) => void): void {
  each(diagnostic.span);
  for (const related of diagnostic.related ?? []) each(related.span);
}

function forEachRequirementSpan(requirement: ResolvedRequirement, each: (span: Span) => void): void {
  for (const item of requirement.items) {
    each(item.span);
    for (const span of item.memberSpans) each(span);
    for (const unresolved of item.unresolved) each(unresolved.span);
  }
  for (const unresolved of requirement.unresolved) each(unresolved.span);
}

/** Moves spans of the files of `maps` (by the names spans give them); one mover per round. */
export class SpanMover {
  private readonly spans = new Map<Span, Span>();
  private readonly requirements = new Map<ResolvedRequirement, ResolvedRequirement>();
  private readonly items = new Map<ResolvedItem, ResolvedItem>();

  constructor(private readonly maps: ReadonlyMap<string, PositionMap>) {}

  /**
   * Where a span is now; the same object when it did not move.
   *
   * @throws Unmappable when it points at no node of an unchanged declaration.
   */
  span(span: Span): Span {
    const map = this.maps.get(span.file);
    if (map === undefined) return span;
    let moved = this.spans.get(span);
    if (moved === undefined) {
      moved = moveSpan(span, map);
      this.spans.set(span, moved);
    }
    return moved;
  }

  /**
   * An actor with its spans moved; the same object when none moved.
   *
   * @throws Unmappable when a span of its layouts or debugPermissions moved (they are read again instead).
   */
  actor(actor: AnalyzedActor): AnalyzedActor {
    forEachLayoutSpan(actor, (span) => {
      if (this.span(span) !== span) throw new Unmappable(`${span.file}:${span.line}:${span.column}`);
    });
    const span = this.span(actor.span);
    const requiredRolesSpan = this.span(actor.requiredRolesSpan);
    const requiredRoles = this.requirement(actor.requiredRoles);
    let actions: AnalyzedAction[] | undefined;
    const list = actor.actions;
    for (let i = 0; i < list.length; i++) {
      const action = list[i]!;
      const moved = this.action(action, actor.requiredRoles, requiredRoles);
      if (moved !== action) (actions ??= list.slice())[i] = moved;
    }
    if (span === actor.span && requiredRolesSpan === actor.requiredRolesSpan && requiredRoles === actor.requiredRoles && actions === undefined) return actor;
    return { ...actor, span, requiredRolesSpan, requiredRoles, actions: actions ?? actor.actions };
  }

  /** A report with its spans moved, and its deduplication key with them. */
  report(report: PendingReport): PendingReport {
    const diagnostic = this.diagnostic(report.diagnostic);
    return diagnostic === report.diagnostic ? report : { key: `${diagnostic.code}\0${spanKey(diagnostic.span)}`, diagnostic };
  }

  private diagnostic(diagnostic: Diagnostic): Diagnostic {
    const span = this.span(diagnostic.span);
    let related: RelatedLocation[] | undefined;
    diagnostic.related?.forEach((location, i) => {
      const moved = this.span(location.span);
      if (moved !== location.span) (related ??= [...diagnostic.related!])[i] = { ...location, span: moved };
    });
    if (span === diagnostic.span && related === undefined) return diagnostic;
    return { ...diagnostic, span, ...(related === undefined ? {} : { related }) };
  }

  private action(action: AnalyzedAction, actorRequirement: ResolvedRequirement, movedActorRequirement: ResolvedRequirement): AnalyzedAction {
    const span = this.span(action.span);
    const requiredRolesSpan = action.requiredRolesSpan === undefined ? undefined : this.span(action.requiredRolesSpan);
    const requiredRoles = this.requirement(action.requiredRoles);
    const combined = action.combined === actorRequirement ? movedActorRequirement : this.requirement(action.combined);
    if (span === action.span && requiredRolesSpan === action.requiredRolesSpan && requiredRoles === action.requiredRoles && combined === action.combined) return action;
    return { ...action, span, requiredRoles, combined, ...(requiredRolesSpan === undefined ? {} : { requiredRolesSpan }) };
  }

  private requirement(requirement: ResolvedRequirement): ResolvedRequirement {
    let moved = this.requirements.get(requirement);
    if (moved === undefined) {
      let items: ResolvedItem[] | undefined;
      requirement.items.forEach((item, i) => {
        const m = this.item(item);
        if (m !== item) (items ??= requirement.items.slice())[i] = m;
      });
      const unresolved = this.unresolved(requirement.unresolved);
      moved = items === undefined && unresolved === requirement.unresolved ? requirement : { ...requirement, items: items ?? requirement.items, unresolved };
      this.requirements.set(requirement, moved);
    }
    return moved;
  }

  private item(item: ResolvedItem): ResolvedItem {
    let moved = this.items.get(item);
    if (moved === undefined) {
      const span = this.span(item.span);
      let memberSpans: Span[] | undefined;
      item.memberSpans.forEach((member, i) => {
        const m = this.span(member);
        if (m !== member) (memberSpans ??= item.memberSpans.slice())[i] = m;
      });
      const unresolved = this.unresolved(item.unresolved);
      moved =
        span === item.span && memberSpans === undefined && unresolved === item.unresolved
          ? item
          : { ...item, span, memberSpans: memberSpans ?? item.memberSpans, unresolved };
      this.items.set(item, moved);
    }
    return moved;
  }

  /** Unresolved expressions with their spans moved; the same list when none moved. */
  private unresolved(list: readonly UnresolvedExpression[]): readonly UnresolvedExpression[] {
    let moved: UnresolvedExpression[] | undefined;
    list.forEach((expression, i) => {
      const span = this.span(expression.span);
      if (span !== expression.span) (moved ??= list.slice())[i] = { ...expression, span };
    });
    return moved ?? list;
  }
}

function moveSpan(span: Span, map: PositionMap): Span {
  const from = offsetAt(map.before, span.line - 1, span.column - 1);
  const to = offsetAt(map.before, span.endLine - 1, span.endColumn - 1);
  const start = from === undefined ? undefined : map.start(from);
  const end = to === undefined ? undefined : map.end(to);
  if (start === undefined || end === undefined) throw new Unmappable(`${span.file}:${span.line}:${span.column}`);
  if (start === from && end === to) return span;
  const a = lineAndColumn(map.after, start);
  const b = lineAndColumn(map.after, end);
  return { file: span.file, line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}
