/** Tickets: what users report and developers work on. */
import { Action, Actor, DetailLayout, Field, Panel, ParamsLayout, loginRequired } from "rolecraft/runtime";
import { VotesUser } from "../../generated/roles/votes.js";
import { CommentsByTicket } from "../comments/comments.js";
import { MergeAction } from "../common/actions.js";
import { SiteTable } from "../common/base.js";
import { ticketManagers } from "../common/requirements.js";
import { Reporter, Searcher, TicketsStaff, Triager } from "../roles.js";
import { Votes } from "../votes/votes.js";

/**
 * All tickets, as any signed-in user sees them. The detail window has tabs
 * that not everybody sees: `triage` needs the Triager role, and `votes`
 * shows only to those who see the votes table.
 */
export class Tickets extends SiteTable {
  static override actions = {
    ...SiteTable.actions,
    insert: new Action({ label: "New ticket", readonly: false, requiredRoles: loginRequired(Reporter) }),
    merge: new MergeAction(),
    markClosed: new Action({
      label: "Close",
      readonly: false,
      requiredRoles: loginRequired(ticketManagers),
      paramsLayout: new ParamsLayout([new Field("resolution", "Resolution"), new Field("comment", "Comment")]),
    }),
  };
  static override detailLayout = new DetailLayout([
    new Panel("general", "General", [
      new Panel("general_1", null, [new Field("summary", "Summary"), new Field("reporter", "Reporter"), new Field("state", "State")]),
      CommentsByTicket,
    ]),
    new Panel("triage", "Triage", [new Field("priority", "Priority"), new Field("assigned_to", "Assigned to"), new Field("private", "Private", { requiredRoles: [TicketsStaff] })], {
      requiredRoles: [Triager],
    }),
    new Panel("votes", "Votes", [Votes]),
  ]);
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
