/**
 * The reports `rolecraft show` prints. A report is a table and, where
 * programs need something better than the table's rows, a JSON document of
 * its own; `renderReport` (render.ts) picks one or the other by format, so
 * every format, JSON included, goes through the same dispatch.
 */
import type { Application } from "../analyzer/types.js";
import type { RoleModel } from "../compiler/types.js";
import { actorsDocument } from "./actors-json.js";
import { actorsTable } from "./actors-table.js";
import type { ColumnLabels, Table } from "./table.js";
import { userRolesDocument } from "./user-roles-json.js";
import { userRolesTable } from "./user-roles-table.js";
import { userTypesTable } from "./user-types-table.js";

/**
 * A report: its table (rst, md, csv and html show it) and, optionally, the
 * document `--format json` writes instead of the table's rows. Both are
 * built when read, so a report costs only the form that is rendered.
 */
export interface Report {
  readonly table: Table;
  /** Plain data with stable member names, written by `renderJsonDocument`. */
  readonly document?: unknown;
}

/** The UserTypes table; its JSON form is the table's rows. */
export function userTypesReport(model: RoleModel): Report {
  return {
    get table() {
      return userTypesTable(model);
    },
  };
}

/** The UserRoles table (user types headed by value, or by label); as JSON, `userRolesDocument` (the user types once, each role with the values that have it). */
export function userRolesReport(model: RoleModel, labels: ColumnLabels = "values"): Report {
  return {
    get table() {
      return userRolesTable(model, labels);
    },
    get document() {
      return userRolesDocument(model);
    },
  };
}

/** The actors and actions × user types table (user types headed by value, or by label); as JSON, `actorsDocument` (requirements and visibility as data). */
export function actorsReport(model: RoleModel, app: Application, labels: ColumnLabels = "values"): Report {
  return {
    get table() {
      return actorsTable(model, app, labels);
    },
    get document() {
      return actorsDocument(model, app);
    },
  };
}
