/** Actions several tables share. */
import { Action, loginRequired, type ActionOptions } from "rolecraft/runtime";
import { SiteStaff } from "../roles.js";

/** Merges two duplicate records: a writing action for site staff (Lino's MergeAction). */
export class MergeAction extends Action {
  constructor(options: ActionOptions = {}) {
    super({ label: "Merge", readonly: false, requiredRoles: loginRequired(SiteStaff), ...options });
  }
}

/** Prints the current record; it only reads, so everybody who sees the table may print. */
export class PrintAction extends Action {
  constructor(options: ActionOptions = {}) {
    super({ label: "Print", ...options });
  }
}
