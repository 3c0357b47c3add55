// Input limits on the command line (--max-manifest-bytes, --max-lines, --max-depth) and the
// far-future date policy: over a limit or past a year from today is exit 2, a located error,
// and no decision on stdout. "Today" is the real date (no variable or option moves it).
#include <catch2/catch.hpp>

#include "chipgate/date.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string Manifest(const std::string& date, int lines, int depth = 0) {
  std::string m = "shipment:\n  id: S1\n  date: " + date +
                  "\n  consignee: {name: Lab, country: DE, owners: []}\nlines:\n";
  for (int i = 0; i < lines; ++i) {
    m += "  - part: P" + std::to_string(i) +
         "\n    specs: {type: ic, tpp: 100, die_area_mm2: 100, datacenter: false}\n";
  }
  std::string nested = "{part: LEAF, specs: {type: ic, tpp: 100}}";
  for (int d = 0; d < depth; ++d)
    nested =
        "{part: N" + std::to_string(d) + ", specs: {type: computer}, components: [" + nested + "]}";
  if (depth > 0) m += "  - " + nested + "\n";
  return m;
}

RunResult Check(const TempDir& dir, const std::string& text, std::vector<std::string> extra = {}) {
  std::string path = dir.Write("m.yaml", text);
  std::vector<std::string> args = {"check", path, "--rules", SourcePath("rules/us-ear"),
                                   "--no-audit"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunChipgate(args);
}

}  // namespace

TEST_CASE("ShipmentDateMoreThanAYearAheadIsALocatedError", "[cli][limits]") {
  TempDir dir;
  // A test that straddles midnight UTC could see two different todays: take the date after.
  const std::string last = FormatDate(Date{Today().days + 366});  // the last accepted day
  const std::string first_refused = FormatDate(Date{Today().days + 367});
  RunResult ok = Check(dir, Manifest(last, 1));
  CHECK(ok.exit_code == 0);
  RunResult far = Check(dir, Manifest(first_refused, 1));
  CHECK(far.exit_code == 2);
  CHECK(far.out.empty());
  CHECK(far.err.find("m.yaml:3:3: error[E106]: shipment: field `date` " + first_refused +
                     " is after " + last) != std::string::npos);
  RunResult typo = Check(dir, Manifest("2205-01-01", 1));
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("rules in force then are not known") != std::string::npos);
  RunResult flag = Check(dir, Manifest("2025-01-01", 1), {"--date", "2099-01-01"});
  CHECK(flag.exit_code == 2);
  CHECK(flag.out.empty());
  CHECK(flag.err.find("--date 2099-01-01 is after " + last) != std::string::npos);
}

// "Today" decides which rules a manifest without a date is decided under and how far ahead a
// date may be. An environment variable used to move it in every binary (a test hook), so anyone
// who could set the environment of a check could have it decided under rules of another year.
TEST_CASE("TodayCannotBeMovedByTheEnvironment", "[cli][limits]") {
  TempDir dir;
  std::string undated =
      "shipment:\n  id: S1\n  consignee: {name: Lab, country: CN}\nlines:\n"
      "  - part: H100\n    specs: {type: ic, tpp: 15832, die_area_mm2: 814, datacenter: true}\n";
  std::string path = dir.Write("m.yaml", undated);
  std::vector<std::string> args = {"check",      path,       "--rules", SourcePath("rules/us-ear"),
                                   "--no-audit", "--format", "json"};
  RunResult real = RunChipgate(args);
  RunResult moved =
      RunChipgateWith(args, {dir.path(), {{"CHIPGATE_TODAY", "2022-06-01"}}, 0, -1, -1});
  REQUIRE(real.exit_code == 1);  // an H100 to China is held today
  CHECK(moved.exit_code == real.exit_code);
  CHECK(moved.out.find("\"2022-06-01\"") == std::string::npos);
  CHECK(moved.out.find(FormatDate(Today())) != std::string::npos);
  // Nor does it move the far-future bound.
  RunResult ahead = RunChipgateWith(
      {"check", dir.Write("f.yaml", Manifest(FormatDate(Date{Today().days + 400}), 1)), "--rules",
       SourcePath("rules/us-ear"), "--no-audit"},
      {dir.path(), {{"CHIPGATE_TODAY", "2099-01-01"}}, 0, -1, -1});
  CHECK(ahead.exit_code == 2);
}

TEST_CASE("MaxLinesIsConfigurable", "[cli][limits]") {
  TempDir dir;
  std::string three = Manifest("2025-01-01", 3);
  CHECK(Check(dir, three, {"--max-lines", "3"}).exit_code == 0);
  RunResult over = Check(dir, three, {"--max-lines", "2"});
  CHECK(over.exit_code == 2);
  CHECK(over.out.empty());
  CHECK(over.err.find("m.yaml:10:5: error[E107]: manifest has more than 2 lines") !=
        std::string::npos);
}

TEST_CASE("MaxManifestBytesIsConfigurable", "[cli][limits]") {
  TempDir dir;
  std::string text = Manifest("2025-01-01", 2);
  CHECK(Check(dir, text, {"--max-manifest-bytes", std::to_string(text.size())}).exit_code == 0);
  RunResult over = Check(dir, text, {"--max-manifest-bytes", std::to_string(text.size() - 1)});
  CHECK(over.exit_code == 2);
  CHECK(over.out.empty());
  CHECK(over.err.find("m.yaml") != std::string::npos);
  CHECK(over.err.find(std::to_string(text.size() - 1)) != std::string::npos);
}

TEST_CASE("MaxDepthIsConfigurable", "[cli][limits]") {
  TempDir dir;
  std::string nested = Manifest("2025-01-01", 0, 3);
  CHECK(Check(dir, nested, {"--max-depth", "3"}).exit_code == 0);
  RunResult over = Check(dir, nested, {"--max-depth", "2"});
  CHECK(over.exit_code == 2);
  CHECK(over.out.empty());
  CHECK(over.err.find("error[E107]: line 1 component 1 component 1 component 1: components nested "
                      "more than 2 levels deep") != std::string::npos);
  // The default (32) still applies without the option.
  RunResult deep = Check(dir, Manifest("2025-01-01", 0, 40));
  CHECK(deep.exit_code == 2);
  CHECK(deep.err.find("nested more than 32 levels deep") != std::string::npos);
}

TEST_CASE("LimitOptionsMustBePositiveWholeNumbers", "[cli][limits]") {
  TempDir dir;
  std::string text = Manifest("2025-01-01", 1);
  for (std::string bad : {"0", "-1", "ten", "1.5", "99999999999999999999999"}) {
    RunResult r = Check(dir, text, {"--max-lines", bad});
    INFO(bad);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--max-lines must be a positive whole number") != std::string::npos);
  }
}

}  // namespace chipgate::testing
