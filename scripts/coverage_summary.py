#!/usr/bin/env python3
"""Prints line and branch coverage per module of src/ from gcovr's JSON report (scripts/coverage),
then the audit-log code and, last, the decision core (eval, compile, engine, screen) as a whole.
With --files, first every file of the decision core and the audit-log code on its own (the table
docs/development.md, "Coverage", lists)."""
import collections
import json
import sys

DECISION_CORE = ("eval", "compile", "engine", "screen")
# The audit-log code: building, hashing and checking records (src/audit), and the store's append,
# verify and export (audit_store.cc), the stored audit runs (audit_runs.cc) and the statements of
# both backends (sqlite_audit.cc, pg_audit.cc; the PostgreSQL ones run in ctest's
# store_postgresql).
AUDIT_LOG = ("src/audit/", "src/store/audit_store.cc", "src/store/audit_runs.cc",
             "src/store/sqlite/sqlite_audit.cc", "src/store/postgres/pg_audit.cc")


def counts(f):
    lines = [l for l in f["lines"] if not l.get("gcovr/noncode") and not l.get("gcovr/excluded")]
    covered = sum(1 for l in lines if l["count"] > 0)
    branches = [b for l in lines for b in l.get("branches", [])]
    taken = sum(1 for b in branches if b["count"] > 0)
    return len(lines), covered, len(branches), taken


def pct(n, d):
    return f"{100.0 * n / d:5.1f} %" if d else "    – "


def main():
    report = json.load(open(sys.argv[1]))
    if "--files" in sys.argv[2:]:
        print(f"{'file':<40} {'lines':>9} {'branches':>9}   (lines, branches)")
        for f in sorted(report["files"], key=lambda f: f["file"]):
            name = f["file"]
            if not (name.startswith(AUDIT_LOG) or name.split("/")[1:2] in ([m] for m in DECISION_CORE)):
                continue
            l, lc, b, bc = counts(f)
            print(f"{name:<40} {pct(lc, l):>9} {pct(bc, b):>9}   ({lc}/{l}, {bc}/{b})")
        print()
    per = collections.defaultdict(lambda: [0, 0, 0, 0])
    audit = [0, 0, 0, 0]
    for f in report["files"]:
        name = f["file"]
        if not name.startswith("src/"):
            continue
        c = counts(f)
        module = name.split("/")[1]
        for i in range(4):
            per[module][i] += c[i]
            if name.startswith(AUDIT_LOG):
                audit[i] += c[i]
    print(f"{'module':<10} {'lines':>9} {'branches':>9}   (lines, branches)")
    for module in sorted(per):
        l, lc, b, bc = per[module]
        print(f"{module:<10} {pct(lc, l):>9} {pct(bc, b):>9}   ({lc}/{l}, {bc}/{b})")
    total = [sum(per[m][i] for m in per) for i in range(4)]
    print(f"{'all of src':<10} {pct(total[1], total[0]):>9} {pct(total[3], total[2]):>9}")
    print(f"audit log: lines {pct(audit[1], audit[0]).strip()}, "
          f"branches {pct(audit[3], audit[2]).strip()}")
    core = [sum(per[m][i] for m in DECISION_CORE) for i in range(4)]
    print(f"decision core: lines {pct(core[1], core[0]).strip()}, "
          f"branches {pct(core[3], core[2]).strip()}")


main()
