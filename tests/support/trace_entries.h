// A trace's entries of one kind as "id: result: detail" strings, the form trace tests assert.
#pragma once

#include <string>
#include <vector>

#include "chipgate/engine.h"

namespace chipgate::testing {

inline std::vector<std::string> Entries(const Trace& t, const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& e : t.entries)
    if (e.kind == kind) out.push_back(e.id + ": " + e.result + ": " + e.detail);
  return out;
}

}  // namespace chipgate::testing
