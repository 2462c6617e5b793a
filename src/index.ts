/**
 * rolecraft's library API. The front door (src/api): `compile`, `check`,
 * `analyze`, `showActors`, `docs`, `diff` and the incremental `Session`,
 * each taking options and a host and returning plain data. Below it, the
 * stages for callers that compose their own pipeline: load and model (the
 * compiler), emit, the analyzer and its answers, Lino's tables and the
 * diagnostic formats. No argv, console or exit here; file access goes
 * through a host (`createNodeHost()` for the real file system,
 * `withOverlays()` for unsaved buffers over it).
 *
 * @packageDocumentation
 */
export * from "./api/index.js";
export type { Diagnostic, Severity, Span, RelatedLocation, Result } from "./diagnostics/diagnostic.js";
export { sortDiagnostics, hasFailures, compareDiagnostics } from "./diagnostics/diagnostic.js";
export { catalogue, type DiagnosticId } from "./diagnostics/catalogue.js";
export type { CompilerHost, TsModuleOutcome, PathKind } from "./compiler/host.js";
export { createNodeHost, DEFAULT_TS_TIMEOUT_MS, type NodeHostOptions, type NodeHostSettings } from "./host/node-host.js";
export { withOverlays, type Overlays } from "./host/overlay-host.js";
// The analyzer's entry points and the data it finds; the answers on that data are the semantics' (below).
export {
  analyzeApplication,
  AnalyzerSession,
  lintApplication,
  type AnalyzeInput,
  type Analysis,
  type SourceHost,
  type SourceReading,
  type ProgressCallback,
  type AnalyzedAction,
  type AnalyzedActor,
  type Application,
  type ResolvedItem,
  type ResolvedRequirement,
  type Target,
} from "./analyzer/index.js";
export { loadRoleModel, type CompiledProject } from "./compiler/compile.js";
export { loadProject, type LoadedFile, type LoadedProject } from "./compiler/load.js";
export { validateFile } from "./compiler/validate.js";
export { buildModel } from "./compiler/model.js";
// Lino's semantics over role ids: owned by the runtime, shared by every part of the toolchain.
export {
  c3Merge,
  c3Conflict,
  createClass,
  linearize,
  linearizeHierarchy,
  checkmroLines,
  ROOT_ROLE,
  ancestorsOf,
  inheritancePath,
  roleSatisfies,
  canSee,
  userTypeLabel,
  visibleForLabel,
  findUserType,
  findTarget,
  permissionOf,
  visibleFor,
  explain,
  USER_TYPE_KEYS,
  type HierarchyLinearization,
  type ClassCreation,
  type RoleHierarchy,
  type PermissionModel,
  type RequirementLike,
  type UserTypeShape,
  type UserTypeLike,
  type Explanation,
  type ItemExplanation,
} from "./runtime/semantics/index.js";
export { CORE_ROLES, type CoreRoleData } from "./runtime/core-roles.js";
export type { RoleModel, RoleDef, UserTypeDef, Binding, ModuleInfo, JsonValue } from "./compiler/types.js";
export { defineRoleModule, type RoleModuleInput, type UserTypeInput } from "./compiler/input.js";
export { emitProject, type GeneratedFile, type EmitOptions } from "./emit/emit.js";
export { userRolesTable } from "./report/user-roles-table.js";
export { userTypesTable } from "./report/user-types-table.js";
export { userRolesJson, userRolesDocument } from "./report/user-roles-json.js";
export { renderTable, renderReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from "./report/render.js";
export { actorsReport, userRolesReport, userTypesReport, type Report } from "./report/report.js";
export { actorsTable } from "./report/actors-table.js";
export { actorsDocument, actorsJson, type ActorsDocument, type TargetSummary } from "./report/actors-json.js";
export { renderExplanation, renderItem, renderRequirement } from "./report/explanation.js";
export type { Table } from "./report/table.js";
export { renderRstTable } from "./report/render-rst.js";
export { formatText } from "./diagnostics/format/text.js";
export { formatJson } from "./diagnostics/format/json.js";
export { formatGithub } from "./diagnostics/format/github.js";
export { formatSarif } from "./diagnostics/format/sarif.js";
export { formatSummary } from "./diagnostics/format/summary.js";
export * from "./diff/index.js";
export {
  generateDocs,
  builtinDocTemplates,
  buildReportData,
  isGeneratedDocText,
  DOC_TEMPLATE_NAMES,
  DocsTemplateError,
  type DocsInput,
  type DocTemplates,
  type DocTemplateName,
  type ReportData,
} from "./docs/index.js";
// Permission tests (`rolecraft test`): the engine over parsed test files, its results and their formats.
export { parseTestFile, permissionTestSchema } from "./testing/parse.js";
export { runTests, MAX_LISTED_FAILURES, type RunInput, type SnapshotSource, type TestFileInput } from "./testing/run.js";
export { runDiagnostics, failureDiagnostic } from "./testing/messages.js";
export { renderSnapshot, parseSnapshot, isSnapshotText, SNAPSHOT_HEADER } from "./testing/snapshot.js";
export { renderTestRun, TEST_FORMATS, type TestFormat, type TestFormatOptions } from "./testing/format/index.js";
export type * from "./testing/results.js";
export type * from "./testing/spec.js";
