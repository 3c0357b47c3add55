// Where a binary finds the bundled rule packs (src/engine/bundled_pack.h): the search order as a
// table over where the binary runs, and FindBundledPack itself in this test binary, which runs
// inside its build tree. tests/install/install_test.sh checks installed and moved binaries.
#include "engine/bundled_pack.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> Candidates(const PackSearch& where) {
  std::vector<std::string> out;
  for (const auto& p : PackCandidates(where, "us-ear")) out.push_back(p.string());
  return out;
}

PackSearch Configured(fs::path exe_dir) {
  PackSearch where;
  where.exe_dir = std::move(exe_dir);
  where.build_dir = "/src/chipgate/build";
  where.source_rules = "/src/chipgate/rules";
  where.install_rules = "/usr/local/share/chipgate/rules";
  return where;
}

// Sets (or, with nullopt, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_CASE("ABinaryInItsBuildTreeReadsTheSourceTreeBeforeTheConfiguredPrefix") {
  CHECK(Candidates(Configured("/src/chipgate/build")) ==
        std::vector<std::string>{"/src/chipgate/share/chipgate/rules/us-ear",
                                 "/src/chipgate/rules/us-ear",
                                 "/usr/local/share/chipgate/rules/us-ear"});
  // Test and benchmark binaries live in subdirectories of the build tree.
  CHECK(Candidates(Configured("/src/chipgate/build/tests"))[1] == "/src/chipgate/rules/us-ear");
}

TEST_CASE("AnInstalledBinaryReadsThePacksOfItsOwnPrefixFirst") {
  // Installed anywhere (or its prefix moved): <exe>/../share comes first, the source never.
  CHECK(Candidates(Configured("/opt/moved/bin")) ==
        std::vector<std::string>{"/opt/moved/share/chipgate/rules/us-ear",
                                 "/usr/local/share/chipgate/rules/us-ear"});
}

TEST_CASE("ABinaryCopiedOutOfItsBuildTreeDoesNotReadTheSourceTree") {
  // A sibling build directory shares a name prefix with the build tree but is not inside it.
  for (const char* exe : {"/home/me/bin", "/src/chipgate/build-asan", "/src/chipgate"}) {
    INFO(exe);
    std::vector<std::string> c = Candidates(Configured(exe));
    CHECK(std::find(c.begin(), c.end(), "/src/chipgate/rules/us-ear") == c.end());
    CHECK(c.back() == "/usr/local/share/chipgate/rules/us-ear");
  }
}

TEST_CASE("TheEnvironmentVariableIsTheOnlyCandidateWhenSet") {
  PackSearch where = Configured("/src/chipgate/build");
  where.env_rules_dir = "/etc/packs";
  CHECK(Candidates(where) == std::vector<std::string>{"/etc/packs/us-ear"});
}

TEST_CASE("AnUnknownExecutableDirectoryLeavesOnlyTheConfiguredPrefix") {
  CHECK(Candidates(Configured("")) ==
        std::vector<std::string>{"/usr/local/share/chipgate/rules/us-ear"});
}

TEST_CASE("IsWithinComparesWholePathComponents") {
  CHECK(IsWithin("/a/build", "/a/build"));
  CHECK(IsWithin("/a/build/tests/x", "/a/build/"));
  CHECK_FALSE(IsWithin("/a/build-asan", "/a/build"));
  CHECK_FALSE(IsWithin("/a", "/a/build"));
  CHECK_FALSE(IsWithin("", "/a/build"));
  CHECK_FALSE(IsWithin("/a/build", ""));
}

TEST_CASE("ThisTestBinaryFindsTheSourceTreesPack") {
  ScopedEnv env("CHIPGATE_RULES_DIR", std::nullopt);
  std::string found = FindBundledPack("us-ear");
  REQUIRE_FALSE(found.empty());
  CHECK(fs::equivalent(found, SourcePath("rules/us-ear")));
}

TEST_CASE("TheEnvironmentVariableNeverFallsBackToAnotherPack") {
  TempDir dir;
  ScopedEnv env("CHIPGATE_RULES_DIR", dir.path());
  CHECK(FindBundledPack("us-ear").empty());  // not in the named directory: not found
  fs::create_directory(fs::path(dir.path()) / "us-ear");
  CHECK(FindBundledPack("us-ear") == (fs::path(dir.path()) / "us-ear").string());
}

}  // namespace
}  // namespace chipgate::testing
