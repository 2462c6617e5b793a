/**
 * The front door: every command of rolecraft as a library call that takes
 * options and a host and returns plain data. The CLI is argv → these
 * functions → a reporter → an exit code; the language server and permission
 * tests stand on {@link Session}.
 */
export { UsageError } from "./errors.js";
export type { RolecraftHost, ModelThread, Snapshots, Checkout } from "./host.js";
export { readConfig, parseConfig, findConfigFile, ConfigError, CONFIG_FILES, type RolecraftConfig } from "./config.js";
export { OptionResolver, sourcesOnly, DEFAULT_OUT, type SourceOptions, type ProjectOptions } from "./options.js";
export { loadModel, startModelLoad, isUsable, type ModelRequest, type LoadedModel, type ConcurrentModel } from "./model.js";
export { check, analyze, type AnalysisOptions, type CheckOptions, type CheckResult } from "./check.js";
export { Session } from "./session.js";
export { compile, isGeneratedText, type CompileOptions, type CompileResult } from "./compile.js";
export {
  showUserTypes,
  showUserRoles,
  showActors,
  loadRoles,
  analyzedProject,
  lookupTarget,
  lookupUserType,
  lookupRole,
  explainTarget,
  visibleForTarget,
  visibilityOfTarget,
  checkmro,
  type CheckmroAnswer,
  type ModelOptions,
  type TableResult,
  type ActorsResult,
  type AnalyzedProject,
  type LabelOptions,
} from "./show.js";
export {
  showLayout,
  showDialogActions,
  layoutOfTarget,
  dialogActionsOf,
  type ShownLayout,
  type ShownDialogActions,
  type LayoutResult,
  type DialogActionsResult,
} from "./layouts.js";
export { docs, renderDocs, readDocTemplates, type DocsOptions, type DocsResult } from "./docs.js";
export { diff, type DiffOptions, type DiffResult, type DiffStateResult, type DiagnosticGroup } from "./diff.js";
export {
  runPermissionTests,
  testsOnResult,
  readTestFiles,
  findTestFiles,
  type PermissionTestOptions,
  type PermissionTestResult,
  type TestSelection,
  type TestFileRead,
} from "./test.js";
