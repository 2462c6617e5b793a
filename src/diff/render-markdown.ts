/**
 * The permission diff as GitHub-flavoured Markdown, for a pull-request
 * comment: a hidden marker (so a bot can update its own comment), the
 * headline in bold, a counts line, then one table per kind of change; a
 * table of more than {@link DETAILS_THRESHOLD} rows is folded in `<details>`.
 */
import { escapeMarkdownCell } from "../report/render-markdown.js";
import { fieldWords, mroWords, roleWords, type DiffRenderOptions } from "./render-text.js";
import { countsLine, headline, plural } from "./summary.js";
import type { PermissionDiff, RoleRef, TargetSummary, UserTypeRef, UserTypeSummary } from "./types.js";

/** Tables with more rows than this are folded into a `<details>` block. */
export const DETAILS_THRESHOLD = 10;

/** The first line of every markdown diff: lets a CI job find and update its previous comment. */
export const MARKDOWN_MARKER = "<!-- rolecraft-diff -->";

/** Literal text in a cell or a line: markup characters escaped. */
const text = (s: string): string => escapeMarkdownCell(s);

/** An identifier as code; `|` escaped for tables (GFM honours `\|` inside code spans in tables). */
function code(s: string): string {
  if (s.includes("`") || s.includes("\n")) return text(s);
  return `\`${s.replace(/\|/g, "\\|")}\``;
}

const who = (refs: readonly UserTypeRef[]): string => refs.map((r) => text(r.label)).join(", ");
const arrow = (before: string, after: string): string => `${before} → ${after}`;
const yesNo = (b: boolean): string => (b ? "yes" : "no");
const roles = (refs: readonly RoleRef[]): string => roleWords(refs, code);

function table(headers: readonly string[], rows: readonly (readonly string[])[], what: string): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const body = [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
  if (rows.length <= DETAILS_THRESHOLD) return `${body}\n`;
  return `<details><summary>${text(what)}</summary>\n\n${body}\n\n</details>\n`;
}

/**
 * Renders the diff as Markdown (ends with `"\n"`). Free text (user type
 * texts, labels) is escaped; ids are code spans. Sections without changes
 * are left out; an empty diff is the marker, the title and
 * `**No permission changes**`.
 */
