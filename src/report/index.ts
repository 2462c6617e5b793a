/** Tables and listings: neutral tables, their builders and one renderer per format. */
export { CHECK_MARK, UNKNOWN_MARK, cellAt, codePointLength, padEndCodePoints, userTypeHeader, type ColumnLabels, type Table, type TableColumn } from "./table.js";
export { RST_NO_DATA, renderRstTable } from "./render-rst.js";
export { escapeMarkdownCell, renderMarkdownTable } from "./render-markdown.js";
export { csvField, renderCsvTable } from "./render-csv.js";
export { renderJsonDocument, renderJsonTable } from "./render-json.js";
export { escapeHtml, renderHtmlTable } from "./render-html.js";
export { REPORT_FORMATS, isReportFormat, renderReport, renderTable, type ReportFormat } from "./render.js";
export { actorsReport, userRolesReport, userTypesReport, type Report } from "./report.js";
export { actorsTable } from "./actors-table.js";
export { actorsDocument, actorsJson, unresolvedExpressions, type ActorsDocument, type TargetSummary, type UnresolvedSummary } from "./actors-json.js";
export { renderExplanation, renderItem, renderRequirement } from "./explanation.js";
export { userTypesTable } from "./user-types-table.js";
export { userRolesTable, userTypeAncestors } from "./user-roles-table.js";
export {
  userRolesDocument,
  userRolesJson,
  type RoleSummary,
  type UserRolesDocument,
  type UserTypeSummary,
} from "./user-roles-json.js";
export {
  NO_PARENT_VISIBILITY,
  compareCodePoints,
  findLayoutNode,
  isContainer,
  orderDialogActions,
  type DialogActionEntry,
  type LayoutNode,
  type LayoutNodeKind,
} from "./layout-tree.js";
export { layoutToRst, pythonSplitlines, renderDialogActionsRst, renderLayoutRst, rstBulletList, type LayoutRstOptions } from "./layout-rst.js";
export { markdownCodeSpan, renderDialogActionsMarkdown, renderLayoutMarkdown, type LayoutMarkdownOptions } from "./layout-markdown.js";
export { layoutJson, renderDialogActionsJson, renderLayoutJson, type DialogActionJson, type LayoutJson } from "./layout-json.js";
export { LAYOUT_FORMATS, isLayoutFormat, renderDialogActions, renderLayout, type LayoutFormat } from "./render-layout.js";
