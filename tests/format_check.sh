#!/usr/bin/env bash
# ctest `format`: every C++ file is formatted as .clang-format says (run scripts/format to fix).
# clang-format is installed by scripts/setup; its absence is a failure, not a skip.
set -euo pipefail
cd "$1"
command -v clang-format-14 >/dev/null || { echo "format: clang-format-14 is not installed"; exit 1; }
find src include tests bench examples -name '*.cc' -o -name '*.h' | sort |
  xargs clang-format-14 --dry-run --Werror
echo "format: every C++ file matches .clang-format"
