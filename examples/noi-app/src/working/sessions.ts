/** Working sessions: who worked how long on which ticket. */
import { Action, Actor, addRequirements, loginRequired } from "rolecraft/runtime";
import { TimeTracker } from "../roles.js";
import { Tickets } from "../tickets/tickets.js";

/** All working sessions. */
export class Sessions extends Actor {
  static override requiredRoles = loginRequired(TimeTracker);
  static override actions = {
    startSession: new Action({ label: "Start", readonly: false }),
    endSession: new Action({ label: "Stop", readonly: false }),
  };
}

/** My working sessions. */
export class MySessions extends Sessions {}

/** The sessions of one ticket: who may see tickets and tracks time. */
export class SessionsByTicket extends Sessions {
  static override requiredRoles = addRequirements(Tickets.requiredRoles, TimeTracker);
}
