// What `chipgate test PATH` runs: the pack a test file or test directory belongs to, and loading
// one file or one directory of test files.
#include <catch2/catch.hpp>
#include <filesystem>

#include "chipgate/rule_test.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace fs = std::filesystem;

TEST_CASE("ATestPathNamesItsEnclosingPack", "[tester]") {
  TempDir dir;
  dir.Write("p/pack.yaml", "");
  dir.Write("p/tests/a.yaml", "");
  dir.Write("p/tests/deep/b.yaml", "");
  dir.Write("loose.yaml", "");
  const std::string p = dir.path() + "/p";
  struct Row {
    std::string path, pack, tests;
    bool whole;
  };
  const std::vector<Row> rows = {
      {p, p, p + "/tests", true},
      {p + "/tests/a.yaml", p, p + "/tests/a.yaml", false},
      {p + "/tests", p, p + "/tests", false},
      {p + "/tests/", p, p + "/tests/", false},
      {p + "/tests/deep", p, p + "/tests/deep", false},
      {p + "/tests/deep/b.yaml", p, p + "/tests/deep/b.yaml", false},
      {p + "/tests/missing.yaml", p, p + "/tests/missing.yaml", false},
      {dir.path() + "/loose.yaml", "", dir.path() + "/loose.yaml", false},
  };
  for (const auto& row : rows) {
    INFO(row.path);
    RuleTestTarget t = FindRuleTestTarget(row.path);
    CHECK(t.pack_dir == row.pack);
    CHECK(t.tests_path == row.tests);
    CHECK(t.whole_pack == row.whole);
  }
}

// A pack kept in a project's own `tests` tree is a pack: the project directory holds no rule
// file, so its `tests` directory is not a pack's.
TEST_CASE("APackInsideAProjectTestsTreeIsStillAPack", "[tester]") {
  TempDir dir;
  dir.Write("proj/CMakeLists.txt", "");
  dir.Write("proj/tests/data/pk/pack.yaml", "");
  dir.Write("proj/tests/data/pk/tests/a.yaml", "");
  const std::string pk = dir.path() + "/proj/tests/data/pk";
  RuleTestTarget pack = FindRuleTestTarget(pk);
  CHECK(pack.pack_dir == pk);
  CHECK(pack.whole_pack);
  RuleTestTarget file = FindRuleTestTarget(pk + "/tests/a.yaml");
  CHECK(file.pack_dir == pk);
  CHECK(!file.whole_pack);
}

// A relative PATH gives a relative pack directory, so diagnostics show the paths the user typed.
TEST_CASE("ARelativeTestPathGivesARelativePack", "[tester]") {
  TempDir dir;
  dir.Write("p/pack.yaml", "");
  dir.Write("p/tests/a.yaml", "");
  auto cwd = fs::current_path();
  fs::current_path(dir.path());
  RuleTestTarget t = FindRuleTestTarget("p/tests/a.yaml");
  RuleTestTarget up = FindRuleTestTarget("p/tests/../tests/a.yaml");
  fs::current_path(cwd);
  CHECK(t.pack_dir == "p");
  CHECK(up.pack_dir == "p");
}

TEST_CASE("LoadRuleTestsAtReadsAFileOrADirectory", "[tester]") {
  TempDir dir;
  const std::string one =
      "tests:\n  - name: %\n    date: 2024-06-01\n    destination: CN\n    item: {part: A}\n"
      "    expect: {decision: review}\n";
  auto named = [&](const std::string& name) {
    std::string t = one;
    t.replace(t.find('%'), 1, name);
    return t;
  };
  dir.Write("tests/b.yaml", named("b"));
  dir.Write("tests/a/x.yml", named("ax"));
  dir.Write("tests/notes.txt", "not a test");
  RuleTestLoad all = LoadRuleTestsAt(dir.path() + "/tests");
  REQUIRE(all.cases.size() == 2);
  CHECK(all.cases[0].name == "ax");  // sorted path order: tests/a/x.yml before tests/b.yaml
  CHECK(all.cases[1].name == "b");
  CHECK(all.files == 2);
  RuleTestLoad file = LoadRuleTestsAt(dir.path() + "/tests/b.yaml");
  REQUIRE(file.cases.size() == 1);
  CHECK(file.cases[0].name == "b");
  RuleTestLoad missing = LoadRuleTestsAt(dir.path() + "/tests/none.yaml");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == "E100");
}

}  // namespace chipgate::testing
