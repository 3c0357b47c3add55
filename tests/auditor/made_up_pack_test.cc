// The inventory audit against a second, made-up pack (tests/data/made_up_pack: "quantum widgets",
// class family 9Z999): findings, severities, citations and the two-date comparison all follow
// that pack, so nothing the audit reports comes from the U.S. rules built into no code.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support/json_fields.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// `tpp` is the widget's qubit count in this pack.
const char* kParts =
    "part_number,declared_eccn,type,tpp\n"
    "QW-OK,9Z999.a,other,500\n"       // correct
    "QW-SPELLED,9z999 A,other,120\n"  // correct, written differently
    "QW-BIG,EAR99,other,150\n"        // misclassified (high): declared outside, meets 9Z999.a
    "QW-MID,EAR99,other,50\n"         // misclassified (high) once 9Z999.b is in force
    "QW-OVER,9Z999.b,other,5\n"       // misclassified (low): declared 9Z999, meets nothing
    "QW-NODATA,EAR99,other,\n"        // unclassifiable (high): qubits missing
    "QW-HUGE,9Z999.a,other,200000\n"  // part_needs_review: the pack's item-only review rule
    "MEM,EAR99,memory,\n"             // meets 8Y888.a, which is not controlled: no finding
    "MEM-DECL,9Z999.a,memory,\n";     // misclassified (low): meets only the uncontrolled 8Y888.a

const char* kShipments =
    "shipment_id,date,consignee,consignee_country,end_user,end_user_country,end_user_headquarters,"
    "part_number,quantity,license\n"
    "S-AQ,2024-06-01,Ice Lab,AQ,Ice Lab,AQ,AQ,QW-BIG,1,\n"             // unlicensed_shipment
    "S-AQ-LIC,2024-06-01,Ice Lab,AQ,Ice Lab,AQ,AQ,QW-BIG,1,W123456\n"  // licensed: fine
    "S-NO,2024-06-01,Fjord AS,NO,Fjord AS,NO,NO,QW-BIG,1,\n"           // not a Q:1 destination
    "S-EARLY,2019-06-01,Fjord AS,NO,Fjord AS,NO,NO,QW-OK,1,\n";  // outside the pack's coverage

// The license the licensed shipment names, for the pack's own class family: the audit matches
// it to the line's classes as `check` does, whatever the regulation.
const char* kLicenses =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n"
    "W123456,9Z999.a,AQ,,,10,,2024-01-01,2024-12-31,made up\n";

struct Fixture {
  TempDir dir;
  std::string db = dir.path() + "/widgets.db";
  Fixture() {
    REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
    RunResult r =
        RunChipgate({"db", "import", db, "--parts", dir.Write("p.csv", kParts), "--licenses",
                     dir.Write("l.csv", kLicenses), "--shipments", dir.Write("s.csv", kShipments)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  nlohmann::json Audit(std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "audit",    "--db", db,           "--rules", SourcePath("tests/data/made_up_pack"),
        "--format", "json", "--no-record"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = RunChipgate(args);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    return nlohmann::json::parse(r.out);
  }
};

std::multiset<std::string> Kinds(const nlohmann::json& j) {
  std::multiset<std::string> out;
  for (const auto& f : j["findings"]) {
    out.insert(f["kind"].get<std::string>() + " " + TextOr(f, "shipment", TextOr(f, "part", "")) +
               " " + f["severity"].get<std::string>());
  }
  return out;
}

const nlohmann::json& FindingFor(const nlohmann::json& j, const std::string& subject) {
  for (const auto& f : j["findings"]) {
    if (TextOr(f, "shipment", TextOr(f, "part", "")) == subject) return f;
  }
  FAIL("no finding for " << subject);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("MadeUpPackAuditFindsMisclassifiedWidgets", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-01-01"});
  CHECK(j["parts"] == 9);
  CHECK(Kinds(j) == std::multiset<std::string>{
                        "misclassified QW-BIG high",
                        "misclassified QW-MID high",
                        "misclassified QW-OVER low",
                        "misclassified MEM-DECL low",
                        "unclassifiable QW-NODATA high",
                        "part_needs_review QW-HUGE high",
                        "unlicensed_shipment S-AQ high",
                        "outside_coverage S-EARLY medium",
                    });
  CHECK(FindingFor(j, "QW-BIG")["computed"] == "9Z999.a");
  CHECK(FindingFor(j, "QW-MID")["computed"] == "9Z999.b");
  CHECK(FindingFor(j, "MEM-DECL")["computed"] == "8Y888.a");
  CHECK(FindingFor(j, "MEM-DECL")["summary"].get<std::string>().find("does not mark controlled") !=
        std::string::npos);
  CHECK(j["parts_by_class"]["8Y888.a"] == 2);
  CHECK(j["parts_by_class"]["9Z999.a"] == 4);
}

TEST_CASE("MadeUpPackCitationsComeFromThePack", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2026-01-01"});
  auto cite_of = [&](const std::string& subject, const std::string& rule) {
    for (const auto& r : FindingFor(j, subject)["reasons"]) {
      if (r["rule"] == rule) return r["cite"].get<std::string>();
    }
    return std::string("no reason ") + rule;
  };
  CHECK(cite_of("QW-NODATA", "item-data") == "Widget Reg. 1.2");
  CHECK(cite_of("QW-HUGE", "item-review") == "Widget Reg. 1.4");
  CHECK(cite_of("S-AQ", "widget-q1") == "Widget Reg. 3.1");
  // No U.S. citation leaks into a foreign pack's report.
  CHECK(j.dump().find("CFR") == std::string::npos);
}

TEST_CASE("MadeUpPackCompareDateDecidesOnlyItsDestinations", "[auditor]") {
  Fixture fx;
  nlohmann::json j = fx.Audit({"--date", "2025-02-28", "--compare-date", "2025-03-01"});
  std::set<std::string> changes, destinations;
  for (const auto& g : j["changes"]["groups"]) {
    for (const auto& c : g["changes"]) {
      changes.insert(c["part"].get<std::string>() + " " + c["destination"].get<std::string>() +
                     " " + c["before"].get<std::string>() + ">" + c["after"].get<std::string>());
      destinations.insert(c["destination"].get<std::string>());
    }
    // The cause is the pack's own: class 9Z999.b taking effect, with its citation.
    CHECK(g["causes"].size() == 1);
  }
  // 9Z999.b takes effect on 2025-03-01: a 50-qubit widget now needs a license to Q:1 (AQ, BV).
  CHECK(changes == std::set<std::string>{"QW-MID AQ no_license_required>license_required",
                                         "QW-MID BV no_license_required>license_required"});
  // Norway is compared too but nothing changes there; no destination of another pack appears.
  CHECK(destinations == std::set<std::string>{"AQ", "BV"});
}

TEST_CASE("MadeUpPackCompareDateTextListsTheChanges", "[auditor]") {
  Fixture fx;
  RunResult r =
      RunChipgate({"audit", "--db", fx.db, "--rules", SourcePath("tests/data/made_up_pack"),
                   "--date", "2025-02-28", "--compare-date", "2025-03-01", "--no-record"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("changes from 2025-02-28 to 2025-03-01: 2 parts and destinations, 1 cause\n") !=
        std::string::npos);
  CHECK(r.out.find("      QW-MID to AQ: no_license_required -> license_required\n"
                   "      QW-MID to BV: no_license_required -> license_required\n") !=
        std::string::npos);
}

}  // namespace chipgate::testing
