/**
 * The roles the plugins use, re-exported from the generated role classes so
 * that most plugins import them from one place.
 */
export * from "../generated/roles/tickets.js";
export { Worker as TimeTracker } from "../generated/roles/working.js";
export * as comments from "../generated/roles/comments.js";
export { SiteUser, SiteStaff, SiteAdmin } from "../generated/roles/core.js";
