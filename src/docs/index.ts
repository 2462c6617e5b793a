/**
 * The documentation generator: Markdown and reStructuredText pages and one
 * self-contained interactive HTML report, from handlebars templates.
 */
export { generateDocs, embeddedJson, type DocsInput } from "./generate.js";
export { buildDocsSite, pluginSlugs, type DocsSite, type DocsUserType, type DocsRole, type DocsModule, type DocsPlugin, type DocsActor, type DocsAction, type DocsAccess } from "./docs-model.js";
export {
  buildReportData,
  verdictCode,
  type ReportData,
  type ReportRole,
  type ReportUserType,
  type ReportItem,
  type ReportRequirement,
  type ReportPermission,
  type ReportActor,
  type ReportAction,
} from "./report-data.js";
export {
  BUILTIN_DOC_TEMPLATES_DIR,
  DOC_TEMPLATE_NAMES,
  DocsTemplateError,
  builtinDocTemplates,
  isDocTemplateName,
  renderDocTemplate,
  type DocTemplateName,
  type DocTemplates,
} from "./templates.js";
export { docsHeader, isGeneratedDocText, type DocFormat } from "./markers.js";
export { PAGE_DIRS, REPORT_FILE } from "./page-views.js";
