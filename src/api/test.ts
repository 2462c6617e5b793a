/**
 * `rolecraft test` as a library call: permission tests, invariants and
 * snapshots (SPEC §8, docs/testing.md) checked against the application as
 * the analyzer reads it, with coverage. Finds and reads the test files and
 * their snapshots through the host, analyzes the application once, runs the
 * engine (src/testing) and, with `updateSnapshot`, writes the snapshots
 * (atomically, through the host). A project's own test suite calls it:
 *
 * ```ts
 * import { createNodeHost, runPermissionTests } from "rolecraft";
 * const result = await runPermissionTests({ files: ["permissions.rolecraft-test.yaml"] }, createNodeHost());
 * expect(result.passed).toBe(true);
 * ```
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { FileRefusedError } from "../compiler/host.js";
import { decodeText } from "../compiler/load.js";
import { diagnostic } from "../diagnostics/catalogue.js";
import { fileSpan, hasFailures, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseTestFile } from "../testing/parse.js";
import { runPassed, type Coverage, type TestRun } from "../testing/results.js";
import { runTests, type SnapshotSource, type TestFileInput } from "../testing/run.js";
import { TEST_FILE_SUFFIX } from "../testing/spec.js";
import type { ProgressCallback } from "../analyzer/project.js";
import type { SourceReading } from "../analyzer/source-host.js";
import { analyze, type AnalysisOptions, type CheckResult } from "./check.js";
import type { RolecraftConfig } from "./config.js";
import { UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";
import { isUsable } from "./model.js";
import { OptionResolver, type SourceOptions } from "./options.js";

/** Which test files to run, and how. */
export interface TestSelection {
  /**
   * Test files, or folders to search for `*.rolecraft-test.yaml`, relative
   * to the host's working directory. Default: the `tests:` glob of
   * `rolecraft.config.yaml`, else every `*.rolecraft-test.yaml` below the
   * working directory (outside `node_modules`).
   */
  readonly files?: readonly string[];
  /** Only the tests, invariants and snapshots whose name matches this glob (`*`, `?`; case-insensitive). */
  readonly filter?: string;
}

/** Options of {@link runPermissionTests}; what is left out comes from `rolecraft.config.yaml`. */
export interface PermissionTestOptions extends TestSelection, SourceReading, SourceOptions {
  /** The role module (a file or a folder). Default: the configuration's `module`. */
  readonly module?: string;
  /** Called as files are parsed and analyzed (for a progress display). */
  readonly onProgress?: ProgressCallback;
  /** Compute coverage (see docs/testing.md#coverage). */
  readonly coverage?: boolean;
  /** The coverage (percent of cells) below which the run fails; implies `coverage`. */
  readonly minCoverage?: number;
  /** Write every snapshot as it is now instead of comparing it. */
  readonly updateSnapshot?: boolean;
}

/** What a run found, with the check it ran on. */
export interface PermissionTestResult extends CheckResult {
  /** The run; undefined when the model or the application has errors (then `diagnostics` says which). */
  readonly run?: TestRun;
  /** True when the run passed: every test, invariant and snapshot, and the minimum coverage. */
  readonly passed: boolean;
  /** The test files, as diagnostics name them. */
  readonly testFiles: readonly string[];
  /** The snapshot files written (with `updateSnapshot`), as diagnostics name them. */
  readonly written: readonly string[];
  /** True when coverage is below `minCoverage`. */
  readonly belowMinimum: boolean;
}

/**
 * Runs the permission tests.
 *
 * @throws UsageError when the module, the sources or a test file can't be
 *   read, no test file is found, the filter matches nothing, or snapshots
 *   are to be written through a host that writes nothing.
 */
export async function runPermissionTests(options: PermissionTestOptions, host: RolecraftHost): Promise<PermissionTestResult> {
  const resolver = new OptionResolver(host);
  const module = resolver.module(options.module);
  const sources = resolver.sources(options, true);
  const testFiles = findTestFiles(host, options.files, resolver.configuration());
  const inputs = readTestFiles(host, testFiles);
  // No lints: a test run reports tests (`check` reports smells).
  const result = await analyze({ ...analysisOnly(options), module, sources, lints: false }, host);
  return testsOnResult(result, inputs, options, host);
}

/**
 * Runs tests already read on a check that has been made (`docs --coverage`
 * uses the analysis it made for the pages).
 */
