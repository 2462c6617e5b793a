/**
 * A host whose files are partly in memory: an editor's unsaved buffers laid
 * over another host (usually the file system). Every read of an overlaid
 * path sees the buffer; everything else goes to the host underneath.
 */
import type { RolecraftHost } from "../api/host.js";
import { FileRefusedError, type PathKind } from "../compiler/host.js";
import { MAX_SOURCE_BYTES } from "../compiler/limits.js";

/** In-memory texts by absolute path; the map is read at each call, so changing it changes what the host reads. */
export type Overlays = ReadonlyMap<string, string>;

/**
 * `host` with `overlays` laid over it. The overlay host has no model thread
 * (the other thread would read the disk, not the buffers) and reads no
 * revisions.
 */
export function withOverlays(host: RolecraftHost, overlays: Overlays): RolecraftHost {
  const bytes = (path: string): Uint8Array | undefined => {
    const text = overlays.get(path);
    return text === undefined ? undefined : Buffer.from(text, "utf8");
  };
  const sourceLinks = host.sourceLinks?.bind(host);
  const overlaidBelow = (dir: string): string[] => [...overlays.keys()].filter((path) => path.startsWith(`${dir}/`));
  return {
    cwd: host.cwd,
    ...(host.root === undefined ? {} : { root: host.root }),
    readFile(path, maxBytes) {
      const overlaid = bytes(path);
      if (overlaid === undefined) return host.readFile(path, maxBytes);
      const max = maxBytes ?? MAX_SOURCE_BYTES;
      if (overlaid.byteLength > max) throw FileRefusedError.tooLarge(overlaid.byteLength, max);
      return overlaid;
    },
    kind(path): PathKind {
      if (overlays.has(path)) return "file";
      const kind = host.kind(path);
      // A folder that only holds unsaved files exists for the editor.
      return kind === "missing" && overlaidBelow(path).length > 0 ? "directory" : kind;
    },
    fileSize: (path) => bytes(path)?.byteLength ?? host.fileSize?.(path),
    readDirectory(path) {
      const names = new Set(host.kind(path) === "directory" ? host.readDirectory(path) : []);
      for (const file of overlaidBelow(path)) names.add(file.slice(path.length + 1).split("/")[0] ?? "");
      return [...names].filter((name) => name !== "").sort();
    },
    realPath: (path) => (overlays.has(path) ? path : host.realPath(path)),
    // Buffers of files that are not on disk yet are sources too, when they look like sources.
    globFiles(dir, patterns, ignore) {
      const found = new Set(host.globFiles(dir, patterns, ignore));
      for (const file of overlaidBelow(dir)) if (/\.(ts|tsx|mts|cts)$/.test(file) && !/\.d\.[mc]?ts$/.test(file) && !file.includes("/node_modules/")) found.add(file);
      return [...found];
    },
    // A link an unsaved buffer stands in for is read as that buffer.
    ...(sourceLinks === undefined ? {} : { sourceLinks: (dir: string) => sourceLinks(dir).filter((link) => !overlays.has(link)) }),
    matchFiles: (rootDir, extensions, excludes, includes, depth) => host.matchFiles(rootDir, extensions, excludes, includes, depth),
    get useCaseSensitiveFileNames() {
      return host.useCaseSensitiveFileNames;
    },
    // TypeScript role modules run their buffer's text, not their file's.
    loadTsModules(paths, texts) {
      const buffers = new Map(texts);
      for (const path of paths) {
        const text = overlays.get(path);
        if (text !== undefined) buffers.set(path, text);
      }
      return host.loadTsModules(paths, buffers);
    },
  };
}
