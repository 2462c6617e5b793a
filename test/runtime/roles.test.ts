import { describe, expect, it } from "vitest";
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
  defineRole,
  getRole,
  isRoleClass,
  isSubclass,
  type RoleClass,
} from "../../src/runtime/index.js";
import { makeRole } from "./helpers.js";

// Exactly the shape the code generator emits (SPEC §5).
class OfficeUser extends $rc.UserRole {
  static override readonly roleId: string = "office.OfficeUser";
  static override readonly bases: readonly $rc.RoleClass[] = [$rc.UserRole];
  static override readonly mro: readonly string[] = ["office.OfficeUser", "core.UserRole"];
  static {
    $rc.defineRole(this);
  }
}

/** A customer. */
class Customer extends $rc.SiteUser {
  static override readonly roleId: string = "noi.Customer";
  static override readonly bases: readonly $rc.RoleClass[] = [$rc.SiteUser, OfficeUser];
  static override readonly mro: readonly string[] = ["noi.Customer", "core.SiteUser", "office.OfficeUser", "core.UserRole"];
  static {
    $rc.defineRole(this);
  }
}

describe("core roles", () => {
  it("have Lino's ids, bases and C3 MROs", () => {
    const expected: [RoleClass, string, RoleClass[], string[]][] = [
      [UserRole, "core.UserRole", [], ["core.UserRole"]],
      [Anonymous, "core.Anonymous", [UserRole], ["core.Anonymous", "core.UserRole"]],
      [SiteUser, "core.SiteUser", [UserRole], ["core.SiteUser", "core.UserRole"]],
      [Expert, "core.Expert", [SiteUser], ["core.Expert", "core.SiteUser", "core.UserRole"]],
      [SiteStaff, "core.SiteStaff", [Expert], ["core.SiteStaff", "core.Expert", "core.SiteUser", "core.UserRole"]],
      [Supervisor, "core.Supervisor", [UserRole], ["core.Supervisor", "core.UserRole"]],
      [Explorer, "core.Explorer", [UserRole], ["core.Explorer", "core.UserRole"]],
      [
        SiteAdmin,
        "core.SiteAdmin",
        [SiteStaff, Supervisor, Explorer],
        ["core.SiteAdmin", "core.SiteStaff", "core.Expert", "core.SiteUser", "core.Supervisor", "core.Explorer", "core.UserRole"],
      ],
    ];
    for (const [role, id, bases, mro] of expected) {
      expect(role.roleId).toBe(id);
      expect(role.bases).toEqual(bases);
      expect(role.mro).toEqual(mro);
      expect(getRole(id)).toBe(role);
    }
  });

  it("follow the whole MRO in instanceof, though JavaScript extends only the first base", () => {
    const admin = new SiteAdmin();
    expect(Object.getPrototypeOf(SiteAdmin)).toBe(SiteStaff);
    for (const role of [SiteAdmin, SiteStaff, Expert, SiteUser, Supervisor, Explorer, UserRole]) {
      expect(admin instanceof role, role.roleId).toBe(true);
    }
    expect(admin instanceof Anonymous).toBe(false);
    expect(new Supervisor() instanceof SiteAdmin).toBe(false);
    expect(new SiteUser() instanceof Expert).toBe(false);
  });

  it("keep ordinary instanceof for objects that are not roles", () => {
    expect({} instanceof UserRole).toBe(false);
    const nothing: unknown = null;
    expect(nothing instanceof SiteUser).toBe(false);
    expect(Object.create(null) instanceof SiteUser).toBe(false);
    expect(SiteUser.prototype instanceof UserRole).toBe(true);
    expect(new Date() instanceof Date).toBe(true);
  });

  it("narrows types with instanceof", () => {
    const role: UserRole = new SiteAdmin();
    if (role instanceof Supervisor) {
      const narrowed: Supervisor = role;
      expect(narrowed).toBe(role);
    } else {
      expect.unreachable("SiteAdmin is a Supervisor");
    }
  });

  it("answer hasRequiredRoles and satisfiesRequirement on instances", () => {
    const admin = new SiteAdmin();
    expect(admin.hasRequiredRoles([Supervisor, Explorer])).toBe(true);
    expect(admin.satisfiesRequirement([Anonymous])).toBe(false);
    expect(new Expert().hasRequiredRoles([[Supervisor, SiteUser]])).toBe(true);
  });
});

