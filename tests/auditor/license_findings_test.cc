// The audit's license replay (src/auditor/license_findings.h) on constructed lines and licenses:
// one case per finding kind, the date order of the replay, a value limit with lines of unknown
// value, and the 30-day boundary of license_expiring. The CLI end of it (a database, the JSON and
// HTML reports) is in tests/auditor/license_audit_cli_test.cc.
#include "auditor/license_findings.h"

#include <catch2/catch.hpp>

namespace chipgate::testing {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// D1234567: 3A090.a to CN for Hangzhou Xihu (C-1007), 32 units and $960,000.00, 2024.
HeldLicense Held(std::optional<int64_t> quantity = 32, std::optional<UsdCents> value = 96'000'000) {
  HeldLicense h;
  License& l = h.license;
  l.number = "D1234567";
  l.classes = {"3A090.a"};
  l.destinations = {"CN"};
  l.consignee = "C-1007";
  l.end_user = "C-1007";
  l.quantity_limit = quantity;
  l.value_limit = value;
  l.valid_from = D("2024-01-01");
  l.valid_until = D("2024-12-31");
  return h;
}

// A line of shipment `id` that the license covers unless a test changes it: H100s (3A090.a) to
// the licensed party in CN, decided license_required.
LicensedLine Line(const std::string& id, const char* date, int64_t quantity,
                  std::optional<UsdCents> unit_value = std::nullopt) {
  LicensedLine l;
  LicenseRequest& q = l.request;
  q.classes = {"3A090.a"};
  q.destination = "CN";
  q.consignee_id = q.end_user_id = "C-1007";
  q.consignee_name = q.end_user_name = "Hangzhou Xihu Intelligent Computing Co., Ltd.";
  q.ship_date = D(date);
  q.quantity = quantity;
  q.unit_value = unit_value;
  q.named_license = "D1234567";
  l.decision = DecisionKind::kLicenseRequired;
  l.base.part = "NV-H100-SXM5-80G";
  l.base.shipment = id;
  l.base.line = 1;
  l.base.shipment_date = D(date);
  l.base.declared = "D1234567";
  return l;
}

// "kind shipment" for every finding, in the replay's order.
std::vector<std::string> Kinds(const LicenseAudit& a) {
  std::vector<std::string> out;
  for (const auto& f : a.findings) {
    CHECK(f.finding.kind == LicenseFindingKindName(f.kind));
    out.push_back(f.finding.kind + " " +
                  (f.finding.shipment.empty() ? f.finding.license : f.finding.shipment));
  }
  return out;
}

using Kind = LicenseFindingKind;

}  // namespace

TEST_CASE("LinesWithinTheLicenseHaveNoFinding", "[auditor][license]") {
  LicenseAudit a =
      AuditLicenses({Held()}, {Line("S1", "2024-03-01", 16, 3'000'000)}, D("2024-06-01"));
  CHECK(a.findings.empty());
  REQUIRE(a.licenses.size() == 1);
  CHECK(a.licenses[0].used.quantity == 16);
  CHECK(a.licenses[0].used.value == 48'000'000);
  CHECK(a.licenses[0].lines == 1);
}

// The line that takes the license past 32 units is the finding, not the one before it.
TEST_CASE("QuantityExceededIsTheLineThatGoesBeyondTheLimit", "[auditor][license]") {
  LicenseAudit a = AuditLicenses(
      {Held(32, std::nullopt)},
      {Line("S1", "2024-02-01", 20), Line("S2", "2024-03-01", 12), Line("S3", "2024-04-01", 1)},
      D("2024-06-01"));
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].kind == Kind::kQuantityExceeded);
  CHECK(a.findings[0].finding.shipment == "S3");
  CHECK(a.findings[0].finding.severity == "high");
  CHECK(a.findings[0].finding.license == "D1234567");
  CHECK(a.findings[0].finding.summary ==
        "the line's 1 units take license D1234567 to 33 of its 32 (32 used by earlier "
        "shipments)");
  CHECK(a.findings[0].finding.reasons.back().rule == "license:D1234567");
  CHECK(a.findings[0].finding.reasons.back().decision == "quantity-exhausted");
  CHECK(a.licenses[0].used.quantity == 33);
}

// The store may hand shipments over in any order; the replay orders them by date, then id. Here
// the larger, later shipment is read first: it is the one beyond the limit.
TEST_CASE("ReplayIsInDateOrderThenShipmentId", "[auditor][license]") {
  std::vector<LicensedLine> lines = {Line("S-B", "2024-05-01", 20), Line("S-A", "2024-02-01", 20)};
  LicenseAudit a = AuditLicenses({Held(32, std::nullopt)}, lines, D("2024-06-01"));
  CHECK(Kinds(a) == std::vector<std::string>{"license_quantity_exceeded S-B"});
  // Same day: the shipment id decides.
  lines = {Line("S-2", "2024-02-01", 20), Line("S-1", "2024-02-01", 20)};
  a = AuditLicenses({Held(32, std::nullopt)}, lines, D("2024-06-01"));
  CHECK(Kinds(a) == std::vector<std::string>{"license_quantity_exceeded S-2"});
}

