// Audit timestamps: the clock of audit appends (StoreOptions::clock) at the ends of its range, a
// head whose time is not a timestamp, and the fields IsAuditTimestamp bounds.
#include <catch2/catch.hpp>
#include <chrono>

#include "chipgate/audit.h"
#include "chipgate/store.h"
#include "support/audit_entries.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

struct FixedClock final : Clock {
  std::chrono::system_clock::time_point now;
  explicit FixedClock(std::chrono::system_clock::time_point t) : now(t) {}
  std::chrono::system_clock::time_point Now() const override { return now; }
};

}  // namespace

// The append refuses a clock time the log cannot hold (a year outside 0001..9999). With this
// standard library that check cannot fire: system_clock counts nanoseconds in 64 bits, so its
// whole range is 1677-09-21 to 2262-04-11, and both ends are times the log holds. This test pins
// that (docs/development.md, "Coverage"): were the clock ever wider, it would fail here first.
TEST_CASE("TheWholeRangeOfTheSystemClockIsATimeTheLogCanHold", "[store][audit][backend]") {
  using std::chrono::system_clock;
  CHECK(FormatAuditTimestamp(system_clock::time_point::min()) == "1677-09-21T00:12:43.145Z");
  CHECK(FormatAuditTimestamp(system_clock::time_point::max()) == "2262-04-11T23:47:16.854Z");
  CHECK(IsAuditTimestamp(FormatAuditTimestamp(system_clock::time_point::min())));
  CHECK(IsAuditTimestamp(FormatAuditTimestamp(system_clock::time_point::max())));
  TempDir dir;
  const std::string db = TestDatabase(dir, "audit.db");
  FixedClock last(system_clock::time_point::max());
  auto s = Store::Open(db, StoreOptions{.create = true, .clock = &last});
  REQUIRE(s.ok());
  REQUIRE(s->AppendAudit({PlainAuditEntry(1)}).ok());
  // A clock at the other end is behind the head: the record takes the head's time.
  FixedClock first(system_clock::time_point::min());
  auto s2 = Store::Open(db, StoreOptions{.clock = &first});
  REQUIRE(s2.ok());
  REQUIRE(s2->AppendAudit({PlainAuditEntry(2)}).ok());
  AuditVerifyResult r = VerifyAuditLog(db);
  CHECK(r.ok);
  CHECK(r.records == 2);
}

// Times never go backwards in the log, but only a head time that is a timestamp is carried
// forward: a head whose time was overwritten with text (which `log verify` reports at that
// record) does not become the time of the records after it.
TEST_CASE("AHeadWhoseTimeIsNotATimestampIsNotCarriedForward", "[store][audit][backend]") {
  TempDir dir;
  const std::string db = TestDatabase(dir, "audit.db");
  FixedClock later(std::chrono::system_clock::time_point(std::chrono::milliseconds(1764547200123)));
  {
    auto s = Store::Open(db, StoreOptions{.create = true, .clock = &later});
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({PlainAuditEntry(1), PlainAuditEntry(2)}).ok());
  }
  Tamper(db, "UPDATE audit_log SET ts = 'yesterday' WHERE seq = 2");
  // A day earlier than the head's original time: carried forward it would not be.
  FixedClock earlier(
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1764547200123 - 86400000)));
  auto s = Store::Open(db, StoreOptions{.clock = &earlier});
  REQUIRE(s.ok());
  REQUIRE(s->AppendAudit({PlainAuditEntry(3)}).ok());
  CHECK(RawScalar(db, "SELECT ts FROM audit_log WHERE seq = 3") == "2025-11-30T00:00:00.123Z");
  AuditVerifyResult r = VerifyAuditLog(db);
  CHECK_FALSE(r.ok);
  CHECK(r.first_bad_seq == 2);
}

TEST_CASE("AuditTimestampsRefuseEveryFieldOutOfRange", "[audit]") {
  CHECK(IsAuditTimestamp("2025-12-01T23:59:59.999Z"));
  CHECK_FALSE(IsAuditTimestamp("2025-12-01T24:00:00.000Z"));  // hour
  CHECK_FALSE(IsAuditTimestamp("2025-12-01T00:60:00.000Z"));  // minute
  CHECK_FALSE(IsAuditTimestamp("2025-12-01T00:00:60.000Z"));  // second (no leap seconds)
  CHECK_FALSE(IsAuditTimestamp("2025-12-32T00:00:00.000Z"));  // day
  CHECK_FALSE(IsAuditTimestamp("2025-13-01T00:00:00.000Z"));  // month
  CHECK_FALSE(IsAuditTimestamp("0000-12-01T00:00:00.000Z"));  // year
}

}  // namespace chipgate::testing
