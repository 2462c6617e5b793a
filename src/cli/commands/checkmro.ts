/**
 * `rolecraft checkmro [module] <role> <role> …`: Lino's checkmro lines on
 * stdout; exit 1 only when Python could not create `class X(<roles>)`.
 * It is the tool for diagnosing an MRO conflict, so it works on a module
 * with errors: their diagnostics are printed first, as context, and the
 * answer is given for the roles that have an MRO.
 */
import { resolve } from "node:path";
import { OptionResolver } from "../../api/options.js";
import { checkmro, loadRoles } from "../../api/show.js";
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from "../context.js";
import { cliHost } from "../environment.js";
import { reportText, useColor } from "../shared.js";

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
  reportText(ctx, loaded.diagnostics, color, loaded.texts);
  const answer = checkmro(loaded.model, roles);
  for (const line of answer.lines) ctx.stdout(`${line}\n`);
  const declaration = `class X(${answer.roles.join(", ")})`;
  switch (answer.creation.kind) {
    case "created":
      // Lines without a conflict are only ancestors the roles share: say so, or the lines read as an error.
      if (answer.lines.length > 0) ctx.stderr(`${declaration} has a consistent MRO: ${answer.creation.mro.slice(1).join(", ")}\n`);
      return EXIT_OK;
    case "duplicateBase":
      ctx.stderr(`${declaration}: duplicate base class ${answer.creation.base}\n`);
      return EXIT_PROBLEMS;
    case "inconsistent":
      ctx.stderr(`${declaration}: Cannot create a consistent method resolution order (MRO) for bases ${answer.creation.pending.join(", ")}\n`);
      return EXIT_PROBLEMS;
  }
}
