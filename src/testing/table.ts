/**
 * The permission table a run of tests asks about: every target (actors,
 * each followed by its actions, as the analyzer orders them) × every user
 * type (in declaration order), with lookups by id and name and the
 * did-you-means for names that are not there. Whole rows come from the
 * semantics' visibility index (one bitset per target); single cells and
 * explanations from `accessOf` and `explain`.
 */
import type { Application, Target } from "../analyzer/types.js";
import type { Span } from "../diagnostics/diagnostic.js";
import { closest } from "../diagnostics/did-you-mean.js";
import type { RoleModel, UserTypeDef } from "../compiler/types.js";
import {
  accessOf,
  explain,
  permissionOf,
  unresolvedParts,
  userTypeLabel,
  visibilityIndex,
  visibilityOf,
  visibleForText,
  type Access,
  type Explanation,
  type VisibilityIndex,
} from "../runtime/semantics/index.js";
import type { TestUserType } from "./results.js";

/** An analyzed application and its role model: what tests are checked against. */
export interface TestProject {
  readonly model: RoleModel;
  readonly application: Application;
  /** The expressions the analyzer could not resolve (its RC5004 warnings): what an unknown verdict names as its cause. */
  readonly unresolved?: readonly UnresolvedExpression[];
}

/** The text of an {@link UnresolvedExpression} that stands for a whole requirement expression (whose unresolved part is written elsewhere). */
export const WHOLE_REQUIREMENT = "requiredRoles";

/** Part of a requirement that could not be resolved statically, and where it is written. */
export interface UnresolvedExpression {
  /** Its source text, as the analyzer's RC5004 names it (`requiredRoles` when only the requirement is known). */
  readonly text: string;
  readonly span: Span;
}

/** A target's whole row: who may see it. */
export interface Row {
  /** The user types whose verdict is `visible` or `unknown` (a bitset over user type indices; shared, never modify). */
  readonly set: Uint32Array;
  /** False when part of the requirement is unresolved: then every user type in `set` is `unknown`, not `visible`. */
  readonly complete: boolean;
  /** As `visible-for` prints it: `unknown (unresolved: …; visible for: …; unknown for: …)` when some verdict is unknown. */
  readonly text: string;
  /** `text` as a JSON string (as snapshots hold it). */
  readonly json: string;
}

/** The table (see the module comment). */
export class PermissionTable {
  readonly targets: readonly Target[];
  readonly ids: readonly string[];
  readonly userTypes: readonly UserTypeDef[];
  readonly labels: readonly string[];
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  private readonly index: VisibilityIndex;
  private readonly texts = new Map<Uint32Array, { readonly text: string; readonly json: string }>();
  /** What the "did you mean" searches may still compare (deterministic, unlike a time limit). */
  private readonly fuzzyBudget = { comparisons: 200_000 };

  /** For each target, the index of its actor (an actor's own). */
  private readonly actorOf: Int32Array;

  constructor(readonly project: TestProject) {
    const targets: Target[] = [];
    const actorOf: number[] = [];
    for (const actor of project.application.actors) {
      const a = targets.length;
      targets.push(actor);
      actorOf.push(a);
      for (const action of actor.actions) {
        targets.push(action);
        actorOf.push(a);
      }
    }
    this.targets = targets;
    this.actorOf = Int32Array.from(actorOf);
    this.ids = targets.map((t) => t.id);
    this.ids.forEach((id, i) => {
      if (!this.byId.has(id)) this.byId.set(id, i);
    });
    this.userTypes = project.model.userTypes;
    this.labels = this.userTypes.map(userTypeLabel);
    // A value first, then names (as `findUserType` looks them up).
    this.userTypes.forEach((t, u) => {
      if (!this.byName.has(t.value)) this.byName.set(t.value, u);
    });
    this.userTypes.forEach((t, u) => {
      for (const name of t.names) if (!this.byName.has(name)) this.byName.set(name, u);
    });
    this.index = visibilityIndex(project.model);
  }

  /** The index of the target with this id. */
  targetIndex(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Target indices sorted by id (code points), for prefix ranges; built on first use. */
  private sorted: Int32Array | undefined;

  /** The indices of the targets whose id starts with `prefix`, in id order. */
  idsStartingWith(prefix: string): Int32Array {
    if (this.sorted === undefined) {
      const order = Int32Array.from(this.ids.keys());
      order.sort((a, b) => (this.ids[a]! < this.ids[b]! ? -1 : this.ids[a]! > this.ids[b]! ? 1 : 0));
      this.sorted = order;
    }
    const sorted = this.sorted;
    if (prefix === "") return sorted;
    // The first id not below the prefix, then the first past every id that starts with it.
    const first = (test: (id: string) => boolean): number => {
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (test(this.ids[sorted[mid]!]!)) high = mid;
        else low = mid + 1;
      }
      return low;
    };
    const from = first((id) => id >= prefix);
    const to = first((id) => id >= prefix && !id.startsWith(prefix));
    return sorted.subarray(from, Math.max(from, to));
  }

  /** The index of the user type with this value or name. */
  userTypeIndex(valueOrName: string): number | undefined {
    return this.byName.get(valueOrName);
  }

