import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import * as $rc from "../../src/runtime/index.js";
import {
  Anonymous,
  Expert,
  Explorer,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  Supervisor,
  UserRole,
  addRequirements,
  checkRequiredRoles,
  checkmro,
  hasRequiredRoles,
  loginRequired,
  type RequiredRoles,
  type RoleClass,
} from "../../src/runtime/index.js";
import { makeRole } from "./helpers.js";

const Worker = makeRole($rc, "working.Worker", [SiteUser]);
const Triager = makeRole($rc, "tickets.Triager", [UserRole]);
const Developer = makeRole($rc, "noi.Developer", [Worker, Triager]);

describe("hasRequiredRoles", () => {
  it("requires every item of the AND-collection", () => {
    expect(hasRequiredRoles(Developer, [Worker, Triager])).toBe(true);
    expect(hasRequiredRoles(Worker, [Worker, Triager])).toBe(false);
    expect(hasRequiredRoles(SiteAdmin, [SiteStaff, Supervisor, Explorer])).toBe(true);
    expect(hasRequiredRoles(SiteStaff, [SiteStaff, Supervisor])).toBe(false);
  });

  it("requires at least one member of an OR-group", () => {
    expect(hasRequiredRoles(Triager, [[Worker, Triager]])).toBe(true);
    expect(hasRequiredRoles(Worker, [[Worker, Triager]])).toBe(true);
    expect(hasRequiredRoles(Supervisor, [[Worker, Triager]])).toBe(false);
    expect(hasRequiredRoles(Developer, [SiteUser, [Anonymous, Triager]])).toBe(true);
    expect(hasRequiredRoles(Expert, [SiteUser, [Anonymous, Triager]])).toBe(false);
  });

  it("follows inheritance through every base, not only the JavaScript parent", () => {
    expect(Object.getPrototypeOf(Developer)).toBe(Worker);
    expect(hasRequiredRoles(Developer, [Triager])).toBe(true);
    expect(hasRequiredRoles(SiteAdmin, [Explorer])).toBe(true);
  });

  it("is always satisfied by an empty requirement", () => {
    expect(hasRequiredRoles(Anonymous, [])).toBe(true);
    expect(hasRequiredRoles(UserRole, [])).toBe(true);
  });

  it("accepts a role class, a role instance or a user type", () => {
    const types = $rc.defineUserTypes([
      { value: "400", names: ["developer"], text: "Developer", role: Developer, readonly: true },
    ]);
    const rr = loginRequired(Triager);
    expect(hasRequiredRoles(Developer, rr)).toBe(true);
    expect(hasRequiredRoles(new Developer(), rr)).toBe(true);
    // readonly does not matter here
    expect(hasRequiredRoles(types.developer, rr)).toBe(true);
    expect(hasRequiredRoles(types.developer, [Supervisor])).toBe(false);
  });

  it("gives the same answer on every call (cached compilation)", () => {
    const rr = loginRequired([Worker, Supervisor], SiteUser);
    for (let i = 0; i < 3; i += 1) {
      expect(hasRequiredRoles(Developer, rr)).toBe(true);
      expect(hasRequiredRoles(SiteAdmin, rr)).toBe(true);
      expect(hasRequiredRoles(Expert, rr)).toBe(false);
    }
  });

  it("validates the requirement with Lino's wording", () => {
    expect(() => hasRequiredRoles(SiteUser, [[]])).toThrow("[] (required on code) is an empty tuple");
    expect(() => hasRequiredRoles(SiteUser, [SiteUser, "x" as unknown as RoleClass])).toThrow(
      '"x" (required on code) is not a UserRole',
    );
  });

  it("judges a role class that was never defined by its mro static", () => {
    class Undefined extends SiteUser {
      static override readonly roleId: string = "loose.Undefined";
      static override readonly bases: readonly RoleClass[] = [SiteUser, Supervisor];
      static override readonly mro: readonly string[] = ["loose.Undefined", "core.SiteUser", "core.Supervisor", "core.UserRole"];
    }
    expect($rc.getRole("loose.Undefined")).toBeUndefined();
    expect(hasRequiredRoles(Undefined, [Supervisor, SiteUser])).toBe(true);
    expect(hasRequiredRoles(Undefined, [[Undefined]])).toBe(true);
    expect(hasRequiredRoles(Undefined, [Expert])).toBe(false);
    // a defined role cannot inherit from an undefined one
    expect(hasRequiredRoles(SiteAdmin, [[Undefined, Anonymous]])).toBe(false);
    expect(new Undefined() instanceof Supervisor).toBe(true);
  });

  it("notices roles defined after a requirement that named them was compiled", () => {
    class Late extends SiteUser {
      static override readonly roleId: string = "late.Late";
    }
    const rr = loginRequired([Late, Anonymous]);
    expect(hasRequiredRoles(SiteUser, rr)).toBe(false);
    $rc.defineRole(Late);
    const LateChild = makeRole($rc, "late.LateChild", [Late]);
    expect(hasRequiredRoles(LateChild, rr)).toBe(true);
    expect(hasRequiredRoles(SiteUser, rr)).toBe(false);
  });
});

