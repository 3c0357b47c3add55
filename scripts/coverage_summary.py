#!/usr/bin/env python3
"""Prints line and branch coverage per module of src/ from gcovr's JSON report (scripts/coverage),
then the audit-log code and, last, the decision core (eval, compile, engine, screen) as a whole.
With --files, first every file of the decision core and the audit-log code on its own (the table
docs/development.md, "Coverage", lists); with --uncovered, every line of those files that holds a
source decision with an outcome the suite never took.

Two branch figures (docs/development.md, "Coverage", says why):
- "decisions": the branches gcov counts on the lines that hold a source decision of ours: an `if`
  or `else if` condition, a loop's head (`for`, `while`, `do ... while`), a `switch` or its `case`
  and `default` labels, a `catch`, and every statement with `&&`, `||` or `?:` (the whole
  statement, over all its lines; a condition over several lines counts on all of them). Each
  outcome of each such decision is a branch there, so all of them count; branches the compiler
  inlined from the standard library onto the same lines count too.
- "all": every branch gcov counts, including those on lines without a decision, which at -O2 are
  the standard library's own (`std::string` and `std::vector` code inlined into ours), not ours.
Both leave out throw branches and branches on lines without code (gcovr --exclude-throw-branches
--exclude-unreachable-branches)."""
import collections
import json
import os
import re
import sys

DECISION_CORE = ("eval", "compile", "engine", "screen")
# The audit-log code: building, hashing and checking records (src/audit), and the store's append,
# verify and export (audit_store.cc), the stored audit runs (audit_runs.cc) and the statements of
# both backends (sqlite_audit.cc, pg_audit.cc; the PostgreSQL ones run in ctest's
# store_postgresql).
AUDIT_LOG = ("src/audit/", "src/store/audit_store.cc", "src/store/audit_runs.cc",
             "src/store/sqlite/sqlite_audit.cc", "src/store/postgres/pg_audit.cc")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_KEYWORD = re.compile(r"\b(?:if(?:\s+constexpr)?|while|for|switch|catch)\s*\(")
_LABEL = re.compile(r"\b(?:case\b(?:[^:;{}]|::)*|default\s*):(?!:)")
_OPERATOR = re.compile(r"&&|\|\||\?")


