/**
 * Actors (tables, views …) and their actions, declared in application code.
 * The static analyzer reads the same declarations, so keep them literal:
 * `static override requiredRoles = loginRequired(...)`,
 * `static override actions = { name: new Action({...}) }`.
 */
import { checkRequiredRoles } from "./check-required-roles.js";
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
}

/** An action of an actor (e.g. `merge`, `insert`). */
export class Action {
  /** Roles required in addition to the actor's. */
  readonly requiredRoles: RequiredRoles;
  /** Whether the action only reads. */
  readonly readonly: boolean;
  /** A label for humans, if given. */
  readonly label: string | undefined;

  constructor(options: ActionOptions = {}) {
    this.requiredRoles = options.requiredRoles ?? NO_REQUIREMENTS;
    this.readonly = options.readonly ?? true;
    this.label = options.label;
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

  /** The action of that name; throws when the actor has none. */
  static getAction(actionName: string): Action {
    const actions = this.actions;
    const action = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined;
    if (action === undefined) throw new Error(`${actorLabel(this)} has no action ${JSON.stringify(actionName)}`);
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
    if (action !== undefined && readonlyRefuses(userType.readonly, action.readonly)) return false;
    validate(this.requiredRoles, actorLabel(this));
    if (!userType.hasRequiredRoles(this.requiredRoles)) return false;
    if (action === undefined || actionName === undefined) return true;
    validate(action.requiredRoles, `${actorLabel(this)}.${actionName}`);
    return userType.hasRequiredRoles(action.requiredRoles);
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

function actorLabel(actor: typeof Actor): string {
  return actor.appLabel === undefined ? actor.name : `${actor.appLabel}.${actor.name}`;
}

/** Validates a requirement once, naming the actor or action in the error. */
function validate(requiredRoles: RequiredRoles, where: string): void {
  if (validated.has(requiredRoles)) return;
  checkRequiredRoles(requiredRoles, where);
  validated.add(requiredRoles);
}
