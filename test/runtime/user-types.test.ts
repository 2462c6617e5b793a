import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  Anonymous,
  Expert,
  RESERVED_USER_TYPE_NAMES,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  Supervisor,
  UserType,
  UserTypes,
  defineUserTypes,
  getCurrentUserTypes,
  loginRequired,
  setCurrentUserTypes,
  visibleFor,
} from "../../src/runtime/index.js";
import { IntegUser, LedgerUser, OfficeUser, SocialCoordinator, defineWelfareUserTypes } from "./welfare.js";

function coreUserTypes() {
  return defineUserTypes([
    { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true, attributes: { authenticated: false } },
    { value: "100", names: ["customer", "user"], text: "Customer", role: SiteUser, maskNotifications: ["comment"] },
    { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin, hiddenLanguages: ["de", "fr"] },
  ]);
}

describe("defineUserTypes", () => {
  it("gives one typed accessor per name", () => {
    const types = coreUserTypes();
    // @ts-expect-error no user type is named "developer"
    expect(types.developer).toBeUndefined();
    expect(types.admin.value).toBe("900");
    expect(types.customer).toBe(types.user);
    expect(types.anonymous.text).toBe("Anonymous");
    expect(Object.isFrozen(types)).toBe(true);
    expect(() => {
      Object.assign(types, { admin: types.anonymous });
    }).toThrow(TypeError);
  });

  it("keeps the declaration order and looks up by value and name", () => {
    const types = defineUserTypes([
      { value: "900", names: ["admin"], text: "Administrator", role: SiteAdmin },
      { value: "100", names: ["user"], text: "User", role: SiteUser },
      { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous },
    ]);
    expect(types.items().map((t) => t.value)).toEqual(["900", "100", "000"]);
    expect([...types].map((t) => t.value)).toEqual(["900", "100", "000"]);
    expect(types.size).toBe(3);
    expect(types.getByValue("100")).toBe(types.user);
    expect(types.getByValue("101")).toBeUndefined();
    expect(types.getByName("admin")).toBe(types.admin);
    expect(types.getByName("nobody")).toBeUndefined();
    expect(types.getByName("toString")).toBeUndefined();
    expect(types.getAnonymousUser()).toBe(types.anonymous);
  });

  it("fills every attribute of a user type", () => {
    const types = coreUserTypes();
    const customer = types.customer;
    expect(customer.names).toEqual(["customer", "user"]);
    expect(customer.name).toBe("customer");
    expect(customer.label).toBe("customer");
    expect(customer.text).toBe("Customer");
    expect(String(customer)).toBe("Customer");
    expect(customer.readonly).toBe(false);
    expect(customer.roleClass).toBe(SiteUser);
    expect(customer.role).toBeInstanceOf(SiteUser);
    expect(customer.role.constructor).toBe(SiteUser);
    expect(customer.maskNotifications.has("comment")).toBe(true);
    expect(customer.hiddenLanguages).toEqual([]);
    expect(types.admin.hiddenLanguages).toEqual(["de", "fr"]);
    expect(types.admin.role instanceof Supervisor).toBe(true);
    expect(types.anonymous.readonly).toBe(true);
    expect(types.anonymous.attributes).toEqual({ authenticated: false });
    expect(types.admin.attributes).toEqual({});
  });

  it("labels a type without names by its value", () => {
    const types = defineUserTypes([{ value: "100", text: "User", role: SiteUser }]);
    const only = types.getByValue("100");
    expect(only?.name).toBeUndefined();
    expect(only?.label).toBe("100");
    expect(types.getAnonymousUser()).toBeUndefined();
  });

  it("splits a string of names on whitespace, as Lino does", () => {
    const types = new UserTypes([
      { value: "100", names: "customer  user" as unknown as string[], text: "Customer", role: SiteUser },
    ]);
    expect(types.getByName("user")?.names).toEqual(["customer", "user"]);
  });

  it("refuses duplicate values and names, naming the duplicate", () => {
    expect(() =>
      defineUserTypes([
        { value: "100", text: "A", role: SiteUser },
        { value: "100", text: "B", role: SiteUser },
      ]),
    ).toThrow('duplicate user type value "100"');
    expect(() =>
      defineUserTypes([
        { value: "100", names: ["user"], text: "A", role: SiteUser },
        { value: "200", names: ["staff", "user"], text: "B", role: SiteStaff },
      ]),
    ).toThrow('duplicate user type name "user" (values "100" and "200")');
  });

  it("refuses reserved names and names that are not identifiers", () => {
    for (const name of ["items", "size", "getByName", "constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"]) {
      expect(RESERVED_USER_TYPE_NAMES).toContain(name);
      expect(() => defineUserTypes([{ value: "1", names: [name], text: "X", role: SiteUser }]), name).toThrow(
        `user type "1": name "${name}" is reserved (a member of UserTypes)`,
      );
    }
    expect(() => defineUserTypes([{ value: "1", names: ["two words"], text: "X", role: SiteUser }])).toThrow(
      'user type "1": name "two words" is not an identifier',
    );
    expect(() => defineUserTypes([{ value: "", text: "X", role: SiteUser }])).toThrow("must be a non-empty string");
  });

  it("lists every member of a UserTypes object as reserved", () => {
    const types = coreUserTypes();
    for (let proto: object | null = Object.getPrototypeOf(types); proto !== null; proto = Object.getPrototypeOf(proto)) {
      for (const member of Object.getOwnPropertyNames(proto)) expect(RESERVED_USER_TYPE_NAMES).toContain(member);
    }
    expect(RESERVED_USER_TYPE_NAMES).not.toContain("admin");
    expect([...RESERVED_USER_TYPE_NAMES]).toEqual([...RESERVED_USER_TYPE_NAMES].sort());
  });

  it("refuses a role that is not a role class", () => {
    expect(() => defineUserTypes([{ value: "1", text: "X", role: Date as never }])).toThrow('user type "1": role Date is not a UserRole');
  });

  it("makes the most recent list the current one", () => {
    const first = coreUserTypes();
    expect(getCurrentUserTypes()).toBe(first);
    const second = defineWelfareUserTypes();
    expect(getCurrentUserTypes()).toBe(second);
    setCurrentUserTypes(first);
    expect(getCurrentUserTypes()).toBe(first);
  });

  it("asks the role in hasRequiredRoles and ignores readonly", () => {
    const types = coreUserTypes();
    expect(types.anonymous.hasRequiredRoles([])).toBe(true);
    expect(types.anonymous.hasRequiredRoles(loginRequired())).toBe(false);
    expect(types.admin.hasRequiredRoles([Expert, Supervisor])).toBe(true);
    const readonlyAdmin = new UserType({ value: "910", text: "Auditor", role: SiteAdmin, readonly: true });
    expect(readonlyAdmin.hasRequiredRoles([SiteStaff])).toBe(true);
  });
});

