/** `rolecraft checkmro [module] <role> <role> …`: Lino's checkmro lines; exit 1 when they conflict. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { checkmroLines } from "../../runtime/semantics/checkmro.js";
import type { RoleModel } from "../../compiler/types.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { config, loadModelOrReport, useColor } from "../shared.js";

/** Finds a role by id, or by a name bound in the user types module, or by a unique class name. */
export function findRole(model: RoleModel, ref: string): string {
  if (model.roles.has(ref)) return ref;
  const bound = model.bindings.find((b) => b.name === ref);
  if (bound !== undefined) return bound.role;
  const byName = [...model.roles.values()].filter((r) => r.name === ref);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0].id;
  if (byName.length > 1) throw new UsageError(`\`${ref}\` is ambiguous: ${byName.map((r) => r.id).join(", ")}; write module.Name`);
  throw new UsageError(`unknown role \`${ref}\``);
}

export async function checkmroCommand(ctx: CliContext, args: readonly string[], options: { color?: boolean }): Promise<number> {
  const color = useColor(ctx, options.color);
  let module: string | undefined;
  let roles = [...args];
  const first = args[0];
  if (first !== undefined && existsSync(resolve(ctx.cwd, first))) {
    module = first;
    roles = args.slice(1);
  } else {
    module = config(ctx).module;
  }
  if (module === undefined) throw new UsageError("name the role module first: rolecraft checkmro <module> <role> <role> …");
  if (roles.length === 0) throw new UsageError("name at least one role: rolecraft checkmro <module> <role> <role> …");
  const compiled = await loadModelOrReport(ctx, module, color);
  if (compiled === undefined) return EXIT_PROBLEMS;
  const model = compiled.model;
  const ids = roles.map((r) => findRole(model, r));
  const lines = checkmroLines(ids, (id) => model.roles.get(id)?.mro);
  for (const line of lines) ctx.stdout(`${line}\n`);
  return lines.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
