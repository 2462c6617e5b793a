/** Service reports: they live in the working plugin but have their own app label. */
import { Action, Actor } from "rolecraft/runtime";
import { SiteStaff, TimeTracker, Triager } from "../roles.js";

/** Service reports for customers: time trackers who triage, or site staff. */
export class ServiceReports extends Actor {
  static override appLabel = "reports";
  static override requiredRoles = [TimeTracker, [Triager, SiteStaff]];
  static override actions = {
    send: new Action({ label: "Send", readonly: false }),
  };
}
