#!/usr/bin/env python3
"""Prints line and branch coverage per module of src/ from gcovr's JSON report (scripts/coverage),
then the audit-log code and, last, the decision core (eval, compile, engine, screen) as a whole."""
import collections
import json
import sys

DECISION_CORE = ("eval", "compile", "engine", "screen")
# The audit-log code: building, hashing and checking records (src/audit), and the store's append,
# verify and export with their SQLite statements.
AUDIT_LOG = ("src/audit/", "src/store/audit_store.cc", "src/store/audit_runs.cc",
             "src/store/sqlite/sqlite_audit.cc")


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
    print(f"audit-log code: lines {pct(audit[1], audit[0]).strip()}, "
          f"branches {pct(audit[3], audit[2]).strip()}")
    core = [sum(per[m][i] for m in DECISION_CORE) for i in range(4)]
    print(f"decision core: lines {pct(core[1], core[0]).strip()}, "
          f"branches {pct(core[3], core[2]).strip()}")


main()
