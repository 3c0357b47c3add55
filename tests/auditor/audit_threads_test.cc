// `chipgate audit --threads N`: the parts are classified in chunks on N workers and applied in
// the order they were read, so the report, the recorded run (its findings, their digest) and its
// log record are those of one thread, byte for byte. Checked on the sample database and on a
// generated inventory of several chunks, with findings in the last chunk, parts that cannot be
// classified (fail closed), a bill-of-materials cycle whose two parts are chunks apart, and bills
// of materials whose components are read chunks before and after their parent.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "chipgate/engine.h"
#include "chipgate/inventory_audit.h"
#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

constexpr int kParts = 5000;  // about five of the CLI's chunks (InventoryAuditOptions::chunk_parts)

std::string PartName(int i) {
  std::string n = std::to_string(i);
  return "G" + std::string(5 - n.size(), '0') + n;
}

// An inventory in which every kind of part recurs throughout the catalogue: correct parts,
// under-declared ones (misclassified), ones without a die area (unclassifiable: review), computers
// whose bills of materials reach 30 parts back and 700 and 1000 parts on (another assembly), a
// computer with unknown contents, and in the last chunk under-declared parts only.
std::string GeneratedDatabase(const TempDir& dir) {
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,bom_complete\n";
  std::string comps = "parent,child,quantity\n";
  for (int i = 0; i < kParts; ++i) {
    std::string p = PartName(i);
    if (i >= kParts - 10) {
      parts += p + ",EAR99,ic,15832,814,true,\n";  // misclassified, in the last chunk
    } else if (i % 50 == 25) {
      parts += p + ",4A090.a,computer,,,true,true\n";
      if (i >= 30) comps += p + "," + PartName(i - 30) + ",2\n";
      if (i + 700 < kParts - 10) comps += p + "," + PartName(i + 700) + ",4\n";
      if (i + 1000 < kParts - 10) comps += p + "," + PartName(i + 1000) + ",1\n";
    } else if (i % 97 == 0) {
      parts += p + ",4A090.a,computer,,,true,\n";  // contents unknown: unclassifiable
    } else if (i % 11 == 0) {
      parts += p + ",EAR99,ic,3152,,true,\n";  // die area missing: unclassifiable
    } else if (i % 7 == 0) {
      parts += p + ",EAR99,ic,15832,814,true,\n";  // really 3A090.a: misclassified
    } else {
      parts += p + ",3A090.a,ic,15832,814,true,\n";  // correct
    }
  }
  // The cycle's parts sort first and last; the importer refuses a cycle, so its closing edge is
  // written with SQLite directly below.
  parts += "A-CYCLE,4A090.a,computer,,,true,true\nZ-CYCLE,4A090.a,computer,,,true,true\n";
  comps += "A-CYCLE,Z-CYCLE,1\n";
  std::string shipments =
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
      "end_user_headquarters,part_number,quantity,license\n"
      "S1,2025-03-01,Cloud Co,SA,Cloud Co,SA,SA," +
      PartName(25) + ",1,\nS2,2025-03-02,Lab GmbH,DE,Lab GmbH,DE,DE," + PartName(kParts - 1) +
      ",8,\nS3,2025-03-03,Cloud Co,CN,Cloud Co,CN,CN," + PartName(7) + ",2,\n";
  std::string db = dir.path() + "/gen.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult r = RunChipgate({"db", "import", db, "--parts", dir.Write("parts.csv", parts),
                             "--components", dir.Write("components.csv", comps), "--shipments",
                             dir.Write("shipments.csv", shipments), "--no-progress"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  RawExec(db,
          "INSERT INTO part_components (parent, child, quantity) VALUES ('Z-CYCLE', "
          "'A-CYCLE', 1)");
  return db;
}

// The report of `audit` on `db` with `threads` workers, without what names the run (who, when,
// how long): everything else must not depend on the number of threads.
struct Audited {
  int exit_code = 0;
  nlohmann::json report;
  std::string text;  // the text report, whole
};

