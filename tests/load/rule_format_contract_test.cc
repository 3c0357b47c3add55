// The formatter's contract on real packs: for every shipped pack and every test-data pack,
// formatting is idempotent, keeps every comment line, and changes nothing the engine sees: the
// compiled program (its full text dump) is identical, and the pack's rule tests give the same
// result, decision and reasons case by case.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "chipgate/rule_format.h"
#include "chipgate/rule_test.h"
#include "compile/program_dump.h"
#include "engine/engine_internal.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

std::string FormatOrFail(const std::string& path, const std::string& text) {
  std::string out;
  std::vector<Diagnostic> diags;
  bool ok = FormatRuleFile(path, text, out, diags);
  INFO(RenderDiagnostics(diags));
  REQUIRE(ok);
  return out;
}

// The comment lines of a text, trimmed, sorted: read here without any YAML reader (the shipped
// packs put comments on lines of their own, which this counts exactly).
std::vector<std::string> CommentLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? nl : nl - start);
    start = nl == std::string::npos ? text.size() : nl + 1;
    size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') out.push_back(line.substr(first));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Copies the pack at `dir` into `to`, every YAML file formatted (checked as it goes).
void CopyFormatted(const std::string& dir, const std::string& to) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), dir).string();
    std::string text = ReadFile(entry.path().string());
    std::string out = text;
    std::string ext = entry.path().extension().string();
    if (ext == ".yaml" || ext == ".yml") {
      INFO(rel);
      out = FormatOrFail(rel, text);
      CHECK(FormatOrFail(rel, out) == out);
      CHECK(CommentLines(out) == CommentLines(text));
    }
    fs::create_directories(fs::path(to + "/" + rel).parent_path());
    std::ofstream(to + "/" + rel, std::ios::binary) << out;
  }
}

Engine MustLoadStack(const std::vector<std::string>& dirs) {
  LoadResult r = Engine::LoadStack(dirs);
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine.has_value());
  return std::move(*r.engine);
}

// One case's outcome: its name, pass or fail, decision and the rule ids of its reasons.
std::vector<std::string> Outcomes(const Engine& engine, const std::string& pack_dir) {
  RuleTestLoad tests = LoadRuleTests(pack_dir);
  INFO(RenderDiagnostics(tests.diagnostics));
  REQUIRE(tests.diagnostics.empty());
  RuleTestRun run = RunRuleTests(engine, tests.cases);
  std::vector<std::string> out;
  for (const auto& r : run.results) {
    std::string line = r.test->name + (r.passed ? " pass " : " FAIL ") +
                       std::string(DecisionName(r.actual.decision));
    for (const auto& reason : r.actual.reasons) line.append(" ").append(reason.rule);
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("FormattingAPackChangesNeitherItsProgramNorItsTestResults", "[fmt]") {
  struct Pack {
    std::string dir;
    std::vector<std::string> base;  // the packs it is stacked on
  };
  const std::string us_ear = SourcePath("rules/us-ear");
  const Pack packs[] = {
      {SourcePath("rules/examples"), {}},
      {us_ear, {}},
      {SourcePath("examples/company-pack"), {us_ear}},
      {SourcePath("tests/data/oracle_pack"), {}},
      {SourcePath("tests/data/made_up_pack"), {}},
  };
  for (const auto& pack : packs) {
    INFO(pack.dir);
    TempDir tmp;
    CopyFormatted(pack.dir, tmp.path());
    auto stack = pack.base, formatted_stack = pack.base;
    stack.push_back(pack.dir);
    formatted_stack.push_back(tmp.path());
    Engine before = MustLoadStack(stack), after = MustLoadStack(formatted_stack);
    CHECK(DumpProgram(EngineInternals::ProgramOf(after)) ==
          DumpProgram(EngineInternals::ProgramOf(before)));
    CHECK(after.pack_name() == before.pack_name());
    CHECK(Outcomes(after, tmp.path()) == Outcomes(before, pack.dir));
  }
}

}  // namespace chipgate::testing
