/**
 * The start-up check of an application's actors (see debug-permissions.ts
 * for what "start-up" means).
 */
import { actorId, type Actor } from "./actors.js";
import { checkRequiredRoles } from "./check-required-roles.js";
import { startDebugPermissions } from "./debug-permissions.js";

/**
 * Checks the actors once, while the application starts, so that mistakes
 * surface then rather than at the first request: every requirement of the
 * actors and their actions must be valid (`checkRequiredRoles`, naming the
 * actor or action), and permission debug messages (`debugPermissions` on an
 * actor or an action) are refused when `NODE_ENV` is `production`; where
 * they are on, one line `debugPermissions active for <id> (required: …)`
 * is logged. Throws at the first problem.
 *
 * @example
 * validateActors([Tickets, MyTickets, Clients]);
 */
export function validateActors(actors: Iterable<typeof Actor>): void {
  for (const actor of actors) {
    const id = actorId(actor);
    checkRequiredRoles(actor.requiredRoles, id);
    if (actor.debugPermissions) startDebugPermissions(id, actor.requiredRoles);
    for (const [name, action] of Object.entries(actor.actions)) {
      checkRequiredRoles(action.requiredRoles, `${id}.${name}`);
      if (actor.debugPermissions || action.debugPermissions) startDebugPermissions(`${id}.${name}`, actor.getRequiredRoles(name));
    }
  }
}
