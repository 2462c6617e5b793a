/**
 * The Node.js implementation of the compiler host: real files, and
 * TypeScript role modules executed in a child process under tsx with a time
 * limit (user code never runs inside rolecraft's own process).
 */
import { fork } from "node:child_process";
import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CompilerHost, PathKind, TsModuleOutcome } from "../compiler/host.js";

/** Options of the Node host. */
export interface NodeHostOptions {
  readonly cwd?: string;
  /** Time limit for executing all TypeScript role modules of one load, in ms. */
  readonly tsTimeoutMs?: number;
}

const childScript = (() => {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`../compiler/ts-module-child${ext}`, import.meta.url));
})();

/** Creates a host over the real file system. */
export function createNodeHost(options: NodeHostOptions = {}): CompilerHost {
  const cwd = options.cwd ?? process.cwd();
  const tsTimeoutMs = options.tsTimeoutMs ?? 10_000;
  return {
    cwd,
    readFile: (path) => readFileSync(path),
    kind(path): PathKind {
      try {
        const stat = statSync(path);
        return stat.isDirectory() ? "directory" : stat.isFile() ? "file" : "missing";
      } catch {
        return "missing";
      }
    },
    readDirectory: (path) => readdirSync(path).sort(),
    realPath(path) {
      try {
        return realpathSync(path);
      } catch {
        return path;
      }
    },
    loadTsModules: (paths) => runTsModules(paths, tsTimeoutMs, cwd),
  };
}

function runTsModules(paths: readonly string[], timeoutMs: number, cwd: string): Promise<ReadonlyMap<string, TsModuleOutcome>> {
  if (paths.length === 0) return Promise.resolve(new Map());
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
  return new Promise((resolve) => {
    const child = fork(childScript, [...paths], {
      cwd,
      execArgv: ["--import", tsxLoader, "--no-warnings"],
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced",
    });
    let settled = false;
    const finish = (outcomes: Map<string, TsModuleOutcome>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      resolve(outcomes);
    };
    const failAll = (outcome: TsModuleOutcome): void => finish(new Map(paths.map((p) => [p, outcome])));
    const timer = setTimeout(() => failAll({ kind: "timeout", ms: timeoutMs }), timeoutMs);
    child.on("message", (message) => {
      const outcomes = new Map<string, TsModuleOutcome>();
      const record = (message ?? {}) as Record<string, TsModuleOutcome>;
      for (const p of paths) outcomes.set(p, record[p] ?? { kind: "error", reason: "the module loader returned nothing" });
      finish(outcomes);
    });
    child.on("error", (error) => failAll({ kind: "error", reason: error.message }));
    child.on("exit", (code, signal) => {
      failAll({ kind: "error", reason: `the module loader exited (${signal ?? `code ${String(code)}`}) before answering` });
    });
  });
}
