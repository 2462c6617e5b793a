/**
 * The command line: parses arguments with commander and calls the command
 * functions. Exit codes: 0 fine, 1 problems found, 2 bad usage, unreadable
 * input or an internal failure (one line, a stack trace only with --debug).
 */
import { Command, CommanderError, Option } from "commander";
import { describeSystemError, isSystemError } from "../diagnostics/system-error.js";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliContext } from "./context.js";
import { ConfigError } from "../api/config.js";
import { formatText } from "../diagnostics/format/text.js";
import { useColor, VERSION } from "./shared.js";

// Each command's module is imported when the command runs: a command pays
// only for what it uses (`check` never loads the code generator's templates,
// `show user-types` never loads TypeScript).
const commands = {
  compile: () => import("./commands/compile.js"),
  show: () => import("./commands/show.js"),
  checkmro: () => import("./commands/checkmro.js"),
  check: () => import("./commands/check.js"),
  actors: () => import("./commands/actors.js"),
  diff: () => import("./commands/diff.js"),
  docs: () => import("./commands/docs.js"),
  lsp: () => import("./commands/lsp.js"),
  test: () => import("./commands/test.js"),
};

type Action = () => Promise<number>;

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function runCli(args: readonly string[], ctx: CliContext): Promise<number> {
  let pending: Action | undefined;
  const debug = args.includes("--debug");
  const program = new Command("rolecraft")
    .description("Compile and analyze Lino-style role-based permissions for TypeScript")
    .version(VERSION, "-V, --version")
    .option("--debug", "print stack traces of internal errors")
    .option("--color", "force colored diagnostics")
    .option("--no-color", "never color diagnostics")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(s) });

  const colorOf = (): { color?: boolean } => {
    const color = program.opts<{ color?: boolean }>().color;
    return color === undefined ? {} : { color };
  };
  const defer = (action: Action): void => {
    pending = action;
  };

  program
    .command("compile")
    .description("validate, linearize and emit TypeScript role classes and the UserTypes choicelist")
    .argument("[module]", "role module file or folder (default: rolecraft.config.yaml's module)")
    .option("--out <dir>", "output directory (default: generated/)")
    .option("--check", "fail when the output directory is not up to date; write nothing")
    .action((module: string | undefined, opts: { out?: string; check?: boolean }) =>
      defer(async () => (await commands.compile()).compileCommand(ctx, module, { ...opts, ...colorOf() })),
    );

  program
    .command("check")
    .description("report every diagnostic of the role module and, with sources, of the application")
    .argument("[module]", "role module file or folder (default: rolecraft.config.yaml's module)")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .addOption(new Option("--format <format>", "text, json, sarif or github").default("text"))
    .option("--strict", "fail on warnings too")
    .option("--watch", "check again after every change of a role module or a source file")
    .action((module: string | undefined, opts: { src?: string; project?: string; format: string; strict?: boolean; watch?: boolean }) =>
      defer(async () => (await commands.check()).checkCommand(ctx, module, { ...opts, ...colorOf() })),
    );

  const show = program.command("show");
  const formatOption = (): Option => new Option("--format <format>", "rst (Lino's), md, csv, json or html").default("rst");
  const labelsOption = (): Option => new Option("--labels <labels>", "head the user type columns by values (Lino's) or names").default("values");
  show
    .command("user-types")
    .description("the UserTypes table (value, name, text)")
    .argument("[module]", "role module file or folder")
    .addOption(formatOption())
    .action((module: string | undefined, opts: { format: string }) => defer(async () => (await commands.show()).showTableCommand(ctx, "user-types", module, { ...opts, ...colorOf() })));
  show
    .command("user-roles")
    .description("the UserRoles table: meaningful roles × user types")
    .argument("[module]", "role module file or folder")
    .addOption(formatOption())
    .addOption(labelsOption())
    .action((module: string | undefined, opts: { format: string; labels: string }) =>
      defer(async () => (await commands.show()).showTableCommand(ctx, "user-roles", module, { ...opts, ...colorOf() })),
    );

  show
    .command("actors")
    .description("actors and actions × user types (who may see what)")
    .argument("[module]", "role module file or folder")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .addOption(formatOption())
    .addOption(labelsOption())
    .action((module: string | undefined, opts: { src?: string; project?: string; format: string; labels: string }) =>
      defer(async () => (await commands.actors()).showActorsCommand(ctx, module, { ...opts, ...colorOf() })),
    );

  show
    .command("layout")
    .description("an actor's detail layout (or an action's parameter layout) with who sees each element, as Lino's py2rst prints it")
    .argument("<id>", "actor id (app.Class), or action id (app.Class.action) for its parameter layout")
    .argument("[module]", "role module file or folder")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .option("--element <name>", "print only this element (a tab), as Lino's py2rst(layout['name'])")
    .addOption(new Option("--format <format>", "rst (Lino's), md or json").default("rst"))
    .action((id: string, module: string | undefined, opts: { src?: string; project?: string; format: string; element?: string }) =>
      defer(async () => (await commands.actors()).showLayoutCommand(ctx, id, module, { ...opts, ...colorOf() })),
    );
  show
    .command("dialog-actions")
    .description("every action with a parameter dialog and its layout, as Lino's show_dialog_actions prints them")
    .argument("[module]", "role module file or folder")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .addOption(new Option("--format <format>", "rst (Lino's), md or json").default("rst"))
    .action((module: string | undefined, opts: { src?: string; project?: string; format: string }) =>
      defer(async () => (await commands.actors()).showDialogActionsCommand(ctx, module, { ...opts, ...colorOf() })),
    );
  // Named from the subcommands themselves, so that the help never leaves one out.
  show.description(`print a table or a layout: ${show.commands.map((c) => c.name()).join(", ")}`);

  program
    .command("visible-for")
    .description("the user types that may see an actor or action, as Lino prints them (all, nobody or labels)")
    .argument("<id>", "actor id (app.Class) or action id (app.Class.action)")
    .argument("[module]", "role module file or folder")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .action((id: string, module: string | undefined, opts: { src?: string; project?: string }) =>
      defer(async () => (await commands.actors()).visibleForCommand(ctx, id, module, { ...opts, ...colorOf() })),
    );

  program
    .command("explain")
    .description("why a user type may or may not see an actor or action: each requirement item and its MRO path")
    .argument("<id>", "actor id (app.Class) or action id (app.Class.action)")
    .argument("[module]", "role module file or folder")
    .requiredOption("--user-type <value-or-name>", "the user type, by value (900) or name (admin)")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .action((id: string, module: string | undefined, opts: { src?: string; project?: string; userType: string }) =>
      defer(async () => (await commands.actors()).explainCommand(ctx, id, module, { ...opts, ...colorOf() })),
    );

  program
    .command("diff")
    .description("what a change does to who may see what: two role modules, or git revisions with --base")
    .argument("[before]", "role module file or folder before the change (with --base: the module, default rolecraft.config.yaml's)")
    .argument("[after]", "role module file or folder after the change")
    .option("--base <rev>", "compare git revision REV of this repository (read with git, the working tree is not touched)")
    .option("--head <rev>", "with --base: the revision to compare against (default: the working tree)")
    .option("--src <dir>", "application source folder (both states)")
    .option("--project <tsconfig>", "application tsconfig.json (both states)")
    .option("--src-before <dir>", "application sources of <before>")
    .option("--src-after <dir>", "application sources of <after>")
    .addOption(new Option("--format <format>", "text, markdown or json").default("text"))
    .option("--fail-on-widening", "exit 1 when some user type gains a role or access")
    .action((before: string | undefined, after: string | undefined, opts: import("./commands/diff.js").DiffOptions) =>
      defer(async () => {
        const { diffCommand } = await commands.diff();
        return diffCommand(ctx, [before, after].filter((p) => p !== undefined), { ...opts, ...colorOf() });
      }),
    );

  program
    .command("docs")
    .description("generate documentation: Markdown and Sphinx-ready reStructuredText pages and one interactive HTML report")
    .argument("[module]", "role module file or folder (default: rolecraft.config.yaml's module)")
    .requiredOption("--out <dir>", "output directory of the documentation tree")
    .option("--src <dir>", "application source folder (default: rolecraft.config.yaml's src; without sources no actor pages)")
    .option("--project <tsconfig>", "application tsconfig.json")
    .option("--templates <dir>", "folder of templates replacing the built-in ones of the same name")
    .option("--check", "fail when the output directory is not up to date; write nothing")
    .option("--coverage", "mark in report.html the cells the permission tests decide (test files: rolecraft.config.yaml's tests, else every *.rolecraft-test.yaml)")
    .option("--tests <files...>", "the permission test files (or folders) for --coverage")
    .action((module: string | undefined, opts: import("./commands/docs.js").DocsOptions) =>
      defer(async () => {
        const { docsCommand } = await commands.docs();
        return docsCommand(ctx, module, { ...opts, ...colorOf() });
      }),
    );

  program
    .command("lsp")
    .description("the language server for editors (diagnostics, hover, completion, definition, references, rename, quick fixes)")
    .option("--stdio", "speak the Language Server Protocol on standard input and output")
    // LSP clients may pass options of their own (--clientProcessId=N): the server library reads them.
    .allowUnknownOption(true)
    .action((opts: import("./commands/lsp.js").LspOptions) => defer(async () => (await commands.lsp()).lspCommand(ctx, opts)));

  program
    .command("test")
    .description("check permission tests, invariants and snapshots (*.rolecraft-test.yaml) against the application; coverage")
    .argument("[files...]", "test files, or folders of them (default: rolecraft.config.yaml's tests, else every *.rolecraft-test.yaml here)")
    .option("--module <module>", "role module file or folder (default: rolecraft.config.yaml's module)")
    .option("--src <dir>", "application source folder")
    .option("--project <tsconfig>", "application tsconfig.json")
    .addOption(new Option("--format <format>", "text, json, junit, github or sarif").default("text"))
    .option("--coverage", "report which (user type × actor/action) cells the tests decide")
    .option("--min-coverage <percent>", "fail when the tests decide fewer cells than this (implies --coverage)")
    .option("--update-snapshot", "write every snapshot as it is now instead of comparing it")
    .option("--filter <glob>", "run only the tests, invariants and snapshots whose name matches (* and ?, case-insensitive)")
    .action((files: string[], opts: import("./commands/test.js").TestCommandOptions) =>
      defer(async () => (await commands.test()).testCommand(ctx, files, { ...opts, ...colorOf() })),
    );

  program
    .command("checkmro")
    .description("explain MRO conflicts between roles, like Lino's checkmro; exit 1 when C3 cannot create class X(<roles>)")
    .argument("<module-and-roles...>", "[module] role role …")
    .action((args: string[]) => defer(async () => (await commands.checkmro()).checkmroCommand(ctx, args, colorOf())));

  try {
    await program.parseAsync([...args], { from: "user" });
    if (pending === undefined) {
      ctx.stderr(program.helpInformation());
      return EXIT_USAGE;
    }
    return await pending();
  } catch (error) {
    return failure(ctx, error, debug);
  }
}

function failure(ctx: CliContext, error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help asked for (`--help`, `help`) is fine; help shown because a command is missing is bad usage.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
    if (error.code === "commander.help") return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return EXIT_USAGE; // commander already printed the message
  }
  if (error instanceof ConfigError) {
    // Positioned, with code frames, like every diagnostic; it is still a usage error.
    ctx.stderr(formatText(error.diagnostics, { color: useColor(ctx, undefined), sources: error.texts }));
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    ctx.stderr(`rolecraft: ${error.message}\n`);
    return EXIT_USAGE;
  }
  // The machine refused (a folder that can't be written, a full disk): say so, not "internal error".
  if (isSystemError(error)) {
    ctx.stderr(`rolecraft: ${describeSystemError(error, ctx.cwd)}\n`);
    if (debug && error.stack !== undefined) ctx.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.stderr(`rolecraft: internal error: ${message.split("\n")[0] ?? message}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) ctx.stderr(`${error.stack}\n`);
  else ctx.stderr("rolecraft: run again with --debug for the stack trace\n");
  return EXIT_USAGE;
}
