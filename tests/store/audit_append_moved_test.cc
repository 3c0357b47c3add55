// The group commit's append path (GroupCommitLog moves its calls' entries into the records instead
// of copying them; the read-back and `log verify` reuse one record's strings from row to row):
// the records it writes are byte for byte those Store::AppendAudit writes for the same entries at
// the same time, in the same order, and a walk over records with and without a `run` column, and
// with long and escaped texts, reads each as stored.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "chipgate/clock.h"
#include "chipgate/group_commit.h"
#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

class FixedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(1796601662003));
  }
};

// Entries whose texts are long (past one word of the encoder's scan) and need escaping at
// different places.
std::vector<AuditEntry> Entries(const std::string& tag, int n) {
  std::vector<AuditEntry> out;
  for (int i = 0; i < n; ++i) {
    AuditEntry e;
    e.actor = "token \"" + tag + "\"";
    e.command = "check";
    e.subject = "shipment " + tag + " date 2025-06-01 line " + std::to_string(i + 1) +
                " part GPU-\\" + std::to_string(i);
    e.input_digest = "sha256:" + std::string(64, 'a');
    e.decision = i % 3 == 0 ? "license_required" : "no_license_required";
    e.classes = {"3A090.a", std::string("4A090.") + static_cast<char>('a' + i % 2)};
    e.reasons = {{"ac-hq-d5", e.decision, "15 CFR 744.23(a)(2)(i)",
                  "the consignee is headquartered in a D:5 country\n(line " + std::to_string(i) +
                      ")\ttab \x01 control"},
                 {"cls", "classified", "", std::string(40 + i, 'x') + "\"quoted\""}};
    e.pack_digest = "sha256:" + std::string(64, 'b');
    e.facts_digest = "sha256:" + std::string(63, 'c') + static_cast<char>('0' + i % 10);
    out.push_back(std::move(e));
  }
  return out;
}

// Every column of every record, one line per record, in seq order.
std::vector<std::string> Rows(const std::string& db) {
  return RawColumn(
      db,
      "SELECT quote(seq)||'|'||quote(ts)||'|'||quote(actor)||'|'||quote(command)||'|'||"
      "quote(subject)||'|'||quote(input_digest)||'|'||quote(decision)||'|'||"
      "quote(classes)||'|'||quote(reasons)||'|'||quote(pack_digest)||'|'||"
      "quote(prev_hash)||'|'||quote(hash)||'|'||quote(format)||'|'||"
      "quote(facts_digest)||'|'||quote(run) FROM audit_log ORDER BY seq");
}

}  // namespace

TEST_CASE("GroupCommitWritesTheRecordsAppendAuditWrites", "[store][group_commit]") {
  TempDir dir;
  FixedClock clock;
  const std::string direct = dir.path() + "/direct.db", grouped = dir.path() + "/grouped.db";
  // Calls of 1, 37 and 1,205 entries: the last one crosses the append's batches of 1,000.
  const std::vector<int> sizes = {1, 37, 1205};
  {
    auto s = Store::Open(direct, StoreOptions{.create = true, .clock = &clock});
    REQUIRE(s.ok());
    for (size_t c = 0; c < sizes.size(); ++c) {
      auto a = s->AppendAudit(Entries("S" + std::to_string(c), sizes[c]));
      REQUIRE(a.ok());
    }
  }
  {
    REQUIRE(Store::Open(grouped, StoreOptions{.create = true}).ok());
    auto log = GroupCommitLog::Open(grouped, {.store = {.clock = &clock}});
    REQUIRE(log.ok());
    int64_t next = 1;
    for (size_t c = 0; c < sizes.size(); ++c) {
      auto a = (*log)->Append(Entries("S" + std::to_string(c), sizes[c]));
      REQUIRE(a.ok());
      CHECK(a->first_seq == next);
      CHECK(a->count() == static_cast<size_t>(sizes[c]));
      next = a->last_seq + 1;
    }
  }
  std::vector<std::string> want = Rows(direct), got = Rows(grouped);
  REQUIRE(want.size() == 1243);
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("record " << i + 1);
    REQUIRE(got[i] == want[i]);
  }
  CHECK(VerifyAuditLog(grouped).ok);
}

TEST_CASE("AuditWalksReadRecordsWithAndWithoutARunAsStored", "[store]") {
  TempDir dir;
  const std::string db = dir.path() + "/runs.db";
  auto s = Store::Open(db, StoreOptions{.create = true});
  REQUIRE(s.ok());
  const std::string facts = "sha256:" + std::string(64, 'f');
  // check records, a run record, check records, a run record, check records: every walk reads a
  // record with a `run` after one without and the other way round.
  for (int round = 0; round < 2; ++round) {
    REQUIRE(s->AppendAudit(Entries("R" + std::to_string(round), 3)).ok());
    auto run = s->RecordAuditRun(
        {"2026-01-01T00:00:00.000Z", "t", "2026-01-01", "", "sha256:" + std::string(64, 'd'), 1, 0},
        {{"misclassified", "high", "P" + std::to_string(round), "", "", "3A090.a", "[]", 0, "",
          facts}});
    REQUIRE(run.ok());
  }
  REQUIRE(s->AppendAudit(Entries("R2", 2)).ok());
  auto verified = s->VerifyAudit({});
  REQUIRE(verified.ok());
  CHECK(verified->ok);
  CHECK(verified->records == 10);
  CHECK(verified->runs_checked == 2);
  std::ostringstream out;
  REQUIRE(s->ExportAudit(out).ok());
  std::istringstream lines(out.str());
  int with_run = 0, n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    bool run = line.find(",\"run\":{") != std::string::npos;
    with_run += run ? 1 : 0;
    CHECK(run == (n == 3 || n == 7));  // exactly the two run records
  }
  CHECK(n == 10);
  CHECK(with_run == 2);
}

}  // namespace chipgate::testing
