// `chipgate check --db` with licenses, end to end through the binary and a real SQLite database
// (the sample database plus the licenses below): a license_required line cleared by the license
// it names or by the one expiring first, two lines drawing on one license in order, each refusal
// reason of a named license shown in text and JSON, lines a license never clears (review, a value
// limit without a unit value), and the manifest errors of `license` and `unit_value`.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// One class and one license rule per class: 3A090.a and 4A090.a need a license to MY or AE.
const char* const kPack = R"(pack: {name: lic, version: "1"}
attributes: [{name: tpp, type: number}]
classes:
  - {id: 3A090.a, cite: c3, when: "tpp >= 4800 and tpp < 100000"}
  - {id: 4A090.a, cite: c4, when: "tpp >= 100000"}
license_rules:
  - {id: r-3a, classes: [3A090.a], cite: r3, when: "destination in ['MY', 'AE']"}
  - {id: r-4a, classes: [4A090.a], cite: r4, when: "destination in ['MY', 'AE']"}
)";

// Licenses next to the sample ones (whose D3456789 covers 3A090.a to MY for C-1011 until
// 2025-12-31). D7000002 expires first of those covering 3A090.a to MY on 2025-03-01.
const char* const kLicenses =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n"
    "D7000001,3A090.a,MY,C-1011,C-1011,10,1000000,2025-01-01,2025-12-31,report each shipment\n"
    "D7000002,3A090.a,MY,,,5,,2025-01-01,2025-06-30,no value limit\n"
    "D7000003,3A090.a,MY,C-1011,,5,,2025-01-01,2025-12-31,five units only\n"
    "D7000004,3A090.a,AE,,,10,,2025-01-01,2025-12-31,to the Emirates\n"
    "D7000005,3A090.a,MY,,,10,,2024-01-01,2024-12-31,last year\n"
    "D7000006,3A090.a,MY,C-1010,C-1010,10,,2025-01-01,2025-12-31,another party\n"
    "D7000007,4A090.a,MY,,,10,,2025-01-01,2025-12-31,servers only\n";

