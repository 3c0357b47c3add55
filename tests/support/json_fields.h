// Reading the command line's JSON documents in tests: a member that has no value is null there
// (docs/cli.md, "Machine-readable output"), which nlohmann's value() refuses to convert.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace chipgate::testing {

// The string member `key` of `j`, or `fallback` when it is null or missing.
inline std::string TextOr(const nlohmann::json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace chipgate::testing
