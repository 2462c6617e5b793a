/**
 * The analyzer: reads an application's TypeScript sources with ts-morph and
 * tells who may see every actor and action.
 */
export { analyzeApplication, type AnalyzeInput } from "./analyze.js";
export type { AnalyzedAction, AnalyzedActor, Application, ResolvedItem, ResolvedRequirement } from "./types.js";
export {
  actorsTable,
  canSee,
  explain,
  findTarget,
  findUserType,
  inheritancePath,
  permissionOf,
  renderExplanation,
  renderItem,
  renderRequirement,
  roleSatisfies,
  userTypeLabel,
  visibleFor,
  visibleForLabel,
  type Explanation,
  type ItemExplanation,
  type RequirementLike,
  type Target,
} from "./permissions.js";
export { lintApplication } from "./lints.js";
