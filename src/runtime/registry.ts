/**
 * The role registry: role id → class, and for every defined role a bit index
 * plus the bitset of its ancestors, so that "is role X a subclass of Y" is a
 * single AND of two 32-bit words.
 */
import { renderValue } from "./render-value.js";
import type { RoleClass } from "./role.js";
import { linearize } from "./semantics/c3.js";
import { checkmroLines } from "./semantics/checkmro.js";
import { ROOT_ROLE } from "./semantics/role-hierarchy.js";

/**
 * What the registry knows about a defined role.
 * @internal
 */
export interface RoleInfo {
  readonly role: RoleClass;
  readonly id: string;
  /** The role's own bit; its word is `bit >>> 5`. */
  readonly bit: number;
  /** Bits of every role in the MRO (the role itself included). */
  readonly ancestors: Int32Array;
  readonly mro: readonly string[];
}

const ROLE_ID_PATTERN = /^[^.\s]+\.[^.\s]+$/;

const infoByClass = new WeakMap<object, RoleInfo>();
const infoById = new Map<string, RoleInfo>();
const inProgress = new Set<object>();
let rootRole: RoleClass | undefined;
let nextBit = 0;
let generation = 0;

/**
 * Registers a role class: checks its id, bases and MRO and gives it the bitset
 * the fast requirement checks use. Generated role classes call it from a
 * `static { defineRole(this); }` block, so every class is registered as soon as
 * its module is evaluated.
 *
 * - The class must declare its own static `roleId` (`"<module>.<Name>"`).
 * - `bases` defaults to the JavaScript parent class; JavaScript follows only the
 *   first base, so the class must `extend` `bases[0]`.
 * - `mro` defaults to the C3 linearization of the bases; a declared `mro`
 *   must equal it.
 * - Bases that are role classes but were never defined are defined first.
 *
 * Calling it again for the same class is harmless; a second, different class
 * with an id that is already taken is an Error, as is a hierarchy that has no
 * consistent MRO.
 *
 * @returns the class itself
 */
export function defineRole<C extends RoleClass>(role: C): C {
  register(role);
  return role;
}

function register(role: RoleClass): RoleInfo {
  if (typeof role !== "function") {
    throw new TypeError(`defineRole: ${renderValue(role)} is not a class`);
  }
  const known = infoByClass.get(role);
  if (known !== undefined) return known;
  const ownId: unknown = Object.hasOwn(role, "roleId") ? role.roleId : undefined;
  if (typeof ownId !== "string") {
    throw new Error(`defineRole: class ${renderValue(role.name)} must declare its own static roleId`);
  }
  const id = ownId;
  if (!ROLE_ID_PATTERN.test(id)) {
    throw new Error(`defineRole: role id ${renderValue(id)} is not of the form "<module>.<Name>"`);
  }
  const taken = infoById.get(id);
  if (taken !== undefined) {
    throw new Error(`defineRole: role id ${renderValue(id)} is already defined by another class`);
  }
  if (inProgress.has(role)) throw new Error(`defineRole: ${id} inherits from itself`);
  inProgress.add(role);
  try {
    const bases = ownBases(role, id);
    const baseInfos = bases.map((base) => register(base));
    // Copies, not the frozen MROs: C3 is shared with the compiler, and frozen
    // arrays (another elements kind to V8) would make its loops polymorphic.
    const computed = linearize(
      id,
      baseInfos.map((info) => info.id),
      baseInfos.map((info) => [...info.mro]),
    );
    if (computed === undefined) {
      const mros = new Map(baseInfos.map((info) => [info.id, info.mro]));
      const lines = checkmroLines(
        baseInfos.map((info) => info.id),
        (base) => mros.get(base),
      );
      throw new Error(
        `Cannot create a consistent method resolution order (MRO) for ${id} ` +
          `(bases ${baseInfos.map((info) => info.id).join(", ")})` +
          (lines.length > 0 ? `: ${lines.join("; ")}` : ""),
      );
    }
    if (Object.hasOwn(role, "mro")) {
      const declared: unknown = role.mro;
      if (!Array.isArray(declared) || !sameIds(declared, computed)) {
        throw new Error(
          `defineRole: ${id} declares the MRO ${renderValue(declared)}, ` +
            `but the C3 linearization of its bases is ${renderValue(computed)}`,
        );
      }
    } else {
      Object.defineProperty(role, "mro", { value: Object.freeze([...computed]), enumerable: true });
    }
    if (!Object.hasOwn(role, "bases")) {
      Object.defineProperty(role, "bases", { value: Object.freeze([...bases]), enumerable: true });
    }
    return store(role, id, computed);
  } finally {
    inProgress.delete(role);
  }
}

