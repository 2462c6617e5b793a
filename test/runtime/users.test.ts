import { describe, expect, it } from "vitest";
import {
  Anonymous,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  Supervisor,
  canActAs,
  canSignIn,
  defineUserTypes,
  getActiveUsers,
  type User,
} from "../../src/runtime/index.js";

const UserTypes = defineUserTypes([
  { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true },
  { value: "100", names: ["user"], text: "User", role: SiteUser },
  { value: "200", names: ["staff"], text: "Staff", role: SiteStaff },
  { value: "800", names: ["supervisor"], text: "Supervisor", role: Supervisor },
  { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin },
]);

interface Person extends User {
  readonly id: number;
}

// As in Lino's users spec: three site administrators, four other users.
const robin: Person = { id: 1, username: "robin", userType: UserTypes.admin, language: "en" };
const rolf: Person = { id: 2, username: "rolf", userType: UserTypes.admin, language: "de" };
const romain: Person = { id: 3, username: "romain", userType: UserTypes.admin, language: "fr" };
const marc: Person = { id: 4, username: "marc", userType: UserTypes.user, language: "en" };
const mathieu: Person = { id: 5, username: "mathieu", userType: UserTypes.staff, language: "en" };
const luc: Person = { id: 6, username: "luc", userType: UserTypes.user, language: "en", startDate: "2024-01-01" };
const jean: Person = { id: 7, username: "jean", userType: UserTypes.supervisor, language: "en", endDate: new Date(2030, 0, 1) };
const noType: Person = { id: 8, username: "ghost", userType: null, language: "en" };
const noName: Person = { id: 9, username: "", userType: UserTypes.user, language: "en" };
const left: Person = { id: 10, username: "gone", userType: UserTypes.user, language: "en", endDate: "2020-12-31" };
const future: Person = { id: 11, username: "soon", userType: UserTypes.admin, startDate: "2099-01-01" };
const everybody = [jean, luc, marc, mathieu, romain, rolf, robin, noType, noName, left, future];
const today = new Date(2025, 5, 15);
const ids = (users: readonly Person[]) => users.map((u) => u.id);

describe("canSignIn", () => {
  it("needs a username and a user type", () => {
    expect(canSignIn(marc, today)).toBe(true);
    expect(canSignIn(noType, today)).toBe(false);
    expect(canSignIn(noName, today)).toBe(false);
    expect(canSignIn({ userType: UserTypes.user }, today)).toBe(false);
  });

  it("needs today within [startDate, endDate], both inclusive", () => {
    const user: User = { username: "x", userType: UserTypes.user, startDate: "2025-06-15", endDate: new Date(2025, 5, 20, 23, 59) };
    expect(canSignIn(user, new Date(2025, 5, 14, 23, 59))).toBe(false);
    expect(canSignIn(user, new Date(2025, 5, 15, 0, 0))).toBe(true);
    expect(canSignIn(user, "2025-06-20")).toBe(true);
    expect(canSignIn(user, new Date(2025, 5, 20, 0, 1))).toBe(true);
    expect(canSignIn(user, "2025-06-21")).toBe(false);
    expect(canSignIn(left, today)).toBe(false);
    expect(canSignIn(future, today)).toBe(false);
  });

  it("uses the real date by default", () => {
    expect(canSignIn(marc)).toBe(true);
    expect(canSignIn(future)).toBe(false);
  });

  it("refuses malformed dates", () => {
    expect(() => canSignIn({ ...marc, startDate: "15.06.2025" }, today)).toThrow('startDate "15.06.2025" is not a date of the form "YYYY-MM-DD"');
    expect(() => canSignIn({ ...marc, endDate: "2025-02-30" }, today)).toThrow("endDate");
    expect(() => canSignIn({ ...marc, endDate: new Date(Number.NaN) }, today)).toThrow("is not a valid date");
  });
});

describe("getActiveUsers", () => {
  it("keeps the users that can sign in, in input order", () => {
    expect(ids(getActiveUsers(everybody, { today }))).toEqual([7, 6, 4, 5, 3, 2, 1]);
    expect(ids(getActiveUsers(everybody, { today: "2023-06-15" }))).toEqual([7, 4, 5, 3, 2, 1]);
  });

  it("keeps only users whose type satisfies requiredRoles", () => {
    expect(ids(getActiveUsers(everybody, { today, requiredRoles: [SiteAdmin] }))).toEqual([3, 2, 1]);
    expect(ids(getActiveUsers(everybody, { today, requiredRoles: [[SiteStaff, Supervisor]] }))).toEqual([7, 5, 3, 2, 1]);
  });

  it("drops users whose type satisfies unwantedRoles, unless that is empty", () => {
    expect(ids(getActiveUsers(everybody, { today, unwantedRoles: [SiteAdmin] }))).toEqual([7, 6, 4, 5]);
    expect(ids(getActiveUsers(everybody, { today, unwantedRoles: [] }))).toEqual([7, 6, 4, 5, 3, 2, 1]);
    expect(ids(getActiveUsers(everybody, { today, requiredRoles: [SiteUser], unwantedRoles: [SiteStaff] }))).toEqual([6, 4]);
  });

  it("keeps only users speaking the language, if given", () => {
    expect(ids(getActiveUsers(everybody, { today, language: "en" }))).toEqual([7, 6, 4, 5, 1]);
    expect(ids(getActiveUsers(everybody, { today, language: "fr", requiredRoles: [SiteAdmin] }))).toEqual([3]);
  });

  it("accepts any iterable", () => {
    expect(ids(getActiveUsers(new Set([robin, noType]), { today }))).toEqual([1]);
  });
});

describe("canActAs", () => {
  const authorities = [
    { user: marc, authorized: luc }, // marc lets luc act in his name
  ];

  it("lets every user act as themselves", () => {
    expect(canActAs(marc, marc)).toBe(true);
  });

  it("lets users whose type has core.Supervisor act as anybody", () => {
    expect(canActAs(jean, marc)).toBe(true);
    expect(canActAs(robin, luc)).toBe(true);
    expect(canActAs(mathieu, marc)).toBe(false);
  });

  it("lets others act only as users who gave them an authority", () => {
    expect(canActAs(luc, marc, authorities)).toBe(true);
    expect(canActAs(marc, luc, authorities)).toBe(false);
    expect(canActAs(luc, marc)).toBe(false);
    expect(canActAs(mathieu, marc, authorities)).toBe(false);
    expect(canActAs(noType, marc, authorities)).toBe(false);
  });
});