describe("roles defined like generated code", () => {
  it("registers a role with two bases and follows both", () => {
    expect(getRole("noi.Customer")).toBe(Customer);
    const customer = new Customer();
    expect(customer instanceof SiteUser).toBe(true);
    expect(customer instanceof OfficeUser).toBe(true);
    expect(customer instanceof UserRole).toBe(true);
    expect(customer instanceof Expert).toBe(false);
    expect(isSubclass(Customer, OfficeUser)).toBe(true);
    expect(isSubclass(OfficeUser, Customer)).toBe(false);
    expect($rc.hasRequiredRoles(Customer, [OfficeUser, SiteUser])).toBe(true);
  });

  it("is harmless to define twice", () => {
    expect(defineRole(Customer)).toBe(Customer);
    expect(getRole("noi.Customer")).toBe(Customer);
  });

  it("refuses a second class with a taken id", () => {
    expect(() => makeRole($rc, "noi.Customer", [SiteUser])).toThrow(
      'defineRole: role id "noi.Customer" is already defined by another class',
    );
    expect(getRole("noi.Customer")).toBe(Customer);
  });

  it("treats same-named roles of different modules as different roles", () => {
    const avantiStaff = makeRole($rc, "avanti.SiteStaff", [SiteUser]);
    expect(isSubclass(SiteAdmin, avantiStaff)).toBe(false);
    expect(new SiteAdmin() instanceof avantiStaff).toBe(false);
    expect(new avantiStaff() instanceof SiteStaff).toBe(false);
  });

  it("computes bases and MRO when a hand-written role omits them", () => {
    class Reader extends SiteUser {
      static override readonly roleId: string = "hand.Reader";
      static {
        defineRole(this);
      }
    }
    expect(Reader.bases).toEqual([SiteUser]);
    expect(Reader.mro).toEqual(["hand.Reader", "core.SiteUser", "core.UserRole"]);
    expect(new Reader() instanceof SiteUser).toBe(true);
  });

  it("refuses a declared MRO that is not the C3 linearization of the bases", () => {
    expect(() => makeRole($rc, "bad.WrongOrder", [SiteUser, OfficeUser], ["bad.WrongOrder", "office.OfficeUser", "core.SiteUser", "core.UserRole"])).toThrow(
      /declares the MRO .* but the C3 linearization of its bases is \["bad.WrongOrder", "core.SiteUser", "office.OfficeUser", "core.UserRole"\]/,
    );
    expect(getRole("bad.WrongOrder")).toBeUndefined();
  });

  it("refuses a hierarchy without a consistent MRO and explains it with checkmro", () => {
    expect(() => makeRole($rc, "bad.Mixed", [SiteUser, Expert])).toThrow(
      "Cannot create a consistent method resolution order (MRO) for bad.Mixed (bases core.SiteUser, core.Expert): " +
        "core.Expert inherits core.SiteUser is already in core.SiteUser",
    );
  });

  it("refuses a class that does not extend its first base", () => {
    class Stray extends UserRole {
      static override readonly roleId: string = "bad.Stray";
      static override readonly bases: readonly RoleClass[] = [SiteUser];
    }
    expect(() => defineRole(Stray)).toThrow("defineRole: bad.Stray must extend its first base core.SiteUser");
  });

  it("refuses a class without its own roleId, a malformed id, a duplicate base and a base that is no role", () => {
    class NoId extends SiteUser {}
    expect(() => defineRole(NoId)).toThrow('class "NoId" must declare its own static roleId');
    class Malformed extends SiteUser {
      static override readonly roleId: string = "NoModule";
    }
    expect(() => defineRole(Malformed)).toThrow('role id "NoModule" is not of the form "<module>.<Name>"');
    class Twice extends SiteUser {
      static override readonly roleId: string = "bad.Twice";
      static override readonly bases: readonly RoleClass[] = [SiteUser, SiteUser];
    }
    expect(() => defineRole(Twice)).toThrow("duplicate base class core.SiteUser in bad.Twice");
    class NotARole {}
    class WithForeignBase extends SiteUser {
      static override readonly roleId: string = "bad.WithForeignBase";
      static override readonly bases: readonly RoleClass[] = [SiteUser, NotARole as unknown as RoleClass];
    }
    expect(() => defineRole(WithForeignBase)).toThrow("base NotARole of bad.WithForeignBase is not a UserRole");
  });

  it("defines bases that were never defined before the role itself", () => {
    class Lazy extends SiteUser {
      static override readonly roleId: string = "lazy.Lazy";
    }
    class UsesLazy extends Lazy {
      static override readonly roleId: string = "lazy.UsesLazy";
      static override readonly bases: readonly RoleClass[] = [Lazy, Supervisor];
      static {
        defineRole(this);
      }
    }
    expect(getRole("lazy.Lazy")).toBe(Lazy);
    expect(UsesLazy.mro).toEqual(["lazy.UsesLazy", "lazy.Lazy", "core.SiteUser", "core.Supervisor", "core.UserRole"]);
  });

  it("tells role classes from other values", () => {
    expect(isRoleClass(SiteAdmin)).toBe(true);
    expect(isRoleClass(UserRole)).toBe(true);
    expect(isRoleClass(class {})).toBe(false);
    expect(isRoleClass("core.SiteUser")).toBe(false);
    expect(isRoleClass(new SiteUser())).toBe(false);
  });

  it("lists the user types that have a role with getUserProfiles", () => {
    const types = $rc.defineUserTypes([
      { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true },
      { value: "100", names: ["customer"], text: "Customer", role: Customer },
      { value: "200", text: "Clerk", role: OfficeUser },
      { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin },
    ]);
    expect(OfficeUser.getUserProfiles().map((t) => t.value)).toEqual(["100", "200"]);
    expect(SiteUser.getUserProfiles()).toEqual([types.customer, types.admin]);
    expect(UserRole.getUserProfiles()).toHaveLength(4);
    expect(Supervisor.getUserProfiles()).toEqual([types.admin]);
    $rc.setCurrentUserTypes(undefined);
    expect(SiteUser.getUserProfiles()).toEqual([]);
  });
});
