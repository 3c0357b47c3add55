// The chipgate binary end to end: exit codes, JSON contract shape, text output, explain, usage.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kExamples = SourcePath("rules/examples");

}  // namespace

TEST_CASE("LintCleanPackExitsZero", "[cli]") {
  RunResult r = RunChipgate({"lint", kExamples});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("0 errors") != std::string::npos);
}

TEST_CASE("LintBrokenPackPrintsLocatedDiagnosticsAndExitsOne", "[cli]") {
  TempDir dir;
  dir.Write("pack.yaml",
            "classes:\n"
            "  - id: X.a\n"
            "    cite: c\n"
            "    when: \"tpp >= 4800\"\n");
  RunResult r = RunChipgate({"lint", dir.path()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("pack.yaml:4:12: error[E202]: class `X.a`: unknown name `tpp`") !=
        std::string::npos);
  CHECK(r.err.find("           ^") != std::string::npos);  // caret under the column
}

TEST_CASE("LintWarningsAloneExitZero", "[cli]") {
  TempDir dir;
  dir.Write("pack.yaml",
            "attributes: [{name: tpp, type: number}]\n"
            "classes: [{id: X.a, cite: c, when: \"tpp > 1\"}]\n"
            "license_rules: [{id: r, cite: c, classes: [X.a], when: \"false\"}]\n");
  RunResult r = RunChipgate({"lint", dir.path()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning[W401]") != std::string::npos);
}

TEST_CASE("LintOnMissingDirectoryIsUsageError", "[cli]") {
  CHECK(RunChipgate({"lint", "/nonexistent/pack"}).exit_code == 2);
  CHECK(RunChipgate({"lint"}).exit_code == 2);
}

TEST_CASE("CheckJsonFollowsTheContract", "[cli]") {
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["shipment"] == "SO-1001");
  CHECK(j["date"] == "2024-06-01");
  CHECK(j["verdict"] == "license_required");
  CHECK(j["rules"]["pack"] == "examples");
  CHECK(j["rules"]["digest"].get<std::string>().rfind("sha256:", 0) == 0);
  REQUIRE(j["lines"].size() == 5);
  const auto& first = j["lines"][0];
  CHECK(first["index"] == 1);
  CHECK(first["part"] == "ACCEL-H100-CLASS");
  CHECK(first["quantity"] == 8);
  CHECK(first["classes"][0] == "3A090.a");
  CHECK(first["decision"] == "license_required");
  CHECK(first["exception"].is_null());
  for (const char* key : {"rule", "decision", "cite", "message"})
    CHECK(first["reasons"][0].contains(key));
  const auto& second = j["lines"][1];
  CHECK(second["decision"] == "license_exception");
  CHECK(second["exception"]["code"] == "NAC");
  CHECK(second["exception"]["cite"] == "15 CFR 740.8");
  CHECK(second["exception"]["conditions"].size() == 1);
  CHECK(j["lines"][3]["decision"] == "no_license_required");
  CHECK(j["lines"][4]["decision"] == "review");
}

TEST_CASE("CheckExitsZeroWhenEveryLineMayShip", "[cli]") {
  TempDir dir;
  std::string m = dir.Write(
      "m.yaml",
      "shipment: {id: S, date: 2024-06-01, consignee: {name: A, country: DE, headquarters: DE}}\n"
      "lines:\n"
      "  - {part: X, quantity: 1, specs: {type: ic, tpp: 15832, die_area_mm2: 814, datacenter: "
      "true}}\n");
  RunResult r = RunChipgate({"check", m, "--rules", kExamples});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("may ship") != std::string::npos);
}

TEST_CASE("CheckDateOptionOverridesTheManifestDate", "[cli]") {
  RunResult r = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--format", "json", "--date", "2023-11-16"});
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["date"] == "2023-11-16");
  CHECK(j["lines"][0]["decision"] == "no_license_required");
}

TEST_CASE("CheckTextShowsOneRowPerLineAndTheVerdict", "[cli]") {
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("ACCEL-H100-CLASS") != std::string::npos);
  CHECK(r.out.find("condition (NAC): notify BIS at least 25 days before export") !=
        std::string::npos);
  CHECK(r.out.find("verdict: license_required (3 of 5 lines held)") != std::string::npos);
}

TEST_CASE("CheckBadManifestIsLocatedAndExitsTwo", "[cli]") {
  TempDir dir;
  std::string m =
      dir.Write("bad.yaml",
                "shipment: {id: S, date: 2024-06-01, consignee: {name: A, country: DE}}\n"
                "lines:\n"
                "  - {part: X, quantity: 1, specs: {type: ic, tpp: fast}}\n");
  RunResult r = RunChipgate({"check", m, "--rules", kExamples});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(
            "bad.yaml:3:51: error[E503]: attribute `tpp` must be a finite number, found `fast`") !=
        std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("CheckUnknownCountryIsBadInput", "[cli]") {
  TempDir dir;
  std::string m =
      dir.Write("m.yaml",
                "shipment: {id: S, date: 2024-06-01, consignee: {name: A, country: XX}}\n"
                "lines: [{part: X, specs: {type: other}}]\n");
  RunResult r = RunChipgate({"check", m, "--rules", kExamples});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("E504") != std::string::npos);
}