describe("loginRequired and addRequirements", () => {
  it("returns [SiteUser] without arguments", () => {
    expect(loginRequired()).toEqual([SiteUser]);
    expect(Object.isFrozen(loginRequired())).toBe(true);
  });

  it("returns exactly the items given, without adding SiteUser", () => {
    const group = [Worker, Triager] as const;
    const rr = loginRequired(Supervisor, group);
    expect(rr).toEqual([Supervisor, group]);
    expect(rr[1]).toBe(group);
    expect(Object.isFrozen(rr)).toBe(true);
    expect(hasRequiredRoles(Supervisor, loginRequired(Supervisor))).toBe(true);
  });

  it("drops duplicates as Python's set does", () => {
    expect(loginRequired(Worker, Worker, Triager, Worker)).toEqual([Worker, Triager]);
    expect(loginRequired([Worker, Triager], [Worker, Triager])).toEqual([[Worker, Triager]]);
    expect(loginRequired([Worker, Triager], [Triager, Worker])).toHaveLength(2);
  });

  it("adds items to a base requirement", () => {
    const base: RequiredRoles = loginRequired();
    const rr = addRequirements(base, SiteStaff, SiteUser, [Worker, Triager]);
    expect(rr).toEqual([SiteUser, SiteStaff, [Worker, Triager]]);
    expect(Object.isFrozen(rr)).toBe(true);
    expect(base).toEqual([SiteUser]);
  });
});

describe("checkRequiredRoles", () => {
  it("accepts valid specifications, including an empty one", () => {
    expect(() => checkRequiredRoles([], "x.Y")).not.toThrow();
    expect(() => checkRequiredRoles([SiteUser, [Worker, Triager]], "x.Y")).not.toThrow();
    expect(() => checkRequiredRoles(new Set([SiteUser]), "x.Y")).not.toThrow();
  });

  it("refuses an empty OR-group", () => {
    expect(() => checkRequiredRoles([SiteUser, []], "integ.Contracts")).toThrow(
      new Error("[] (required on integ.Contracts) is an empty tuple"),
    );
  });

  it("refuses members that are not role classes, rendering them readably", () => {
    class Plain {}
    const cases: [unknown, string][] = [
      [["core.SiteUser"], '"core.SiteUser" (required on a.B) is not a UserRole'],
      [[undefined], "undefined (required on a.B) is not a UserRole"],
      [[SiteUser, [Worker, 42]], "42 (required on a.B) is not a UserRole"],
      [[Plain], "Plain (required on a.B) is not a UserRole"],
      [[[SiteUser, null]], "null (required on a.B) is not a UserRole"],
      [[[[SiteUser]]], "[core.SiteUser] (required on a.B) is not a UserRole"],
      [[new SiteUser()], "{} (required on a.B) is not a UserRole"],
    ];
    for (const [spec, message] of cases) {
      expect(() => checkRequiredRoles(spec, "a.B")).toThrow(new Error(message));
    }
  });

  it("refuses a top level that is not a collection", () => {
    expect(() => checkRequiredRoles("core.SiteUser", "a.B")).toThrow(
      new Error('"core.SiteUser" (required on a.B) is not iterable'),
    );
    expect(() => checkRequiredRoles(SiteUser, "a.B")).toThrow(new Error("core.SiteUser (required on a.B) is not iterable"));
    expect(() => checkRequiredRoles(undefined, "a.B")).toThrow(new Error("undefined (required on a.B) is not iterable"));
  });
});

