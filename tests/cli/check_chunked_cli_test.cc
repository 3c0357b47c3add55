// `chipgate check` of a manifest of more lines than one chunk of records (1,000) and one insert
// batch: the records stored are, byte for byte, those an embedding program builds line by line
// (MakeCheckEntry, the shipment encoded for every line), a held line in a later chunk decides the
// exit code, and the report printed after the records is the whole report.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chipgate/audit_entry.h"
#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "support/embedded_check.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

constexpr int kLines = 2345;
constexpr int kHeldLine = 2200;  // in the third chunk: a part with no data at all is `review`

std::string WriteManifest(const TempDir& dir) {
  const char* kinds[] = {
      R"("part": "ACCEL-H100-CLASS", "quantity": 8, "specs": {"type": "ic", "tpp": 15832, "die_area_mm2": 814, "datacenter": true})",
      R"("part": "GAMING-GPU", "quantity": 2, "specs": {"type": "ic", "tpp": 5285, "die_area_mm2": 609, "datacenter": false})",
      R"("part": "SMALL-IC", "quantity": 100, "specs": {"type": "ic", "tpp": 300, "die_area_mm2": 100, "datacenter": true})"};
  std::string text = R"({"shipment": {"id": "SO-BIG", "date": "2024-06-01",
    "consignee": {"name": "Example Cloud Pte Ltd", "country": "SG", "headquarters": "SG"},
    "end_user": {"name": "Example Cloud Pte Ltd", "country": "SG", "headquarters": "SG"}},
    "lines": [)";
  for (int i = 1; i <= kLines; ++i) {
    text += i > 1 ? ",\n" : "\n";
    text += i == kHeldLine ? std::string(R"({"part": "UNKNOWN-PART", "quantity": 1})")
                           : "{" + std::string(kinds[i % 3]) + "}";
  }
  text += "]}\n";
  std::string path = dir.path() + "/big.json";
  std::ofstream(path) << text;
  return path;
}

std::vector<std::string> ExportedLines(const std::string& db) {
  RunResult r = RunChipgate({"log", "export", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("ACheckOfManyChunksRecordsEveryLineAsOneAppend", "[cli][audit][check]") {
  TempDir dir;
  const std::string manifest = WriteManifest(dir);
  const std::string rules = SourcePath("rules/examples");
  const std::string db = dir.path() + "/audit.db";
  RunResult r = RunChipgate({"check", manifest, "--rules", rules, "--audit", db, "--actor", "alice",
                             "--date", "2025-01-02", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);  // the one held line, in a later chunk

  // The embedding program: every line decided and recorded on its own.
  std::vector<AuditEntry> entries = EmbeddedCheckEntries(rules, manifest, "2025-01-02", "alice");
  std::vector<std::string> stored = ExportedLines(db);
  REQUIRE(stored.size() == static_cast<size_t>(kLines));
  REQUIRE(entries.size() == stored.size());
  std::string prev = kGenesisHash;
  for (size_t i = 0; i < entries.size(); ++i) {
    auto j = nlohmann::json::parse(stored[i]);
    AuditRecord built;
    built.seq = j["seq"];
    built.ts = j["ts"];
    built.prev_hash = prev;
    built.entry = entries[i];
    INFO("record " << i + 1);
    REQUIRE(j["seq"] == static_cast<int64_t>(i + 1));
    REQUIRE(CanonicalAuditJson(built) == stored[i].substr(0, stored[i].rfind(",\"hash\":")) + "}");
    REQUIRE(AuditRecordHash(built) == j["hash"]);
    CHECK((j["decision"] == "review") == (static_cast<int>(i) + 1 == kHeldLine));
    prev = j["hash"];
  }

  // The report: every line, then where they were recorded, naming the last record's hash.
  auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["lines"].size() == static_cast<size_t>(kLines));
  CHECK(report["lines"][kHeldLine - 1]["decision"] == "review");
  CHECK(report["verdict"] == "review");
  CHECK(report["recorded"] == true);
  CHECK(report["audit"]["first_seq"] == 1);
  CHECK(report["audit"]["last_seq"] == kLines);
  CHECK(report["audit"]["head"] == prev);

  // The same body as a check that records nothing, up to where they differ.
  RunResult unrecorded = RunChipgate({"check", manifest, "--rules", rules, "--no-audit", "--date",
                                      "2025-01-02", "--format", "json"});
  REQUIRE(unrecorded.exit_code == 1);
  size_t tail = r.out.rfind("\"recorded\"");
  REQUIRE(tail != std::string::npos);
  CHECK(unrecorded.out.substr(0, tail) == r.out.substr(0, tail));
  CHECK(unrecorded.out.substr(tail) == "\"recorded\": false,\n  \"audit\": null\n}\n");
}

}  // namespace chipgate::testing
