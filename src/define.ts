/**
 * A light entry point for TypeScript role modules (`import { defineRoleModule }
 * from "rolecraft/define"`): loading it pulls in nothing else of rolecraft.
 */
export { defineRoleModule } from "./compiler/input.js";
export type { RoleModuleInput, UserTypeInput, RoleImport, RoleDefinitionInput, RoleReference } from "./compiler/input.js";