  userTypeRef(u: number): TestUserType {
    return { value: this.userTypes[u]!.value, label: this.labels[u]! };
  }

  /** A user type's access to a target. */
  access(t: number, u: number): Access {
    return accessOf(this.project.model, this.userTypes[u]!, permissionOf(this.targets[t]!));
  }

  explain(t: number, u: number): Explanation {
    return explain(this.project.model, this.targets[t]!, this.userTypes[u]!);
  }

  /**
   * Why verdicts on a target may be unknown: the parts of its requirement
   * (its actor's, then an action's own) that could not be resolved, each as
   * the analyzer's RC5004 names it when that lies inside the requirement's
   * expression, else the expression itself (`requiredRoles`, e.g. a const
   * declared elsewhere). Empty when the requirement is complete.
   */
  unresolvedOf(t: number): UnresolvedExpression[] {
    const target = this.targets[t]!;
    const actor = this.targets[this.actorOf[t]!]!;
    const spans: Span[] = [];
    if ("requiredRolesFrom" in actor && !actor.requiredRoles.complete) spans.push(actor.requiredRolesSpan);
    if ("combined" in target && !target.requiredRoles.complete && target.requiredRolesSpan !== undefined) spans.push(target.requiredRolesSpan);
    const found: UnresolvedExpression[] = [];
    for (const span of spans) {
      const inside = (this.project.unresolved ?? []).filter((u) => within(u.span, span));
      for (const part of inside.length > 0 ? inside : [{ text: WHOLE_REQUIREMENT, span }]) {
        if (!found.some((f) => sameSpan(f.span, part.span))) found.push(part);
      }
    }
    return found;
  }

  /** Rows by requirement object (readonly, then not): an action without requirements of its own shares its actor's. */
  private readonly rows = [new Map<object, Row>(), new Map<object, Row>()] as const;

  /** The row of a target, from the visibility index. */
  row(t: number): Row {
    const { requirement, readonly } = permissionOf(this.targets[t]!);
    const cache = this.rows[readonly ? 0 : 1];
    let row = cache.get(requirement);
    if (row === undefined) {
      // Visible or unknown: a verdict that is not known counts as possibly visible.
      const set = this.index.possibleShared(requirement, readonly);
      // Complete: no user type's verdict is unknown (the possible set is the certain one).
      const certain = this.index.visibleShared(requirement, readonly);
      const complete = requirement.complete || set.every((w, i) => w === certain[i]);
      // An unknown row reads as `visible-for` prints it (what is unresolved, who certainly sees it, for whom it is unknown); rows are cached by requirement, so it is made once.
      row = { set, complete, ...(complete ? this.rowText(set) : withJson(visibilityOf(this.project.model, this.targets[t]!).text)) };
      cache.set(requirement, row);
    }
    return row;
  }

  /** Whether user type `u` is in a row's set. */
  has(set: Uint32Array, u: number): boolean {
    return this.index.has(set, u);
  }

  /** The labels of the user types in a set, in declaration order. */
  labelsOf(set: Uint32Array): string[] {
    const labels: string[] = [];
    for (let u = 0; u < this.labels.length; u++) if (this.index.has(set, u)) labels.push(this.labels[u]!);
    return labels;
  }

  private rowText(set: Uint32Array): { readonly text: string; readonly json: string } {
    // Sets are interned by the index: equal rows share one object, and one text.
    let known = this.texts.get(set);
    if (known === undefined) {
      known = withJson(visibleForText(this.labelsOf(set), this.labels.length));
      this.texts.set(set, known);
    }
    return known;
  }

  /** The texts an unknown row may name as unresolved, each once (what bounds a snapshot's size). */
  unresolvedTexts(): string[] {
    const texts = new Set<string>();
    for (const target of this.targets) {
      const { requirement } = permissionOf(target);
      if (!requirement.complete) for (const part of unresolvedParts(requirement)) texts.add(part);
    }
    return [...texts];
  }

  /** A did-you-mean for a user type that is not there. */
  userTypeSuggestion(name: string): string {
    const near = closest(name, [...this.byName.keys()], this.fuzzyBudget);
    return near !== undefined ? `did you mean \`${near}\`?` : `known user types: ${this.userTypes.map((t) => (t.names[0] === undefined ? t.value : `${t.value} (${t.names.join(" ")})`)).join(", ")}`;
  }

  /** A did-you-mean for a target that is not there: among the ids of its app label first. */
  targetSuggestion(id: string): string {
    const app = id.split(".")[0] ?? "";
    const sameApp = this.ids.filter((candidate) => candidate.startsWith(`${app}.`));
    const near = closest(id, sameApp.length > 0 ? sameApp : this.ids, this.fuzzyBudget);
    if (near !== undefined) return `did you mean \`${near}\`?`;
    return sameApp.length > 0 ? `\`${app}\` has ${sameApp.length} actors and actions; \`rolecraft show actors\` lists them` : "`rolecraft show actors` lists every actor and action";
  }
}

function withJson(text: string): { readonly text: string; readonly json: string } {
  return { text, json: JSON.stringify(text) };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** Whether `inner` lies inside `outer` (same file). */
function within(inner: Span, outer: Span): boolean {
  if (inner.file !== outer.file) return false;
  const startsAfter = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}
