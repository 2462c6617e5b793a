/**
 * The pipeline's usage error, as the API exports it. It is defined with the
 * diagnostics (src/diagnostics/usage-error.ts), the floor every part stands
 * on, since the host throws it too (a revision that does not exist).
 */
export { missingPathReason, UsageError } from "../diagnostics/usage-error.js";
