/**
 * The permission table a run of tests asks about: every target (actors,
 * each followed by its actions, as the analyzer orders them) × every user
 * type (in declaration order), with lookups by id and name and the
 * did-you-means for names that are not there. Whole rows come from the
 * semantics' visibility index (one bitset per target); single cells and
 * explanations from `accessOf` and `explain`.
 */
import type { Application, Target } from "../analyzer/types.js";
import { closest } from "../compiler/model.js";
import type { RoleModel, UserTypeDef } from "../compiler/types.js";
import {
  accessOf,
  explain,
  permissionOf,
  userTypeLabel,
  visibilityIndex,
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
}

/** A target's whole row: who may see it. */
export interface Row {
  /** The user types whose verdict is `visible` or `unknown` (a bitset over user type indices; shared, never modify). */
  readonly set: Uint32Array;
  /** False when part of the requirement is unresolved: then every user type in `set` is `unknown`, not `visible`. */
  readonly complete: boolean;
  /** As `visible-for` prints it; `unknown (labels)` when some verdict is unknown. */
  readonly text: string;
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
  private readonly texts = new Map<Uint32Array, string>();
  private readonly unknownTexts = new Map<Uint32Array, string>();
  /** What the "did you mean" searches may still compare (deterministic, unlike a time limit). */
  private readonly fuzzyBudget = { comparisons: 200_000 };

  constructor(readonly project: TestProject) {
    const targets: Target[] = [];
    for (const actor of project.application.actors) {
      targets.push(actor);
      for (const action of actor.actions) targets.push(action);
    }
    this.targets = targets;
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

  /** The row of a target, from the visibility index. */
  row(t: number): Row {
    const { requirement, readonly } = permissionOf(this.targets[t]!);
    const set = this.index.visibleShared(requirement, readonly);
    const complete = requirement.complete || this.index.isEmpty(set);
    return { set, complete, text: this.rowText(set, complete) };
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

  private rowText(set: Uint32Array, complete: boolean): string {
    // Sets are interned by the index: equal rows share one object, and one text.
    const cache = complete ? this.texts : this.unknownTexts;
    let text = cache.get(set);
    if (text === undefined) {
      const labels = this.labelsOf(set);
      text = complete ? visibleForText(labels, this.labels.length) : `unknown (${labels.join(" ")})`;
      cache.set(set, text);
    }
    return text;
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
