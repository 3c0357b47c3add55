// Golden JSON files keep the document's whole shape but not the version of the binary that wrote
// it: `chipgate_version` is checked against `chipgate --version` and then replaced by a fixed
// placeholder, so a release (a new project version) does not turn every golden file red.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.h"

namespace chipgate::testing {

inline constexpr const char* kGoldenVersion = "(version)";

// The version `chipgate --version` prints on its first line ("chipgate X.Y.Z").
inline std::string BinaryVersion() {
  RunResult r = RunChipgate({"--version"});
  REQUIRE(r.exit_code == 0);
  std::string first = r.out.substr(0, r.out.find('\n'));
  REQUIRE(first.rfind("chipgate ", 0) == 0);
  return first.substr(9);
}

// Checks the document's `chipgate_version` is the binary's, then fixes it for the comparison.
inline void NeutraliseVersion(nlohmann::json& doc) {
  static const std::string version = BinaryVersion();
  REQUIRE(doc.contains("chipgate_version"));
  CHECK(doc["chipgate_version"] == version);
  doc["chipgate_version"] = kGoldenVersion;
}

}  // namespace chipgate::testing
