/** Votes: who is interested in which ticket. */
import { Action, Actor, loginRequired } from "rolecraft/runtime";
import * as votes from "../../generated/roles/votes.js";

/** The votes on a ticket. */
export class Votes extends Actor {
  static override requiredRoles = loginRequired(votes.SimpleVotesUser);
}

/** My votes. */
export class MyVotes extends Votes {
  static override requiredRoles = loginRequired(votes.VotesUser);
  static override actions = {
    cancel: new Action({ label: "Cancel vote", readonly: false }),
  };
}

/** All votes: for votes staff. */
export class AllVotes extends Votes {
  static override requiredRoles = loginRequired(votes.VotesStaff);
}
