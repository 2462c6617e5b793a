import { describe, expect, it } from "vitest";
import {
  Action,
  Actor,
  SiteAdmin,
  SiteStaff,
  SiteUser,
  UserRole,
  addRequirements,
  loginRequired,
  type RoleClass,
} from "../../src/runtime/index.js";
import { IntegUser, SocialCoordinator, defineWelfareUserTypes } from "./welfare.js";

const UserTypes = defineWelfareUserTypes();
const integAgent = UserTypes.getByValue("100");
const auditor = UserTypes.getByValue("910");
if (integAgent === undefined || auditor === undefined) throw new Error("fixture");

// The shape of SPEC §6.
export class ContractsByClient extends Actor {
  static override appLabel = "integ";
  static override requiredRoles = loginRequired([IntegUser, SocialCoordinator]);
  static override actions = {
    merge: new Action({ requiredRoles: loginRequired(SiteStaff), readonly: false }),
    insert: new Action({ readonly: false }),
    print: new Action({ label: "Print" }),
  };
}

class ContractsOfMine extends ContractsByClient {}

class AllContracts extends ContractsByClient {
  static override requiredRoles = addRequirements(ContractsByClient.requiredRoles, SiteStaff);
}

class Notes extends Actor {}

class Broken extends Actor {
  static override requiredRoles = [[]] as unknown as readonly RoleClass[];
}

describe("Action", () => {
  it("adds no requirement and is readonly by default", () => {
    const action = new Action();
    expect(action.requiredRoles).toEqual([]);
    expect(action.readonly).toBe(true);
    expect(action.label).toBeUndefined();
    expect(new Action({ label: "Print" }).label).toBe("Print");
  });
});

describe("Actor", () => {
  it("requires SiteUser by default", () => {
    expect(Actor.requiredRoles).toEqual([SiteUser]);
    expect(Notes.getRequiredRoles()).toEqual([SiteUser]);
    expect(Notes.visibleFor()).toBe("100 110 120 200 210 300 400 410 420 500 510 800 admin 910");
    expect(Notes.getViewPermission(UserTypes.anonymous)).toBe(false);
    expect(Notes.appLabel).toBeUndefined();
  });

  it("combines the actor's and the action's required roles", () => {
    expect(ContractsByClient.getRequiredRoles()).toEqual([[IntegUser, SocialCoordinator]]);
    expect(ContractsByClient.getRequiredRoles("merge")).toEqual([[IntegUser, SocialCoordinator], SiteStaff]);
    expect(ContractsByClient.getRequiredRoles("merge")).toBe(ContractsByClient.getRequiredRoles("merge"));
    expect(ContractsByClient.getRequiredRoles("print")).toEqual([[IntegUser, SocialCoordinator]]);
  });

  it("lets a type see the default action when its role satisfies the actor's roles", () => {
    expect(ContractsByClient.getViewPermission(integAgent)).toBe(true);
    expect(ContractsByClient.getViewPermission(UserTypes.anonymous)).toBe(false);
    expect(ContractsByClient.visibleFor()).toBe("100 110 120 210 400 410 420 admin 910");
    expect(ContractsByClient.visibleFor(undefined, UserTypes)).toBe("100 110 120 210 400 410 420 admin 910");
  });

  it("adds the action's roles and refuses readonly types writing actions", () => {
    expect(ContractsByClient.getViewPermission(integAgent, "merge")).toBe(false);
    expect(ContractsByClient.getViewPermission(UserTypes.admin, "merge")).toBe(true);
    expect(ContractsByClient.getViewPermission(auditor, "merge")).toBe(false);
    expect(ContractsByClient.visibleFor("merge")).toBe("admin");
    expect(ContractsByClient.visibleFor("insert")).toBe("100 110 120 210 400 410 420 admin");
    // a readonly action stays visible to readonly types
    expect(ContractsByClient.getViewPermission(auditor, "print")).toBe(true);
    expect(ContractsByClient.visibleFor("print")).toBe("100 110 120 210 400 410 420 admin 910");
  });

  it("inherits requiredRoles and actions unless a subclass overrides them", () => {
    expect(ContractsOfMine.requiredRoles).toBe(ContractsByClient.requiredRoles);
    expect(ContractsOfMine.visibleFor()).toBe("100 110 120 210 400 410 420 admin 910");
    expect(ContractsOfMine.visibleFor("merge")).toBe("admin");
    expect(AllContracts.getRequiredRoles()).toEqual([[IntegUser, SocialCoordinator], SiteStaff]);
    expect(AllContracts.visibleFor()).toBe("admin 910");
    expect(AllContracts.getViewPermission(integAgent)).toBe(false);
  });

  it("refuses unknown action names", () => {
    expect(() => ContractsByClient.getViewPermission(integAgent, "delete")).toThrow('integ.ContractsByClient has no action "delete"');
    expect(() => ContractsByClient.getRequiredRoles("toString")).toThrow('has no action "toString"');
  });

  it("names the actor when its requirement is invalid", () => {
    expect(() => Broken.getViewPermission(integAgent)).toThrow("[] (required on Broken) is an empty tuple");
  });

  it('says "nobody" when no user type may see an actor', () => {
    class AdminsOnly extends Actor {
      static override requiredRoles = loginRequired(SiteAdmin, IntegUser, [SocialCoordinator]);
      static override actions = { edit: new Action({ readonly: false, requiredRoles: [SiteStaff] }) };
    }
    expect(AdminsOnly.visibleFor()).toBe("admin 910");
    expect(AdminsOnly.visibleFor("edit")).toBe("admin");
    expect(UserRole.getUserProfiles()).toHaveLength(UserTypes.size);
    class Nobody extends Actor {
      static override requiredRoles = loginRequired(UserTypes.anonymous.roleClass, SiteUser);
    }
    expect(Nobody.visibleFor()).toBe("nobody");
  });
});
