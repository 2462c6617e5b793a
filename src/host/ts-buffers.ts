/**
 * What lets a TypeScript role module run the text of an editor's unsaved
 * buffer instead of its file's: loader hooks (Node's module.register) in
 * the worker that runs the modules (ts-module-child.ts). A URL carrying the
 * buffer mark (`?rolecraft-buffer=N`) loads the text the worker sent for
 * it over a message port (the hooks run on Node's loader thread) instead of
 * the file. Registered before tsx, the hooks hand the text to tsx, which
 * compiles it as it compiles the file.
 *
 * The registration and the hooks are plain JavaScript given to the worker
 * as `data:` URLs: they load before tsx does, so they must not need it.
 */

/** The query parameter that names a buffer. */
export const BUFFER_MARK = "rolecraft-buffer=";

/** The key of the global under which the registration leaves the worker's end of the port. */
export const BUFFERS_GLOBAL = "rolecraft.tsBuffers";

/** The hooks, run on the loader thread. */
const HOOKS = `
const texts = new Map();
const waiting = new Map();
export function initialize(data) {
  data.port.on("message", (message) => {
    const waiter = waiting.get(message.url);
    if (waiter !== undefined) { waiting.delete(message.url); waiter(message.text); }
    else texts.set(message.url, message.text);
  });
  data.port.unref();
}
export async function load(url, context, nextLoad) {
  if (!url.includes(${JSON.stringify(BUFFER_MARK)})) return nextLoad(url, context);
  // The text is sent before the import starts, but on another channel: it may not be here yet.
  const text = texts.get(url) ?? (await new Promise((resolve) => waiting.set(url, resolve)));
  texts.delete(url);
  return { format: context.format ?? "module", source: text, shortCircuit: true };
}
`;

/** The registration, imported by the worker (`--import`) before tsx. */
const REGISTER = `
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
register(${JSON.stringify(dataUrl(HOOKS))}, { data: { port: port2 }, transferList: [port2] });
port1.unref();
globalThis[Symbol.for(${JSON.stringify(BUFFERS_GLOBAL)})] = port1;
`;

function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** What the worker imports first (`--import`): the registration of the buffer hooks. */
export const BUFFER_HOOKS_IMPORT = dataUrl(REGISTER);
