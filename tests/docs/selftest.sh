#!/usr/bin/env bash
# Checks the documentation-example runner itself (run_doc_examples.py) on the pages in selftest/:
# what must pass passes, each kind of failure fails and names its file:line, skips are printed
# with their reasons, and a block cannot write into the sandbox it was copied from.
# Usage: selftest.sh PYTHON WORK_DIR
set -uo pipefail
python=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/sandbox/checkout/rules" "$work/sandbox/bin"
failures=0

# run PAGE EXPECTED_STATUS PATTERN...: the runner's status and every pattern (grep -E) in its output.
run() {
  local page=$1 expected=$2
  shift 2
  local out status
  out=$("$python" "$here/run_doc_examples.py" --doc "$here/selftest/$page" --name "$page" \
    --sandbox "$work/sandbox" --work "$work/run/${page%.md}" --timeout 2 2>&1)
  status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "selftest: $page: exit $status, expected $expected; output:"; echo "$out"
    failures=$((failures + 1))
  fi
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" <<<"$out"; then
      echo "selftest: $page: output lacks /$pattern/; output:"; echo "$out"
      failures=$((failures + 1))
    fi
  done
}

run passes.md 0 '^PASS passes.md:3 ' '^PASS passes.md:10 ' \
  '^SKIP passes.md:19: writes outside the sandbox$' \
  '^SKIP passes.md:24: needs `no-such-tool-docs-selftest`, which is not on PATH$' \
  '4 sh blocks, 2 run and passed, 2 skipped, 0 errors'
run wrong_exit.md 1 '^FAIL wrong_exit.md:3: exit 1 at wrong_exit.md:5$' 'expected exit 1, got 0'
run failing_command.md 1 '^FAIL failing_command.md:3: exit 1 at failing_command.md:5$'
run skip_without_reason.md 1 'skip_without_reason.md:2: a skipped block must say why'
run transcript.md 1 'transcript.md:2: `\$ chipgate lint rules/examples` is a command in a'
run slow.md 1 '^FAIL slow.md:1: took longer than 2 s'
run output.md 0 '2 sh blocks, 2 run and passed, 0 skipped, 0 errors'
run output_differs.md 1 \
  '^FAIL output_differs.md:8: the output shown differs from what the block at line 3 printed' \
  '^    -pasted by hand$' '^    \+printed$'

# With CHIPGATE_DOCS_UPDATE=1 the runner writes the printed output into the page: a copy of
# output_differs.md then passes as it is.
cp "$here/selftest/output_differs.md" "$work/updated.md"
CHIPGATE_DOCS_UPDATE=1 "$python" "$here/run_doc_examples.py" --doc "$work/updated.md" \
  --sandbox "$work/sandbox" --work "$work/run/updated" --timeout 2 >"$work/update.log" 2>&1
if ! grep -q '^UPDATED ' "$work/update.log" \
   || [ "$(sed -n '9p' "$work/updated.md")" != printed ] \
   || ! "$python" "$here/run_doc_examples.py" --doc "$work/updated.md" --sandbox "$work/sandbox" \
        --work "$work/run/updated" --timeout 2 >/dev/null 2>&1; then
  echo "selftest: CHIPGATE_DOCS_UPDATE=1 did not rewrite the output block"; cat "$work/update.log"
  failures=$((failures + 1))
fi

# The block in passes.md wrote into its copy of the checkout, not into the sandbox.
if [ -e "$work/sandbox/checkout/rules/written-by-a-block" ] \
   || [ ! -e "$work/run/passes/checkout/rules/written-by-a-block" ]; then
  echo "selftest: a block's write did not stay in its own copy"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "selftest: all passed"
exit $((failures > 0))