// Only known values count towards the value limit; a line of unknown value is not a value
// finding (it cannot be shown to exceed) and is counted apart for the report.
TEST_CASE("ValueLimitCountsOnlyKnownValues", "[auditor][license]") {
  // $960,000.00: 10 x $50,000 known, 10 of unknown value, then 10 x $50,000 more (1,000,000).
  LicenseAudit a =
      AuditLicenses({Held(std::nullopt, 96'000'000)},
                    {Line("S1", "2024-02-01", 10, 5'000'000), Line("S2", "2024-03-01", 10),
                     Line("S3", "2024-04-01", 10, 5'000'000)},
                    D("2024-06-01"));
  CHECK(Kinds(a) == std::vector<std::string>{"license_value_exceeded S3"});
  CHECK(a.findings[0].finding.summary ==
        "the line's value $500000.00 takes license D1234567 to $1000000.00 of its $960000.00 "
        "($500000.00 used by earlier shipments of known value)");
  CHECK(a.licenses[0].used.value == 100'000'000);
  CHECK(a.licenses[0].used.quantity == 30);
  CHECK(a.licenses[0].unknown_value_lines == 1);
  // Without the third line nothing exceeds: the unknown one adds nothing to the value.
  a = AuditLicenses({Held(std::nullopt, 96'000'000)},
                    {Line("S1", "2024-02-01", 10, 5'000'000), Line("S2", "2024-03-01", 10)},
                    D("2024-06-01"));
  CHECK(a.findings.empty());
}

TEST_CASE("ShippedAfterTheLicenseExpiredOrBeforeItStarted", "[auditor][license]") {
  LicenseAudit a =
      AuditLicenses({Held()}, {Line("S-EARLY", "2023-12-31", 1), Line("S-LATE", "2025-01-01", 1)},
                    D("2025-06-01"));
  CHECK(Kinds(a) ==
        std::vector<std::string>{"license_not_yet_valid S-EARLY", "license_expired S-LATE"});
  CHECK(a.findings[1].finding.summary ==
        "shipped on 2025-01-01 under license D1234567, which expired on 2024-12-31");
  // Both ends are days of use.
  a = AuditLicenses({Held()}, {Line("S1", "2024-01-01", 1), Line("S2", "2024-12-31", 1)},
                    D("2025-06-01"));
  CHECK(a.findings.empty());
}

TEST_CASE("WrongDestinationPartyAndClass", "[auditor][license]") {
  LicensedLine dest = Line("S-DEST", "2024-02-01", 1);
  dest.request.destination = "SG";
  LicensedLine party = Line("S-PARTY", "2024-02-01", 1);
  party.request.consignee_id = party.request.end_user_id = "C-1010";
  party.request.consignee_name = party.request.end_user_name = "Lion City Cloud";
  LicensedLine cls = Line("S-CLASS", "2024-02-01", 1);
  cls.request.classes = {"3A090.a", "4A090.a"};
  // One day: the replay takes them in shipment id order.
  LicenseAudit a = AuditLicenses({Held()}, {dest, party, cls}, D("2024-06-01"));
  REQUIRE(Kinds(a) == std::vector<std::string>{"license_wrong_class S-CLASS",
                                               "license_wrong_destination S-DEST",
                                               "license_wrong_party S-PARTY"});
  CHECK(a.findings[0].finding.summary ==
        "the line's classes 3A090.a, 4A090.a are not all covered by license D1234567 (3A090.a)");
  // Both parties wrong: one finding naming both, with a reason for each.
  CHECK(a.findings[2].finding.summary ==
        "license D1234567 names the consignee `C-1007`, not `Lion City Cloud`; license D1234567 "
        "names the end user `C-1007`, not `Lion City Cloud`");
  CHECK(a.findings[2].finding.reasons.size() == 2);
  // The line's own decision reasons come first, the license's after them.
  cls.base.reasons = {{"ac-d5-macau", "license_required", "15 CFR 742.6(a)(6)(iii)", "m"}};
  a = AuditLicenses({Held()}, {cls}, D("2024-06-01"));
  REQUIRE(a.findings.size() == 1);
  REQUIRE(a.findings[0].finding.reasons.size() == 2);
  CHECK(a.findings[0].finding.reasons[0].rule == "ac-d5-macau");
  CHECK(a.findings[0].finding.reasons[1].rule == "license:D1234567");
  CHECK(a.findings[0].finding.reasons[1].decision == "other-class");
}

