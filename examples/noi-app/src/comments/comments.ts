/** Comments on tickets and other things. */
import { Action, addRequirements, loginRequired } from "rolecraft/runtime";
import * as tickets from "../../generated/roles/tickets.js";
import { SiteTable } from "../common/base.js";
import { comments } from "../roles.js";

/** All comments; readers (anonymous visitors too) may read them. */
export class Comments extends SiteTable {
  static override requiredRoles = loginRequired(comments.CommentsReader);
  static override actions = {
    insert: new Action({ label: "Comment", readonly: false, requiredRoles: [comments.CommentsUser] }),
    delete: new Action({ label: "Delete", readonly: false, requiredRoles: [comments.CommentsStaff] }),
  };
}

/** The comments I wrote. */
export class MyComments extends Comments {
  static override requiredRoles = loginRequired(comments.CommentsUser);
}

/** The latest comments (the same requirements as Comments). */
export class RecentComments extends Comments {}

/** The comments of one ticket: also needs a way to see tickets. */
export class CommentsByTicket extends Comments {
  static override label = "Comments";
  static override requiredRoles = addRequirements(Comments.requiredRoles, [tickets.Searcher, tickets.Reporter]);
}

/** Private comments. */
export class PrivateComments extends Comments {
  static override requiredRoles = addRequirements(super.requiredRoles, comments.PrivateCommentsReader);
}
