/**
 * The analyzer: reads an application's TypeScript sources (through a
 * source host) and tells who may see every actor and action.
 *
 * The permission answers on what it finds (who may see a target, why) are
 * the runtime's semantics, re-exported here under their usual names; their
 * text forms (tables, explanations) live in `src/report/`.
 */
export { analyzeApplication, type AnalyzeInput, type Analysis } from "./analyze.js";
export { AnalyzerSession } from "./session.js";
export type { SourceHost, SourceReading } from "./source-host.js";
export type { ProgressCallback } from "./project.js";
export type { AnalyzedAction, AnalyzedActor, Application, ResolvedItem, ResolvedRequirement, Target } from "./types.js";
export {
  canSee,
  explain,
  findTarget,
  findUserType,
  inheritancePath,
  permissionOf,
  renderItem,
  renderRequirement,
  roleSatisfies,
  userTypeLabel,
  visibleFor,
  visibleForLabel,
  type Explanation,
  type ItemExplanation,
  type RequirementLike,
} from "../runtime/semantics/index.js";
export { lintApplication } from "./lints.js";