interface MroCase {
  roles: { id: string; bases: string[] }[];
  target: string;
  error: boolean;
  mro?: string[];
  checkmro_args: string[];
  checkmro: string[];
}

const mroExamples = JSON.parse(
  readFileSync(new URL("../fixtures/lino/mro_examples.json", import.meta.url), "utf8"),
) as { cases: MroCase[] };

describe("checkmro", () => {
  it("explains the conflict of SiteUser and Expert", () => {
    expect(checkmro(SiteUser, Expert)).toEqual(["core.Expert inherits core.SiteUser is already in core.SiteUser"]);
  });

  it("finds nothing for SiteAdmin's bases", () => {
    expect(checkmro(SiteStaff, Supervisor, Explorer)).toEqual([]);
  });

  it("reports a shared ancestor of siblings", () => {
    const A = makeRole($rc, "a.A", [UserRole]);
    const B = makeRole($rc, "b.B", [A]);
    const C = makeRole($rc, "c.C", [A]);
    expect(checkmro(B, C)).toEqual(["c.C inherits a.A is already in b.B"]);
  });

  it("reports both classes of AB and BA", () => {
    const A = makeRole($rc, "m.A", [UserRole]);
    const B = makeRole($rc, "m.B", [UserRole]);
    const AB = makeRole($rc, "x.AB", [A, B]);
    const BA = makeRole($rc, "x.BA", [B, A]);
    expect(checkmro(AB, BA)).toEqual(["x.BA inherits m.B is already in x.AB", "x.BA inherits m.A is already in x.AB"]);
  });

  // Every case of fixtures/lino/mro_examples.json, each in a fresh runtime so that ids don't clash.
  for (const [index, example] of mroExamples.cases.entries()) {
    it(`agrees with mro_examples.json case ${index + 1} (${example.target})`, async () => {
      vi.resetModules();
      const rc = await import("../../src/runtime/index.js");
      const roles = new Map<string, RoleClass>();
      const defineFromFixture = (id: string): RoleClass => {
        const known = roles.get(id) ?? rc.getRole(id);
        if (known !== undefined) return known;
        const spec = example.roles.find((role) => role.id === id);
        if (spec === undefined) throw new Error(`fixture has no role ${id}`);
        const role = makeRole(rc, id, spec.bases.map(defineFromFixture));
        roles.set(id, role);
        return role;
      };
      for (const role of example.roles) if (role.id !== example.target) defineFromFixture(role.id);
      if (example.error) {
        expect(() => defineFromFixture(example.target)).toThrow("Cannot create a consistent method resolution order (MRO)");
      } else {
        expect(defineFromFixture(example.target).mro).toEqual(example.mro);
      }
      expect(rc.checkmro(...example.checkmro_args.map(defineFromFixture))).toEqual(example.checkmro);
    });
  }
});

