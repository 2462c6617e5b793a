/**
 * Python's own C3 as an oracle: every hierarchy's `__mro__` per class (or
 * null when Python refuses to create it, or one of its bases), from the one
 * python3 process of `askPython`.
 */
import { askPython, type OracleRole } from "./python-oracle.js";

export type HierarchyRole = OracleRole;

/** Linearizes hierarchies (roles listed bases-first) with Python; one process for all. */
export function pythonMros(hierarchies: readonly (readonly HierarchyRole[])[]): Record<string, string[] | null>[] {
  return askPython(hierarchies.map((roles) => ({ roles, checks: [] }))).map((answer) => answer.mro);
}