export function testsOnResult(result: CheckResult, inputs: readonly TestFileRead[], options: Omit<PermissionTestOptions, keyof SourceOptions | "module" | "files">, host: RolecraftHost): PermissionTestResult {
  const texts = new Map(result.texts);
  for (const input of inputs) texts.set(input.file, input.text);
  const testFiles = inputs.map((i) => i.file);
  const stopped = { ...result, texts, passed: false, testFiles, written: [], belowMinimum: false };
  // The tests run on an application without errors, except unresolved requirements (RC5004): their verdicts are unknown, and fail the tests that touch them.
  const blocking = (diagnostics: readonly Diagnostic[]): boolean => hasFailures(diagnostics.filter((d) => d.code !== "RC5004"));
  if (!isUsable(result.model) || result.analysis === undefined || blocking(result.analysis.diagnostics)) return stopped;
  const unresolved = result.analysis.diagnostics.flatMap((d) => (d.code === "RC5004" ? [{ text: String(d.data["expr"] ?? "requiredRoles"), span: d.span }] : []));
  const project = { model: result.model.model, application: result.analysis.value, unresolved };
  const files: TestFileInput[] = inputs.map((i) => i.input);
  // A small snapshot's text is kept for the code frames of its diagnostics.
  const snapshots = readSnapshots(host, files, (file, text) => {
    if (text.length < 64 * 1024) texts.set(file, text);
  });
  const run = runTests({
    project,
    files,
    snapshots,
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    coverage: options.coverage === true || options.minCoverage !== undefined,
    updateSnapshots: options.updateSnapshot === true,
  });
  if (options.filter !== undefined && run.summary.cases === 0 && run.files.every((f) => f.diagnostics.length === 0)) {
    throw new UsageError(`--filter \`${options.filter}\` matches no test, invariant or snapshot`);
  }
  const written: string[] = [];
  if (run.snapshotWrites.length > 0) {
    const write = host.writeTextFile;
    if (write === undefined) throw new UsageError("this host cannot write files: snapshots can't be updated through it");
    for (const { file, content } of run.snapshotWrites) {
      try {
        write(resolve(host.cwd, file), content);
      } catch (error) {
        throw new UsageError(`cannot write snapshot ${file}: ${reason(error)}`);
      }
      written.push(file);
    }
  }
  const belowMinimum = options.minCoverage !== undefined && run.coverage !== undefined && run.coverage.percent < options.minCoverage;
  return { ...result, texts, run, passed: runPassed(run) && !belowMinimum, testFiles, written, belowMinimum };
}

/**
 * Largest test file read, in bytes: a generated suite of thousands of
 * assertions is larger than any role module, but a YAML parse of more
 * would take longer than the analysis it checks.
 */
export const MAX_TEST_FILE_BYTES = 16 * 1024 * 1024;

/** A test file as read: its text and what the parser made of it. */
export interface TestFileRead {
  readonly file: string;
  readonly text: string;
  readonly input: TestFileInput;
}

/**
 * Reads and parses test files (absolute paths).
 *
 * @throws UsageError when one can't be read.
 */
