#!/usr/bin/env python3
"""Runs the command examples of one Markdown file, so the documentation cannot drift.

The convention (docs/development.md, "Documentation examples"):
  - A fenced block whose info string is `sh` is run; every other block (```console, ```text,
    ```yaml, a bare ```) is not.
  - `<!-- docs-test: skip REASON -->` on the line just above a ```sh block skips it; the reason is
    required and every skipped block is printed with it, so nothing is skipped silently.
    `<!-- docs-test: needs TOOL -->` runs the block only when TOOL is on PATH (printed as skipped
    otherwise): for a tool such as `openssl` that the project's setup does not install.
  - Each block runs under `bash -e -o pipefail`: any command that fails fails the block. A command
    that must exit non-zero says so on its (last) line with the comment `# exit: N`; the test then
    requires exactly that status.
  - The blocks of one file run in order, in one fresh directory prepared like a user's checkout
    after `scripts/run` (`--sandbox`): a later block may use what an earlier one created.
  - A line starting with `$ ` in a block that is not ```sh is a command transcript that would not
    be run: that is an error (write the command in a ```sh block and its output in a ```text
    block after it).
  - `<!-- docs-test: output -->` on the line just above a block that is not ```sh makes it the
    output of the nearest ```sh block above it: the block must be exactly what that block printed
    (stdout and stderr, trailing blanks of each line and trailing empty lines left out), or the
    test fails with a diff. With CHIPGATE_DOCS_UPDATE=1 in the environment the runner writes the
    output into the Markdown file instead, so shown output is regenerated, never pasted.

Usage: run_doc_examples.py --doc FILE --sandbox DIR --work DIR [--timeout SECONDS]
The sandbox is a prepared checkout (tests/docs/prepare_sandbox.sh); it is copied to WORK, so a
block never changes the sandbox or the source tree. Exit status 0 when every block passed.
"""

import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import time

SKIP_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*skip\b(.*?)-->\s*$")
# A block that needs a tool chipgate's setup does not install: skipped, and said so, without it.
NEEDS_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*needs\s+([\w.+-]+)\s*-->\s*$")
# The block below is the output of the ```sh block above it (checked, or rewritten on update).
OUTPUT_MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*output\s*-->\s*$")
# `# exit: N` ends a command line; anything after N is free text for the reader.
EXIT_MARKER = re.compile(r"^(?P<command>.*?)\s+#\s*exit:\s*(?P<status>\d+)\b.*$")
FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class Block:
    """One fenced block: its language, body lines and where it starts (1-based, fence line)."""

    def __init__(self, line, language, body, skip_reason, needs, output=False, end=0, indent=0):
        self.line = line
        self.language = language
        self.body = body
        self.skip_reason = skip_reason  # None: not marked; a string (maybe empty): marked skip
        self.needs = needs  # a command the block needs on PATH, or None
        self.output = output  # marked `output`: the printed output of the sh block above it
        self.end = end  # the closing fence's line (1-based)
        self.indent = indent  # the fence's indentation (a block in a list item)


