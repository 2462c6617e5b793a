/**
 * The language server never falls over on what an editor sends it: random
 * sequences of malformed buffers (role modules, a TypeScript role module,
 * sources, the configuration), incremental edits with ranges outside the
 * document, requests at positions outside the file (negative, past the last
 * line, past the end of a line), and files deleted and created again under
 * it. After each sequence the server process still runs, has answered every
 * request (a refusal is a protocol error the editor shows, never an internal
 * error), and, once the files are as they were, publishes that the workspace
 * is clean again.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, ResponseError } from "vscode-languageserver-protocol/node";
import { cli } from "../helpers/cli.js";
import { freshDir, repoRoot } from "../helpers/generated.js";
import { LanguageClient } from "./client.js";

const FILES = ["roles/site.yaml", "roles/staff.yaml", "roles/lab.ts", "src/roles.ts", "src/wards/patients.ts", "src/wards/board.ts", "rolecraft.config.yaml"] as const;
const REQUESTS = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/prepareRename", "textDocument/rename", "textDocument/codeAction"] as const;

/** Characters that break YAML, TypeScript and positions: brackets, quotes, line breaks of every kind, a surrogate half, an astral character. */
const NASTY = fc.constantFrom("[", "]", "{", "}", ":", ",", '"', "'", "`", "(", ")", "\n", "\r", "\r\n", "\u2028", "\t", " ", "-", "#", "&", "*", "!", "|", ">", "\uD800", "😀", "\0", "x", ".", "core.", "Doctor", "import ", "export ", "class ");
const POSITION = fc.record({
  line: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(-1, 1_000_000, 2 ** 31 - 1)),
  character: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(-5, 100_000, 2 ** 31 - 1)),
});

type Op =
  | { readonly kind: "mutate"; readonly file: number; readonly at: number; readonly remove: number; readonly insert: string }
  | { readonly kind: "garbage"; readonly file: number; readonly text: string }
  | { readonly kind: "edit"; readonly file: number; readonly start: { line: number; character: number }; readonly end: { line: number; character: number }; readonly text: string }
  | { readonly kind: "request"; readonly file: number; readonly method: (typeof REQUESTS)[number]; readonly position: { line: number; character: number } }
  | { readonly kind: "delete"; readonly file: number }
  | { readonly kind: "close"; readonly file: number };

const file = fc.integer({ min: 0, max: FILES.length - 1 });
const OP: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("mutate" as const), file, at: fc.nat(), remove: fc.integer({ min: 0, max: 30 }), insert: fc.array(NASTY, { maxLength: 6 }).map((a) => a.join("")) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("garbage" as const), file, text: fc.string({ unit: "binary", maxLength: 80 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit" as const), file, start: POSITION, end: POSITION, text: fc.array(NASTY, { maxLength: 4 }).map((a) => a.join("")) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("request" as const), file, method: fc.constantFrom(...REQUESTS), position: POSITION }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), file }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("close" as const), file }) },
);

describe("rolecraft lsp on malformed input", () => {
  let dir: string;
  let client: LanguageClient;
  const originals = new Map<string, string>();

  beforeAll(async () => {
    dir = freshDir("lsp-fuzz");
    cpSync(join(repoRoot, "test", "fixtures", "lsp", "clinic"), dir, { recursive: true });
    expect((await cli(["compile"], { cwd: dir })).code).toBe(0);
    for (const name of FILES) originals.set(name, readFileSync(join(dir, name), "utf8"));
    client = await LanguageClient.start(dir, { watchFiles: true });
  });
  afterAll(() => client?.kill());

  it("keeps running, answers every request and comes back clean", async () => {
    let checkedRequests = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(OP, { minLength: 1, maxLength: 12 }), async (ops) => {
        const open = new Map<string, string>();
        const deleted = new Set<string>();
        const request = async (name: string, method: string, position: { line: number; character: number }): Promise<void> => {
          const textDocument = { uri: client.uri(name) };
          const params =
            method === "textDocument/rename"
              ? { textDocument, position, newName: "Renamed" }
              : method === "textDocument/references"
                ? { textDocument, position, context: { includeDeclaration: true } }
                : method === "textDocument/codeAction"
                  ? { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }
                  : { textDocument, position };
          try {
            await client.connection.sendRequest(method, params);
          } catch (error) {
            // A refusal (renaming a core role, an alias) is fine; an internal error is a bug.
            expect(error).toBeInstanceOf(ResponseError);
            expect((error as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidRequest);
          }
          checkedRequests++;
        };
        for (const op of ops) {
          if (process.env["LSP_FUZZ_LOG"] === "1") process.stderr.write(`${JSON.stringify(op)}\n`);
          const name = FILES[op.file]!;
          const current = open.get(name) ?? originals.get(name)!;
          switch (op.kind) {
            case "mutate": {
              const at = op.at % (current.length + 1);
              const text = current.slice(0, at) + op.insert + current.slice(at + op.remove);
              if (open.has(name)) await client.change(name, text);
              else await client.open(name, text);
              open.set(name, text);
              break;
            }
            case "garbage":
              if (open.has(name)) await client.change(name, op.text);
              else await client.open(name, op.text);
              open.set(name, op.text);
              break;
            case "edit":
              // The server's copy is what the protocol library makes of a range outside the text: the client stops
              // tracking the text and replaces it whole afterwards.
              if (!open.has(name)) await client.open(name, current);
              await client.edit(name, { start: op.start, end: op.end }, op.text);
              open.set(name, current);
              await client.change(name, current);
              break;
            case "request":
              await request(name, op.method, op.position);
              break;
            case "delete":
              rmSync(join(dir, name), { force: true });
              deleted.add(name);
              await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(name), type: FileChangeType.Deleted }] });
              break;
            case "close":
              if (open.has(name)) await client.close(name);
              open.delete(name);
              break;
          }
        }
        // Everything back as it was: files on disk, buffers closed.
        for (const name of deleted) {
          writeFileSync(join(dir, name), originals.get(name)!);
          await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(name), type: FileChangeType.Created }] });
        }
        for (const name of open.keys()) {
          await client.change(name, originals.get(name)!);
          await client.close(name);
        }
        // A request waits for the rounds before it: by its answer, every diagnostic of the restored workspace is out.
        await request(FILES[4], "textDocument/hover", { line: 1, character: 10 });
        expect(client.alive).toBe(true);
        const left = [...client.diagnostics].filter(([, list]) => list.length > 0).map(([uri, list]) => `${uri}: ${list.map((d) => d.message).join("; ")}`);
        expect(left).toEqual([]);
      }),
      { numRuns: 25, endOnFailure: true },
    );
    expect(checkedRequests).toBeGreaterThan(25);
    expect(client.alive).toBe(true);
    expect(await client.shutdown()).toBe(0);
  });
});
