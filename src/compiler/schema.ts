/**
 * The JSON schema of role modules, read from `schemas/` (the single source of
 * truth of the input shape, shared with editors).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The parsed `schemas/role-module.schema.json`. */
export const roleModuleSchema = require("../../schemas/role-module.schema.json") as Record<string, unknown>;
