/**
 * `rolecraft/define` for CommonJS packages.
 */
// Types only: the CommonJS file needs nothing of the ES module at run time.
import type * as Input from "./compiler/input.js" with { "resolution-mode": "import" };

/**
 * Gives a TypeScript role module its types: `export default defineRoleModule({ … })`.
 */
function defineRoleModule<const T extends Input.RoleModuleInput>(module: T): T {
  return module;
}

const define = { defineRoleModule };
declare namespace define {
  export type RoleModuleInput = Input.RoleModuleInput;
}
export = define;
