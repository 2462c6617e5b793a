// The raw parse floor of the analyzer benchmark: a fresh Node process that
// loads plain TypeScript (the `typescript` package, required directly: the
// cheapest way to load it, no ES-module export scan, no ts-morph), reads every
// TypeScript file below the given folders and parses each with
// ts.createSourceFile, keeping the trees (as any whole-program tool holds
// them). No binding, no type checking, no parent pointers.
//
//   node bench/parse-floor.mjs <dir> [<dir> …]
//
// Plain JavaScript on purpose: it must run on bare `node`, without the tsx
// loader, so that its start-up is not slower than rolecraft's own.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const ts = createRequire(import.meta.url)("typescript");

const files = [];
for (const root of process.argv.slice(2)) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(join(entry.parentPath, entry.name));
  }
}
files.sort();
const trees = [];
let statements = 0;
for (const file of files) {
  const tree = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  statements += tree.statements.length;
  trees.push(tree);
}
process.stdout.write(`${trees.length} files, ${statements} top-level statements\n`);