Audited Audit(const std::string& db, const std::string& threads,
              std::vector<std::string> extra = {}) {
  Audited out;
  std::vector<std::string> args = {
      "audit",  "--db",       db,          "--rules", SourcePath("rules/us-ear"),
      "--date", "2025-06-01", "--threads", threads,   "--no-record"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<std::string> json = args;
  json.insert(json.end(), {"--format", "json"});
  RunResult r = RunChipgate(json);
  INFO(r.err);
  out.exit_code = r.exit_code;
  out.report = nlohmann::json::parse(r.out);
  out.report.erase("generated");
  RunResult t = RunChipgate(args);
  CHECK(t.exit_code == r.exit_code);
  // The text report's first lines say who ran it and when; the findings follow.
  size_t findings = t.out.find("\n\n");
  out.text = findings == std::string::npos ? t.out : t.out.substr(findings);
  return out;
}

bool HasFinding(const nlohmann::json& report, const std::string& kind, const std::string& part) {
  for (const auto& f : report["findings"])
    if (f["kind"] == kind && f.value("part", "") == part) return true;
  return false;
}

// The recorded run of `audit --threads N` on a fresh copy of `db`: its findings as stored, the
// findings digest of the run and the log record's input digest.
std::vector<std::string> RecordedRun(const TempDir& dir, const std::string& db,
                                     const std::string& threads) {
  std::string copy = dir.path() + "/recorded-" + threads + ".db";
  std::filesystem::copy_file(db, copy, std::filesystem::copy_options::overwrite_existing);
  RunResult r =
      RunChipgate({"audit", "--db", copy, "--rules", SourcePath("rules/us-ear"), "--date",
                   "2025-06-01", "--threads", threads, "--actor", "auditor", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  std::vector<std::string> out = RawColumn(
      copy,
      "SELECT seq || '|' || kind || '|' || severity || '|' || coalesce(part_number, '') || '|' || "
      "coalesce(shipment_id, '') || '|' || coalesce(declared, '') || '|' || "
      "coalesce(computed, '') || '|' || reasons || '|' || coalesce(line, '') || '|' || "
      "coalesce(license, '') || '|' || coalesce(facts_digest, '') FROM audit_findings ORDER BY "
      "seq");
  out.push_back(RawScalar(copy,
                          "SELECT parts || '|' || shipments || '|' || findings || '|' || "
                          "findings_digest FROM audit_runs"));
  out.push_back(RawScalar(copy,
                          "SELECT input_digest || '|' || decision || '|' || classes || '|' || "
                          "reasons FROM audit_log WHERE command = 'audit'"));
  CHECK(VerifyAuditLog(copy).ok);
  return out;
}

// The audit with 2 and with 4 threads gives `one`'s exit code, JSON report and text report.
void CheckSameAsOneThread(const std::string& db, const Audited& one,
                          const std::vector<std::string>& extra = {}) {
  for (const char* threads : {"2", "4"}) {
    INFO("--threads " << threads << (extra.empty() ? "" : " " + extra.front()));
    Audited many = Audit(db, threads, extra);
    CHECK(many.exit_code == one.exit_code);
    CHECK(many.report == one.report);
    CHECK(many.text == one.text);
  }
}

}  // namespace

TEST_CASE("AuditReportIsTheSameWithOneTwoAndFourThreads", "[auditor][threads]") {
  TempDir dir;
  std::string db = GeneratedDatabase(dir);
  Audited one = Audit(db, "1");
  REQUIRE(one.exit_code == 1);
  CHECK(one.report["parts"] == kParts + 2);
  // The inventory gives what the comparison is about: findings in the last chunk, parts that
  // cannot be classified (review), the cycle reported once, assemblies classified.
  CHECK(HasFinding(one.report, "misclassified", PartName(kParts - 1)));
  CHECK(HasFinding(one.report, "unclassifiable", PartName(11)));
  CHECK(HasFinding(one.report, "unclassifiable", PartName(97)));
  CHECK(HasFinding(one.report, "misclassified", PartName(kParts - 16)));
  int cycles = 0;
  for (const auto& f : one.report["findings"]) cycles += f["kind"] == "bom_cycle";
  CHECK(cycles == 1);
  CHECK(one.report["parts_by_class"]["4A090.a"].get<int>() > 90);
  CHECK(one.report["findings"].size() > 1000);
  CheckSameAsOneThread(db, one);
}

TEST_CASE("AuditRecordedRunIsTheSameWithOneTwoAndFourThreads", "[auditor][threads]") {
  TempDir dir;
  std::string db = GeneratedDatabase(dir);
  std::vector<std::string> one = RecordedRun(dir, db, "1");
  REQUIRE(one.size() > 1000);
  CHECK(one.back().size() > 10);  // the run's log record has its input digest
  for (const char* threads : {"2", "4"}) {
    INFO("--threads " << threads);
    CHECK(RecordedRun(dir, db, threads) == one);
  }
}

TEST_CASE("SampleAuditIsTheSameWithOneTwoAndFourThreads", "[auditor][threads][sample]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  for (std::vector<std::string> extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--compare-date", "2023-11-16"}}) {
    Audited one = Audit(db, "1", extra);
    CHECK(one.exit_code == 1);
    CheckSameAsOneThread(db, one, extra);
  }
}

