/** Abstract base tables. */
import { Actor as BaseActor, loginRequired, type Action } from "rolecraft/runtime";
import { SiteUser } from "../roles.js";
import { PrintAction } from "./actions.js";

/** A table for every signed-in user, with a print action. Not an actor of its own. */
export abstract class SiteTable extends BaseActor {
  static override requiredRoles = loginRequired(SiteUser);
  static override actions: Readonly<Record<string, Action>> = {
    print: new PrintAction(),
  };
}