describe("visibleFor", () => {
  it("lists Lino Welfare's user types that satisfy an OR-group", () => {
    const types = defineWelfareUserTypes();
    expect(visibleFor(loginRequired([IntegUser, SocialCoordinator]), { userTypes: types })).toBe(
      "100 110 120 210 400 410 420 admin 910",
    );
    // the current list is the default
    expect(visibleFor(loginRequired([IntegUser, SocialCoordinator]))).toBe("100 110 120 210 400 410 420 admin 910");
  });

  it('says "all" when every type (anonymous included) may see it, "nobody" when none may', () => {
    const types = defineWelfareUserTypes();
    expect(visibleFor([], { userTypes: types })).toBe("all");
    expect(visibleFor(loginRequired(), { userTypes: types })).toBe(
      "100 110 120 200 210 300 400 410 420 500 510 800 admin 910",
    );
    expect(visibleFor([Anonymous, SiteUser], { userTypes: types })).toBe("nobody");
  });

  it("refuses readonly types things that are not readonly", () => {
    const types = defineWelfareUserTypes();
    expect(visibleFor([SiteAdmin], { userTypes: types })).toBe("admin 910");
    expect(visibleFor([SiteAdmin], { userTypes: types, readonly: false })).toBe("admin");
    expect(visibleFor([], { userTypes: types, readonly: false })).toBe(
      "100 110 120 200 210 300 400 410 420 500 510 800 admin",
    );
    expect(visibleFor([[LedgerUser, OfficeUser]], { userTypes: types, readonly: false })).toBe(
      "100 110 120 200 400 410 420 500 510 admin",
    );
  });

  it("needs a user types list", () => {
    setCurrentUserTypes(undefined);
    expect(() => visibleFor([])).toThrow("no user types defined");
  });
});

describe("UserType.context", () => {
  it("sets the current user type for the duration of a function", () => {
    const types = coreUserTypes();
    expect(UserType.current()).toBeUndefined();
    const seen = types.admin.context(() => {
      const inner = types.anonymous.context(() => UserType.current());
      return [UserType.current(), inner];
    });
    expect(seen).toEqual([types.admin, types.anonymous]);
    expect(UserType.current()).toBeUndefined();
  });

  it("keeps concurrent async contexts apart", async () => {
    const types = coreUserTypes();
    const log: string[] = [];
    const work = (userType: UserType, delays: number[]) =>
      userType.context(async () => {
        for (const delay of delays) {
          await sleep(delay);
          log.push(`${userType.value}:${UserType.current()?.value ?? "none"}`);
        }
        return UserType.current();
      });
    const [a, b] = await Promise.all([work(types.admin, [5, 1, 8, 1]), work(types.customer, [1, 7, 1, 6])]);
    expect(a).toBe(types.admin);
    expect(b).toBe(types.customer);
    expect(log).toHaveLength(8);
    for (const line of log) {
      const [expected, actual] = line.split(":");
      expect(actual).toBe(expected);
    }
    // both ran interleaved, not one after the other
    expect(log.slice(0, 4).map((line) => line.slice(0, 3))).not.toEqual(["900", "900", "900", "900"]);
    expect(UserType.current()).toBeUndefined();
  });

  it("restores the outer type after an exception", () => {
    const types = coreUserTypes();
    types.admin.context(() => {
      expect(() =>
        types.customer.context(() => {
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(UserType.current()).toBe(types.admin);
    });
  });
});
