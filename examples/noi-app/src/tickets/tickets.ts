/** Tickets: what users report and developers work on. */
import { Action, Actor, loginRequired } from "rolecraft/runtime";
import { VotesUser } from "../../generated/roles/votes.js";
import { MergeAction } from "../common/actions.js";
import { SiteTable } from "../common/base.js";
import { ticketManagers } from "../common/requirements.js";
import { Reporter, Searcher, Triager } from "../roles.js";

/** All tickets, as any signed-in user sees them. */
export class Tickets extends SiteTable {
  static override actions = {
    ...SiteTable.actions,
    insert: new Action({ label: "New ticket", readonly: false, requiredRoles: loginRequired(Reporter) }),
    merge: new MergeAction(),
    markClosed: new Action({ label: "Close", readonly: false, requiredRoles: loginRequired(ticketManagers) }),
  };
}

/** Every ticket, private ones included: for ticket managers. */
export class AllTickets extends Tickets {
  static override requiredRoles = loginRequired(ticketManagers);
}

/** The tickets I reported. */
export class MyTickets extends Tickets {
  static override requiredRoles = loginRequired(Reporter);
}

/** Tickets that nobody has triaged yet. */
export class UnassignedTickets extends Tickets {
  static override requiredRoles = [Triager];
}

/** Public tickets: anonymous visitors see them too. */
export class PublicTickets extends Actor {
  static override requiredRoles = [Searcher];
  static override actions = {
    vote: new Action({ label: "Vote", readonly: false, requiredRoles: loginRequired(VotesUser) }),
  };
}