function ownBases(role: RoleClass, id: string): readonly RoleClass[] {
  const parent: unknown = Object.getPrototypeOf(role);
  let bases: readonly unknown[];
  if (Object.hasOwn(role, "bases")) {
    const declared: unknown = role.bases;
    if (!Array.isArray(declared)) throw new Error(`defineRole: ${id}.bases is not an array`);
    bases = declared;
  } else {
    bases = isRoleClass(parent) || isRoleLike(parent) ? [parent] : [];
  }
  if (bases.length === 0) {
    if (id !== ROOT_ROLE) {
      throw new Error(`defineRole: ${id} has no bases; every role derives from ${ROOT_ROLE}`);
    }
    return [];
  }
  const checked: RoleClass[] = [];
  for (const base of bases) {
    if (!isRoleLike(base)) {
      throw new Error(`defineRole: base ${renderValue(base)} of ${id} is not a UserRole`);
    }
    if (checked.includes(base)) {
      throw new Error(`defineRole: duplicate base class ${base.roleId} in ${id}`);
    }
    checked.push(base);
  }
  if (parent !== checked[0]) {
    throw new Error(
      `defineRole: ${id} must extend its first base ${checked[0]?.roleId ?? "?"}: ` +
        "JavaScript inherits only from the class named in `extends`",
    );
  }
  return checked;
}

function store(role: RoleClass, id: string, mro: readonly string[]): RoleInfo {
  const bit = nextBit;
  const ancestors = new Int32Array((bit >>> 5) + 1);
  for (const ancestorId of mro) {
    const ancestorBit = ancestorId === id ? bit : infoById.get(ancestorId)?.bit;
    if (ancestorBit === undefined) throw new Error(`defineRole: internal error, ${ancestorId} is not registered`);
    ancestors[ancestorBit >>> 5] = (ancestors[ancestorBit >>> 5] ?? 0) | (1 << (ancestorBit & 31));
  }
  const info: RoleInfo = { role, id, bit, ancestors, mro: Object.freeze([...mro]) };
  nextBit += 1;
  infoByClass.set(role, info);
  infoById.set(id, info);
  if (id === ROOT_ROLE) rootRole = role;
  generation += 1;
  return info;
}

function sameIds(a: readonly unknown[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** A class that is (or derives from) the root role, or at least declares its own role id. */
function isRoleLike(value: unknown): value is RoleClass {
  return isRoleClass(value) || (typeof value === "function" && Object.hasOwn(value, "roleId"));
}

/**
 * True for `core.UserRole` and every class deriving from it (defined with
 * {@link defineRole} or not).
 */
export function isRoleClass(value: unknown): value is RoleClass {
  if (typeof value !== "function") return false;
  if (infoByClass.has(value)) return true;
  if (rootRole === undefined) return false;
  const prototype: unknown = value.prototype;
  if (value === rootRole) return true;
  return typeof prototype === "object" && prototype !== null && Object.prototype.isPrototypeOf.call(rootRole.prototype, prototype);
}

/** The role class defined under this id (e.g. `"core.SiteAdmin"`), if any. */
export function getRole(id: string): RoleClass | undefined {
  return infoById.get(id)?.role;
}

/** Every defined role, in definition order. */
export function getRoles(): RoleClass[] {
  return [...infoById.values()].map((info) => info.role);
}

/**
 * The registry entry of a defined role class.
 * @internal
 */
export function roleInfo(role: object): RoleInfo | undefined {
  return infoByClass.get(role);
}

/**
 * The registry entry of a role id.
 * @internal
 */
export function roleInfoById(id: string): RoleInfo | undefined {
  return infoById.get(id);
}

/**
 * The role's ancestor bits, widened to the words every defined role needs
 * (zeros past its own): a check against any requirement compiled so far then
 * never reads past the end of the array.
 * @internal
 */
export function wideAncestors(info: RoleInfo): Int32Array {
  const words = (Math.max(nextBit, 1) + 31) >>> 5;
  if (info.ancestors.length >= words) return info.ancestors;
  const wide = new Int32Array(words);
  wide.set(info.ancestors);
  return wide;
}

/**
 * Increases every time a role is defined; lets caches built while some
 * referenced role was still unknown notice that they may be stale.
 * @internal
 */
export function registryGeneration(): number {
  return generation;
}

/**
 * The MRO (role ids, itself first) of a role class: the registered one, else
 * its `mro` static.
 */
export function mroOf(role: RoleClass): readonly string[] {
  return infoByClass.get(role)?.mro ?? role.mro;
}

/**
 * The bitset answer to "is `role` a subclass of `of`" when both are defined
 * roles, else `undefined`.
 * @internal
 */
export function definedSubclass(role: object, of: object): boolean | undefined {
  const a = infoByClass.get(role);
  if (a === undefined) return undefined;
  const b = infoByClass.get(of);
  if (b === undefined) return undefined;
  return ((a.ancestors[b.bit >>> 5] ?? 0) & (1 << (b.bit & 31))) !== 0;
}

/**
 * True when `role` is `of` or inherits from it anywhere in its MRO (Python's
 * `issubclass`). Roles are compared by id, so a class that was never defined
 * is judged by its `mro` static.
 */
export function isSubclass(role: RoleClass, of: RoleClass): boolean {
  return definedSubclass(role, of) ?? mroOf(role).includes(of.roleId);
}
