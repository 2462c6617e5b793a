/**
 * `rolecraft lsp`: a Language Server Protocol server (vscode-languageserver)
 * for role modules and application sources. It reads rolecraft.config.yaml
 * of the workspace root, checks the project with an incremental Session over
 * the editor's unsaved buffers on every change and publishes what `check`
 * reports (same codes, positions, related locations; source `rolecraft`),
 * and answers hover, completion, definition, references, rename and code
 * actions with the API's editor services (src/api/editor). It talks to the
 * API only, like the CLI.
 */
import { createRequire } from "node:module";
import type * as Lsp from "vscode-languageserver/node";
import type { TextDocument as TextDocumentType } from "vscode-languageserver-textdocument";
import {
  completionsAt,
  definitionAt,
  hoverAt,
  prepareRename,
  quickFixes,
  referencesAt,
  renameRole,
  spanFile,
  type CompletionEntry,
  type EditorContext,
} from "../api/editor/index.js";
import type { Diagnostic } from "../index.js";
import { fromLsp, fromRange, pathUri, SOURCE, spanUri, toLocation, toLspDiagnostic, toRange, toTextEdit, uriToPath } from "./convert.js";
import { Workspace, type Round } from "./workspace.js";

type LspModule = typeof Lsp;
type TextDocumentModule = { readonly TextDocument: typeof TextDocumentType };

/** The files a client is asked to watch (changes on disk that no buffer shows). */
const WATCHED = "**/*.{ts,tsx,mts,cts,yaml,yml}";

/**
 * Serves the protocol on two streams (the process's stdin and stdout for
 * `--stdio`) until the client sends `exit`; the library then ends the
 * process, as language servers do.
 */
