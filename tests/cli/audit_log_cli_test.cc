// The audit log against a writer with access to the file, end to end through the binary: every
// attack is done with SQLite (or a text editor) on the real files, as a reviewer would.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kExamples = SourcePath("rules/examples");

std::string Sha256(const std::string& s) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  char hex[65];
  for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", d[i]);
  return hex;
}

std::string Quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Rewrites column `column` of record `seq` from `from` to `to` (found in the record's encoding
// right after `prefix`) and re-chains every later record from `log export` and the documented
// encoding alone: the chain then verifies, as a complete rewrite would.
void RewriteFieldAndRechain(const std::string& db, int seq, const std::string& prefix,
                            const std::string& column, const std::string& from,
                            const std::string& to) {
  RunResult e = RunChipgate({"log", "export", "--db", db});
  REQUIRE(e.exit_code == 0);
  std::istringstream lines(e.out);
  std::string line, prev, sql;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    std::string body = line.substr(0, line.rfind(",\"hash\":")) + "}";
    if (n == seq) {
      size_t at = body.find(prefix + from + "\"");
      REQUIRE(at != std::string::npos);
      body.replace(at + prefix.size(), from.size(), to);
      sql += "UPDATE audit_log SET " + column + " = " + Quote(to) +
             " WHERE seq = " + std::to_string(n) + ";";
    }
    if (n > seq) {
      size_t at = body.find("\"prev_hash\":\"");
      body.replace(at + 13, 64, prev);
    }
    std::string hash = Sha256(body);
    if (n >= seq) {
      sql += "UPDATE audit_log SET hash = " + Quote(hash) +
             (n > seq ? ", prev_hash = " + Quote(prev) : "") + " WHERE seq = " + std::to_string(n) +
             ";";
    }
    prev = hash;
  }
  Tamper(db, sql);
}

// Rewrites record `seq`'s decision (the record's own, not a reason's) and re-chains.
void RewriteAndRechain(const std::string& db, int seq, const std::string& from,
                       const std::string& to) {
  RewriteFieldAndRechain(db, seq, "\"command\":\"check\",\"decision\":\"", "decision", from, to);
}

struct Recorded {
  TempDir dir;
  std::string db = dir.path() + "/audit.db";
  nlohmann::json audit;
  Recorded() { audit = Check(); }
  nlohmann::json Check() {
    RunResult r =
        RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "json", "--audit", db});
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
    return nlohmann::json::parse(r.out)["audit"];
  }
  std::string Anchor() const {
    return std::to_string(audit["last_seq"].get<int>()) + ":" + audit["head"].get<std::string>();
  }
};

// An Ed25519 key pair made with the OpenSSL API, as PEM files in `dir`.
void MakeKey(const TempDir& dir, const std::string& name) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  REQUIRE(key);
  FILE* f = std::fopen((dir.path() + "/" + name + ".pem").c_str(), "w");
  REQUIRE(PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  std::fclose(f);
  f = std::fopen((dir.path() + "/" + name + ".pub.pem").c_str(), "w");
  REQUIRE(PEM_write_PUBKEY(f, key) == 1);
  std::fclose(f);
  EVP_PKEY_free(key);
}

}  // namespace

TEST_CASE("CheckRefusesToRecordThroughASwallowingTrigger", "[cli][audit]") {
  Recorded log;
  RawExec(log.db,
          "CREATE TRIGGER swallow BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END");
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", log.db});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());  // no decision shown, let alone as recorded
  CHECK(r.err.find("foreign trigger `swallow`") != std::string::npos);
  CHECK(RawScalar(log.db, "SELECT count(*) FROM audit_log") == "5");
  RunResult v = RunChipgate({"log", "verify", "--db", log.db});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("foreign trigger `swallow` on `audit_log`") != std::string::npos);
}

TEST_CASE("AuditRefusesToRecordThroughAForeignTrigger", "[cli][audit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RawExec(db,
          "CREATE TRIGGER eat_findings BEFORE INSERT ON audit_findings BEGIN SELECT RAISE(IGNORE); "
          "END");
  RunResult r = RunChipgate(
      {"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date", "2025-06-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(RawScalar(db, "SELECT count(*) FROM audit_runs") == "0");
}

TEST_CASE("DuplicateKeysInStoredReasonsFailVerify", "[cli][audit]") {
  Recorded log;
  // nlohmann-style readers keep the last duplicate, so a re-encoding hides the forged one.
  Tamper(log.db,
         "UPDATE audit_log SET reasons = replace(reasons, '{\"cite\":', "
         "'{\"cite\":\"forged\",\"cite\":') WHERE seq = 1");
  RunResult v = RunChipgate({"log", "verify", "--db", log.db});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("INVALID at record 1") != std::string::npos);
}

