/**
 * Options resolved once, at the front door: the role module, the
 * application sources and the output folder, each from what the caller gave
 * or else from `rolecraft.config.yaml` (read through the host, and only when
 * a value is missing).
 */
import { resolve } from "node:path";
import { readConfig, type RolecraftConfig } from "./config.js";
import { missingPathReason, UsageError } from "./errors.js";
import type { RolecraftHost } from "./host.js";

/** Where the application sources are: a folder, or a tsconfig.json. Paths relative to the host's working directory. */
export interface SourceOptions {
  readonly src?: string;
  readonly project?: string;
}

/** What a caller may give; whatever is missing comes from the configuration. */
export interface ProjectOptions extends SourceOptions {
  /** The role module: a file or a folder. */
  readonly module?: string;
  /** The output folder of `compile`. */
  readonly out?: string;
}

/** The default output folder of `compile`. */
export const DEFAULT_OUT = "generated";

/**
 * Resolves options against one project's configuration. The configuration
 * file is read at most once, and only when an option is missing (a broken
 * file does not matter to a command that names everything).
 */
export class OptionResolver {
  private config: RolecraftConfig | undefined;

  constructor(private readonly host: RolecraftHost) {}

  /** The configuration of the project (empty when there is none). */
  configuration(): RolecraftConfig {
    this.config ??= readConfig(this.host);
    return this.config;
  }

  /** The role module given, or the configuration's; a usage error when neither names one. */
  module(given: string | undefined): string {
    const module = given ?? this.configuration().module;
    if (module === undefined) throw new UsageError("name the role module (a file or folder), or set `module:` in rolecraft.config.yaml");
    return module;
  }

  /**
   * The sources given, else the configuration's; undefined when neither names
   * any (a usage error when `required`). Named sources must exist.
   */
  sources(given: SourceOptions, required: true): SourceOptions;
  sources(given: SourceOptions, required: boolean): SourceOptions | undefined;
  sources(given: SourceOptions, required: boolean): SourceOptions | undefined {
    if (given.src !== undefined && given.project !== undefined) throw new UsageError("give --src or --project, not both");
    const chosen = given.src !== undefined || given.project !== undefined ? sourcesOnly(given) : this.configuredSources();
    if (chosen.src === undefined && chosen.project === undefined) {
      if (required) throw new UsageError("name the application sources with --src DIR or --project tsconfig.json (or set `src:` in rolecraft.config.yaml)");
      return undefined;
    }
    const path = chosen.src ?? chosen.project ?? ".";
    const absolute = resolve(this.host.cwd, path);
    if (this.host.kind(absolute) === "missing") throw new UsageError(`cannot read ${path}: ${missingPathReason(this.host, absolute)}`);
    return chosen;
  }

  /** The configuration's sources, as they are (not checked: a revision may hold them where the working tree does not). */
  configuredSources(): SourceOptions {
    const config = this.configuration();
    return sourcesOnly({ ...(config.src === undefined ? {} : { src: config.src }), ...(config.project === undefined ? {} : { project: config.project }) });
  }

  /** The output folder given, else the configuration's, else `generated`. */
  out(given: string | undefined): string {
    return given ?? this.configuration().out ?? DEFAULT_OUT;
  }
}

/** `src` and `project` of some options, and nothing else. */
export function sourcesOnly(options: SourceOptions): SourceOptions {
  return { ...(options.src === undefined ? {} : { src: options.src }), ...(options.project === undefined ? {} : { project: options.project }) };
}
