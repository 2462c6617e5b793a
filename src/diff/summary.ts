/** The words every diff renderer shares: the headline and the counts line. */
import type { GrantCount, PermissionDiff } from "./types.js";

/** `1 user type`, `3 user types`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

const targets = (n: number): string => plural(n, "actor/action", "actors/actions");
const roles = (n: number): string => plural(n, "role");
const verb = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** "3 user types gain access to 5 actors/actions; 1 loses access to 2" (the object is named once). */
function phrase(gained: GrantCount, lost: GrantCount, gain: (g: GrantCount) => string, lose: (l: GrantCount, short: boolean) => string): string | undefined {
  const parts: string[] = [];
  if (gained.userTypes > 0) parts.push(gain(gained));
  if (lost.userTypes > 0) parts.push(lose(lost, parts.length > 0));
  return parts.length === 0 ? undefined : parts.join("; ");
}

/**
 * One line that says what the diff does to who may see what, e.g.
 * `3 user types gain access to 5 actors/actions; 1 loses access to 2`,
 * followed by role gains and losses, then the access that may have been
 * gained or lost (an unknown verdict) apart and, when some widening is
 * only possible, the widenings counted (`(3 widenings, 2 possible)`);
 * `No permission changes` for an empty diff.
 */
export function headline(diff: PermissionDiff): string {
  const s = diff.summary;
  if (!s.changed) return "No permission changes";
  const access = diff.applicationCompared
    ? phrase(
        s.gainedAccess,
        s.lostAccess,
        (g) => `${plural(g.userTypes, "user type")} ${verb(g.userTypes, "gains", "gain")} access to ${targets(g.items)}`,
        (l, short) =>
          short
            ? `${l.userTypes} ${verb(l.userTypes, "loses", "lose")} access to ${l.items}`
            : `${plural(l.userTypes, "user type")} ${verb(l.userTypes, "loses", "lose")} access to ${targets(l.items)}`,
      )
    : undefined;
  const role = phrase(
    s.gainedRoles,
    s.lostRoles,
    (g) => `${plural(g.userTypes, "user type")} ${verb(g.userTypes, "gains", "gain")} ${roles(g.items)}`,
    (l, short) => (short ? `${l.userTypes} ${verb(l.userTypes, "loses", "lose")} ${l.items}` : `${plural(l.userTypes, "user type")} ${verb(l.userTypes, "loses", "lose")} ${roles(l.items)}`),
  );
  // Possible changes (an unknown verdict that may be one) are counted apart from the certain ones.
  const possible = diff.applicationCompared
    ? phrase(
        s.possiblyGainedAccess,
        s.possiblyLostAccess,
        (g) => `${plural(g.userTypes, "user type")} may gain access to ${targets(g.items)}`,
        (l, short) => (short ? `${l.userTypes} may lose access to ${l.items}` : `${plural(l.userTypes, "user type")} may lose access to ${targets(l.items)}`),
      )
    : undefined;
  // The tally only where it tells something the phrases do not: some widening is only possible.
  const tally = s.possibleWidenings > 0 ? widenings(diff) : "";
  if (access === undefined && role === undefined && possible === undefined) {
    return diff.applicationCompared ? "No user type gains or loses access or roles" : "No user type gains or loses roles";
  }
  const parts = [access ?? (diff.applicationCompared ? "no user type certainly gains or loses access" : undefined), role].filter((p) => p !== undefined);
  if (possible !== undefined) parts.push(`${possible}, unknown where part of a requirement is not known`);
  const text = parts.join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${tally === "" ? "" : ` (${tally})`}`;
}

/**
 * The widenings counted, certain and possible apart: `3 widenings, 2
 * possible` (`3 widenings` when none is only possible); empty when there
 * is none. `--fail-on-widening` fails on both.
 */
export function widenings(diff: PermissionDiff): string {
  const { widenings: certain, possibleWidenings: possible } = diff.summary;
  if (certain + possible === 0) return "";
  return possible === 0 ? plural(certain, "widening") : `${plural(certain, "widening")}, ${possible} possible`;
}

/** `user types: 1 added, 2 changed · roles: 1 changed · actors/actions: 3 changed` (empty when nothing changed). */
export function countsLine(diff: PermissionDiff): string {
  const section = (name: string, counts: readonly [string, number][]): string | undefined => {
    const shown = counts.filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
    return shown.length === 0 ? undefined : `${name}: ${shown.join(", ")}`;
  };
  const t = diff.userTypes;
  const r = diff.roles;
  const sections = [
    section("user types", [
      ["added", t.added.length],
      ["removed", t.removed.length],
      ["changed", t.changed.length],
      ["reordered", t.order === null ? 0 : 1],
    ]),
    section("roles of user types", [["changed", diff.userTypeRoles.length]]),
    section("roles", [
      ["added", r.added.length],
      ["removed", r.removed.length],
      ["changed", r.changed.length],
    ]),
    section("UserRoles rows", [
      ["added", r.meaningful.added.length],
      ["removed", r.meaningful.removed.length],
    ]),
    diff.targets === null
      ? undefined
      : section("actors/actions", [
          ["added", diff.targets.added.length],
          ["removed", diff.targets.removed.length],
          ["changed", diff.targets.changed.length],
        ]),
  ];
  return sections.filter((s) => s !== undefined).join(" · ");
}
