/** The permission diff for a terminal: `+` gained or added, `-` lost or removed, `~` changed. */
import pc from "picocolors";
import type { JsonValue } from "../compiler/types.js";
import { countsLine, headline, plural } from "./summary.js";
import type { FieldChange, PermissionDiff, RoleRef, TargetSummary, UserTypeRef, UserTypeSummary } from "./types.js";

/** What the renderers print besides the diff: the names of the two states, colors. */
export interface DiffRenderOptions {
  /** How the before-state is named (a path, a revision). */
  readonly before?: string;
  /** How the after-state is named. */
  readonly after?: string;
  /** Text only: ANSI colors. Default false. */
  readonly color?: boolean;
}

/** A user type as text lists show it: `customer (100)`, or just the value when it has no name. */
export function userTypeWords(ref: UserTypeRef): string {
  return ref.label === ref.value ? ref.value : `${ref.label} (${ref.value})`;
}

/** A field value as text: strings quoted as JSON, lists of names space-joined, booleans yes/no. */
export function fieldWords(field: FieldChange["field"], value: JsonValue): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (field === "names" && Array.isArray(value)) return value.length === 0 ? "(none)" : JSON.stringify(value.join(" "));
  if (field === "role" && typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Gained or lost roles: meaningful ones (UserRoles rows), then `other roles: …`. */
export function roleWords(refs: readonly RoleRef[], id: (role: string) => string = (role) => role): string {
  const rows = refs.filter((r) => r.meaningful).map((r) => id(r.id));
  const others = refs.filter((r) => !r.meaningful).map((r) => id(r.id));
  return [rows.join(", "), others.length === 0 ? "" : `other roles: ${others.join(", ")}`].filter((s) => s !== "").join("; ");
}

/**
 * An MRO change in few words: roles that came in (`+ a, b`), roles that
 * went (`- c`), and roles that moved relative to the others (`moved: x
 * (now after y)`; the fewest such roles, from a longest common subsequence).
 * The complete lists are in the JSON rendering.
 */
export function mroWords(before: readonly string[], after: readonly string[], list: (ids: readonly string[]) => string = (ids) => ids.join(", ")): string {
  const had = new Set(before);
  const has = new Set(after);
  const parts: string[] = [];
  const gained = after.filter((r) => !had.has(r));
  const lost = before.filter((r) => !has.has(r));
  if (gained.length > 0) parts.push(`+ ${list(gained)}`);
  if (lost.length > 0) parts.push(`- ${list(lost)}`);
  const keptAfter = after.filter((r) => had.has(r));
  const stay = longestCommonSubsequence(
    before.filter((r) => has.has(r)),
    keptAfter,
  );
  const moved = keptAfter.filter((r) => !stay.has(r));
  if (moved.length > 0) {
    const where = (r: string): string => {
      const previous = after[after.indexOf(r) - 1];
      return previous === undefined ? `${list([r])} (now first)` : `${list([r])} (now after ${list([previous])})`;
    };
    parts.push(`moved: ${moved.map(where).join(", ")}`);
  }
  return parts.join("; ");
}

/** The elements of one longest common subsequence of two lists of distinct strings. */
function longestCommonSubsequence(x: readonly string[], y: readonly string[]): Set<string> {
  const rows = x.length + 1;
  const cols = y.length + 1;
  const table = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => table[i * cols + j] ?? 0;
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      table[i * cols + j] = x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out = new Set<string>();
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      out.add(x[i] ?? "");
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return out;
}

/**
 * Renders the diff for a terminal: the headline, a counts line, then one
 * section per kind of change (access, user types, roles of user types,
 * roles), each line starting with `+`, `-` or `~`. Ends with `"\n"`.
 */
export function renderDiffText(diff: PermissionDiff, options: DiffRenderOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const lines: string[] = [];
  if (options.before !== undefined || options.after !== undefined) lines.push(c.bold(`rolecraft diff: ${options.before ?? "before"} → ${options.after ?? "after"}`));
  lines.push(headline(diff));
  const counts = countsLine(diff);
  if (counts !== "") lines.push(counts);
  if (!diff.applicationCompared) lines.push(c.dim("(actors and actions not compared: give the application sources of both states)"));

  const add = (text: string): string => c.green(text);
  const del = (text: string): string => c.red(text);
  const mod = (text: string): string => c.yellow(text);
  const heading = (text: string): void => {
    lines.push("", c.bold(text));
  };
  const who = (refs: readonly UserTypeRef[]): string => refs.map(userTypeWords).join(", ");
  const incomplete = "      ? part of a requirement is not known (RC5003, RC5004): access is unknown where it depends on it";

  const targets = diff.targets;
  if (targets !== null && targets.added.length + targets.removed.length + targets.changed.length > 0) {
    heading("Actors and actions");
    const target = (t: TargetSummary, sign: string, verb: string): void => {
      lines.push(sign === "+" ? add(`  + ${t.id}`) : del(`  - ${t.id}`));
      lines.push(`      ${t.kind}, requires ${t.requirement}${t.readonly ? "" : ", not readonly"}`);
      lines.push(`      ${verb}: ${t.visibleTo.length === 0 ? "nobody" : who(t.visibleTo)}`);
      if (t.unknownFor.length > 0) lines.push(mod(`      ? unknown for: ${who(t.unknownFor)}`));
      if (!t.complete) lines.push(incomplete);
    };
    for (const t of targets.changed) {
      lines.push(mod(`  ~ ${t.id}`));
      if (t.requirement !== null) lines.push(`      requires: ${t.requirement.before} → ${t.requirement.after}`);
      else lines.push(`      requires: ${t.requires}`);
      if (t.readonly !== null) lines.push(`      readonly: ${t.readonly.before ? "yes" : "no"} → ${t.readonly.after ? "yes" : "no"}`);
      if (t.gained.length > 0) lines.push(add(`      + gains access: ${who(t.gained)}`));
      if (t.lost.length > 0) lines.push(del(`      - loses access: ${who(t.lost)}`));
      if (t.maybeGained.length > 0) lines.push(mod(`      ? may gain access (unknown): ${who(t.maybeGained)}`));
      if (t.maybeLost.length > 0) lines.push(mod(`      ? may lose access (unknown): ${who(t.maybeLost)}`));
      if (!t.complete) lines.push(incomplete);
    }
    for (const t of targets.added) target(t, "+", "visible for");
    for (const t of targets.removed) target(t, "-", "was visible for");
  }

  const types = diff.userTypes;
  if (types.added.length + types.removed.length + types.changed.length + types.possibleRenames.length > 0 || types.order !== null) {
    heading("User types");
    const summary = (t: UserTypeSummary, sign: "+" | "-"): void => {
      const color = sign === "+" ? add : del;
      lines.push(color(`  ${sign} ${userTypeWords(t)}: ${JSON.stringify(t.text)}, role ${t.role}${t.readonly ? ", readonly" : ""}`));
      if (t.names.length > 1) lines.push(`      names: ${t.names.join(" ")}`);
      lines.push(`      roles: ${t.roles.length === 0 ? "(none)" : roleWords(t.roles)}`);
      if (t.sees !== null) lines.push(`      ${sign === "+" ? "sees" : "saw"} ${plural(t.sees.length, "actor/action", "actors/actions")}${t.sees.length === 0 ? "" : `: ${t.sees.join(" ")}`}`);
    };
    for (const t of types.added) summary(t, "+");
    for (const t of types.removed) summary(t, "-");
    for (const t of types.changed) {
      lines.push(mod(`  ~ ${userTypeWords(t)}`));
      for (const change of t.changes) lines.push(`      ${change.field}: ${fieldWords(change.field, change.before)} → ${fieldWords(change.field, change.after)}`);
    }
    for (const r of types.possibleRenames) {
      const same = [r.sameText ? "text" : "", r.sameName ? "name" : ""].filter((s) => s !== "").join(" and ");
      lines.push(`  ? ${r.removed.value} → ${r.added.value}: renamed? (same ${same} and role)`);
    }
    if (types.order !== null) lines.push(mod(`  ~ order: ${types.order.before.join(" ")} → ${types.order.after.join(" ")}`));
  }

  if (diff.userTypeRoles.length > 0) {
    heading("Roles of user types (through the MRO)");
    for (const t of diff.userTypeRoles) {
      lines.push(mod(`  ~ ${userTypeWords(t)}, role ${t.roleBefore === t.roleAfter ? t.roleAfter : `${t.roleBefore} → ${t.roleAfter}`}`));
      if (t.gained.length > 0) lines.push(add(`      + gains: ${roleWords(t.gained)}`));
      if (t.lost.length > 0) lines.push(del(`      - loses: ${roleWords(t.lost)}`));
    }
  }

  const roles = diff.roles;
  if (roles.added.length + roles.removed.length + roles.changed.length + roles.meaningful.added.length + roles.meaningful.removed.length > 0) {
    heading("Roles");
    for (const r of roles.added) lines.push(add(`  + ${r.id}: bases ${r.bases.join(", ")}`));
    for (const r of roles.removed) lines.push(del(`  - ${r.id}: bases ${r.bases.join(", ")}`));
    for (const r of roles.changed) {
      lines.push(mod(`  ~ ${r.id}`));
      if (r.bases !== null) lines.push(`      bases: ${r.bases.before.join(", ")} → ${r.bases.after.join(", ")}`);
      if (r.mro !== null) lines.push(`      MRO: ${mroWords(r.mro.before, r.mro.after)}`);
      if (r.doc !== null) lines.push(`      doc: ${JSON.stringify(r.doc.before)} → ${JSON.stringify(r.doc.after)}`);
    }
    for (const id of roles.meaningful.added) lines.push(add(`  + UserRoles row ${id}`));
    for (const id of roles.meaningful.removed) lines.push(del(`  - UserRoles row ${id}`));
  }
  return `${lines.join("\n")}\n`;
}