TEST_CASE("FixedTimeVariableDoesNotReachTheLog", "[cli][audit]") {
  TempDir dir;
  RunResult r =
      RunChipgateWith({"check", kManifest, "--rules", kExamples, "--audit", dir.path() + "/a.db"},
                      {dir.path(), {{"CHIPGATE_FIXED_TIME", "not-a-date"}}, 0, -1, -1});
  CHECK(r.exit_code == 1);
  RunResult e = RunChipgate({"log", "export", "--db", dir.path() + "/a.db"});
  std::istringstream lines(e.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    std::string ts = nlohmann::json::parse(line)["ts"];
    CHECK(std::regex_match(ts, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")));
  }
  CHECK(n == 5);
}

TEST_CASE("ForgedTimestampFailsVerifyAtItsRecord", "[cli][audit]") {
  Recorded log;
  log.Check();
  // A record at a time before its predecessor, re-hashed and re-chained.
  RewriteFieldAndRechain(log.db, 7, "\"ts\":\"", "ts",
                         RawScalar(log.db, "SELECT ts FROM audit_log WHERE seq = 7"),
                         "2001-01-01T00:00:00.000Z");
  RunResult v = RunChipgate({"log", "verify", "--db", log.db});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find(
            "INVALID at record 7: timestamp 2001-01-01T00:00:00.000Z is earlier than record 6's") !=
        std::string::npos);
}

TEST_CASE("ExpectHeadWithItsSequenceSurvivesLaterChecks", "[cli][audit]") {
  Recorded log;
  std::string saved = log.Anchor();
  log.Check();  // another check appends five more records
  RunResult v = RunChipgate({"log", "verify", "--db", log.db, "--expect-head", saved});
  INFO(v.out + v.err);
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("audit log valid, 10 records") != std::string::npos);
  // The bare hash still means "the last record".
  CHECK(RunChipgate({"log", "verify", "--db", log.db, "--expect-head",
                     log.audit["head"].get<std::string>()})
            .exit_code == 1);
  for (const std::string& bad : std::vector<std::string>{
           "4bd6a3", "5:4bd6a3", "0:" + std::string(64, 'a'), "x:" + std::string(64, 'a')}) {
    INFO(bad);
    RunResult b = RunChipgate({"log", "verify", "--db", log.db, "--expect-head", bad});
    CHECK(b.exit_code == 2);
    CHECK(b.out.empty());
  }
}

TEST_CASE("CheckpointFileCatchesARewrittenAndRechainedLog", "[cli][audit]") {
  Recorded log;
  std::string cp = log.dir.path() + "/checkpoints.txt";
  RunResult c = RunChipgate({"log", "checkpoint", "--db", log.db, "--checkpoints", cp});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  log.Check();
  REQUIRE(RunChipgate({"log", "checkpoint", "--db", log.db, "--checkpoints", cp}).exit_code == 0);
  std::string text = ReadFile(cp);
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);  // appended, one line each
  RunResult first = RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", cp});
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("no line is signed") !=
        std::string::npos);  // nothing to check a key against

  RewriteAndRechain(log.db, 3, "license_required", "no_license_required");
  RunResult plain = RunChipgate({"log", "verify", "--db", log.db});
  INFO(plain.out);
  CHECK(plain.exit_code == 0);  // consistent: plain verify cannot tell
  RunResult v = RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", cp});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("INVALID at record 5") != std::string::npos);
  CHECK(v.out.find("checkpoints.txt:1") != std::string::npos);
  // A checkpoint is not taken of a log that fails its earlier checkpoints.
  std::string before = ReadFile(cp);
  CHECK(RunChipgate({"log", "checkpoint", "--db", log.db, "--checkpoints", cp}).exit_code == 1);
  CHECK(ReadFile(cp) == before);
}

