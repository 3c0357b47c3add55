// TAP (Test Anything Protocol) version 14 output (`test` and `lint` with `--format tap`): the
// version line, the plan `1..N`, then one `ok N - ...` or `not ok N - ...` per test point, each
// optionally followed by a YAML diagnostic block, then comment lines. TAP 14 is a superset of
// TAP 13 for everything written here, so TAP 13 consumers read it too.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace chipgate::cli {

struct TapPoint {
  bool ok = true;
  std::string description = {};
  // The YAML diagnostic block's fields, in order (names are fixed identifiers; values are written
  // as double-quoted YAML scalars); empty: no block.
  std::vector<std::pair<std::string, std::string>> yaml = {};
};

// The whole stream. A description has `\` and `#` escaped with a backslash (TAP 14: `#` would
// start a directive) and line breaks made spaces; each comment becomes a `# ` line after the
// points.
std::string TapText(const std::vector<TapPoint>& points, const std::vector<std::string>& comments);

}  // namespace chipgate::cli