def blank(text):
    """The source with comments, string and character literals and preprocessor lines replaced by
    spaces (newlines kept), so that only code is searched for decisions."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            k = text.find("(", i + 2)
            delim = ")" + text[i + 2:k] + '"'
            j = text.find(delim, k)
            j = n if j < 0 else j + len(delim)
        elif c in "\"'" and not (c == "'" and i > 0 and text[i - 1].isalnum()):  # 1'000 is a number
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):
            j = i
            while True:
                j = text.find("\n", j)
                if j < 0 or text[j - 1] != "\\":
                    j = n if j < 0 else j
                    break
                j += 1
        else:
            out.append(c)
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:j]))
        i = j
    return "".join(out)


def decision_lines(text):
    """The numbers of the lines of `text` (C++ source) that hold a source decision (see above)."""
    code = blank(text)
    starts = [0] + [m.end() for m in re.finditer("\n", code)]

    def line(pos):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if starts[mid] <= pos else (lo, mid - 1)
        return lo + 1

    marked = set()

    def mark(a, b):
        marked.update(range(line(a), line(max(a, b - 1)) + 1))

    for m in _KEYWORD.finditer(code):  # the keyword up to its closing parenthesis
        depth, j = 0, m.end() - 1
        while j < len(code):
            depth += {"(": 1, ")": -1}.get(code[j], 0)
            if depth == 0:
                break
            j += 1
        mark(m.start(), j + 1)
    for m in _LABEL.finditer(code):
        mark(m.start(), m.end())
    for m in _OPERATOR.finditer(code):  # the whole statement, from after `;`, `{`, `}` or a label
        a = max(code.rfind(ch, 0, m.start()) for ch in ";{}") + 1
        while code[a].isspace():
            a += 1
        label = _LABEL.match(code, a)
        if label:
            a = label.end()
            while code[a].isspace():
                a += 1
        ends = [x for x in (code.find(ch, m.end()) for ch in ";{}") if x >= 0]
        mark(a, min(ends or [len(code)]))
    return marked


_decisions = {}


def is_decision(name, number):
    if name not in _decisions:
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            _decisions[name] = decision_lines(f.read())
    return number in _decisions[name]


def code_lines(f):
    return [l for l in f["lines"] if not l.get("gcovr/noncode") and not l.get("gcovr/excluded")]


def counts(f):
    """lines, lines covered, branches, taken, decision branches, decision branches taken."""
    lines = code_lines(f)
    covered = sum(1 for l in lines if l["count"] > 0)
    branches = [b for l in lines for b in l.get("branches", [])]
    taken = sum(1 for b in branches if b["count"] > 0)
    decisions = [b for l in lines if is_decision(f["file"], l["line_number"])
                 for b in l.get("branches", [])]
    decided = sum(1 for b in decisions if b["count"] > 0)
    return [len(lines), covered, len(branches), taken, len(decisions), decided]


def pct(n, d):
    return f"{100.0 * n / d:5.1f} %" if d else "    – "


def row(label, c, width):
    return (f"{label:<{width}} {pct(c[1], c[0]):>9} {pct(c[5], c[4]):>9} {pct(c[3], c[2]):>9}   "
            f"({c[1]}/{c[0]}, {c[5]}/{c[4]}, {c[3]}/{c[2]})")


def in_scope(name):
    return name.startswith(AUDIT_LOG) or name.split("/")[1:2] in ([m] for m in DECISION_CORE)


# The self-test (ctest `coverage_summary_selftest`): which lines of a sample count as decisions.
_SAMPLE = """int F(int a, int b) {        // 1
  int x = a + b;             // 2: no decision
  if (a > 0 &&               // 3: a condition over two lines
      b > 0) {               // 4
    x = "if (" [0];          // 5: `if (` in a string is no decision
  }                          // 6
  /* while (a) */            // 7: nor in a comment
  for (int i = 0; i < a;     // 8: a loop's head
       ++i) x += i;          // 9
  int y = a ? 1              // 10: a statement with ?: counts on all its lines
            : 2;             // 11
  switch (x) {               // 12
    case 1: return y;        // 13
    default:                 // 14
      break;                 // 15
  }                          // 16
  try { x = G(); } catch (const E& e) { x = 0; }  // 17
  return x || y;             // 18
}
"""
_SAMPLE_DECISIONS = {3, 4, 8, 9, 10, 11, 12, 13, 14, 17, 18}


def selftest():
    got = decision_lines(_SAMPLE)
    if got != _SAMPLE_DECISIONS:
        print(f"decision lines: got {sorted(got)}, expected {sorted(_SAMPLE_DECISIONS)}")
        return 1
    print("decision lines: as expected")
    return 0


def main():
    if sys.argv[1:] == ["--selftest"]:
        sys.exit(selftest())
    report = json.load(open(sys.argv[1]))
    files = sorted((f for f in report["files"] if f["file"].startswith("src/")),
                   key=lambda f: f["file"])
    heading = "{:<{w}} {:>9} {:>9} {:>9}   (lines, decisions, all)"
    if "--uncovered" in sys.argv[2:]:
        for f in files:
            if not in_scope(f["file"]):
                continue
            with open(os.path.join(ROOT, f["file"]), encoding="utf-8") as src:
                text = src.read().split("\n")
            for l in code_lines(f):
                bs = l.get("branches", [])
                if is_decision(f["file"], l["line_number"]) and any(b["count"] == 0 for b in bs):
                    taken = sum(1 for b in bs if b["count"] > 0)
                    print(f"{f['file']}:{l['line_number']} [{taken}/{len(bs)}] "
                          f"{text[l['line_number'] - 1].strip()[:100]}")
        print()
    if "--files" in sys.argv[2:]:
        print(heading.format("file", "lines", "decisions", "all", w=40))
        for f in files:
            if in_scope(f["file"]):
                print(row(f["file"], counts(f), 40))
        print()
    per = collections.defaultdict(lambda: [0] * 6)
    audit = [0] * 6
    for f in files:
        c = counts(f)
        module = f["file"].split("/")[1]
        for i in range(6):
            per[module][i] += c[i]
            if f["file"].startswith(AUDIT_LOG):
                audit[i] += c[i]
    print("branches: 'decisions' counts those on lines holding a source decision (if, loop, switch, "
          "case, catch, &&, ||, ?:), 'all' every branch gcov counts")
    print(heading.format("module", "lines", "decisions", "all", w=10))
    for module in sorted(per):
        print(row(module, per[module], 10))
    total = [sum(per[m][i] for m in per) for i in range(6)]
    print(row("all of src", total, 10))
    core = [sum(per[m][i] for m in DECISION_CORE) for i in range(6)]
    for label, c in (("audit log", audit), ("decision core", core)):
        print(f"{label}: lines {pct(c[1], c[0]).strip()}, branches {pct(c[5], c[4]).strip()} "
              f"(decisions; all branches {pct(c[3], c[2]).strip()})")


main()
