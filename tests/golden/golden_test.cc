// Golden test: rendered diagnostics of the broken packs in tests/golden/ must equal
// <pack>.expected.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate {
namespace {

// Paths in the rendered output are absolute; golden files hold them relative to the source tree.
std::string RelativeToSourceTree(std::string text) {
  const std::string prefix = std::string(CHIPGATE_SOURCE_DIR) + "/";
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
    text.erase(at, prefix.size());
  return text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool UpdateRequested() {
  const char* env = std::getenv("CHIPGATE_UPDATE_GOLDEN");
  return env != nullptr && std::string(env) == "1";
}

// Lints tests/golden/<name>/ and compares with tests/golden/<name>.expected. Returns the
// diagnostics for further checks.
std::vector<Diagnostic> CheckGolden(const std::string& name) {
  std::vector<Diagnostic> diags = Engine::Lint(testing::SourcePath("tests/golden/" + name));
  std::string actual = RelativeToSourceTree(RenderDiagnostics(diags));
  std::string expected_path = testing::SourcePath("tests/golden/" + name + ".expected");
  if (UpdateRequested()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    WARN("rewrote " << expected_path);
    return diags;
  }
  std::ifstream in(expected_path, std::ios::binary);
  INFO("missing " << expected_path << "; run with CHIPGATE_UPDATE_GOLDEN=1 to create it");
  REQUIRE(in.good());
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string expected = buf.str();

  std::vector<std::string> a = Lines(actual), e = Lines(expected);
  for (size_t i = 0; i < std::max(a.size(), e.size()); ++i) {
    std::string got = i < a.size() ? a[i] : "<end of output>";
    std::string want = i < e.size() ? e[i] : "<end of file>";
    if (got != want) {
      INFO("first difference at line " << i + 1 << " of " << expected_path
                                       << " (CHIPGATE_UPDATE_GOLDEN=1 rewrites it after review)");
      CHECK(got == want);
      break;
    }
  }
  CHECK(actual == expected);
  return diags;
}

std::set<std::string> DistinctCodes(const std::vector<Diagnostic>& diags) {
  std::set<std::string> out;
  for (const auto& d : diags) out.insert(d.code);
  return out;
}

}  // namespace

TEST_CASE("BrokenPackDiagnosticsMatchTheGoldenFile", "[golden]") {
  std::vector<Diagnostic> diags = CheckGolden("broken_pack");
  // The pack is meant to exercise the validator and lint broadly.
  std::set<std::string> codes = DistinctCodes(diags);
  INFO(RenderDiagnostics(diags));
  CHECK(codes.size() >= 11);
  CHECK(codes == std::set<std::string>{"E105", "E202", "E203", "E204", "E301", "E302", "E303",
                                       "E304", "E305", "E306", "E307"});
}

TEST_CASE("LintPackWarningsMatchTheGoldenFile", "[golden]") {
  std::vector<Diagnostic> diags = CheckGolden("lint_pack");
  INFO(RenderDiagnostics(diags));
  CHECK(DistinctCodes(diags) == std::set<std::string>{"W401", "W402", "W403"});
  CHECK_FALSE(HasErrors(diags));
}

TEST_CASE("BrokenYamlDiagnosticsMatchTheGoldenFile", "[golden]") {
  std::vector<Diagnostic> diags = CheckGolden("broken_yaml");
  INFO(RenderDiagnostics(diags));
  CHECK(DistinctCodes(diags) ==
        std::set<std::string>{"E101", "E102", "E103", "E104", "E105", "E106", "E201"});
}

TEST_CASE("GoldenPathsAreRelativeToTheSourceTree", "[golden]") {
  std::string rendered = RelativeToSourceTree(
      RenderDiagnostics({{Severity::kError,
                          "E999",
                          {std::string(CHIPGATE_SOURCE_DIR) + "/x.yaml", 0, 0},
                          "see " + std::string(CHIPGATE_SOURCE_DIR) + "/y.yaml:3"}}));
  CHECK(rendered == "x.yaml: error[E999]: see y.yaml:3\n");
}

}  // namespace chipgate
