/**
 * The include policy: what rolecraft reads from a repository stays inside
 * the project folder. The project folder is the working directory or, when
 * what the user named (a role module, a source folder, a tsconfig) lies
 * outside it, that thing's folder. A file reached from there (an include, a
 * source a tsconfig lists, an import) must lie inside it after following
 * symbolic links, and a path written in a file must not be absolute: a
 * change from an untrusted source can then never make rolecraft read, and
 * quote in a diagnostic's code frame, a file elsewhere on the machine. The
 * compiler applies it to includes, the analyzer to sources and imports.
 */
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** The project folder of a run. */
export interface ProjectFolder {
  /** The folders (symbolic links resolved) that files must lie in. */
  readonly real: readonly string[];
  /** How diagnostics name it: relative to the working directory (`.` for the working directory). */
  readonly shown: string;
}

/** What the project folder needs from a host. */
interface FolderHost {
  readonly cwd: string;
  /** The folder of the `rolecraft.config.yaml` that applies, when it is not the working directory. */
  readonly root?: string;
  realPath(absolutePath: string): string;
}

/**
 * The project folder of a run whose user named `absoluteTarget` (a file or
 * a folder): the folder of the configuration that applies (else the working
 * directory), or the target's folder when the target
 * lies outside it. A target reached through a symbolic link also brings
 * its real folder (a project folder may be a link).
 */
export function projectFolder(host: FolderHost, absoluteTarget: string, kind: "file" | "directory"): ProjectFolder {
  const base = host.root ?? host.cwd;
  const real = host.realPath(base);
  const shown = relative(host.cwd, base).split(sep).join("/") || ".";
  const folder = kind === "directory" ? absoluteTarget : dirname(absoluteTarget);
  const realFolder = host.realPath(folder);
  if (isInside(real, realFolder)) return { real: [real], shown };
  if (isInside(base, absoluteTarget)) return { real: [real, realFolder], shown };
  return { real: [realFolder], shown: relative(host.cwd, folder).split(sep).join("/") || "." };
}

/** True when `path` (symbolic links resolved) lies inside the project folder. */
export function insideProject(project: ProjectFolder, realPath: string): boolean {
  return project.real.some((folder) => isInside(folder, realPath));
}

/** True when `path` is `folder` or lies below it. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Windows drive and UNC paths are absolute wherever rolecraft runs. */
const FOREIGN_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|[\\/]{2})/;

/** True for a path written in a file that names a place on some machine rather than one relative to the file: POSIX, Windows or UNC. */
export function isAbsoluteAnywhere(path: string): boolean {
  return isAbsolute(path) || FOREIGN_ABSOLUTE.test(path);
}