TEST_CASE("SignedCheckpointsResistAnEditedCheckpointFile", "[cli][audit]") {
  Recorded log;
  MakeKey(log.dir, "key");
  MakeKey(log.dir, "other");
  std::string cp = log.dir.path() + "/cp.txt", key = log.dir.path() + "/key.pem",
              pub = log.dir.path() + "/key.pub.pem";
  RunResult c =
      RunChipgate({"log", "checkpoint", "--db", log.db, "--checkpoints", cp, "--key", key});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  RunResult ok =
      RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", cp, "--public-key", pub});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("signatures verified") != std::string::npos);
  CHECK(RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", cp, "--public-key",
                     log.dir.path() + "/other.pub.pem"})
            .exit_code == 1);

  // The attacker rewrites the log and the checkpoint's hash to match, but cannot re-sign.
  RewriteAndRechain(log.db, 1, "license_required", "no_license_required");
  std::string line = ReadFile(cp);
  std::string head = RawScalar(log.db, "SELECT hash FROM audit_log WHERE seq = 5");
  line.replace(line.find("5:") + 2, 64, head);
  TempDir edit;
  std::string forged = edit.Write("cp.txt", line);
  RunResult unchecked = RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", forged});
  CHECK(unchecked.exit_code ==
        0);  // without the public key the signatures are not checked, and it says so
  CHECK(unchecked.out.find("signatures not checked (no --public-key)") != std::string::npos);
  RunResult bad =
      RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", forged, "--public-key", pub});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("signature does not verify") != std::string::npos);
  // Nor can the signature simply be dropped.
  std::string unsigned_cp =
      edit.Write("unsigned.txt", line.substr(0, line.find(" ed25519:")) + "\n");
  CHECK(RunChipgate(
            {"log", "verify", "--db", log.db, "--checkpoints", unsigned_cp, "--public-key", pub})
            .exit_code == 1);
  // A malformed checkpoint file is bad input, not a verdict.
  std::string junk =
      edit.Write("junk.txt", "chipgate-checkpoint 1 5:abc 2026-01-01T00:00:00.000Z\n");
  RunResult j = RunChipgate({"log", "verify", "--db", log.db, "--checkpoints", junk});
  CHECK(j.exit_code == 2);
  CHECK(j.err.find("junk.txt:1") != std::string::npos);
}

TEST_CASE("RecordsWithDbNameTheInventoryFactsTheyUsed", "[cli][audit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string m = dir.Write(
      "m.yaml",
      "shipment: {id: T, date: 2025-06-01, consignee: {name: X, country: DE, headquarters: DE}}\n"
      "lines: [{part: NV-DGX-H100, quantity: 1}]\n");
  auto record = [&] {
    RunResult r = RunChipgate(
        {"check", m, "--db", db, "--rules", SourcePath("rules/us-ear"), "--format", "json"});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    RunResult e = RunChipgate({"log", "export", "--db", db});
    std::string last = e.out.substr(e.out.rfind('\n', e.out.size() - 2) + 1);
    return nlohmann::json::parse(last);
  };
  nlohmann::json first = record();
  REQUIRE(first.contains("facts_digest"));
  // A component's attribute changes in the database: same manifest bytes, different facts.
  std::string child = RawScalar(
      db, "SELECT child FROM part_components WHERE parent = 'NV-DGX-H100' ORDER BY child LIMIT 1");
  REQUIRE_FALSE(child.empty());
  RawExec(db, "UPDATE parts SET tpp = coalesce(tpp, 0) + 1 WHERE part_number = " + Quote(child));
  nlohmann::json second = record();
  CHECK(second["input_digest"] == first["input_digest"]);
  CHECK(second["facts_digest"] != first["facts_digest"]);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
}

TEST_CASE("InventoryAuditRecordsNameTheFactsTheyUsed", "[cli][audit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate(
      {"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date", "2025-06-01"});
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  RunResult e = RunChipgate({"log", "export", "--db", db});
  std::istringstream lines(e.out);
  std::string line;
  int audits = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    if (j["command"] != "audit") continue;
    ++audits;
    CHECK(std::regex_match(j.value("facts_digest", std::string()),
                           std::regex("sha256:[0-9a-f]{64}")));
  }
  CHECK(audits == 1);  // one record for the run; each finding row names its facts
  std::vector<std::string> facts = RawColumn(db, "SELECT facts_digest FROM audit_findings");
  CHECK_FALSE(facts.empty());
  for (const auto& d : facts) CHECK(std::regex_match(d, std::regex("sha256:[0-9a-f]{64}")));
}

}  // namespace chipgate::testing