// A number of a license's shape that is not held is a finding whatever the line needed; its
// severity follows what the line needed, and it draws on nothing.
TEST_CASE("NumberNotHeldIsNotALicense", "[auditor][license]") {
  LicensedLine needed = Line("S-NEEDED", "2024-02-01", 1);
  needed.request.named_license = needed.base.declared = "D7654321";
  LicensedLine free = needed;
  free.base.shipment = "S-FREE";
  free.decision = DecisionKind::kNoLicenseRequired;
  LicensedLine exception = needed;
  exception.base.shipment = "S-EXC";
  exception.decision = DecisionKind::kLicenseException;
  LicenseAudit a = AuditLicenses({Held()}, {needed, free, exception}, D("2024-06-01"));
  REQUIRE(Kinds(a) == std::vector<std::string>{"license_not_a_license S-EXC",
                                               "license_not_a_license S-FREE",
                                               "license_not_a_license S-NEEDED"});
  CHECK(a.findings[0].finding.severity == "medium");
  CHECK(a.findings[1].finding.severity == "low");
  CHECK(a.findings[2].finding.severity == "high");
  CHECK(a.findings[2].finding.summary ==
        "recorded license `D7654321` is not a license held (not in the licenses table)");
  CHECK(a.licenses[0].lines == 0);
  // With nothing held at all, every number is one not held.
  a = AuditLicenses({}, {Line("S1", "2024-02-01", 1)}, D("2024-06-01"));
  CHECK(Kinds(a) == std::vector<std::string>{"license_not_a_license S1"});
}

// A line that needed no license is not judged against the license it names, but it draws on it:
// the goods left under that number.
TEST_CASE("LineThatNeededNoLicenseDrawsButIsNotJudged", "[auditor][license]") {
  LicensedLine free = Line("S1", "2025-02-01", 40);  // expired, over the limit, yet no finding
  free.decision = DecisionKind::kNoLicenseRequired;
  LicenseAudit a = AuditLicenses({Held(32, std::nullopt)}, {free}, D("2025-06-01"));
  CHECK(a.findings.empty());
  CHECK(a.licenses[0].used.quantity == 40);
}

// The use shown is as of the audit date; later shipments are judged but not shown as used.
TEST_CASE("UseShownIsAsOfTheAuditDate", "[auditor][license]") {
  LicenseAudit a =
      AuditLicenses({Held(32, std::nullopt)},
                    {Line("S1", "2024-02-01", 20), Line("S2", "2024-08-01", 20)}, D("2024-06-01"));
  CHECK(Kinds(a) == std::vector<std::string>{"license_quantity_exceeded S2"});
  CHECK(a.licenses[0].used.quantity == 20);
  CHECK(a.licenses[0].lines == 1);
}

// Valid on the audit date, ending within 30 days of it (inclusive), with something left.
TEST_CASE("ExpiringWithinThirtyDaysWithABalance", "[auditor][license]") {
  // valid_until 2024-12-31: 29, 30 and 31 days after these audit dates.
  for (auto [date, expiring] : std::vector<std::pair<const char*, bool>>{
           {"2024-12-02", true}, {"2024-12-01", true}, {"2024-11-30", false}}) {
    INFO(date);
    LicenseAudit a = AuditLicenses({Held()}, {}, D(date));
    CHECK(a.findings.size() == (expiring ? 1u : 0u));
    if (a.findings.empty()) continue;
    const LicenseFinding& f = a.findings[0];
    CHECK(f.kind == Kind::kExpiring);
    CHECK(f.finding.severity == "low");
    CHECK(f.finding.license == "D1234567");
    CHECK(f.finding.shipment.empty());
    CHECK(f.finding.facts_digest.rfind("sha256:", 0) == 0);
  }
  LicenseAudit a = AuditLicenses({Held()}, {}, D("2024-12-02"));
  CHECK(a.findings[0].finding.summary ==
        "license D1234567 expires on 2024-12-31, 29 days after the audit date, with 32 units and "
        "$960000.00 left");
  // The last day of validity is still valid; the day after is not.
  CHECK(AuditLicenses({Held()}, {}, D("2024-12-31")).findings.size() == 1);
  CHECK(AuditLicenses({Held()}, {}, D("2025-01-01")).findings.empty());
  // Nothing left of the quantity: nothing more can ship under it, so nothing to warn of.
  CHECK(AuditLicenses({Held(32, std::nullopt)}, {Line("S1", "2024-02-01", 32)}, D("2024-12-20"))
            .findings.empty());
  // No limit at all: always a balance.
  CHECK(AuditLicenses({Held(std::nullopt, std::nullopt)}, {}, D("2024-12-20")).findings.size() ==
        1);
}

TEST_CASE("FindingKindNamesAreTheDocumentedOnes", "[auditor][license]") {
  CHECK(LicenseFindingKindName(Kind::kQuantityExceeded) == "license_quantity_exceeded");
  CHECK(LicenseFindingKindName(Kind::kValueExceeded) == "license_value_exceeded");
  CHECK(LicenseFindingKindName(Kind::kExpired) == "license_expired");
  CHECK(LicenseFindingKindName(Kind::kNotYetValid) == "license_not_yet_valid");
  CHECK(LicenseFindingKindName(Kind::kWrongDestination) == "license_wrong_destination");
  CHECK(LicenseFindingKindName(Kind::kWrongParty) == "license_wrong_party");
  CHECK(LicenseFindingKindName(Kind::kWrongClass) == "license_wrong_class");
  CHECK(LicenseFindingKindName(Kind::kNotALicense) == "license_not_a_license");
  CHECK(LicenseFindingKindName(Kind::kExpiring) == "license_expiring");
}

}  // namespace chipgate::testing
