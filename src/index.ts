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
export type { SourceHost, SourceReading } from "./analyzer/source-host.js";
export { analyzeApplication, type AnalyzeInput, type Analysis } from "./analyzer/analyze.js";
export { AnalyzerSession } from "./analyzer/session.js";
export type { ProgressCallback } from "./analyzer/project.js";
export type { AnalyzedAction, AnalyzedActor, Application, ResolvedItem, ResolvedRequirement } from "./analyzer/types.js";
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
} from "./analyzer/permissions.js";
export { lintApplication } from "./analyzer/lints.js";
export { loadRoleModel, type CompiledProject } from "./compiler/compile.js";
export { loadProject, type LoadedFile, type LoadedProject } from "./compiler/load.js";
export { validateFile } from "./compiler/validate.js";
export { buildModel } from "./compiler/model.js";
export { c3Merge, linearize, linearizeHierarchy, checkmroLines, ROOT_ROLE } from "./compiler/c3.js";
export type { RoleModel, RoleDef, UserTypeDef, Binding, ModuleInfo, JsonValue } from "./compiler/types.js";
export { defineRoleModule, type RoleModuleInput, type UserTypeInput } from "./compiler/input.js";
export { emitProject, type GeneratedFile, type EmitOptions } from "./emit/emit.js";
export { userRolesTable } from "./report/user-roles-table.js";
export { userTypesTable } from "./report/user-types-table.js";
export { userRolesJson, userRolesDocument } from "./report/user-roles-json.js";
export { renderTable, isReportFormat, REPORT_FORMATS, type ReportFormat } from "./report/render.js";
export { actorsJson } from "./report/actors-json.js";
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