// The sample database with the licenses above imported as well.
std::string LicenseDatabase(const TempDir& dir) {
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate({"db", "import", db, "--licenses", dir.Write("lic.csv", kLicenses)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return db;
}

// A manifest shipped on 2025-03-01 to Straits Compute (C-1011, MY, from the customer master);
// `lines` is the YAML list's items, each starting with `  - `.
std::string Manifest(const std::string& lines) {
  return "shipment:\n  id: SO-L\n  date: 2025-03-01\n  consignee: {id: C-1011}\nlines:\n" + lines;
}

// A 3A090.a line (or 4A090.a with `tpp` 200000) with `extra` YAML fields.
std::string Line(const std::string& extra, int quantity = 2, int tpp = 5000) {
  return "  - {part: GPU-X, quantity: " + std::to_string(quantity) +
         ", specs: {tpp: " + std::to_string(tpp) + "}" + (extra.empty() ? "" : ", " + extra) +
         "}\n";
}

struct Check {
  TempDir dir;
  std::string pack = dir.Write("pack/pack.yaml", kPack);
  std::string db = LicenseDatabase(dir);

  RunResult Run(const std::string& manifest, const std::string& format = "text") {
    return RunChipgate({"check", dir.Write("m.yaml", manifest), "--rules", dir.path() + "/pack",
                        "--db", db, "--no-audit", "--format", format});
  }
  nlohmann::json Json(const std::string& manifest, int expected_exit) {
    RunResult r = Run(manifest, "json");
    INFO(r.err);
    REQUIRE(r.exit_code == expected_exit);
    return nlohmann::json::parse(r.out);
  }
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("NamedLicenseClearsALicenseRequiredLine", "[cli][license]") {
  Check c;
  std::string m = Manifest(Line("license: D7000001, unit_value: 40000.50"));
  RunResult r = c.Run(m);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, "license_required"));
  CHECK(Has(r.out,
            "    license D7000001 covers the line: remaining quantity 10 -> 8, value (USD) "
            "1000000.00 -> 919999.00\n"));
  CHECK(Has(r.out, "    condition (D7000001): report each shipment\n"));
  CHECK(Has(r.out, "verdict: license_required (0 of 1 lines held) — may ship under the licenses"));
  auto j = c.Json(m, 0);
  CHECK(j["verdict"] == "license_required");
  CHECK(j["may_ship"] == true);
  const auto& line = j["lines"][0];
  CHECK(line["decision"] == "license_required");
  CHECK(line["authorization"] == nlohmann::json{{"kind", "license"},
                                                {"id", "D7000001"},
                                                {"remaining_quantity", 8},
                                                {"remaining_value_usd", "919999.00"}});
  CHECK(line["license_refused"].is_null());
}

TEST_CASE("UnnamedLineGetsTheCoveringLicenseThatExpiresFirst", "[cli][license]") {
  Check c;
  // D7000002 (until 2025-06-30, no value limit) before D3456789 and D7000001 (2025-12-31).
  auto j = c.Json(Manifest(Line("unit_value: 100")), 0);
  const auto& a = j["lines"][0]["authorization"];
  CHECK(a["kind"] == "license");
  CHECK(a["id"] == "D7000002");
  CHECK(a["remaining_quantity"] == 3);
  CHECK(a["remaining_value_usd"].is_null());
}

TEST_CASE("TwoLinesDepleteOneLicenseSoTheSecondIsExhausted", "[cli][license]") {
  Check c;
  std::string m = Manifest(Line("license: D7000003", 3) + Line("license: D7000003", 3));
  RunResult r = c.Run(m);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  CHECK(Has(r.out,
            "    license D7000003 covers the line: remaining quantity 5 -> 2, value (USD) "
            "no limit\n"));
  CHECK(Has(r.out,
            "    license D7000003 does not cover the line:\n"
            "      quantity-exhausted: the remaining quantity is less than the line's\n"));
  CHECK(Has(r.out, "(1 of 2 lines held) — do not ship"));
  auto j = c.Json(m, 1);
  CHECK(j["may_ship"] == false);
  CHECK(j["lines"][0]["authorization"]["remaining_quantity"] == 2);
  CHECK(j["lines"][1]["authorization"].is_null());
  CHECK(j["lines"][1]["license_refused"] ==
        nlohmann::json{{"license", "D7000003"}, {"reasons", {"quantity-exhausted"}}});
}

TEST_CASE("NamedLicenseThatDoesNotCoverTheLineSaysEveryReason", "[cli][license]") {
  struct Case {
    std::string line;
    std::vector<std::string> reasons;
    std::string text;  // the first reason's line in the text output
  };
  std::vector<Case> cases = {
      {Line("license: D7000004"),
       {"wrong-destination"},
       "      wrong-destination: the end user's country is not a destination of the license\n"},
      {Line("license: D7000005"),
       {"expired"},
       "      expired: the ship date is after the license expired\n"},
      {Line("license: D7000006"),
       {"other-consignee", "other-end-user"},
       "      other-consignee: the license names another consignee\n"
       "      other-end-user: the license names another end user\n"},
      {Line("license: D7000007"),
       {"other-class"},
       "      other-class: a class of the line is not covered by the license\n"},
      {Line("license: D7000001"),
       {"value-unknown"},
       "      value-unknown: the license has a value limit and the line gives no unit_value\n"},
      {Line("license: D9999999"),
       {"unknown-license"},
       "      unknown-license: the named license is not held\n"},
  };
  Check c;
  for (const auto& k : cases) {
    std::string m = Manifest(k.line);
    INFO(m);
    RunResult r = c.Run(m);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(Has(r.out, k.text));
    auto j = c.Json(m, 1);
    const auto& line = j["lines"][0];
    CHECK(line["decision"] == "license_required");
    CHECK(line["authorization"].is_null());
    CHECK(line["license_refused"]["reasons"] == nlohmann::json(k.reasons));
  }
}

TEST_CASE("UnnamedLineUnderAValueLimitWithoutAUnitValueIsHeld", "[cli][license]") {
  Check c;
  // Six units: D7000002 and D7000003 (no value limit) have only five; D3456789 and D7000001
  // would cover the line but for their value limits.
  RunResult r = c.Run(Manifest(Line("", 6)));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out,
            "    no license covers the line:\n"
            "      no-covering-license: no license held covers the line\n"
            "      value-unknown: the license has a value limit and the line gives no "
            "unit_value\n"));
  auto j = c.Json(Manifest(Line("", 6)), 1);
  const auto& line = j["lines"][0];
  CHECK(line["authorization"].is_null());
  CHECK(
      line["license_refused"] ==
      nlohmann::json{{"license", nullptr}, {"reasons", {"no-covering-license", "value-unknown"}}});
  // With a unit value both cover it, both expire on 2025-12-31: the smaller number wins.
  auto shipped = c.Json(Manifest(Line("unit_value: 1000", 6)), 0);
  CHECK(shipped["lines"][0]["authorization"]["id"] == "D3456789");
}

