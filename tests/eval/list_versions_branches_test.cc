// Which version of a list applies when some versions have no date at all (VersionsInForce): a
// dated version in force beats an undated one whichever was imported first, and between two
// undated versions the later import wins.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/screening_list.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

ScreeningListVersion Csl(const std::string& name, std::optional<Date> file_date) {
  ScreeningListVersion v;
  v.format = ListFormat::kCslCsv;
  v.file_name = name + ".csv";
  v.file_date = file_date;
  return v;
}

}  // namespace

TEST_CASE("ADatedVersionInForceBeatsAnUndatedOneImportedAfterIt", "[lists][versions]") {
  std::vector<ScreeningListVersion> v = {Csl("dated", ParseDate("2025-03-01")),
                                         Csl("undated", std::nullopt)};
  CHECK(VersionsInForce(v, *ParseDate("2025-03-01")) == std::vector<int>{0});
  CHECK(VersionsInForce(v, *ParseDate("2026-01-01")) == std::vector<int>{0});
  // Before the dated one is in force, the undated one (in force from the start) applies.
  CHECK(VersionsInForce(v, *ParseDate("2025-02-28")) == std::vector<int>{1});
}

TEST_CASE("OfTwoUndatedVersionsTheLaterImportApplies", "[lists][versions]") {
  std::vector<ScreeningListVersion> v = {Csl("first", std::nullopt), Csl("second", std::nullopt)};
  CHECK(VersionsInForce(v, *ParseDate("2025-01-01")) == std::vector<int>{1});
}

}  // namespace chipgate::testing