def parse_blocks(text):
    """Fenced blocks as CommonMark reads them: a backtick fence's info string has no backtick
    (so a ``` `code` ``` span at the start of a line is not a fence), and a fence closes at a
    line of at least as many of the same characters and nothing else."""
    lines = text.split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if not m or (m.group("fence")[0] == "`" and "`" in m.group("info")):
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent"))
        info = m.group("info").strip()
        start = i
        # The marker is the nearest non-blank line above the fence.
        skip_reason, needs, output = None, None, False
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0:
            marker = SKIP_MARKER.match(lines[j])
            if marker:
                skip_reason = marker.group(1).strip()
            marker = NEEDS_MARKER.match(lines[j])
            if marker:
                needs = marker.group(1)
            output = OUTPUT_MARKER.match(lines[j]) is not None
        close = re.compile(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        body = []
        i += 1
        while i < len(lines) and not close.match(lines[i]):
            # Content of a fence in a list item is indented like its fence.
            line = lines[i]
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            i += 1
        language = info.split()[0] if info else ""
        blocks.append(Block(start + 1, language, body, skip_reason, needs, output, i + 1, indent))
        i += 1
    return blocks


def rewrite_expected_exits(body):
    """Turns each command marked `# exit: N` into one that succeeds exactly when the command
    exits N. A command continued over several lines (`\\`) carries the marker on its last line;
    the line count is unchanged, so bash's line numbers still point into the block."""
    out = list(body)
    command_start = 0
    for k, line in enumerate(body):
        m = EXIT_MARKER.match(line)
        if m:
            status = int(m.group("status"))
            out[k] = m.group("command") + (
                " || __docs_rc=$?; if [ \"$__docs_rc\" -ne %d ]; then"
                " echo \"docs-test: expected exit %d, got $__docs_rc\" >&2;"
                " echo \"docs-test-failed-line=$LINENO\" >&2; exit 1; fi" % (status, status))
            out[command_start] = "__docs_rc=0; " + out[command_start]
        if not line.rstrip().endswith("\\"):
            command_start = k + 1
    return out


def transcript_lines(block):
    """Lines of a non-sh block that look like a command prompt (`$ command`)."""
    return [k for k, line in enumerate(block.body) if line.startswith("$ ")]


def run_block(block, script_path, work, env, timeout):
    """Runs one block; returns (ok, status, output, failed_line_in_block or None, seconds)."""
    body = rewrite_expected_exits(block.body)
    # Line 1 is the ERR trap; the block's line k (0-based) is script line k + 2.
    trap = "trap 'echo \"docs-test-failed-line=$LINENO\" >&2' ERR"
    with open(script_path, "w") as f:
        f.write(trap + "\n" + "\n".join(body) + "\n")
    started = time.monotonic()
    # A session of its own, so a timeout ends every process the block started, not only bash.
    proc = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail", script_path],
        cwd=work, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        raw, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raw, _ = proc.communicate()
        return False, None, raw.decode("utf-8", "replace"), None, time.monotonic() - started
    output = raw.decode("utf-8", "replace")
    failed = None
    for m in re.finditer(r"^docs-test-failed-line=(\d+)$", output, re.M):
        failed = int(m.group(1)) - 2
    output = re.sub(r"^docs-test-failed-line=\d+\n?", "", output, flags=re.M)
    return proc.returncode == 0, proc.returncode, output, failed, time.monotonic() - started


def printed(output):
    """A block's output as an output block shows it: each line without trailing blanks, no
    trailing empty lines."""
    lines = [l.rstrip() for l in output.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def rewrite_outputs(path, updates):
    """Writes each (block, lines) of `updates` into the Markdown file as that block's body."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for block, new in sorted(updates, key=lambda u: -u[0].line):
        pad = " " * block.indent
        lines[block.line:block.end - 1] = [(pad + l) if l else l for l in new]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def tail(output, keep=60):
    """The last `keep` lines of a block's output: where it failed."""
    lines = output.rstrip("\n").split("\n")
    if len(lines) <= keep:
        return lines
    return ["(%d lines before these)" % (len(lines) - keep)] + lines[-keep:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doc", required=True, help="the Markdown file")
    ap.add_argument("--name", help="how to name the file in messages (default: --doc)")
    ap.add_argument("--sandbox", required=True, help="prepared checkout to copy")
    ap.add_argument("--work", required=True, help="directory to run in (recreated)")
    # A bound that only catches a hang (a slow sanitized build must not fail it); an example
    # that takes more than 10 s is marked skip by its author instead (docs/development.md).
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per block")
    args = ap.parse_args()
    name = args.name or args.doc

    with open(args.doc, encoding="utf-8") as f:
        blocks = parse_blocks(f.read())

    errors = []
    runnable, skipped = [], []
    # The output block of each sh block (by the sh block's line), checked once the sh block ran.
    outputs, last_sh = {}, None
    for b in blocks:
        if b.output:
            if b.language == "sh" or last_sh is None:
                errors.append("%s:%d: an output block must follow a ```sh block and not be one"
                              % (name, b.line))
            elif last_sh.skip_reason is not None or last_sh.needs:
                errors.append("%s:%d: the output of a block that is not run cannot be checked"
                              % (name, b.line))
            else:
                outputs[last_sh.line] = b
        if b.language == "sh":
            last_sh = b
    update = os.environ.get("CHIPGATE_DOCS_UPDATE") == "1"
    updates = []
    for b in blocks:
        if b.language == "sh":
            if b.needs and shutil.which(b.needs) is None:
                b.skip_reason = "needs `%s`, which is not on PATH" % b.needs
                skipped.append(b)
            elif b.skip_reason is None:
                runnable.append(b)
            elif not b.skip_reason:
                errors.append("%s:%d: a skipped block must say why: "
                              "<!-- docs-test: skip REASON -->" % (name, b.line))
            else:
                skipped.append(b)
        else:
            if b.skip_reason is not None or b.needs:
                errors.append("%s:%d: docs-test marker on a ```%s block, which is never run"
                              % (name, b.line, b.language))
            for k in transcript_lines(b):
                errors.append("%s:%d: `%s` is a command in a ```%s block, which is not run: put "
                              "the command in a ```sh block (its output in a ```text block)"
                              % (name, b.line + 1 + k, b.body[k], b.language or "(bare)"))

    for b in skipped:
        print("SKIP %s:%d: %s" % (name, b.line, b.skip_reason))

    passed = 0
    if runnable and not errors:
        if os.path.exists(args.work):
            shutil.rmtree(args.work)
        shutil.copytree(args.sandbox, args.work, symlinks=True)
        work = os.path.join(args.work, "checkout")
        env = dict(os.environ)
        env["PATH"] = os.path.join(args.work, "bin") + os.pathsep + env.get("PATH", "")
        env["HOME"] = os.path.join(args.work, "home")
        os.makedirs(env["HOME"], exist_ok=True)
        script_path = os.path.join(args.work, "block.sh")
        for b in runnable:
            ok, status, output, failed, seconds = run_block(b, script_path, work, env, args.timeout)
            shown = outputs.get(b.line)
            if ok and shown is not None and printed(output) != shown.body:
                if update:
                    updates.append((shown, printed(output)))
                    print("UPDATED %s:%d: the output of the block at line %d"
                          % (name, shown.line, b.line))
                else:
                    diff = difflib.unified_diff(shown.body, printed(output), "shown", "printed",
                                                lineterm="")
                    message = ("FAIL %s:%d: the output shown differs from what the block at line "
                               "%d printed (CHIPGATE_DOCS_UPDATE=1 rewrites it):\n%s"
                               % (name, shown.line, b.line,
                                  "\n".join("    " + l for l in diff)))
                    errors.append(message)
                    print(message)
                    continue
            if ok:
                passed += 1
                print("PASS %s:%d (%.1f s)" % (name, b.line, seconds))
                continue
            where = "%s:%d" % (name, b.line + 1 + failed) if failed is not None else None
            if status is None:
                what = "took longer than %.0f s (a hang?)" % args.timeout
            else:
                what = "exit %d" % status
            message = "FAIL %s:%d: %s%s\n  block:\n%s\n  output:\n%s" % (
                name, b.line, what, (" at " + where) if where else "",
                "\n".join("    " + l for l in b.body),
                "\n".join("    " + l for l in tail(output)))
            errors.append(message)
            print(message)

    if updates:
        rewrite_outputs(args.doc, updates)
    for e in errors:
        if not e.startswith("FAIL "):
            print("ERROR " + e)
    print("%s: %d sh blocks, %d run and passed, %d skipped, %d errors"
          % (name, len(runnable) + len(skipped), passed, len(skipped), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
