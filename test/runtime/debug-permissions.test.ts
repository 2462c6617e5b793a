/**
 * Permission debug messages (SPEC §6c, Lino's debug_permissions): what is
 * logged, where it goes, and the refusal in production at start-up.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { explain } from "../../src/analyzer/index.js";
import { renderExplanation } from "../../src/report/explanation.js";
import type { AnalyzedAction, AnalyzedActor, ResolvedItem } from "../../src/analyzer/index.js";
import {
  Action,
  Actor,
  DetailLayout,
  SiteStaff,
  SiteUser,
  explainPermissionCheck,
  getRoles,
  isRoleClass,
  loginRequired,
  renderPermissionCheck,
  setPermissionLogger,
  validateActors,
  type PermissionCheck,
  type RequirementItem,
  type RoleClass,
  type UserType,
} from "../../src/runtime/index.js";
import { buildModel } from "../analyzer/model.js";
import { IntegUser, SocialCoordinator, defineWelfareUserTypes } from "./welfare.js";

const UserTypes = defineWelfareUserTypes();
const userType = (value: string): UserType => {
  const found = UserTypes.getByValue(value);
  if (found === undefined) throw new Error(`no user type ${value}`);
  return found;
};
const integAgent = userType("100");
const auditor = userType("910");

class Contracts extends Actor {
  static override appLabel = "isip";
  static override requiredRoles = loginRequired([IntegUser, SocialCoordinator]);
  static override debugPermissions = true;
  static override actions = { merge: new Action({ requiredRoles: loginRequired(SiteStaff), readonly: false }) };
}

class Notes extends Actor {
  static override appLabel = "notes";
  static override actions = {
    merge: new Action({ requiredRoles: loginRequired(SiteStaff), readonly: false, debugPermissions: true }),
    print: new Action(),
  };
}

class Quiet extends Actor {
  static override appLabel = "quiet";
}

let messages: { message: string; check: PermissionCheck | undefined }[] = [];
const originalEnv = process.env["NODE_ENV"];

beforeEach(() => {
  messages = [];
  setPermissionLogger((message, check) => messages.push({ message, check }));
});

afterEach(() => {
  setPermissionLogger(undefined);
  if (originalEnv === undefined) delete process.env["NODE_ENV"];
  else process.env["NODE_ENV"] = originalEnv;
  vi.restoreAllMocks();
});

const checksOnly = (): string[] => messages.filter((m) => m.check !== undefined).map((m) => m.message);

describe("debugPermissions on an actor", () => {
  it("logs every check on it: the user type, each requirement item and the MRO path, in the words of explain", () => {
    expect(Contracts.getViewPermission(integAgent)).toBe(true);
    expect(Contracts.getViewPermission(userType("300"))).toBe(false);
    expect(checksOnly()).toEqual([
      [
        "debugPermissions: isip.Contracts: visible for user type 100, role welfare.IntegrationAgent",
        "  ✓ (integ.IntegUser | pcsw.SocialCoordinator): welfare.IntegrationAgent → integ.IntegUser",
      ].join("\n"),
      [
        "debugPermissions: isip.Contracts: not visible for user type 300, role debts.DebtsUser",
        "  ✗ (integ.IntegUser | pcsw.SocialCoordinator): debts.DebtsUser does not inherit any of them",
      ].join("\n"),
    ]);
  });

  it("covers its actions too, with the actor's and the action's items and the readonly refusal", () => {
    expect(Contracts.getViewPermission(auditor, "merge")).toBe(false);
    expect(checksOnly()).toEqual([
      [
        "debugPermissions: isip.Contracts.merge: not visible for user type 910, role welfare.SiteAdmin",
        "  ✓ (integ.IntegUser | pcsw.SocialCoordinator): welfare.SiteAdmin → welfare.IntegrationStaff → welfare.IntegrationAgent → integ.IntegUser",
        "  ✓ core.SiteStaff: welfare.SiteAdmin → core.SiteAdmin → core.SiteStaff",
        "  ✗ readonly: user type 910 is readonly and isip.Contracts.merge is not a readonly action",
      ].join("\n"),
    ]);
  });

  it("gives the logger the check as data too", () => {
    Contracts.getViewPermission(UserTypes.admin);
    const check = messages.find((m) => m.check !== undefined)?.check;
    expect(check).toEqual({
      target: "isip.Contracts",
      targetReadonly: true,
      userType: "900",
      userTypeLabel: "admin",
      userTypeReadonly: false,
      role: "welfare.SiteAdmin",
      items: [
        {
          roles: ["integ.IntegUser", "pcsw.SocialCoordinator"],
          satisfied: true,
          via: "integ.IntegUser",
          path: ["welfare.SiteAdmin", "welfare.IntegrationStaff", "welfare.IntegrationAgent", "integ.IntegUser"],
        },
      ],
      readonlyRefusal: false,
      visible: true,
    });
  });

  it("logs each check of visibleFor and of layouts that show the actor as a slave table", () => {
    expect(Contracts.visibleFor()).toBe("100 110 120 210 400 410 420 admin 910");
    expect(checksOnly()).toHaveLength(UserTypes.size);
    messages = [];
    new DetailLayout([Contracts]).visibleFor("isip.Contracts", UserTypes);
    expect(checksOnly()).toHaveLength(UserTypes.size);
  });
});

describe("debugPermissions on an action", () => {
  it("logs the checks on that action only", () => {
    expect(Notes.getViewPermission(integAgent)).toBe(true);
    expect(Notes.getViewPermission(integAgent, "print")).toBe(true);
    expect(checksOnly()).toEqual([]);
    expect(Notes.getViewPermission(UserTypes.admin, "merge")).toBe(true);
    expect(checksOnly()).toEqual([
      [
        "debugPermissions: notes.Notes.merge: visible for user type 900 (admin), role welfare.SiteAdmin",
        "  ✓ core.SiteUser: welfare.SiteAdmin → pcsw.SocialCoordinator → core.SiteUser",
        "  ✓ core.SiteStaff: welfare.SiteAdmin → core.SiteAdmin → core.SiteStaff",
      ].join("\n"),
    ]);
  });

  it("is off by default, and a quiet actor logs nothing", () => {
    expect(new Action().debugPermissions).toBe(false);
    expect(Actor.debugPermissions).toBe(false);
    Quiet.getViewPermission(integAgent);
    expect(messages).toEqual([]);
  });
});

describe("the logger", () => {
  it("announces once per target that debug messages are active, with the requirement", () => {
    class Announced extends Actor {
      static override appLabel = "x";
      static override debugPermissions = true;
    }
    Announced.getViewPermission(integAgent);
    Announced.getViewPermission(auditor);
    expect(messages.filter((m) => m.check === undefined).map((m) => m.message)).toEqual(["debugPermissions active for x.Announced (required: core.SiteUser)"]);
  });

  it("writes to console.info by default", () => {
    setPermissionLogger(undefined);
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    Contracts.getViewPermission(integAgent);
    expect(info).toHaveBeenCalledWith(expect.stringContaining("debugPermissions: isip.Contracts: visible for user type 100"));
  });

  it("says so when there is no requirement", () => {
    class Open extends Actor {
      static override appLabel = "x";
      static override requiredRoles = [];
      static override debugPermissions = true;
    }
    Open.getViewPermission(UserTypes.anonymous);
    expect(messages.map((m) => m.message)).toEqual([
      "debugPermissions active for x.Open (required: (none))",
      "debugPermissions: x.Open: visible for user type 000 (anonymous), role core.Anonymous\n  ✓ no required roles",
    ]);
  });
});

describe("production (NODE_ENV=production) refuses debug messages at start-up", () => {
  it("throws from validateActors, naming the actor and its requirement", () => {
    process.env["NODE_ENV"] = "production";
    expect(() => validateActors([Quiet])).not.toThrow();
    expect(() => validateActors([Quiet, Contracts])).toThrow(
      'NODE_ENV is "production", but debugPermissions is on for isip.Contracts (required: (integ.IntegUser | pcsw.SocialCoordinator)); turn it off before deploying',
    );
    expect(() => validateActors([Notes])).toThrow("debugPermissions is on for notes.Notes.merge (required: core.SiteUser, core.SiteStaff)");
    expect(messages).toEqual([]);
  });

  it("throws at the first check on an actor or action that has them, and never logs", () => {
    process.env["NODE_ENV"] = "production";
    expect(() => Contracts.getViewPermission(integAgent)).toThrow('NODE_ENV is "production", but debugPermissions is on for isip.Contracts');
    expect(() => Notes.getViewPermission(integAgent, "merge")).toThrow("debugPermissions is on for notes.Notes.merge");
    expect(Notes.getViewPermission(integAgent, "print")).toBe(true);
    expect(Quiet.getViewPermission(integAgent)).toBe(true);
    expect(messages).toEqual([]);
  });

  it("lets validateActors pass elsewhere, logging where debug messages are on", () => {
    process.env["NODE_ENV"] = "development";
    class Started extends Actor {
      static override appLabel = "y";
      static override debugPermissions = true;
      static override actions = { edit: new Action({ readonly: false }) };
    }
    validateActors([Quiet, Started]);
    expect(messages.map((m) => m.message)).toEqual([
      "debugPermissions active for y.Started (required: core.SiteUser)",
      "debugPermissions active for y.Started.edit (required: core.SiteUser)",
    ]);
  });

  it("validates every requirement at start-up, naming the actor or action", () => {
    class Broken extends Actor {
      static override appLabel = "z";
      static override actions = { bad: new Action({ requiredRoles: [[]] as unknown as readonly RoleClass[] }) };
    }
    expect(() => validateActors([Broken])).toThrow("[] (required on z.Broken.bad) is an empty tuple");
  });
});

describe("the message agrees with `rolecraft explain`", () => {
  // The analyzer's view of the same roles and user types.
  const roles = getRoles().filter((role) => !role.roleId.startsWith("core."));
  const model = buildModel(
    roles.map((role) => ({ id: role.roleId, bases: role.bases.map((base) => base.roleId) })),
    UserTypes.items().map((t) => ({ value: t.value, names: [...t.names], role: t.roleClass.roleId, readonly: t.readonly })),
  );
  const span = { file: "src/x.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };
  const analyzerItem = (ids: readonly string[]): ResolvedItem => ({ roles: [...ids], span, text: ids.join(", "), memberSpans: ids.map(() => span), unresolved: [] });
  const pool: RoleClass[] = [SiteUser, SiteStaff, ...roles];

  it("for random requirements, targets and user types", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        (choices, readonly, bare) => {
          const items: RequirementItem[] = choices.map((group) => {
            const members = group.map((i) => pool[i] ?? SiteUser);
            return bare && members.length === 1 ? (members[0] ?? SiteUser) : members;
          });
          const ids = items.map((item) => (isRoleClass(item) ? [item.roleId] : item.map((role) => role.roleId)));
          const requirement = { items: ids.map(analyzerItem), unresolved: [], complete: true };
          const target: AnalyzedActor | AnalyzedAction = readonly
            ? { id: "a.T", className: "T", appLabel: "a", file: "src/x.ts", span, requiredRoles: requirement, requiredRolesSpan: span, requiredRolesFrom: "a.T", actions: [] }
            : { id: "a.T.edit", name: "edit", readonly: false, requiredRoles: { items: [], unresolved: [], complete: true }, combined: requirement, span };
          for (const [u, type] of UserTypes.items().entries()) {
            const analyzerType = model.userTypes[u];
            if (analyzerType === undefined) throw new Error("user types differ");
            const runtime = renderPermissionCheck(explainPermissionCheck(target.id, type, items, readonly));
            expect(`${runtime.replace(/^debugPermissions: /, "")}\n`).toBe(renderExplanation(explain(model, target, analyzerType)));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
