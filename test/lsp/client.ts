/**
 * A language server client for the tests: spawns the real server
 * (`node bin/rolecraft.js lsp --stdio`, the built package) and talks to it
 * over stdio with vscode-languageserver-protocol. Diagnostics are waited for
 * (the notification that satisfies a condition), never slept for.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Location,
  type Position,
  type ProtocolConnection,
  type Range,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { repoRoot } from "../helpers/generated.js";

/** Where `needle` is in `text` (the `nth` occurrence), plus `delta` characters: a protocol position. */
export function positionOf(text: string, needle: string, delta = 0, nth = 1): Position {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (${nth}) is not in the text`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  const lines = text.split("\n");
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/** Applies the edits of one document (protocol text edits) to its text. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const lines = text.split("\n");
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

export class LanguageClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly messages: string[] = [];
  private readonly waiters: { readonly uri: string; readonly test: (d: Diagnostic[]) => boolean; readonly resolve: (d: Diagnostic[]) => void }[] = [];
  private versions = new Map<string, number>();
  initialized: InitializeResult | undefined;

  private constructor(
    readonly root: string,
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** Starts the server in `root` and initializes it with `root` as the workspace folder. */
  static async start(root: string, options: { readonly watchFiles?: boolean } = {}): Promise<LanguageClient> {
    const child = spawn(process.execPath, [join(repoRoot, "bin", "rolecraft.js"), "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    // What the server writes to stderr (a crash's stack) goes to the test's stderr.
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LanguageClient(root, child, connection);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.received(params.uri, params.diagnostics));
    connection.onNotification(ShowMessageNotification.method, (params: { readonly message: string }) => {
      client.messages.push(params.message);
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    client.initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "workspace" }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: options.watchFiles === true } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).href;
  }

  private received(uri: string, diagnostics: Diagnostic[]): void {
    this.diagnostics.set(uri, diagnostics);
    for (let i = 0; i < this.waiters.length; i++) {
      const waiter = this.waiters[i]!;
      if (waiter.uri === uri && waiter.test(diagnostics)) {
        this.waiters.splice(i--, 1);
        waiter.resolve(diagnostics);
      }
    }
  }

  /**
   * The next diagnostics published for a file that satisfy `test`. Call it
   * before the change that should cause them (the publication may come at once).
   */
  nextDiagnostics(file: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri: this.uri(file), test, resolve }));
  }

  /** Opens a document with its text on disk (or `text`). */
  async open(file: string, text = readFileSync(join(this.root, file), "utf8")): Promise<string> {
    this.versions.set(file, 1);
    const languageId = file.endsWith(".ts") ? "typescript" : "yaml";
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(file), languageId, version: 1, text } });
    return text;
  }

  /** Replaces an open document's text (unsaved). */
  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
  }

  /** Edits part of an open document (an incremental change, as editors send keystrokes). */
  async edit(file: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(file), version }, contentChanges: [{ range, text }] });
  }

  async close(file: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(file) } });
  }

  hover(file: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: this.uri(file) }, position });
  }

  async completion(file: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: this.uri(file) }, position });
    return result === null ? [] : Array.isArray(result) ? result : result.items;
  }

  async definition(file: string, position: Position): Promise<Location[]> {
    const result = await this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: this.uri(file) }, position });
    return result === null ? [] : Array.isArray(result) ? (result as Location[]) : [result];
  }

  async references(file: string, position: Position, includeDeclaration = true): Promise<Location[]> {
    return (await this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: this.uri(file) }, position, context: { includeDeclaration } })) ?? [];
  }

  prepareRename(file: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: this.uri(file) }, position });
  }

  rename(file: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri: this.uri(file) }, position, newName });
  }

  async codeActions(file: string, range: Range): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: this.uri(file) }, range, context: { diagnostics: [] } });
    return (result ?? []).filter((a): a is CodeAction => "title" in a && !("command" in a && typeof a.command === "string"));
  }

  /** Shuts the server down and waits for it to exit; returns its exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  /** True while the server process runs. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the server if a test failed before shutting it down. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}
