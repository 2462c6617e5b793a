/**
 * The generated role classes, read from the role model rather than from
 * disk. `rolecraft compile` writes, into its output folder, one
 * `roles/<module>.ts` per role module (exporting a class per role, named as
 * in the input, and in `core` the core roles), an `index.ts` that
 * re-exports each of them as a namespace (`export * as noi from
 * "./roles/noi.js"`) and the `UserTypes` choicelist, and `user-types.ts`.
 * An import into the configured output folder, or of a file that starts
 * with the generated header wherever it lies, is answered from the role
 * model itself: a checkout without the generated files (they are usually
 * not committed) gives the same answers as one after `compile`, and stale
 * generated files give the answers of the model as it is.
 */
import path from "node:path";
import type { RoleModel } from "../compiler/types.js";
import { GENERATED_HEADER } from "./syntax.js";

/** Which generated file a path names. */
export type GeneratedPart =
  | { readonly kind: "roles"; readonly module: string }
  | { readonly kind: "index" }
  | { readonly kind: "userTypes" };

/** A module label as a file name of `roles/` (the role module schema's pattern). */
const MODULE_LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Extensions a generated file is imported with, or has. */
const EXTENSION = /\.(?:[mc]?[jt]s|d\.[mc]?ts)$/;

/** The generated header as bytes, to tell a generated file by its first bytes. */
const HEADER_BYTES = Buffer.from(GENERATED_HEADER, "utf8");

/** The part of the layout of `compile`'s output a path (without extension) relative to the output folder names. */
export function layoutPart(relative: string): GeneratedPart | undefined {
  const parts = relative.split(/[\\/]/).filter((p) => p !== "" && p !== ".");
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "index")) return { kind: "index" };
  if (parts.length === 1 && parts[0] === "user-types") return { kind: "userTypes" };
  const label = parts[1];
  if (parts.length === 2 && parts[0] === "roles" && label !== undefined && MODULE_LABEL.test(label)) return { kind: "roles", module: label };
  return undefined;
}

/** True when the bytes start with rolecraft's generated header. */
export function startsWithGeneratedHeader(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES.length) return false;
  for (let i = 0; i < HEADER_BYTES.length; i++) if (bytes[i] !== HEADER_BYTES[i]) return false;
  return true;
}

/**
 * The generated files as a module graph sees them: which paths are
 * generated (inside the output folder, or carrying the header), and what
 * each exports, from the role model.
 */
export class GeneratedModules {
  /** Role names by module label (the model's). */
  private rolesByModule = new Map<string, Set<string>>();
  private model: RoleModel | undefined;
  private readonly headerFiles = new Map<string, boolean>();

  /**
   * @param outDir the configured output folder (absolute), if any
   * @param startsWithHeader whether an existing file starts with the generated header
   */
  constructor(
    readonly outDir: string | undefined,
    private readonly startsWithHeader: (file: string) => boolean,
  ) {}

  /** Answers from this model from now on; true when it is another one than before. */
  useModel(model: RoleModel): boolean {
    if (model === this.model) return false;
    this.model = model;
    this.rolesByModule = new Map();
    for (const role of model.roles.values()) {
      let names = this.rolesByModule.get(role.module);
      if (names === undefined) this.rolesByModule.set(role.module, (names = new Set()));
      names.add(role.name);
    }
    return true;
  }

  /** Forgets which files carry the header (they may have changed). */
  forgetFiles(): void {
    this.headerFiles.clear();
  }

  /**
   * The generated file an absolute path (with or without extension) names
   * inside the output folder, whether or not it exists; undefined outside.
   */
  inOutDir(file: string): GeneratedPart | undefined {
    if (this.outDir === undefined) return undefined;
    const relative = path.relative(this.outDir, file.replace(EXTENSION, ""));
    if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return layoutPart(relative);
  }

  /** The generated file an existing file is: in the output folder, or carrying the header (by its place in the layout). */
  partOf(file: string): GeneratedPart | undefined {
    const inOut = this.inOutDir(file);
    if (inOut !== undefined) return inOut;
    if (!this.hasHeader(file)) return undefined;
    const stem = path.basename(file).replace(EXTENSION, "");
    const folder = path.basename(path.dirname(file));
    return folder === "roles" ? layoutPart(`roles/${stem}`) : layoutPart(stem);
  }

  private hasHeader(file: string): boolean {
    let known = this.headerFiles.get(file);
    if (known === undefined) this.headerFiles.set(file, (known = this.startsWithHeader(file)));
    return known;
  }

  /** True when a path (without or with extension) is a file of the output folder's layout: module resolution may find it. */
  exists(file: string): boolean {
    return this.outDir !== undefined && /\.(?:[mc]?ts|tsx)$/.test(file) && !file.endsWith(".d.ts") && this.inOutDir(file) !== undefined;
  }

  /** True for the output folder and its `roles/` folder (module resolution may look into them). */
  isDirectory(dir: string): boolean {
    return this.outDir !== undefined && (dir === this.outDir || dir === path.join(this.outDir, "roles"));
  }

  /** The module labels of the model. */
  modules(): readonly string[] {
    return [...this.rolesByModule.keys()];
  }

  /** True when the generated file exports `name`. */
  has(part: GeneratedPart, name: string): boolean {
    switch (part.kind) {
      case "roles":
        return this.rolesByModule.get(part.module)?.has(name) === true;
      case "index":
        return name === "UserTypes" || this.rolesByModule.has(name);
      case "userTypes":
        return name === "UserTypes";
    }
  }
}
