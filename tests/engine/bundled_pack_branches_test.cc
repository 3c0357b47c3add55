// Where the bundled packs are looked for when the build knows fewer places: no source tree or no
// install prefix compiled in (another build system) leaves only the places it does know; and an
// empty CHIPGATE_RULES_DIR counts as unset, not as the current directory.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "engine/bundled_pack.h"

namespace chipgate::testing {
namespace {

std::vector<std::string> Candidates(const PackSearch& where) {
  std::vector<std::string> out;
  for (const auto& p : PackCandidates(where, "us-ear")) out.push_back(p.string());
  return out;
}

// Sets CHIPGATE_RULES_DIR (or, with nullopt, unsets it) for one scope.
class ScopedRulesDir {
 public:
  explicit ScopedRulesDir(const std::optional<std::string>& value) {
    if (const char* old = std::getenv(kName)) old_ = old;
    if (value) {
      setenv(kName, value->c_str(), 1);
    } else {
      unsetenv(kName);
    }
  }
  ~ScopedRulesDir() {
    if (old_) {
      setenv(kName, old_->c_str(), 1);
    } else {
      unsetenv(kName);
    }
  }

 private:
  static constexpr const char* kName = "CHIPGATE_RULES_DIR";
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("ABuildWithoutSourceTreeOrPrefixOffersOnlyWhatItKnows", "[engine][bundled]") {
  PackSearch where;
  where.exe_dir = "/src/chipgate/build";
  where.build_dir = "/src/chipgate/build";
  CHECK(Candidates(where) == std::vector<std::string>{"/src/chipgate/share/chipgate/rules/us-ear"});
  where.install_rules = "/usr/share/chipgate/rules";
  CHECK(Candidates(where) == std::vector<std::string>{"/src/chipgate/share/chipgate/rules/us-ear",
                                                      "/usr/share/chipgate/rules/us-ear"});
  where.exe_dir.clear();
  where.install_rules.clear();
  CHECK(Candidates(where).empty());
}

TEST_CASE("AnEmptyRulesDirIsUnset", "[engine][bundled]") {
  std::string unset;
  {
    ScopedRulesDir env(std::nullopt);
    unset = FindBundledPack("us-ear");
  }
  ScopedRulesDir env(std::string(""));
  CHECK(FindBundledPack("us-ear") == unset);
}

}  // namespace chipgate::testing
