#!/usr/bin/env python3
"""Writes a role-module project (one YAML file per Python module that defines
roles, plus the user types module) from a Lino application fixture JSON, as
described in test/fixtures/lino/README.md.

Usage: scripts/lino-fixture-to-yaml.py test/fixtures/lino/noi.json user-types/noi
"""
import json
import os
import sys


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def main(fixture_path, out_dir):
    app = json.load(open(fixture_path))
    ut_module = app["source"]["user_types_module"]
    roles = {r["id"]: r for r in app["roles"]}
    by_py_module = {}
    for r in app["roles"]:
        if r["module"] == "lino.core.roles":
            continue
        by_py_module.setdefault(r["module"], []).append(r)
    ut_roles = by_py_module.pop(ut_module, [])
    ut_label = None
    for r in ut_roles:
        ut_label = r["id"].split(".")[0]
    if ut_label is None:
        ut_label = ut_module.split(".")[-2]

    def file_of(py_module):
        return "roles/" + py_module + ".yaml"

    def deps(rs):
        out = []
        for r in rs:
            for b in r["bases"]:
                m = roles[b]["module"]
                if m not in ("lino.core.roles", ut_module) and m not in out and m != r["module"]:
                    out.append(m)
        return out

    os.makedirs(os.path.join(out_dir, "roles"), exist_ok=True)
    for py_module, rs in by_py_module.items():
        label = rs[0]["id"].split(".")[0]
        lines = [
            "# yaml-language-server: $schema=../../../schemas/role-module.schema.json",
            f"# Roles of {py_module}.",
            f"module: {label}",
        ]
        inc = deps(rs)
        if inc:
            lines.append("include:")
            lines += [f"  - {os.path.basename(file_of(m))}" for m in inc]
        lines.append("roles:")
        for r in rs:
            bases = [b.split(".", 1)[1] if b.split(".")[0] == label else b for b in r["bases"]]
            bases = [] if bases == ["core.UserRole"] else bases
            lines.append(f"  {r['id'].split('.', 1)[1]}: [{', '.join(bases)}]")
        with open(os.path.join(out_dir, file_of(py_module)), "w") as f:
            f.write("\n".join(lines) + "\n")

    bindings = dict((name, rid) for name, rid in app["meaningful_bindings"])
    local = {r["id"].split(".", 1)[1]: r for r in ut_roles}
    lines = [
        "# yaml-language-server: $schema=../../schemas/role-module.schema.json",
        f"# The user types module of {app['app']} ({ut_module}).",
        f"module: {ut_label}",
    ]
    inc = []
    for m in deps(ut_roles):
        inc.append(file_of(m))
    for name, rid in app["meaningful_bindings"]:
        m = roles[rid]["module"]
        if m not in ("lino.core.roles", ut_module) and file_of(m) not in inc:
            inc.append(file_of(m))
    for u in app["userTypes"]:
        m = roles[u["role"]]["module"]
        if m not in ("lino.core.roles", ut_module) and file_of(m) not in inc:
            inc.append(file_of(m))
    if inc:
        lines.append("include:")
        lines += [f"  - {p}" for p in sorted(inc)]
    imports = []
    for name, rid in app["meaningful_bindings"]:
        if rid.split(".")[0] == ut_label and name in local:
            continue
        cls = rid.split(".", 1)[1]
        imports.append(rid if cls == name else f"{{ role: {rid}, as: {name} }}")
    if imports:
        lines.append("imports:")
        lines += [f"  - {i}" for i in imports]
    if local:
        lines.append("roles:")
        for name, r in local.items():
            bases = [b.split(".", 1)[1] if b.split(".")[0] == ut_label and b.split(".", 1)[1] in local else b for b in r["bases"]]
            lines.append(f"  {name}: [{', '.join(bases)}]")
    lines.append("userTypes:")
    for u in app["userTypes"]:
        rid = u["role"]
        cls = rid.split(".", 1)[1]
        ref = cls if bindings.get(cls) == rid or (rid.split(".")[0] == ut_label and cls in local) else rid
        parts = [f"value: {q(u['value'])}"]
        if u.get("names"):
            parts.append(f"names: {q(' '.join(u['names']))}")
        parts.append(f"text: {q(u['text'])}")
        parts.append(f"role: {ref}")
        if u.get("readonly"):
            parts.append("readonly: true")
        if u.get("hidden_languages"):
            hl = u["hidden_languages"]
            parts.append(f"hiddenLanguages: {q(hl if isinstance(hl, str) else ' '.join(hl))}")
        if u.get("mask_notifications"):
            parts.append(f"maskNotifications: {json.dumps(u['mask_notifications'])}")
        if u.get("extra"):
            parts.append(f"attributes: {json.dumps(u['extra'])}")
        lines.append("  - { " + ", ".join(parts) + " }")
    with open(os.path.join(out_dir, app["app"] + ".yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