// Through the library with chunks of three parts: every chunk boundary of the sample catalogue
// and of its bills of materials, with --compare-date's changes grouped across chunks.
TEST_CASE("AuditInSmallChunksGivesTheOneThreadReport", "[auditor][threads][sample]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  LoadResult loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  auto run = [&](int threads) {
    InventoryAuditOptions o;
    o.date = *ParseDate("2024-03-15");
    o.compare_date = *ParseDate("2023-11-16");
    o.threads = threads;
    o.chunk_parts = 3;
    auto r = RunInventoryAudit(*loaded.engine, store.value(), o);
    REQUIRE(r.ok());
    return std::move(r.value());
  };
  InventoryAuditReport one = run(1);
  REQUIRE(!one.findings.empty());
  REQUIRE(!one.changes.empty());
  for (int threads : {2, 4}) {
    INFO(threads << " threads");
    InventoryAuditReport many = run(threads);
    CHECK(many.parts == one.parts);
    CHECK(many.parts_by_class == one.parts_by_class);
    REQUIRE(many.findings.size() == one.findings.size());
    for (size_t i = 0; i < one.findings.size(); ++i) {
      const AuditFinding &a = one.findings[i], &b = many.findings[i];
      CHECK(std::tie(a.kind, a.severity, a.part, a.shipment, a.line, a.declared, a.computed,
                     a.summary, a.facts_digest) == std::tie(b.kind, b.severity, b.part, b.shipment,
                                                            b.line, b.declared, b.computed,
                                                            b.summary, b.facts_digest));
      CHECK(a.reasons.size() == b.reasons.size());
    }
    REQUIRE(many.changes.size() == one.changes.size());
    for (size_t i = 0; i < one.changes.size(); ++i) {
      CHECK(many.changes[i].part == one.changes[i].part);
      CHECK(many.changes[i].destination == one.changes[i].destination);
    }
    REQUIRE(many.change_groups.size() == one.change_groups.size());
    for (size_t i = 0; i < one.change_groups.size(); ++i) {
      CHECK(many.change_groups[i].causes == one.change_groups[i].causes);
      CHECK(many.change_groups[i].parts == one.change_groups[i].parts);
      CHECK(many.change_groups[i].shipments == one.change_groups[i].shipments);
    }
  }
}

TEST_CASE("AuditThreadsMustBeAWholeNumberFromOne", "[auditor][threads]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  for (const char* bad : {"0", "-1", "two", "257", "1.5", ""}) {
    INFO("--threads " << bad);
    RunResult r = RunChipgate({"audit", "--db", db, "--threads", bad, "--no-record"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--threads must be a whole number from 1 to 256") != std::string::npos);
  }
}

}  // namespace chipgate::testing
