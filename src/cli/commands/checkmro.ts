/** `rolecraft checkmro [module] <role> <role> …`: Lino's checkmro lines; exit 1 when they conflict. */
import { resolve } from "node:path";
import { OptionResolver } from "../../api/options.js";
import { checkmro, loadRoles } from "../../api/show.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost } from "../environment.js";
import { reportModel, useColor } from "../shared.js";

export async function checkmroCommand(ctx: CliContext, args: readonly string[], options: { color?: boolean }): Promise<number> {
  const color = useColor(ctx, options.color);
  const host = cliHost(ctx);
  let module: string | undefined;
  let roles = [...args];
  const first = args[0];
  // The module may be left out: a first argument that exists on disk is the module, anything else a role.
  if (first !== undefined && host.kind(resolve(ctx.cwd, first)) !== "missing") {
    module = first;
    roles = args.slice(1);
  } else {
    module = new OptionResolver(host).configuration().module;
  }
  if (module === undefined) throw new UsageError("name the role module first: rolecraft checkmro <module> <role> <role> …");
  if (roles.length === 0) throw new UsageError("name at least one role: rolecraft checkmro <module> <role> <role> …");
  const loaded = await loadRoles({ module }, host);
  if (!reportModel(ctx, loaded, color)) return EXIT_PROBLEMS;
  const lines = checkmro(loaded.model, roles);
  for (const line of lines) ctx.stdout(`${line}\n`);
  return lines.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