export function startLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, fallbackRoot: string): void {
  const require = createRequire(import.meta.url);
  const lsp = require("vscode-languageserver/node") as LspModule;
  const { TextDocument } = require("vscode-languageserver-textdocument") as TextDocumentModule;
  const connection = lsp.createConnection(lsp.ProposedFeatures.all, input, output);
  const documents = new lsp.TextDocuments(TextDocument);
  let workspace: Workspace | undefined;
  /** What each file's published diagnostics were, to publish only what changed (and clear what was fixed). */
  const published = new Map<string, string>();

  const publish = (round: Round): void => {
    const ws = workspace!;
    const byUri = new Map<string, Diagnostic[]>();
    for (const diagnostic of round.result.diagnostics) {
      const uri = spanUri(ws.root, diagnostic.span);
      let list = byUri.get(uri);
      if (list === undefined) byUri.set(uri, (list = []));
      list.push(diagnostic);
    }
    // Files with findings, files whose findings went away, and the files of this round's change (so that the editor
    // hears from every round it caused, findings or none).
    const uris = new Set([...byUri.keys(), ...published.keys(), ...round.changed.map(pathUri)]);
    for (const uri of uris) {
      const diagnostics = (byUri.get(uri) ?? []).map((d) => toLspDiagnostic(ws.root, d));
      const key = JSON.stringify(diagnostics);
      const changedHere = round.changed.some((path) => pathUri(path) === uri);
      if (!changedHere && (published.get(uri) ?? "[]") === key) continue;
      if (diagnostics.length === 0) published.delete(uri);
      else published.set(uri, key);
      connection.sendDiagnostics({ uri, diagnostics }).catch(ignore);
    }
  };

  const context = async (uri: string): Promise<{ ctx: EditorContext; path: string } | undefined> => {
    const path = uriToPath(uri);
    if (path === undefined || workspace === undefined) return undefined;
    const ctx = await workspace.context();
    return ctx === undefined ? undefined : { ctx, path };
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = (folder === undefined || folder === null ? undefined : uriToPath(folder)) ?? params.rootPath ?? fallbackRoot;
    // A notification, not `window.showErrorMessage` (a request, which a client may refuse to answer).
    const problem = (message: string): void => {
      connection.sendNotification(lsp.ShowMessageNotification.type, { type: lsp.MessageType.Error, message: `rolecraft: ${message}` }).catch(ignore);
    };
    workspace = new Workspace(root, publish, problem);
    const watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    connection.onInitialized(() => {
      // A client may refuse the registration: the server works without it (buffers still count).
      if (watchesFiles) connection.client.register(lsp.DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] }).catch(ignore);
      workspace?.start();
    });
    return {
      capabilities: {
        textDocumentSync: lsp.TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", "[", ",", " ", "(", '"', "'"] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [lsp.CodeActionKind.QuickFix] },
      },
      serverInfo: { name: SOURCE },
    };
  });

  // Buffers: what the editor has is what the project is made of.
  const buffer = (document: TextDocumentType, open: boolean): void => {
    const path = uriToPath(document.uri);
    if (path === undefined || workspace === undefined) return;
    if (open) workspace.buffers.set(path, document.getText());
    else workspace.buffers.delete(path);
    workspace.changed(path);
  };
  documents.onDidOpen((event) => buffer(event.document, true));
  documents.onDidChangeContent((event) => buffer(event.document, true));
  documents.onDidClose((event) => buffer(event.document, false));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      // A buffer the editor has open wins over the disk.
      if (path !== undefined && workspace !== undefined && !workspace.buffers.has(path)) workspace.changed(path);
    }
  });

  connection.onHover(async (params) => {
    const at = await context(params.textDocument.uri);
    const hover = at === undefined ? undefined : hoverAt(at.ctx, at.path, fromLsp(params.position));
    return hover === undefined ? null : { contents: { kind: lsp.MarkupKind.Markdown, value: hover.markdown }, range: toRange(hover.span) };
  });

  connection.onCompletion(async (params) => {
    const at = await context(params.textDocument.uri);
    if (at === undefined) return null;
    return completionsAt(at.ctx, at.path, fromLsp(params.position)).map((entry) => completionItem(lsp, entry));
  });

  connection.onDefinition(async (params) => {
    const at = await context(params.textDocument.uri);
    const span = at === undefined ? undefined : definitionAt(at.ctx, at.path, fromLsp(params.position));
    return span === undefined ? null : toLocation(at!.ctx.cwd, span);
  });

  connection.onReferences(async (params) => {
    const at = await context(params.textDocument.uri);
    if (at === undefined) return null;
    return referencesAt(at.ctx, at.path, fromLsp(params.position), params.context.includeDeclaration).map((span) => toLocation(at.ctx.cwd, span));
  });

  connection.onPrepareRename(async (params) => {
    const at = await context(params.textDocument.uri);
    const target = at === undefined ? undefined : prepareRename(at.ctx, at.path, fromLsp(params.position));
    if (target === undefined) return null;
    if ("refused" in target) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, target.refused);
    return { range: toRange(target.span), placeholder: target.placeholder };
  });

  connection.onRenameRequest(async (params) => {
    const at = await context(params.textDocument.uri);
    if (at === undefined) return null;
    const renamed = renameRole(at.ctx, at.path, fromLsp(params.position), params.newName.trim());
    if ("refused" in renamed) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, renamed.refused);
    const changes: Record<string, Lsp.TextEdit[]> = {};
    for (const edit of renamed.edits) (changes[spanUri(at.ctx.cwd, edit.span)] ??= []).push(toTextEdit(edit));
    return { changes };
  });

  connection.onCodeAction(async (params) => {
    const at = await context(params.textDocument.uri);
    if (at === undefined) return null;
    return quickFixes(at.ctx, at.path, fromRange(spanFile(at.ctx, at.path), params.range)).map((fix) => {
      const changes: Record<string, Lsp.TextEdit[]> = {};
      for (const edit of fix.edits) (changes[spanUri(at.ctx.cwd, edit.span)] ??= []).push(toTextEdit(edit));
      return {
        title: fix.title,
        kind: lsp.CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(at.ctx.cwd, fix.diagnostic)],
        isPreferred: fix.preferred,
        edit: { changes },
      };
    });
  });

  connection.onShutdown(async () => {
    await workspace?.settled();
  });

  // The server outlives a failure of its own: it is logged (the client shows it in the server's output), never fatal.
  process.on("unhandledRejection", (reason) => connection.console.error(`rolecraft: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

  documents.listen(connection);
  connection.listen();
}

/** A failed send to the client: nothing to do (the client is gone, or refused). */
function ignore(): void {}

function completionItem(lsp: LspModule, entry: CompletionEntry): Lsp.CompletionItem {
  return {
    label: entry.label,
    kind: entry.kind === "class" ? lsp.CompletionItemKind.Class : lsp.CompletionItemKind.Reference,
    detail: entry.detail,
    ...(entry.documentation === undefined ? {} : { documentation: { kind: lsp.MarkupKind.Markdown, value: entry.documentation } }),
    sortText: entry.sortText,
    filterText: entry.label,
    textEdit: { range: toRange(entry.replace), newText: entry.insertText },
    ...(entry.additionalEdits.length === 0 ? {} : { additionalTextEdits: entry.additionalEdits.map(toTextEdit) }),
  };
}
