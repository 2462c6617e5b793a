/**
 * Users as plain objects (there is no database): who can sign in, who is
 * active, who may act as whom.
 */
import { Supervisor } from "./core-roles.js";
import { renderValue } from "./render-value.js";
import type { RequiredRoles } from "./requirements.js";
import type { UserType } from "./user-types.js";

/** A user record. Dates are `Date` objects or ISO strings `"YYYY-MM-DD"`. */
export interface User {
  username?: string | null | undefined;
  userType?: UserType | null | undefined;
  /** First day the user may sign in (inclusive). */
  startDate?: Date | string | null | undefined;
  /** Last day the user may sign in (inclusive). */
  endDate?: Date | string | null | undefined;
  language?: string | null | undefined;
}

/** An authority: `user` (the author) lets `authorized` act in their name. */
export interface Authority {
  readonly user: User;
  readonly authorized: User;
}

/** Options of {@link getActiveUsers}. */
export interface ActiveUsersOptions {
  /** Keep only users whose type satisfies these roles. */
  requiredRoles?: RequiredRoles | undefined;
  /** Drop users whose type satisfies these roles (ignored when empty). */
  unwantedRoles?: RequiredRoles | undefined;
  /** Keep only users speaking this language. */
  language?: string | undefined;
  /** The day to check start and end dates against (default: today). */
  today?: Date | string | undefined;
}

const SUPERVISOR_REQUIRED: RequiredRoles = Object.freeze([Supervisor]);

/**
 * A calendar day as a comparable number `yyyymmdd`. A `Date` is taken in
 * local time (as `new Date()` for "today" is); a string must be `YYYY-MM-DD`
 * and is taken as written, never shifted by a time zone.
 */
function calendarDay(date: Date | string, what: string): number {
  if (typeof date === "string") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const [year, month, day] = match === null ? [NaN, NaN, NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (match === null || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
      throw new Error(`${what} ${renderValue(date)} is not a date of the form "YYYY-MM-DD"`);
    }
    return year * 10000 + month * 100 + day;
  }
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Error(`${what} ${renderValue(date)} is not a valid date`);
  }
  return date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate();
}

/**
 * True when the user can sign in: a non-empty username, a user type, and
 * `today` within `[startDate, endDate]` (each optional, both inclusive,
 * compared as calendar dates).
 */
export function canSignIn(user: User, today: Date | string = new Date()): boolean {
  return canSignInOn(user, calendarDay(today, "today"));
}

function canSignInOn(user: User, day: number): boolean {
  if (user.username === undefined || user.username === null || user.username === "") return false;
  if (user.userType === undefined || user.userType === null) return false;
  if (user.startDate !== undefined && user.startDate !== null && calendarDay(user.startDate, "startDate") > day) {
    return false;
  }
  if (user.endDate !== undefined && user.endDate !== null && calendarDay(user.endDate, "endDate") < day) {
    return false;
  }
  return true;
}

/**
 * The users that can sign in ({@link canSignIn}), whose type satisfies
 * `requiredRoles` (if given), does not satisfy `unwantedRoles` (if given and
 * not empty) and, if `language` is given, who speak it. Keeps the input order.
 */
export function getActiveUsers<U extends User>(users: Iterable<U>, options: ActiveUsersOptions = {}): U[] {
  const day = calendarDay(options.today ?? new Date(), "today");
  const { requiredRoles, unwantedRoles, language } = options;
  const result: U[] = [];
  for (const user of users) {
    if (!canSignInOn(user, day)) continue;
    const userType = user.userType;
    if (userType === undefined || userType === null) continue;
    if (requiredRoles !== undefined && !userType.hasRequiredRoles(requiredRoles)) continue;
    if (unwantedRoles !== undefined && unwantedRoles.length > 0 && userType.hasRequiredRoles(unwantedRoles)) continue;
    if (language !== undefined && user.language !== language) continue;
    result.push(user);
  }
  return result;
}

/**
 * True when `user` may act as `other`: the same user, or `user`'s type has
 * `core.Supervisor`, or `other` gave `user` an authority (an entry with
 * `user === other` and `authorized === user`).
 */
export function canActAs(user: User, other: User, authorities: Iterable<Authority> = []): boolean {
  if (user === other) return true;
  if (user.userType?.hasRequiredRoles(SUPERVISOR_REQUIRED) === true) return true;
  for (const authority of authorities) {
    if (authority.user === other && authority.authorized === user) return true;
  }
  return false;
}