TEST_CASE("CheckUsageErrorsExitTwo", "[cli]") {
  CHECK(RunChipgate({"check"}).exit_code == 2);
  CHECK(RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "xml"}).exit_code == 2);
  CHECK(RunChipgate({"check", kManifest, "--bogus"}).exit_code == 2);
  CHECK(RunChipgate({"check", kManifest, "--rules", kExamples, "--date", "2024-02-30"}).exit_code ==
        2);
  CHECK(RunChipgate({"check", "/nonexistent.yaml", "--rules", kExamples}).exit_code == 2);
  CHECK(RunChipgate({"frobnicate"}).exit_code == 2);
}

TEST_CASE("ExplainListsEveryRuleConsidered", "[cli]") {
  RunResult r = RunChipgate({"explain", kManifest, "--rules", kExamples, "--line", "2", "--trace"});
  INFO(r.err);
  CHECK(r.exit_code == 0);  // the explained line may ship under NAC
  CHECK(r.out.find("line 2: part GAMING-GPU -> license_exception") != std::string::npos);
  CHECK(r.out.find("class 3A090.a.1: true") != std::string::npos);
  CHECK(r.out.find("tpp=5285") != std::string::npos);
  CHECK(r.out.find("rule d5-advanced-computing: false") != std::string::npos);
  CHECK(r.out.find("rule d5-headquartered: true") != std::string::npos);
  CHECK(r.out.find("exception NAC: true") != std::string::npos);
  CHECK(r.out.find("line 1") == std::string::npos);
  CHECK(RunChipgate({"explain", kManifest, "--rules", kExamples, "--line", "9"}).exit_code == 2);
  CHECK(RunChipgate({"explain", kManifest, "--rules", kExamples}).exit_code == 2);
}

TEST_CASE("CheckExplainFlagExplainsEveryLine", "[cli]") {
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples, "--explain"});
  CHECK(r.out.find("line 1:") != std::string::npos);
  CHECK(r.out.find("line 5: part UNKNOWN-PART -> review") != std::string::npos);
}

TEST_CASE("VersionAndHelpExitZero", "[cli]") {
  CHECK(RunChipgate({"--version"}).exit_code == 0);
  CHECK(RunChipgate({"--help"}).out.find("chipgate check") != std::string::npos);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

TEST_CASE("CheckRecordsEveryDecisionInTheAuditLog", "[cli][audit]") {
  TempDir dir;
  RunResult r = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--format", "json", "--actor", "alice"},
      dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["recorded"] == true);
  CHECK(j["audit"]["db"] == "chipgate-audit.db");
  CHECK(j["audit"]["first_seq"] == 1);
  CHECK(j["audit"]["last_seq"] == 5);
  RunResult v = RunChipgate({"log", "verify", "--db", dir.path() + "/chipgate-audit.db",
                             "--expect-head", j["audit"]["head"].get<std::string>()});
  CHECK(v.exit_code == 0);
  RunResult e = RunChipgate({"log", "export", "--db", dir.path() + "/chipgate-audit.db"});
  CHECK(e.out.find("\"actor\":\"alice\"") != std::string::npos);
  CHECK(e.out.find("\"subject\":\"shipment SO-1001 date 2024-06-01 line 5 part UNKNOWN-PART\"") !=
        std::string::npos);
}

TEST_CASE("NoAuditIsADryRunMarkedAsNotRecorded", "[cli][audit]") {
  TempDir dir;
  RunResult r = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--format", "json", "--no-audit"}, dir.path());
  CHECK(nlohmann::json::parse(r.out)["recorded"] == false);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/chipgate-audit.db"));
}

TEST_CASE("UnwritableAuditLogGivesNoDecision", "[cli][audit]") {
  TempDir dir;
  RunResult r = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--audit", dir.path() + "/missing/dir/a.db"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("no decision is given without a record") != std::string::npos);
  std::string junk = dir.Write("junk.db", std::string(8192, 'j'));
  RunResult j =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", junk, "--format", "json"});
  CHECK(j.exit_code == 2);
  CHECK(j.out.empty());
}

TEST_CASE("UnknownLogLevelIsAUsageError", "[cli]") {
  CHECK(RunChipgate({"lint", kExamples, "--log-level", "loud"}).exit_code == 2);
  TempDir dir;
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples, "--no-audit", "--log-level",
                             "info", "--log-file", dir.path() + "/ops.log"});
  CHECK(r.exit_code == 1);
}

}  // namespace chipgate::testing
