/**
 * A Lino Welfare-like application: roles with several bases and a user types
 * list with a readonly anonymous type and a readonly auditor (910).
 */
import * as $rc from "../../src/runtime/index.js";
import { Anonymous, SiteAdmin, SiteUser, Supervisor, UserRole, defineUserTypes } from "../../src/runtime/index.js";
import { makeRole } from "./helpers.js";

export const OfficeUser = makeRole($rc, "office.OfficeUser", [UserRole]);
export const IntegUser = makeRole($rc, "integ.IntegUser", [SiteUser]);
export const SocialCoordinator = makeRole($rc, "pcsw.SocialCoordinator", [SiteUser]);
export const SocialAgent = makeRole($rc, "pcsw.SocialAgent", [OfficeUser, IntegUser]);
export const IntegrationAgent = makeRole($rc, "welfare.IntegrationAgent", [OfficeUser, IntegUser]);
export const IntegrationStaff = makeRole($rc, "welfare.IntegrationStaff", [IntegrationAgent]);
export const IntegrationAgentFlexible = makeRole($rc, "welfare.IntegrationAgentFlexible", [IntegrationAgent, SocialAgent]);
export const NewcomersConsultant = makeRole($rc, "welfare.NewcomersConsultant", [SiteUser, OfficeUser]);
export const DebtsUser = makeRole($rc, "debts.DebtsUser", [SiteUser]);
export const SocialStaff = makeRole($rc, "welfare.SocialStaff", [SocialAgent]);
export const SocialAgentFlexible = makeRole($rc, "welfare.SocialAgentFlexible", [SocialAgent]);
export const LedgerUser = makeRole($rc, "ledger.LedgerUser", [SiteUser]);
export const LedgerStaff = makeRole($rc, "ledger.LedgerStaff", [LedgerUser]);
export const WelfareSupervisor = makeRole($rc, "welfare.Supervisor", [SiteUser, Supervisor]);
export const WelfareAdmin = makeRole($rc, "welfare.SiteAdmin", [SiteAdmin, IntegrationStaff, SocialCoordinator, LedgerStaff]);

export function defineWelfareUserTypes() {
  return defineUserTypes([
    { value: "000", names: ["anonymous"], text: "Anonymous", role: Anonymous, readonly: true, attributes: { authenticated: false } },
    { value: "100", text: "Integration agent", role: IntegrationAgent },
    { value: "110", text: "Integration agent (Manager)", role: IntegrationStaff },
    { value: "120", text: "Integration agent (Flexible)", role: IntegrationAgentFlexible },
    { value: "200", text: "Newcomers consultant", role: NewcomersConsultant },
    { value: "210", text: "Social coordinator", role: SocialCoordinator },
    { value: "300", text: "Debts consultant", role: DebtsUser },
    { value: "400", text: "Social agent", role: SocialAgent },
    { value: "410", text: "Social agent (Manager)", role: SocialStaff },
    { value: "420", text: "Social agent (Flexible)", role: SocialAgentFlexible },
    { value: "500", text: "Accountant", role: LedgerUser },
    { value: "510", text: "Accountant (Manager)", role: LedgerStaff },
    { value: "800", text: "Supervisor", role: WelfareSupervisor },
    { value: "900", names: ["admin"], text: "Administrator", role: WelfareAdmin, hiddenLanguages: ["de"] },
    { value: "910", names: [], text: "Auditor", role: WelfareAdmin, readonly: true },
  ]);
}