describe("requirements compiled when built", () => {
  it("are arrays to every reader, and what they derive is a plain array", () => {
    const required = loginRequired(Worker, [Triager, Developer]);
    expect(Array.isArray(required)).toBe(true);
    expect(Object.isFrozen(required)).toBe(true);
    expect(JSON.stringify(required.map((item) => (Array.isArray(item) ? item.map((r: RoleClass) => r.roleId) : (item as RoleClass).roleId)))).toBe(
      '["working.Worker",["tickets.Triager","noi.Developer"]]',
    );
    expect(Object.getPrototypeOf(required.map((x) => x))).toBe(Array.prototype);
    expect(Object.getPrototypeOf(required.slice())).toBe(Array.prototype);
    expect(Object.keys(required)).toEqual(["0", "1"]);
    expect([...required]).toEqual([Worker, [Triager, Developer]]);
  });

  it("answer for user types like the reference semantics, through the compiled code", () => {
    const types = $rc.defineUserTypes([
      { value: "100", names: ["worker"], text: "Worker", role: Worker },
      { value: "200", names: ["dev"], text: "Developer", role: Developer },
    ]);
    const required = loginRequired(Worker, [Triager, Supervisor]);
    expect(hasRequiredRoles(types.worker, required)).toBe(false);
    expect(hasRequiredRoles(types.dev, required)).toBe(true);
    expect(types.dev.hasRequiredRoles(required)).toBe(true);
    expect(hasRequiredRoles(types.worker, loginRequired(Worker))).toBe(true);
  });

  it("that name a role defined later are compiled on first use, and again once it is defined", () => {
    const Later = class extends Worker {
      static override readonly roleId: string = "later.Later";
      static override readonly bases: readonly RoleClass[] = [Worker];
      static override readonly mro: readonly string[] = ["later.Later", ...Worker.mro];
    };
    const required = loginRequired(Later);
    expect(hasRequiredRoles(Worker, required)).toBe(false);
    $rc.defineRole(Later);
    expect(hasRequiredRoles(Later, required)).toBe(true);
    const types = $rc.defineUserTypes([{ value: "300", names: ["later"], text: "Later", role: Later }]);
    expect(hasRequiredRoles(types.later, required)).toBe(true);
  });

  it("answer right whether their masks are inline (in any word) or their checks run the code", () => {
    const wide = Array.from({ length: 40 }, (_, i) => makeRole($rc, `wide.Role${i}`, [SiteUser]));
    const hidden = (required: RequiredRoles, name: string): unknown =>
      (required as unknown as Record<symbol, unknown>)[Object.getOwnPropertySymbols(required).find((key) => key.description === name)!];
    const orOverTwoWords = loginRequired([wide[0]!, wide[39]!]);
    const inlineBeyondFirstWord = loginRequired(wide[39]!, SiteUser, [wide[38]!, wide[37]!]);
    const fourItems = loginRequired(Worker, Triager, Supervisor, Explorer);
    expect(hidden(inlineBeyondFirstWord, "rolecraft.m0")).toEqual(expect.any(Number)); // inline…
    expect(hidden(inlineBeyondFirstWord, "rolecraft.w0")).not.toBe(0); // …in a word beyond the first
    expect(hidden(orOverTwoWords, "rolecraft.m0")).toBeUndefined(); // runs its code
    expect(hidden(fourItems, "rolecraft.m0")).toBeUndefined();
    expect(hasRequiredRoles(wide[39]!, orOverTwoWords)).toBe(true);
    expect(hasRequiredRoles(wide[0]!, orOverTwoWords)).toBe(true);
    expect(hasRequiredRoles(wide[1]!, orOverTwoWords)).toBe(false);
    const Both = makeRole($rc, "wide.Both", [wide[39]!, wide[37]!]);
    expect(hasRequiredRoles(Both, inlineBeyondFirstWord)).toBe(true);
    expect(hasRequiredRoles(wide[39]!, inlineBeyondFirstWord)).toBe(false);
    expect(hasRequiredRoles(wide[38]!, inlineBeyondFirstWord)).toBe(false);
    expect(hasRequiredRoles(Developer, fourItems)).toBe(false);
    expect(hasRequiredRoles(SiteAdmin, fourItems)).toBe(false);
  });

  it("that are invalid still fail where they are used, not where they are built", () => {
    const required = loginRequired("not a role" as unknown as RoleClass);
    expect(() => hasRequiredRoles(Worker, required)).toThrow();
  });
});
