/**
 * Python's own C3 as an oracle: builds each hierarchy with `type()` in one
 * python3 process and returns every class's `__mro__` (or null when Python
 * refuses to create it, or one of its bases).
 */
import { execFileSync } from "node:child_process";

export interface HierarchyRole {
  readonly id: string;
  readonly bases: readonly string[];
}

const SCRIPT = String.raw`
import json, sys
out = []
for roles in json.load(sys.stdin):
    classes = {}
    result = {}
    for role in roles:
        try:
            bases = tuple(classes[b] for b in role["bases"]) or (object,)
            cls = type(role["id"], bases, {})
            classes[role["id"]] = cls
            result[role["id"]] = [c.__name__ for c in cls.__mro__ if c is not object]
        except (TypeError, KeyError):
            result[role["id"]] = None
    out.append(result)
json.dump(out, sys.stdout)
`;

/** Linearizes hierarchies (roles listed bases-first) with Python; one process for all. */
export function pythonMros(hierarchies: readonly (readonly HierarchyRole[])[]): Record<string, string[] | null>[] {
  const output = execFileSync("python3", ["-c", SCRIPT], { input: JSON.stringify(hierarchies), maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(output.toString("utf8")) as Record<string, string[] | null>[];
}
