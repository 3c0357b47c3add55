// End to end on the bundled sample: build the database from db/sample/ with the CLI, check every
// sample manifest against it, and compare the JSON with golden files in tests/golden/check/
// (the values that change with every run, pack edit or release, the database path, the audit
// head, the packs' digests and the version, are replaced by fixed ones, so the golden files keep
// the document's whole shape and validate against schemas/chipgate.check.v1.schema.json).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/golden_version.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string BuildSampleDb(const TempDir& dir) { return BuildSampleDatabase(dir); }

}  // namespace

TEST_CASE("SampleManifestsMatchTheGoldenDecisions", "[cli][sample]") {
  TempDir dir;
  std::string db = BuildSampleDb(dir);
  bool update = std::getenv("CHIPGATE_UPDATE_GOLDEN") &&
                std::string(std::getenv("CHIPGATE_UPDATE_GOLDEN")) == "1";
  int64_t next_seq = 1;
  for (const char* name : {"inline-specs", "order-cloud-sg", "order-de-lab", "order-mixed"}) {
    INFO(name);
    RunResult r =
        RunChipgate({"check", SourcePath(std::string("examples/manifests/") + name + ".yaml"),
                     "--db", db, "--format", "json", "--rules", SourcePath("rules/us-ear")});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["recorded"] == true);
    CHECK(j["audit"]["first_seq"] == next_seq);
    next_seq = j["audit"]["last_seq"].get<int64_t>() + 1;
    CHECK(j["audit"]["db"] == db);
    j["audit"]["db"] = "sample.db";
    NeutraliseVersion(j);
    j["audit"]["head"] = std::string(64, '0');  // the hash covers the records' timestamps
    // The pack's digest changes with every pack edit; the rule ids carry the meaning.
    const std::string kDigest = "sha256:" + std::string(64, '0');
    j["rules"]["digest"] = kDigest;
    for (auto& p : j["rules"]["packs"]) p["digest"] = kDigest;
    std::string golden = SourcePath(std::string("tests/golden/check/") + name + ".json");
    if (update) {
      std::ofstream(golden) << j.dump(2) << "\n";
      continue;
    }
    std::ifstream in(golden);
    REQUIRE(in.good());
    CHECK(j == nlohmann::json::parse(in));
  }
  RunResult v = RunChipgate({"log", "verify", "--db", db});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find(std::to_string(next_seq - 1) + " records") != std::string::npos);
}

TEST_CASE("SampleDatabaseHoldsTheDocumentedData", "[cli][sample]") {
  TempDir dir;
  std::string db = BuildSampleDb(dir);
  // A line naming a server takes its bill of materials from the database.
  std::string m = dir.Write(
      "m.yaml",
      "shipment: {id: T, date: 2025-06-01, consignee: {name: X, country: DE, headquarters: DE}}\n"
      "lines: [{part: NV-DGX-H100, quantity: 1}, {part: SKH-HBM3E-8H-24G, quantity: 4}]\n");
  RunResult r = RunChipgate({"check", m, "--db", db, "--format", "json", "--no-audit", "--rules",
                             SourcePath("rules/us-ear")});
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["classes"] == nlohmann::json::array({"4A090.a"}));
  CHECK(j["lines"][1]["classes"] == nlohmann::json::array({"3A090.c"}));
  CHECK(j["verdict"] == "no_license_required");
}

}  // namespace chipgate::testing
