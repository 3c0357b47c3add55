// `chipgate fmt` through the real binary: rewriting files and directories, `--check` (a unified
// diff on stdout, exit 1, nothing written), standard input, `--format json`, and exit 2 with the
// location for a file that does not parse.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Not formatted: the keys of the class are out of order and indented by four.
const std::string kUnformatted =
    "# classes\n"
    "classes:\n"
    "    - cite: c\n"
    "      id: x\n"
    "      when: tpp >= 1\n";
const std::string kFormatted =
    "# classes\n"
    "classes:\n"
    "  - id: x\n"
    "    cite: c\n"
    "    when: \"tpp >= 1\"\n";

}  // namespace

TEST_CASE("FmtCheckPrintsADiffAndChangesNothing", "[cli][fmt]") {
  TempDir dir;
  std::string path = dir.Write("p/classes.yaml", kUnformatted);
  dir.Write("p/ok.yaml", kFormatted);
  RunResult r = RunChipgate({"fmt", "--check", dir.path() + "/p"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "--- " + path + "\n+++ " + path +
                     "\n"
                     "@@ -1,5 +1,5 @@\n"
                     " # classes\n"
                     " classes:\n"
                     "-    - cite: c\n"
                     "-      id: x\n"
                     "-      when: tpp >= 1\n"
                     "+  - id: x\n"
                     "+    cite: c\n"
                     "+    when: \"tpp >= 1\"\n");
  CHECK(r.err.find("1 of 2 files not formatted") != std::string::npos);
  CHECK(ReadFile(path) == kUnformatted);
}

TEST_CASE("FmtRewritesEveryRuleFileUnderADirectory", "[cli][fmt]") {
  TempDir dir;
  std::string rules = dir.Write("p/classes.yaml", kUnformatted);
  std::string test = dir.Write("p/tests/t.yaml", "tests:\n- date: 2024-06-01\n  name: n\n");
  std::string hidden = dir.Write("p/.hidden/x.yaml", kUnformatted);
  std::string other = dir.Write("p/notes.txt", kUnformatted);
  RunResult r = RunChipgate({"fmt", dir.path() + "/p"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(ReadFile(rules) == kFormatted);
  CHECK(ReadFile(test) == "tests:\n  - name: n\n    date: 2024-06-01\n");
  CHECK(ReadFile(hidden) == kUnformatted);
  CHECK(ReadFile(other) == kUnformatted);
  CHECK(RunChipgate({"fmt", "--check", dir.path() + "/p"}).exit_code == 0);
}

TEST_CASE("FmtReadsStandardInputAndWritesStandardOutput", "[cli][fmt]") {
  RunOptions options;
  options.stdin_text = kUnformatted;
  RunResult r = RunChipgateWith({"fmt", "-"}, options);
  CHECK(r.exit_code == 0);
  CHECK(r.out == kFormatted);
  r = RunChipgateWith({"fmt", "--check", "-"}, options);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("--- <stdin>\n+++ <stdin>\n", 0) == 0);
}

TEST_CASE("FmtCheckAsJsonListsTheFilesNotFormatted", "[cli][fmt]") {
  TempDir dir;
  std::string bad = dir.Write("classes.yaml", kUnformatted);
  std::string good = dir.Write("ok.yaml", kFormatted);
  RunResult r = RunChipgate({"fmt", "--check", "--format", "json", bad, good});
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema"] == "chipgate.fmt/v1");
  CHECK(j["check"] == true);
  CHECK(j["unformatted"] == 1);
  REQUIRE(j["files"].size() == 2);
  CHECK(j["files"][0] == nlohmann::json({{"file", bad}, {"formatted", false}}));
  CHECK(j["files"][1] == nlohmann::json({{"file", good}, {"formatted", true}}));
  CHECK(j["diagnostics"].empty());
  CHECK(ReadFile(bad) == kUnformatted);
}

TEST_CASE("FmtExitsTwoWithTheLocationOfAFileThatDoesNotParse", "[cli][fmt]") {
  TempDir dir;
  std::string broken = dir.Write("broken.yaml", "a:\n  title: ratio: 2\n");
  std::string other = dir.Write("other.yaml", kUnformatted);
  RunResult r = RunChipgate({"fmt", broken, other});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(broken + ":2:") != std::string::npos);
  CHECK(r.err.find("error[E101]") != std::string::npos);
  CHECK(ReadFile(broken) == "a:\n  title: ratio: 2\n");
  CHECK(ReadFile(other) == kFormatted);  // the other files are still formatted

  std::string tagged = dir.Write("tagged.yaml", "a: !!str 1\n");
  r = RunChipgate({"fmt", "--check", "--format", "json", tagged});
  CHECK(r.exit_code == 2);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["code"] == "E108");
  CHECK(j["diagnostics"][0]["line"] == 1);
  CHECK(j["diagnostics"][0]["column"] == 4);
}

TEST_CASE("FmtUsageErrorsExitTwo", "[cli][fmt]") {
  CHECK(RunChipgate({"fmt"}).exit_code == 2);
  CHECK(RunChipgate({"fmt", "/nonexistent/rules"}).exit_code == 2);
  CHECK(RunChipgate({"fmt", "--format", "junit", "."}).exit_code == 2);
  CHECK(RunChipgate({"fmt", "--format", "json", "-"}).exit_code == 2);  // json only with --check
  RunResult help = RunChipgate({"fmt", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--check") != std::string::npos);
}

}  // namespace chipgate::testing