export function readTestFiles(host: RolecraftHost, paths: readonly string[]): TestFileRead[] {
  return paths.map((path) => {
    const file = shown(host, path);
    let bytes: Uint8Array;
    try {
      bytes = host.readFile(path);
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${reason(error)}`);
    }
    const diagnostics: Diagnostic[] = [];
    if (bytes.length > MAX_TEST_FILE_BYTES) {
      diagnostics.push(diagnostic("testFileTooLarge", { path: file, size: bytes.length, max: MAX_TEST_FILE_BYTES }, fileSpan(file)));
      return { file, text: "", input: { file, diagnostics } };
    }
    const text = decodeText(bytes, file, diagnostics, MAX_TEST_FILE_BYTES);
    if (text === undefined) return { file, text: "", input: { file, diagnostics } };
    const parsed = parseTestFile(text, file);
    const all = sortDiagnostics([...diagnostics, ...parsed.diagnostics]);
    return { file, text, input: parsed.value === undefined ? { file, diagnostics: all } : { file, spec: parsed.value, diagnostics: all } };
  });
}

/**
 * The test files to run, as absolute paths, sorted: those named (a folder
 * stands for the test files below it), else the configuration's glob, else
 * every test file below the working directory.
 *
 * @throws UsageError when a named path does not exist, or none is found.
 */
export function findTestFiles(host: RolecraftHost, named: readonly string[] | undefined, configured: { readonly tests?: RolecraftConfig["tests"]; readonly root?: string | undefined } | undefined): string[] {
  const ignore = ["**/node_modules/**", "**/.git/**"];
  const found = new Set<string>();
  if (named !== undefined && named.length > 0) {
    for (const path of named) {
      const absolute = resolve(host.cwd, path);
      const kind = host.kind(absolute);
      if (kind === "missing") throw new UsageError(`cannot read ${path}: no such file or directory`);
      if (kind === "file") found.add(absolute);
      else for (const file of host.globFiles(absolute, [`**/*${TEST_FILE_SUFFIX}`], ignore)) found.add(file);
    }
  } else if (configured?.tests !== undefined) {
    // The globs are relative to the configuration's folder.
    for (const file of host.globFiles(configured.root ?? host.cwd, [...configured.tests], ignore)) found.add(file);
    if (found.size === 0) throw new UsageError(`\`tests: ${configured.tests.join(", ")}\` of rolecraft.config.yaml matches no file`);
  } else {
    for (const file of host.globFiles(host.cwd, [`**/*${TEST_FILE_SUFFIX}`], ignore)) found.add(file);
  }
  if (found.size === 0) throw new UsageError(`no permission test files (*${TEST_FILE_SUFFIX}) found: name them, or set \`tests:\` in rolecraft.config.yaml`);
  return [...found].sort();
}

/**
 * The snapshot files the test files name, to be read: missing ones are
 * missing, and one outside the project folder (also through a symbolic
 * link) is not read at all. The others are read when the run asks, within
 * the bytes a snapshot of the application may hold (`snapshotByteLimit`):
 * one larger is refused before it is read.
 *
 * @throws UsageError (when the run reads it) when one exists but can't be read as a file.
 */
export function readSnapshots(host: RolecraftHost, files: readonly TestFileInput[], onText: (file: string, text: string) => void): Map<string, SnapshotSource> {
  const sources = new Map<string, SnapshotSource>();
  const root = host.realPath(host.cwd);
  for (const { spec } of files) {
    const file = spec?.snapshot?.file;
    if (file === undefined || sources.has(file)) continue;
    const absolute = resolve(host.cwd, file);
    if (!inside(host.cwd, absolute) || !inside(root, realPathOfNearest(host, absolute))) {
      sources.set(file, { kind: "outside" });
      continue;
    }
    const kind = host.kind(absolute);
    if (kind === "missing") {
      sources.set(file, { kind: "missing" });
      continue;
    }
    if (kind === "directory") throw new UsageError(`cannot read snapshot ${file}: it is a directory`);
    const read = (maxBytes: number): { text: string } | { tooLarge: number } => {
      let bytes: Uint8Array;
      try {
        bytes = host.readFile(absolute, maxBytes);
      } catch (error) {
        if (error instanceof FileRefusedError && error.refusal === "tooLarge" && error.size !== undefined) return { tooLarge: error.size };
        throw new UsageError(`cannot read snapshot ${file}: ${reason(error)}`);
      }
      // Decoded where it lies (no copy of the bytes): a snapshot may hold hundreds of megabytes.
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
      onText(file, text);
      return { text };
    };
    sources.set(file, { kind: "file", read });
  }
  return sources;
}

/** The real path of a path, or of its folder when the file does not exist yet. */
function realPathOfNearest(host: RolecraftHost, absolute: string): string {
  if (host.kind(absolute) !== "missing") return host.realPath(absolute);
  const folder = resolve(absolute, "..");
  return resolve(host.realPath(folder), relative(folder, absolute));
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A path as diagnostics name files: relative to the working directory, with `/`. */
function shown(host: RolecraftHost, path: string): string {
  return relative(host.cwd, path).split(sep).join("/") || ".";
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES") return "permission denied";
    if (code === "ENOENT") return "no such file";
    if (code === "EISDIR") return "it is a directory";
    return error.message.split("\n")[0] ?? error.message;
  }
  return String(error);
}

/** The analysis options among a run's options. */
function analysisOnly(options: PermissionTestOptions): AnalysisOptions {
  return {
    ...(options.skim === undefined ? {} : { skim: options.skim }),
    ...(options.onSkimGiveUp === undefined ? {} : { onSkimGiveUp: options.onSkimGiveUp }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}

export type { Coverage, TestRun };
