// The records `chipgate check` and `chipgate audit` store are the ones a program embedding
// chipgate builds with chipgate/audit_entry.h for the same decisions: compared byte for byte
// through `log export`, the hashed bytes of each stored record.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "chipgate/audit_entry.h"
#include "chipgate/engine.h"
#include "chipgate/inventory_audit.h"
#include "chipgate/manifest.h"
#include "support/embedded_check.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

struct Exported {
  std::string body;  // the hashed bytes
  AuditRecord record;
};

// Every record of the log as `log export` writes it: the hashed bytes, and the fields the log
// adds to an entry (seq, ts, prev_hash, hash).
std::vector<Exported> Export(const std::string& db) {
  RunResult r = RunChipgate({"log", "export", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<Exported> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    Exported e;
    e.body = line.substr(0, line.rfind(",\"hash\":")) + "}";
    e.record.format = j["format"];
    e.record.seq = j["seq"];
    e.record.ts = j["ts"];
    e.record.prev_hash = j["prev_hash"];
    e.record.hash = j["hash"];
    out.push_back(std::move(e));
  }
  return out;
}

// The stored record `x` and the record the library builds from `entry` have the same bytes.
void CheckSameRecord(const Exported& x, const AuditEntry& entry) {
  AuditRecord built = x.record;
  built.entry = entry;
  CHECK(CanonicalAuditJson(built) == x.body);
  CHECK(AuditRecordHash(built) == x.record.hash);
}

}  // namespace

TEST_CASE("CheckStoresTheRecordsAnEmbeddingProgramBuilds", "[cli][audit][entry]") {
  TempDir dir;
  std::string db = dir.path() + "/audit.db";
  const std::string manifest_path = SourcePath("examples/manifests/inline-specs.yaml");
  const std::string rules = SourcePath("rules/examples");
  RunResult r = RunChipgate({"check", manifest_path, "--rules", rules, "--audit", db, "--actor",
                             "alice", "--date", "2025-01-02"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);

  // The embedding program: load, decide each line, build each record.
  std::vector<AuditEntry> entries =
      EmbeddedCheckEntries(rules, manifest_path, "2025-01-02", "alice");

  std::vector<Exported> stored = Export(db);
  REQUIRE(stored.size() == entries.size());
  REQUIRE(stored.size() == 5);
  for (size_t i = 0; i < stored.size(); ++i) {
    INFO("record " << i + 1);
    CheckSameRecord(stored[i], entries[i]);
  }
  CHECK(stored[0].body.find("\"subject\":\"shipment SO-1001 date 2025-01-02 line 1 part "
                            "ACCEL-H100-CLASS\"") != std::string::npos);
}

TEST_CASE("AuditStoresTheRecordsAnEmbeddingProgramBuilds", "[cli][audit][entry]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  const std::string rules = SourcePath("rules/us-ear");
  LoadResult loaded = Engine::Load(rules);
  REQUIRE(loaded.engine);
  InventoryAuditOptions options;
  options.date = *ParseDate("2026-11-29");
  InventoryAuditReport report;
  {
    auto store = Store::Open(db, StoreOptions{.read_only = true});
    REQUIRE(store.ok());
    auto audited = RunInventoryAudit(*loaded.engine, store.value(), options);
    REQUIRE(audited.ok());
    report = std::move(audited.value());
  }
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", rules, "--date", "2026-11-29",
                             "--actor", "auditor", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);

  // One record for the run, whatever its number of findings; the findings are rows of
  // audit_findings, which the record covers through their digest.
  REQUIRE(report.findings.size() > 1);
  std::vector<Exported> stored = Export(db);
  REQUIRE(stored.size() == 1);
  std::vector<std::string> stored_reasons =
      RawColumn(db, "SELECT reasons FROM audit_findings ORDER BY seq");
  std::vector<std::string> stored_facts =
      RawColumn(db, "SELECT facts_digest FROM audit_findings ORDER BY seq");
  REQUIRE(stored_reasons.size() == report.findings.size());
  REQUIRE(stored_facts.size() == report.findings.size());
  // The embedding program digests the findings as the store keeps them.
  FindingsDigest digest;
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const AuditFinding& f = report.findings[i];
    INFO("finding " << i << " " << f.kind << " " << f.part);
    // The finding row keeps its reasons in the log's canonical encoding, and its facts digest.
    CHECK(stored_reasons[i] == CanonicalReasonsJson(f.reasons));
    CHECK(IsCanonicalReasonsJson(stored_reasons[i]));
    CHECK(stored_facts[i] == f.facts_digest);
    auto text = [](const std::string& v) {
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    digest.Add({.seq = static_cast<int64_t>(i + 1),
                .kind = f.kind,
                .severity = f.severity,
                .part = text(f.part),
                .shipment = text(f.shipment),
                .license = text(f.license),
                .declared = text(f.declared),
                .computed = text(f.computed),
                .line = f.line > 0 ? std::optional<int64_t>(f.line) : std::nullopt,
                .reasons_json = CanonicalReasonsJson(f.reasons),
                .facts_digest = f.facts_digest});
  }
  AuditRunSummary run;
  run.id = 1;
  run.database = RawScalar(db, "SELECT id FROM database_id");
  run.started = RawScalar(db, "SELECT started FROM audit_runs WHERE id = 1");
  run.date = "2026-11-29";
  run.parts = report.parts;
  run.shipments = report.shipments;
  run.findings = static_cast<int64_t>(report.findings.size());
  run.findings_digest = digest.Finish();
  CheckSameRecord(stored[0], MakeAuditRunEntry("auditor", report.digest, run));
  CHECK(stored[0].body.find("\"subject\":\"audit run 1 date 2026-11-29\"") != std::string::npos);
  CHECK(RawScalar(db, "SELECT findings_digest FROM audit_runs WHERE id = 1") ==
        run.findings_digest);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

// Findings about a part whatever the shipment (a container its contents contradict, a cycle in a
// bill of materials) name their facts too, so the run can be recorded.
TEST_CASE("AuditsWithReviewAndCycleFindingsAreRecorded", "[cli][audit][entry]") {
  TempDir dir;
  std::string db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult imported = RunChipgate(
      {"db", "import", db, "--parts",
       dir.Write("parts.csv",
                 "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n"
                 "H100,3A090.a,ic,15832,814,true\nSTACK,3A090.c,memory,,,true\n"
                 "A,4A090.a,computer,,,true\nB,EAR99,other,,,\n"),
       "--components", dir.Write("components.csv", "parent,child,quantity\nSTACK,H100,1\n")});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  RawExec(db, "INSERT INTO part_components VALUES ('A', 'B', 1), ('B', 'A', 1);");
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2025-06-01", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  std::multiset<std::string> kinds;
  for (const auto& f : j["findings"]) kinds.insert(f["kind"].get<std::string>());
  CHECK(kinds.count("part_needs_review") == 1);
  CHECK(kinds.count("bom_cycle") == 1);
  // One run record; every finding row names the facts it was made from.
  std::vector<Exported> stored = Export(db);
  CHECK(stored.size() == 1);
  std::vector<std::string> facts = RawColumn(db, "SELECT facts_digest FROM audit_findings");
  CHECK(facts.size() == j["findings"].size());
  for (const auto& d : facts) CHECK(d.size() == 71);  // sha256: and 64 hex
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

}  // namespace chipgate::testing