export function renderDiffMarkdown(diff: PermissionDiff, options: DiffRenderOptions = {}): string {
  const out: string[] = [MARKDOWN_MARKER];
  const names = options.before !== undefined || options.after !== undefined ? `: ${code(options.before ?? "before")} → ${code(options.after ?? "after")}` : "";
  out.push(`### Permission diff${names}`, "", `**${headline(diff)}**`);
  const counts = countsLine(diff);
  if (counts !== "") out.push("", text(counts));
  if (!diff.applicationCompared) out.push("", "_Actors and actions were not compared: no application sources were given for both states._");
  const section = (title: string, body: string): void => {
    out.push("", `#### ${title}`, "", body.trimEnd());
  };

  const targets = diff.targets;
  if (targets !== null) {
    if (targets.changed.length > 0) {
      // The readonly column only when some readonly flag changed.
      const readonlyColumn = targets.changed.some((t) => t.readonly !== null);
      const maybe = (certain: readonly UserTypeRef[], possible: readonly UserTypeRef[]): string =>
        [who(certain), possible.length === 0 ? "" : `maybe (unknown): ${who(possible)}`].filter((s) => s !== "").join("; ");
      const rows = targets.changed.map((t) => [
        code(t.id) + (t.complete ? "" : " ⚠️"),
        t.requirement === null ? code(t.requires) : arrow(code(t.requirement.before), code(t.requirement.after)),
        ...(readonlyColumn ? [t.readonly === null ? "" : arrow(yesNo(t.readonly.before), yesNo(t.readonly.after))] : []),
        maybe(t.gained, t.maybeGained),
        maybe(t.lost, t.maybeLost),
      ]);
      const headers = ["actor / action", "required roles", ...(readonlyColumn ? ["readonly"] : []), "gains access", "loses access"];
      section("Who may see what", table(headers, rows, plural(rows.length, "changed actor/action", "changed actors/actions")));
      if (targets.changed.some((t) => !t.complete)) out.push("", "⚠️ part of the requirement is not known (RC5003, RC5004): access that depends on it is unknown, and counted as a possible change.");
    }
    const audience = (t: TargetSummary): string =>
      [t.visibleTo.length === 0 ? "nobody" : who(t.visibleTo), t.unknownFor.length === 0 ? "" : `unknown for ${who(t.unknownFor)}`].filter((s) => s !== "").join("; ");
    const summaryRows = (list: readonly TargetSummary[]): string[][] => list.map((t) => [code(t.id) + (t.complete ? "" : " ⚠️"), t.kind, code(t.requirement), yesNo(t.readonly), audience(t)]);
    if (targets.added.length > 0) {
      section("Added actors and actions", table(["actor / action", "kind", "required roles", "readonly", "visible for"], summaryRows(targets.added), plural(targets.added.length, "added actor/action", "added actors/actions")));
    }
    if (targets.removed.length > 0) {
      section(
        "Removed actors and actions",
        table(["actor / action", "kind", "required roles", "readonly", "was visible for"], summaryRows(targets.removed), plural(targets.removed.length, "removed actor/action", "removed actors/actions")),
      );
    }
  }

  const types = diff.userTypes;
  if (types.added.length + types.removed.length + types.changed.length > 0 || types.order !== null) {
    const full = (t: UserTypeSummary, change: string): string[] => [change, code(t.value), text(t.names.join(" ")), text(t.text), code(t.role), yesNo(t.readonly)];
    const rows: string[][] = [...types.added.map((t) => full(t, "added")), ...types.removed.map((t) => full(t, "removed"))];
    const columns = ["names", "text", "role", "readonly"] as const;
    for (const t of types.changed) {
      const cell = (field: (typeof columns)[number]): string => {
        const change = t.changes.find((c) => c.field === field);
        return change === undefined ? "" : text(arrow(fieldWords(field, change.before), fieldWords(field, change.after)));
      };
      const other = t.changes.filter((c) => !(columns as readonly string[]).includes(c.field)).map((c) => `${c.field}: ${arrow(fieldWords(c.field, c.before), fieldWords(c.field, c.after))}`);
      rows.push(["changed", code(t.value), cell("names"), cell("text"), cell("role"), cell("readonly"), ...(other.length === 0 ? [] : [text(other.join("; "))])]);
    }
    // The "other" column (hidden languages, masked notifications, attributes) only when one of them changed.
    const otherColumn = rows.some((row) => row.length > 6);
    const headers = ["change", "value", "names", "text", "role", "readonly", ...(otherColumn ? ["other"] : [])];
    let body = rows.length === 0 ? "" : table(headers, otherColumn ? rows.map((row) => [...row, ...Array<string>(7 - row.length).fill("")]) : rows, plural(rows.length, "user type"));
    for (const r of types.possibleRenames) {
      const same = [r.sameText ? "text" : "", r.sameName ? "name" : ""].filter((s) => s !== "").join(" and ");
      body += `\n> ${code(r.removed.value)} → ${code(r.added.value)}: renamed? (same ${same} and role; values identify user types, so this is a removal and an addition)\n`;
    }
    if (types.order !== null) body += `\nOrder changed: ${code(types.order.before.join(" "))} → ${code(types.order.after.join(" "))}\n`;
    section("User types", body);
    const access = [...types.added.map((t) => ["added", t] as const), ...types.removed.map((t) => ["removed", t] as const)].filter(([, t]) => t.sees !== null || t.roles.length > 0);
    if (access.length > 0) {
      const accessRows = access.map(([change, t]) => [
        `${change} ${code(t.value)} ${text(t.label === t.value ? "" : t.label)}`.trimEnd(),
        roles(t.roles),
        t.sees === null ? "" : t.sees.length === 0 ? "nothing" : t.sees.map(code).join(" "),
      ]);
      section("What added and removed user types have", table(["user type", "roles", "may see"], accessRows, plural(accessRows.length, "user type")));
    }
  }

  if (diff.userTypeRoles.length > 0) {
    const rows = diff.userTypeRoles.map((t) => [
      `${code(t.value)} ${text(t.label === t.value ? "" : t.label)}`.trimEnd(),
      t.roleBefore === t.roleAfter ? code(t.roleAfter) : arrow(code(t.roleBefore), code(t.roleAfter)),
      roles(t.gained),
      roles(t.lost),
    ]);
    section("Roles of user types (through the MRO)", table(["user type", "role", "gains", "loses"], rows, plural(rows.length, "user type")));
  }

  const r = diff.roles;
  if (r.added.length + r.removed.length + r.changed.length + r.meaningful.added.length + r.meaningful.removed.length > 0) {
    const ids = (list: readonly string[]): string => list.map(code).join(", ");
    const rows = [
      ...r.added.map((x) => [code(x.id), "added", ids(x.bases), ids(x.mro)]),
      ...r.removed.map((x) => [code(x.id), "removed", ids(x.bases), ids(x.mro)]),
      ...r.changed.map((x) => [
        code(x.id),
        x.doc === null ? "changed" : x.bases === null && x.mro === null ? "doc changed" : "changed, doc changed",
        x.bases === null ? "" : arrow(ids(x.bases.before), ids(x.bases.after)),
        x.mro === null ? "" : mroWords(x.mro.before, x.mro.after, ids),
      ]),
    ];
    let body = rows.length === 0 ? "" : table(["role", "change", "bases", "MRO"], rows, plural(rows.length, "role"));
    if (r.meaningful.added.length > 0) body += `\nUserRoles rows added: ${ids(r.meaningful.added)}\n`;
    if (r.meaningful.removed.length > 0) body += `\nUserRoles rows removed: ${ids(r.meaningful.removed)}\n`;
    section("Roles", body);
  }
  return `${out.join("\n")}\n`;
}
