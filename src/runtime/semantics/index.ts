/**
 * Lino's permission semantics over plain role ids: C3, checkmro, inheritance,
 * requirements, user types and the view permission. Pure functions on plain
 * data, no registry and no classes; the runtime's class-based API and the
 * toolchain (compiler, analyzer, reports) both call them, so each concept
 * has one definition.
 *
 * @packageDocumentation
 */
export { c3Conflict, c3Merge, createClass, linearize, linearizeHierarchy, type ClassCreation, type HierarchyLinearization } from "./c3.js";
export { checkmroLines } from "./checkmro.js";
export {
  ROOT_ROLE,
  CORE_MODULE,
  ancestorsOf,
  baseTree,
  inheritancePath,
  pathInTree,
  roleMro,
  basesFirst,
  type HierarchyRole,
  type RoleHierarchy,
} from "./role-hierarchy.js";
export {
  ancestorsSatisfaction,
  ancestorsSatisfy,
  hasUnknownItem,
  hasUnknownMember,
  itemSatisfaction,
  renderItem,
  renderKnownItem,
  renderRequirement,
  roleSatisfaction,
  roleSatisfies,
  satisfyingMember,
  unresolvedParts,
  type MaybeKnownRequirement,
  type RequirementItemLike,
  type RequirementLike,
  type Satisfaction,
  type UnresolvedLike,
} from "./requirement.js";
export {
  USER_TYPE_KEYS,
  canSee,
  findUserType,
  readonlyRefuses,
  userTypeLabel,
  visibleForLabel,
  visibleForText,
  type OptionalUserTypeKey,
  type PermissionModel,
  type UserTypeDeclaration,
  type UserTypeLike,
  type UserTypeShape,
} from "./user-type.js";
export {
  accessOf,
  explain,
  findTarget,
  permissionOf,
  visibleFor,
  visibilityOf,
  type Access,
  type ActionLike,
  type ActorLike,
  type Explanation,
  type ItemExplanation,
  type KnownRequirement,
  type Permission,
  type TargetLike,
  type Visibility,
} from "./permission.js";
export {
  describeLayoutElement,
  fieldAccess,
  layoutElementAccess,
  layoutVisibleForText,
  panelAccess,
  visibleLayoutElements,
  windowAccess,
  type LayoutElementDescription,
  type LayoutElementLike,
  type LayoutFieldLike,
  type LayoutPanelLike,
  type LayoutSlaveLike,
  type LayoutUnknownLike,
} from "./layout.js";
export { visibilityIndex, type VisibilityIndex } from "./visibility-index.js";
export { explanationLines } from "./explanation-text.js";
