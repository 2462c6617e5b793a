/**
 * Python as the oracle of Lino's semantics: one python3 process builds every
 * hierarchy with `type()` (C3 exactly as Lino gets it) and answers
 * requirement checks with `issubclass`, the way Lino's `has_required_roles`
 * does: every item is satisfied by the class or one class of the OR-group.
 */
import { execFileSync } from "node:child_process";

export interface OracleRole {
  readonly id: string;
  /** Bases, by id, in declaration order; every base comes earlier in the list. */
  readonly bases: readonly string[];
}

export interface OracleCase {
  readonly roles: readonly OracleRole[];
  /** Does `role` satisfy `required` (an AND-list of OR-groups)? */
  readonly checks: readonly { readonly role: string; readonly required: readonly (readonly string[])[] }[];
}

export interface OracleAnswer {
  /** Each role's `__mro__` without `object`, or null when Python refused to create it (or a base). */
  readonly mro: Record<string, string[] | null>;
  /** One answer per check; null when the role does not exist in Python. */
  readonly results: (boolean | null)[];
}

const SCRIPT = String.raw`
import json, sys
out = []
for case in json.load(sys.stdin):
    classes = {}
    mro = {}
    for role in case["roles"]:
        try:
            bases = tuple(classes[b] for b in role["bases"]) or (object,)
            cls = type(role["id"], bases, {})
            classes[role["id"]] = cls
            mro[role["id"]] = [c.__name__ for c in cls.__mro__ if c is not object]
        except (TypeError, KeyError):
            mro[role["id"]] = None
    results = []
    for check in case["checks"]:
        cls = classes.get(check["role"])
        if cls is None:
            results.append(None)
            continue
        ok = True
        for group in check["required"]:
            if not any(g in classes and issubclass(cls, classes[g]) for g in group):
                ok = False
                break
        results.append(ok)
    out.append({"mro": mro, "results": results})
json.dump(out, sys.stdout)
`;

/** Asks Python about every case, in one process. */
export function askPython(cases: readonly OracleCase[]): OracleAnswer[] {
  const output = execFileSync("python3", ["-c", SCRIPT], { input: JSON.stringify(cases), maxBuffer: 1024 * 1024 * 1024 });
  return JSON.parse(output.toString("utf8")) as OracleAnswer[];
}
