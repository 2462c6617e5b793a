/**
 * The symbolic links among an application's sources: the source folder is
 * searched without following them (a link loop must not hang the analysis,
 * and a link may lead out of the project), so each is named instead of
 * being skipped in silence.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION_FILE = /\.d\.[mc]?ts$/;

/**
 * The symbolic links below `dir` (never followed) that stand where a source
 * would be read: a link named like a source file (`*.ts`, `*.tsx`, `*.mts`,
 * `*.cts`, not a declaration file), or a link to a folder. Folders named
 * `node_modules` are not searched. Absolute paths, sorted.
 */
export function sourceSymbolicLinks(dir: string): string[] {
  const links: string[] = [];
  // An explicit stack: a tree may be deeper than the call stack.
  const folders = [dir];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") folders.push(path);
      } else if (entry.isSymbolicLink()) {
        if (SOURCE_FILE.test(entry.name) ? !DECLARATION_FILE.test(entry.name) : leadsToFolder(path)) links.push(path);
      }
    }
  }
  return links.sort();
}

/** Whether a link leads to a folder (a dangling link, a loop: no). */
function leadsToFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
