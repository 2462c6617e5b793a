/**
 * `rolecraft lsp --stdio`: the language server (src/lsp), serving the
 * protocol on the process's stdin and stdout until the client ends it. The
 * workspace root comes from the client (`initialize`), else the working
 * directory.
 */
import { startLanguageServer } from "../../lsp/server.js";
import { UsageError, type CliContext } from "../context.js";

export interface LspOptions {
  readonly stdio?: boolean;
}

export function lspCommand(ctx: CliContext, options: LspOptions): Promise<number> {
  if (options.stdio !== true) throw new UsageError("rolecraft lsp talks over standard input and output: run `rolecraft lsp --stdio` (what LSP clients run)");
  if (ctx.streams === undefined) throw new UsageError("rolecraft lsp needs the process's standard input and output");
  startLanguageServer(ctx.streams.input, ctx.streams.output, ctx.cwd);
  // The server ends the process when the client sends `exit` or closes the streams.
  return new Promise<number>(() => {});
}
