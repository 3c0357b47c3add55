// Stacks on the command line: `--rules` repeated (check, explain, audit) and `--rules BASE DIR`
// (test, lint). The stack's digest is what `check` shows and records; its packs are listed in the
// JSON; a company pack's tests run on the stack.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kUsEar = SourcePath("rules/us-ear");
const std::string kCompany = SourcePath("examples/company-pack");

// An H20-class IC to the held customer in the UAE, and the same IC to China, after the letter.
const char* kManifest = R"(shipment:
  id: SO-STACK-1
  date: 2025-06-01
  consignee: {name: "DESERT PEARL DATA FZ LLC", country: AE, headquarters: AE, parent_headquarters: AE}
lines:
  - part: H20-CLASS
    specs: {type: ic, tpp: 2368, die_area_mm2: 814, datacenter: true, dram_bandwidth_gbs: 4000,
            io_bandwidth_gbs: 900}
)";

const Engine& StackEngine() {
  static const Engine e = [] {
    LoadResult r = Engine::LoadStack({kUsEar, kCompany});
    INFO(RenderDiagnostics(r.diagnostics));
    REQUIRE(r.engine);
    return *r.engine;
  }();
  return e;
}

TEST_CASE("CheckWithTwoRulesDecidesWithTheStackAndRecordsItsDigest", "[cli]") {
  TempDir dir;
  std::string m = dir.Write("m.yaml", kManifest);
  RunResult r = RunChipgate(
      {"check", m, "--rules", kUsEar, "--rules", kCompany, "--format", "json"}, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "prohibited");
  CHECK(j["rules"]["pack"] == "us-ear+acme-company");
  CHECK(j["rules"]["digest"] == StackEngine().digest());
  REQUIRE(j["rules"]["packs"].size() == 2);
  CHECK(j["rules"]["packs"][0]["name"] == "us-ear");
  CHECK(j["rules"]["packs"][1]["name"] == "acme-company");
  CHECK(j["rules"]["packs"][1]["version"] == "2026.12.06");
  // Every audit record names the stack's digest.
  RunResult e = RunChipgate({"log", "export", "--db", dir.path() + "/chipgate-audit.db"});
  CHECK(e.out.find("\"pack_digest\":\"" + StackEngine().digest() + "\"") != std::string::npos);
  // The base alone knows nothing of the hold: the same line may ship.
  RunResult base = RunChipgate({"check", m, "--rules", kUsEar, "--no-audit"});
  CHECK(base.exit_code == 0);
  // Text output names the stack and the start of its digest.
  RunResult text = RunChipgate({"check", m, "--rules", kUsEar, "--rules", kCompany, "--no-audit"});
  CHECK(text.out.find("rules us-ear+acme-company " + StackEngine().digest().substr(0, 19)) !=
        std::string::npos);
}

TEST_CASE("ASingleRulesJsonListsItsOnePack", "[cli]") {
  TempDir dir;
  std::string m = dir.Write("m.yaml", kManifest);
  RunResult r = RunChipgate({"check", m, "--rules", kUsEar, "--format", "json", "--no-audit"});
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["rules"]["pack"] == "us-ear");
  // A single pack lists itself, alone.
  REQUIRE(j["rules"]["packs"].size() == 1);
  CHECK(j["rules"]["packs"][0]["name"] == "us-ear");
}

TEST_CASE("TestRunsTheCompanyPacksTestsOnTheStack", "[cli]") {
  RunResult r = RunChipgate({"test", "--rules", kUsEar, kCompany, "--coverage"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("coverage: 100.0%") != std::string::npos);
  // Coverage counts the company pack's entries only, not the base's hundreds.
  CHECK(r.out.find("of 8 entries") != std::string::npos);
  // Without its base the company pack does not load (it names the base's attributes and groups).
  RunResult alone = RunChipgate({"test", kCompany});
  CHECK(alone.exit_code == 2);
}

TEST_CASE("LintTakesTheBaseWithRules", "[cli]") {
  RunResult r = RunChipgate({"lint", "--rules", kUsEar, kCompany});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("0 errors") != std::string::npos);
}

TEST_CASE("AStackThatRedefinesTheBaseIsRefusedWithBothLocations", "[cli]") {
  TempDir dir;
  dir.Write("co/pack.yaml",
            "pack: {name: co}\nlicense_rules:\n  - {id: ac-d5-macau, cite: c, classes: any}\n");
  TempDir out;
  std::string m = out.Write("m.yaml", kManifest);
  RunResult r = RunChipgate(
      {"check", m, "--rules", kUsEar, "--rules", dir.path() + "/co", "--no-audit"}, out.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[E320]: license rule `ac-d5-macau` of pack `co` is already defined at " +
                   kUsEar + "/license_rules.yaml:") != std::string::npos);
  CHECK(r.err.find(dir.path() + "/co/pack.yaml:3:5") != std::string::npos);
  CHECK(r.out.empty());
}

}  // namespace
}  // namespace chipgate::testing
