/** Partners: persons and companies. */
import { Action, Actor, loginRequired } from "rolecraft/runtime";
import { ContactsStaff as PartnerManager } from "../../generated/roles/contacts.js";
import { MergeAction } from "../common/actions.js";
import { contactsReaders } from "../common/requirements.js";

/** All partners. */
export class Partners extends Actor {
  static override requiredRoles = contactsReaders;
  static override actions = {
    insert: new Action({ label: "New partner", readonly: false, requiredRoles: loginRequired(PartnerManager) }),
    // Partners are merged by contacts staff rather than by site staff.
    merge: new MergeAction({ requiredRoles: loginRequired(PartnerManager) }),
  };
}

/** Partners that are persons. */
export class Persons extends Partners {}

/** Partners that are companies. */
export class Companies extends Partners {}
