/**
 * Python's own C3 as an oracle: every hierarchy's `__mro__` per class (or
 * null when Python refuses to create it, or one of its bases), from the one
 * python3 process of `askPython`.
 */
import { execFileSync } from "node:child_process";
import { askPython, type OracleRole } from "./python-oracle.js";

export type HierarchyRole = OracleRole;

/** Linearizes hierarchies (roles listed bases-first) with Python; one process for all. */
export function pythonMros(hierarchies: readonly (readonly HierarchyRole[])[]): Record<string, string[] | null>[] {
  return askPython(hierarchies.map((roles) => ({ roles, checks: [] }))).map((answer) => answer.mro);
}

/** What Python said to `class X(<bases>)`: its MRO (without `object`), or the TypeError's message. */
export type PythonClassCreation = { readonly mro: readonly string[] } | { readonly error: string };

const CREATE_SCRIPT = String.raw`
import json, sys
out = []
for case in json.load(sys.stdin):
    classes = {}
    for role in case["roles"]:
        try:
            bases = tuple(classes[b] for b in role["bases"]) or (object,)
            classes[role["id"]] = type(role["id"], bases, {})
        except (TypeError, KeyError):
            pass
    answers = []
    for bases in case["classes"]:
        if not all(b in classes for b in bases):
            answers.append(None)
            continue
        try:
            cls = type("X", tuple(classes[b] for b in bases), {})
            answers.append({"mro": [c.__name__ for c in cls.__mro__ if c is not object]})
        except TypeError as e:
            answers.append({"error": " ".join(str(e).split())})
    out.append(answers)
json.dump(out, sys.stdout)
`;

/**
 * Asks Python to create `class X(<bases>)` for each list of `classes`, on
 * each hierarchy (roles listed bases-first; a role Python refuses is left
 * out, and a class naming it gets null). One process for all.
 */
export function pythonCreateClasses(cases: readonly { readonly roles: readonly HierarchyRole[]; readonly classes: readonly (readonly string[])[] }[]): (PythonClassCreation | null)[][] {
  const output = execFileSync("python3", ["-c", CREATE_SCRIPT], { input: JSON.stringify(cases), maxBuffer: 1024 * 1024 * 1024 });
  return JSON.parse(output.toString("utf8")) as (PythonClassCreation | null)[][];
}
