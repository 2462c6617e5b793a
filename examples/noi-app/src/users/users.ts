/** Users and their settings. */
import { Action, Actor, loginRequired } from "rolecraft/runtime";
import { Helper } from "../../generated/roles/users.js";
import { staffOnly } from "../common/requirements.js";
import { SiteAdmin as Admin } from "../roles.js";

/** All users of the site: for site staff. */
export class AllUsers extends Actor {
  static override requiredRoles = staffOnly;
  static override actions = {
    changePassword: new Action({ label: "Change password", readonly: false, requiredRoles: [Admin] }),
    sendWelcomeMail: new Action({ label: "Send welcome mail", readonly: false }),
  };
}

/** My own settings: every signed-in user. */
export class MySettings extends Actor {
  static override requiredRoles = loginRequired();
  static override actions = {
    changePassword: new Action({ label: "Change password", readonly: false }),
  };
}

/** Users who can help others. */
export class Helpers extends Actor {
  static override requiredRoles = loginRequired(Helper);
}
