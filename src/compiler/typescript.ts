/**
 * TypeScript as ts-morph bundles it (`@ts-morph/common/dist/typescript.js`),
 * loaded with `require` on first use.
 *
 * Not `import { ts } from "ts-morph"`: an ES module importing a CommonJS one
 * makes Node scan its source for export names (cjs-module-lexer), and
 * ts-morph's entry pulls in its own 3 MB of helpers the analyzer never calls;
 * together about as much CPU time as loading TypeScript itself. Requiring
 * the bundled file keeps the same parser and scanner, at about half the cost
 * (bench/README.md, "Cold start").
 */
import { createRequire } from "node:module";
import type { ts as TsApi } from "ts-morph";

let loaded: typeof TsApi | undefined;
const plainRequire = (file: string): unknown => createRequire(import.meta.url)(file);
let requireBundle = plainRequire;

/**
 * How the bundle is required (undefined: plain `require`): the node host
 * puts V8's code cache in (host/compile-cache.ts), the compiler itself
 * knows no cache folder. Only a call before the first load matters.
 */
export function setTypeScriptLoader(load: ((file: string) => unknown) | undefined): void {
  requireBundle = load ?? plainRequire;
}

/** The TypeScript namespace ts-morph bundles, loaded on the first call. */
export function typescript(): typeof TsApi {
  if (loaded === undefined) {
    const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
    loaded = requireBundle(fromTsMorph.resolve("@ts-morph/common/dist/typescript.js")) as typeof TsApi;
  }
  return loaded;
}
