/**
 * The incremental Session equals a fresh `check`: random edits (as unsaved
 * buffers, the way the editor sends them) on the benchmark's generated
 * application, of application sources, of the hub files every file imports
 * (the roles barrel, the shared requirements and base classes) and of role
 * modules; after each edit the session's round must be exactly what a
 * one-shot check over the same files reports. The edits are chosen to hit
 * every path of the incremental analysis: reads whose answer changes, reads
 * of declarations that only moved (a line added above them, whitespace
 * inside them), new exports nobody reads yet, files added and deleted, and
 * role modules whose changes do or do not change which roles exist.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileTree, generate, writeTree } from "../../bench/generate.js";
import { check } from "../../src/api/check.js";
import { Session } from "../../src/api/session.js";
import { createNodeHost } from "../../src/host/node-host.js";
import { withOverlays } from "../../src/host/overlay-host.js";
import { freshDir } from "../helpers/generated.js";

let dir: string;
let moduleFiles: string[];
let hubFiles: string[];
let sourceFiles: string[];

beforeAll(async () => {
  // The generated tree in a folder of its own, below the configuration freshDir writes.
  dir = join(freshDir("session-differential"), "app-tree");
  const tree = generate("S", 3);
  writeTree(tree, dir);
  await compileTree(dir, tree.manifest.userTypesModule);
  const paths = [...tree.files.keys()];
  moduleFiles = paths.filter((p) => p.startsWith("user-types/"));
  const hubs = paths.filter((p) => p === "app/src/roles.ts" || p.startsWith("app/src/common/"));
  const plugins = paths.filter((p) => p.startsWith("app/src/") && !hubs.includes(p));
  // Every hub, and a sample of plugin files (their requirements files and views).
  hubFiles = hubs;
  sourceFiles = plugins.filter((_, i) => i % 4 === 0);
}, 300_000);

/** A small deterministic generator (mulberry32: the test must not depend on chance). */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

/** Source edits: each takes the text and a random function and returns the new text. */
const SOURCE_EDITS: readonly ((text: string, pick: (n: number) => number) => string)[] = [
  // Positions only: a line above everything, a blank line somewhere, whitespace inside a line.
  (t) => `// edited\n${t}`,
  (t) => `\n${t}`,
  (t, pick) => insertAtLine(t, pick, "\n"),
  (t, pick) => insertAtLine(t, pick, "\n"),
  (t, pick) => {
    const lines = t.split("\n");
    const i = pick(lines.length);
    const line = lines[i] ?? "";
    const at = line.indexOf(",");
    lines[i] = at < 0 ? `${line}  ` : `${line.slice(0, at + 1)}   ${line.slice(at + 1)}`;
    return lines.join("\n");
  },
  (t) => `${t}\n/** A comment at the end. */\n`,
  // New exports nobody reads yet, and one a barrel re-exports.
  (t, pick) => `${t}\nexport const extra${pick(100)} = [];\n`,
  (t) => `${t}\nexport class ExtraRole { static readonly roleId = "core.SiteUser"; }\n`,
  // Changes of what is read.
  (t) => t.replace(/loginRequired\(([A-Za-z.]+)\)/, "loginRequired()"),
  (t) => t.replace(/loginRequired\(([A-Za-z.]+)/, "loginRequired([])"),
  (t) => t.replace(/\b([A-Z][a-z]+(?:User|Staff|Editor|Reader|Manager))\b/, "$1x"),
  (t) => t.replace(/export class ([A-Za-z0-9]+)/, "export class $1Renamed"),
  (t) => t.replace(/from "\.\.\/roles\.js"/, 'from "../no-such-barrel.js"'),
  (t) => t.replace(/readonly: false/, "readonly: true"),
  (t) => t.replace(/export \* from/, "export * as moved from"),
  (t, pick) => `${t}\nexport class Added${pick(5)} extends Actor {}\n`,
  () => "",
];

/** Role-module edits. */
const MODULE_EDITS: readonly ((text: string, pick: (n: number) => number) => string)[] = [
  (t) => `# edited\n${t}`,
  (t, pick) => insertAtLine(t, pick, "\n"),
  (t, pick) => t.replace(/^roles:\n/m, `roles:\n  Extra${pick(50)}: [core.SiteUser]\n`),
  (t) => t.replace(/\[core\.SiteUser/, "[core.SiteUsr"),
  (t) => t.replace(/doc: "(.*)"/, 'doc: "$1 Edited."'),
  (t) => t.replace(/\n/, " # a comment\n"),
  (t) => t.replace(/^(\s+)([A-Z][A-Za-z0-9]+): \[/m, "$1$2Renamed: ["),
];

function insertAtLine(text: string, pick: (n: number) => number, inserted: string): string {
  const lines = text.split("\n");
  lines.splice(pick(lines.length), 0, inserted.replace(/\n$/, ""));
  return lines.join("\n");
}

describe("Session over unsaved buffers, against a fresh check", () => {
  it("gives check's result after each of many random edits of sources, hubs and role modules", async () => {
    const overlays = new Map<string, string>();
    const host = withOverlays(createNodeHost({ cwd: dir, modelThread: false }), overlays);
    const options = { module: "user-types/site.yaml", sources: { src: "app/src" } };
    const session = new Session(options, host);
    expect(await session.run()).toEqual(await check(options, host));
    const pick = random(11);
    const text = (file: string): string => overlays.get(join(dir, file)) ?? readFileSync(join(dir, file), "utf8");
    let broken: string | undefined;
    for (let round = 0; round < 100; round++) {
      const moduleEdit = pick(4) === 0;
      // Half of the source edits are of hubs, which most files read.
      const files = moduleEdit ? moduleFiles : pick(2) === 0 ? hubFiles : sourceFiles;
      const edits = moduleEdit ? MODULE_EDITS : SOURCE_EDITS;
      const file = broken ?? files[pick(files.length)]!;
      const what = broken === undefined ? pick(edits.length + 1) : edits.length;
      // Now and then a buffer is closed without saving: the disk's text again. A role module
      // with errors stops the analysis: its buffer is closed in the next round.
      if (what === edits.length) overlays.delete(join(dir, file));
      else overlays.set(join(dir, file), edits[what]!(text(file), pick));
      const incremental = await session.update([join(dir, file)]);
      const fresh = await check(options, host);
      expect({ round, file, what, result: incremental }).toEqual({ round, file, what, result: fresh });
      broken = incremental.analysis === undefined ? (moduleFiles.find((f) => overlays.has(join(dir, f))) ?? broken) : undefined;
      if (broken !== undefined && !overlays.has(join(dir, broken))) broken = undefined;
    }
  }, 600_000);
});