TEST_CASE("AReviewLineIsNeverClearedByALicense", "[cli][license]") {
  Check c;
  // No technical data: the line is `review`, whatever license it names.
  std::string m = Manifest("  - {part: GPU-X, quantity: 1, license: D7000001, unit_value: 10}\n");
  RunResult r = c.Run(m);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_FALSE(Has(r.out, "covers the line"));
  auto j = c.Json(m, 1);
  CHECK(j["lines"][0]["decision"] == "review");
  CHECK(j["lines"][0]["authorization"].is_null());
  CHECK(j["lines"][0]["license_refused"].is_null());
  CHECK(j["may_ship"] == false);
}

TEST_CASE("WithoutDbALicenseRequiredLineStaysHeld", "[cli][license]") {
  TempDir dir;
  dir.Write("pack/pack.yaml", kPack);
  std::string m = dir.Write(
      "m.yaml", "shipment: {date: 2025-03-01, consignee: {name: X, country: MY}}\nlines:\n" +
                    Line("license: D7000001, unit_value: 10"));
  RunResult r =
      RunChipgate({"check", m, "--rules", dir.path() + "/pack", "--no-audit", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["decision"] == "license_required");
  CHECK(j["lines"][0]["authorization"].is_null());
  CHECK(j["lines"][0]["license_refused"].is_null());
}

TEST_CASE("AnExceptionIsTheLinesAuthorization", "[cli][license]") {
  TempDir dir;
  dir.Write("pack/pack.yaml", std::string(kPack) +
                                  "exceptions:\n  - {id: NAC, covers: [r-3a], "
                                  "cite: ec}\n");
  std::string m = dir.Write("m.yaml",
                            "shipment: {date: 2025-03-01, consignee: {name: X, country: MY}}\n"
                            "lines:\n" +
                                Line(""));
  RunResult r =
      RunChipgate({"check", m, "--rules", dir.path() + "/pack", "--no-audit", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["authorization"] == nlohmann::json{{"kind", "exception"},
                                                         {"id", "NAC"},
                                                         {"remaining_quantity", nullptr},
                                                         {"remaining_value_usd", nullptr}});
}

TEST_CASE("BadLicenseOrUnitValueIsALocatedManifestError", "[cli][license]") {
  struct Case {
    std::string field, message;
  };
  std::vector<Case> cases = {
      {"unit_value: 12.345", "m.yaml:6:52: error[E106]: line 1: `unit_value` must be US dollars"},
      {"unit_value: -5", "error[E106]: line 1: `unit_value` must be US dollars"},
      {"unit_value: 0", "error[E106]: line 1: `unit_value` must be US dollars, more than zero"},
      {"unit_value: 1e6", "found `1e6`"},
      {"license: NAC",
       "m.yaml:6:52: error[E106]: line 1: `license` `NAC` is a License Exception "
       "symbol, not a license"},
      {"license: N/A", "error[E106]: line 1: `license` must be a license number"},
      {"license: ''", "error[E106]: line 1: `license` is empty"},
      {"license: [D7000001]", "error[E103]: line 1: field `license` must be a scalar"},
  };
  Check c;
  for (const auto& k : cases) {
    RunResult r = c.Run(Manifest(Line(k.field)));
    INFO(k.field << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(Has(r.err, k.message));
    CHECK(r.out.empty());
  }
  // A component carries no license of its own.
  RunResult r = c.Run(
      Manifest("  - {part: S, specs: {tpp: 1}, components: [{part: G, license: D7000001}]}\n"));
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "error[E104]: line 1 component 1: unknown field `license`"));
}

}  // namespace chipgate::testing
