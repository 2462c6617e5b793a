/**
 * Actors (tables, views …) and their actions, declared in application code.
 * The static analyzer reads the same declarations, so keep them literal:
 * `static override requiredRoles = loginRequired(...)`,
 * `static override actions = { name: new Action({...}) }`.
 */
import { checkRequiredRoles } from "./check-required-roles.js";
import { logPermissionCheck } from "./debug-permissions.js";
import type { DetailLayout, Layout } from "./layout.js";
import { addRequirements, loginRequired, type RequiredRoles } from "./requirements.js";
import { readonlyRefuses } from "./semantics/user-type.js";
import type { UserType, UserTypes } from "./user-types.js";
import { describeVisibility, resolveUserTypes } from "./visible-for.js";

const NO_REQUIREMENTS: RequiredRoles = Object.freeze([]);

/** Options of an {@link Action}. */
export interface ActionOptions {
  /** Roles required in addition to the actor's (default: none). */
  requiredRoles?: RequiredRoles | undefined;
  /** Whether the action only reads (default true); writing actions are refused to readonly user types. */
  readonly?: boolean | undefined;
  /** A label for humans. */
  label?: string | undefined;
  /**
   * The parameter dialog shown before the action runs (Lino's
   * `params_layout`): its fields and panels, e.g.
   * `new ParamsLayout([new Field("merge_to", "into..."), new Field("reason", "Reason")])`.
   */
  paramsLayout?: Layout | undefined;
  /**
   * Log every permission check on this action (Lino's `debug_permissions`;
   * see `setPermissionLogger`). Refused when `NODE_ENV` is `production`.
   */
  debugPermissions?: boolean | undefined;
}

/** An action of an actor (e.g. `merge`, `insert`). */
export class Action {
  /** Roles required in addition to the actor's. */
  readonly requiredRoles: RequiredRoles;
  /** Whether the action only reads. */
  readonly readonly: boolean;
  /** A label for humans, if given. */
  readonly label: string | undefined;
  /** The parameter dialog, if the action has one. */
  readonly paramsLayout: Layout | undefined;
  /** Whether every permission check on this action is logged. */
  readonly debugPermissions: boolean;

  constructor(options: ActionOptions = {}) {
    this.requiredRoles = options.requiredRoles ?? NO_REQUIREMENTS;
    this.readonly = options.readonly ?? true;
    this.label = options.label;
    this.paramsLayout = options.paramsLayout;
    this.debugPermissions = options.debugPermissions ?? false;
  }
}

/** Requirements already validated (errors name the first actor or action that used them). */
const validated = new WeakSet<object>();

/** Requirements combined by `getRequiredRoles`: actor requirement → action → combination. */
const combined = new WeakMap<RequiredRoles, WeakMap<Action, RequiredRoles>>();

/**
 * Base class of actors. An actor's id is `<appLabel>.<ClassName>`. Subclasses
 * inherit `requiredRoles` and `actions` unless they override them.
 *
 * @example
 * export class ContractsByClient extends Actor {
 *   static override requiredRoles = loginRequired([IntegUser, SocialCoordinator]);
 *   static override actions = {
 *     merge: new Action({ requiredRoles: loginRequired(SiteStaff), readonly: false }),
 *   };
 * }
 */
export class Actor {
  /** The app label (first part of the actor id); the analyzer defaults it to the folder name. */
  static appLabel: string | undefined = undefined;
  /** Roles required to see this actor and any of its actions (default `[SiteUser]`). */
  static requiredRoles: RequiredRoles = loginRequired();
  /** The actions, by name. */
  static actions: Readonly<Record<string, Action>> = {};
  /**
   * What people read where the actor is shown, e.g. as a slave table in
   * another actor's layout (default: the class name).
   */
  static label: string | undefined = undefined;
  /**
   * The detail window's layout (Lino's `detail_layout`):
   * `new DetailLayout([new Panel("general", "Person", [...]), ...])`.
   */
  static detailLayout: DetailLayout | undefined = undefined;
  /**
   * Log every permission check on this actor and its actions (Lino's
   * `debug_permissions`; see `setPermissionLogger`). Refused when `NODE_ENV`
   * is `production`, at start-up: `validateActors` or the first check.
   */
  static debugPermissions = false;

  /** The action of that name; throws when the actor has none. */
  static getAction(actionName: string): Action {
    const actions = this.actions;
    const action = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
    if (action === undefined) throw new Error(`${actorId(this)} has no action ${JSON.stringify(actionName)}`);
    return action;
  }

  /**
   * The roles required for an action: the actor's plus the action's own
   * (frozen). Without an action name, those of the default action, i.e. the
   * actor's.
   */
  static getRequiredRoles(actionName?: string): RequiredRoles {
    const base = this.requiredRoles;
    if (actionName === undefined) return base;
    const action = this.getAction(actionName);
    let byAction = combined.get(base);
    if (byAction === undefined) {
      byAction = new WeakMap();
      combined.set(base, byAction);
    }
    let result = byAction.get(action);
    if (result === undefined) {
      result = addRequirements(base, ...action.requiredRoles);
      byAction.set(action, result);
    }
    return result;
  }

  /**
   * Whether users of this type may see the action (without an action name:
   * the default action, which is readonly): its role satisfies the actor's
   * and the action's required roles, and, unless the action is readonly, the
   * type is not readonly.
   */
  static getViewPermission(userType: UserType, actionName?: string): boolean {
    const action = actionName === undefined ? undefined : this.getAction(actionName);
    const allowed = viewPermission(this, userType, action, actionName);
    if (this.debugPermissions || (action !== undefined && action.debugPermissions)) {
      const target = actionName === undefined ? actorId(this) : `${actorId(this)}.${actionName}`;
      logPermissionCheck(target, userType, this.getRequiredRoles(actionName), action?.readonly ?? true, allowed);
    }
    return allowed;
  }

  /**
   * Lino's `visible_for` for the action (default: the default action):
   * `"all"`, `"nobody"`, or the labels of the user types that may see it.
   *
   * @param userTypes default: the current user types list
   */
  static visibleFor(actionName?: string, userTypes?: UserTypes): string {
    return describeVisibility(resolveUserTypes(userTypes), (userType) =>
      this.getViewPermission(userType, actionName),
    );
  }
}

/**
 * The actor's id as the runtime knows it: `<appLabel>.<ClassName>`, or the
 * class name alone when it declares no `appLabel` (the analyzer then uses
 * the folder's name).
 * @internal
 */
export function actorId(actor: typeof Actor): string {
  return actor.appLabel === undefined ? actor.name : `${actor.appLabel}.${actor.name}`;
}

/** Lino's view permission, without debug messages (see `Actor.getViewPermission`). */
function viewPermission(actor: typeof Actor, userType: UserType, action: Action | undefined, actionName: string | undefined): boolean {
  if (action !== undefined && readonlyRefuses(userType.readonly, action.readonly)) return false;
  validate(actor.requiredRoles, actorId(actor));
  if (!userType.hasRequiredRoles(actor.requiredRoles)) return false;
  if (action === undefined || actionName === undefined) return true;
  validate(action.requiredRoles, `${actorId(actor)}.${actionName}`);
  return userType.hasRequiredRoles(action.requiredRoles);
}

/** Validates a requirement once, naming the actor or action in the error. */
function validate(requiredRoles: RequiredRoles, where: string): void {
  if (validated.has(requiredRoles)) return;
  checkRequiredRoles(requiredRoles, where);
  validated.add(requiredRoles);
}
