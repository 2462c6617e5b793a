/**
 * `rolecraft/runtime`: what generated role modules and applications import.
 * Lino's permission semantics (roles as classes with C3 MROs, requirements,
 * user types, users, actors and actions, their layouts and permission debug
 * messages) with no dependencies.
 *
 * @packageDocumentation
 */
export { UserRole, type RoleClass } from "./role.js";
export { defineRole, getRole, getRoles, isRoleClass, isSubclass, mroOf } from "./registry.js";
export { Anonymous, SiteUser, Expert, SiteStaff, Supervisor, Explorer, SiteAdmin } from "./core-roles.js";
export {
  loginRequired,
  addRequirements,
  hasRequiredRoles,
  type RequirementItem,
  type RequiredRoles,
} from "./requirements.js";
export { checkRequiredRoles } from "./check-required-roles.js";
export { checkmro } from "./checkmro.js";
export {
  UserType,
  UserTypes,
  defineUserTypes,
  RESERVED_USER_TYPE_NAMES,
  type UserTypeInit,
} from "./user-types.js";
export { getCurrentUserTypes, setCurrentUserTypes } from "./current-user-types.js";
export { visibleFor, type VisibleForOptions } from "./visible-for.js";
export { canSignIn, getActiveUsers, canActAs, type User, type Authority, type ActiveUsersOptions } from "./users.js";
export { Actor, Action, type ActionOptions } from "./actors.js";
export {
  DetailLayout,
  Field,
  Layout,
  Panel,
  ParamsLayout,
  SlaveTable,
  describeDialogActions,
  type ActorClass,
  type DialogActionDescription,
  type ElementOptions,
  type LayoutDescription,
  type LayoutElement,
  type LayoutElementInput,
  type LayoutElementKind,
  type SlaveTableOptions,
} from "./layout.js";
export {
  describeRequirement,
  explainPermissionCheck,
  isProduction,
  renderPermissionCheck,
  setPermissionLogger,
  type PermissionCheck,
  type PermissionCheckItem,
  type PermissionLogger,
} from "./debug-permissions.js";
export { validateActors } from "./validate-actors.js";
