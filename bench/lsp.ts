/**
 * The language server's latency, as an editor sees it: `rolecraft lsp
 * --stdio` (the built package) driven by an LSP client
 * (vscode-languageserver-protocol, the tests' client, test/lsp/client.ts)
 * on a generated application. Each edit is an unsaved buffer change sent as
 * an incremental `didChange`; what is timed is from sending it to the
 * `publishDiagnostics` of that file (the server publishes for every file a
 * round was started for, findings or none). Edits alternate with their undo,
 * and both are timed:
 * - leaf: Enter, then Backspace, at the top of an actor file nothing imports;
 * - hub: the same keystrokes at the top of `common/requirements.ts`, which
 *   every actor file imports (the declarations below move: every file that
 *   reads them gets its spans moved);
 * - role module: a role added to, then removed from, a plugin's role module
 *   (the model reloads, the lints run again).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LanguageClient } from "../test/lsp/client.js";
import type { Manifest } from "./generate.js";

export interface LspResult {
  readonly note: string;
  /** From starting the server to the diagnostics of the first file opened (the first full check included). */
  readonly initialMs?: number;
  readonly leafMs?: number[];
  readonly hubMs?: number[];
  readonly roleModuleMs?: number[];
  readonly files?: { readonly leaf: string; readonly hub: string; readonly roleModule: string };
}

/** Waits until the server has published what every change so far causes (a request waits for the rounds before it). */
async function settled(client: LanguageClient, file: string): Promise<void> {
  await client.hover(file, { line: 0, character: 0 });
}

/** Times `runs` edits of one file (each edit and its undo count as one edit each). */
async function timeEdits(client: LanguageClient, file: string, runs: number, edit: (text: string, round: number) => string): Promise<number[]> {
  const original = await client.open(file);
  await settled(client, file);
  const times: number[] = [];
  let text = original;
  for (let round = 0; round < runs + (runs % 2); round++) {
    const next = round % 2 === 0 ? edit(original, round) : original;
    const published = client.nextDiagnostics(file);
    const sent = performance.now();
    await client.change(file, next);
    await published;
    if (round < runs) times.push(performance.now() - sent);
    text = next;
  }
  if (text !== original) await client.change(file, original);
  await client.close(file);
  await settled(client, file);
  return times;
}

export async function benchLsp(dir: string, manifest: Manifest, runs: number): Promise<LspResult> {
  const target = manifest.actors[Math.floor(manifest.actors.length / 2)];
  if (target === undefined) return { note: "no actor file" };
  const leaf = `app/src/${target.file}`;
  const hub = "app/src/common/requirements.ts";
  const plugin = /^(\w+)\./.exec(target.id)?.[1] ?? "tickets";
  const roleModule = `user-types/roles/${plugin}.roles.yaml`;
  if (!existsSync(join(dir, hub)) || !existsSync(join(dir, roleModule))) return { note: `missing ${hub} or ${roleModule}` };
  // The server reads the workspace's configuration: the generated tree has none, so the benchmark writes it.
  writeFileSync(join(dir, "rolecraft.config.yaml"), `module: ${manifest.userTypesModule}\nsrc: app/src\nout: app/generated\n`);
  const enter = (text: string): string => text.replace("\n", "\n\n");
  const started = performance.now();
  const client = await LanguageClient.start(dir);
  try {
    const first = client.nextDiagnostics(leaf);
    await client.open(leaf);
    await first;
    const initialMs = performance.now() - started;
    await client.close(leaf);
    await settled(client, leaf);
    const leafMs = await timeEdits(client, leaf, runs, enter);
    const hubMs = await timeEdits(client, hub, runs, enter);
    const moduleText = readFileSync(join(dir, roleModule), "utf8");
    if (!/^roles:\n/m.test(moduleText)) return { note: `no roles: in ${roleModule}` };
    const roleModuleMs = await timeEdits(client, roleModule, runs, (text) => text.replace(/^roles:\n/m, "roles:\n  BenchProbe: [core.SiteUser]\n"));
    return { note: "", initialMs, leafMs, hubMs, roleModuleMs, files: { leaf, hub, roleModule } };
  } catch (error) {
    return { note: `lsp measurement failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}
