// The canonical run and finding encodings of an audit-run record (src/audit/findings_digest.cc):
// a stored run is accepted only in its one canonical spelling, so each field that is missing, of
// the wrong JSON type or spelled differently makes it unreadable (and `log verify` fails); a
// finding with every column set encodes each as its value, not null.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "chipgate/audit.h"

namespace chipgate::testing {
namespace {

AuditRunSummary Run() {
  return {5,
          std::string(32, 'b'),
          "2026-02-01T10:00:00.000Z",
          "2026-02-01",
          "2025-12-31",
          9,
          4,
          2,
          "sha256:" + std::string(64, 'f')};
}

}  // namespace

TEST_CASE("ARunWithACompareDateRoundTrips", "[audit][run]") {
  const std::string json = CanonicalRunJson(Run());
  CHECK(json.find(R"("compare_date":"2025-12-31")") != std::string::npos);
  auto parsed = ParseCanonicalRunJson(json);
  REQUIRE(parsed);
  CHECK(*parsed == Run());
}

TEST_CASE("EachMissingOrMistypedRunFieldMakesTheRunUnreadable", "[audit][run]") {
  const nlohmann::json canonical = nlohmann::json::parse(CanonicalRunJson(Run()));
  // Not JSON, or not an object.
  CHECK_FALSE(ParseCanonicalRunJson("{"));
  CHECK_FALSE(ParseCanonicalRunJson("[1]"));
  CHECK_FALSE(ParseCanonicalRunJson("\"run\""));
  for (const char* key : {"compare_date", "database", "date", "findings", "findings_digest", "id",
                          "parts", "shipments", "started"}) {
    INFO(key);
    nlohmann::json missing = canonical;
    missing.erase(key);
    CHECK_FALSE(ParseCanonicalRunJson(missing.dump()));
    // A number where text belongs and text where a number belongs; compare_date may be text or
    // null only.
    nlohmann::json mistyped = canonical;
    mistyped[key] = canonical[key].is_number_integer() ? nlohmann::json("7") : nlohmann::json(7);
    CHECK_FALSE(ParseCanonicalRunJson(mistyped.dump()));
  }
  // A fractional count is no integer.
  nlohmann::json fractional = canonical;
  fractional["findings"] = 2.5;
  CHECK_FALSE(ParseCanonicalRunJson(fractional.dump()));
  // Every field right, but spelled with spaces: not the canonical bytes.
  CHECK_FALSE(ParseCanonicalRunJson(canonical.dump(1)));
  CHECK(ParseCanonicalRunJson(canonical.dump()) == Run());
}

TEST_CASE("AFindingWithEveryColumnSetEncodesEachValue", "[audit][run]") {
  StoredFinding f;
  f.seq = 12;
  f.kind = "unlicensed_shipment";
  f.severity = "high";
  f.part = "P-1";
  f.shipment = "SO-9";
  f.line = 3;
  f.declared = "no_license_required";
  f.computed = "license_required";
  f.license = "L-1";
  f.reasons_json = R"([{"rule":"r"}])";
  f.facts_digest = "sha256:" + std::string(64, 'e');
  CHECK(CanonicalFindingJson(f) ==
        R"({"computed":"license_required","declared":"no_license_required","facts_digest":")"
        R"(sha256:)" +
            std::string(64, 'e') +
            R"(","kind":"unlicensed_shipment","license":"L-1","line":3,"part":"P-1",)"
            R"("reasons":[{"rule":"r"}],"seq":12,"severity":"high","shipment":"SO-9"})");
}

}  // namespace chipgate::testing
