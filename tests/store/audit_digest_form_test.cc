// What the audit log refuses to write and what `log verify` refuses to read, by form: an entry
// whose facts digest is not `sha256:` and 64 lower-case hex characters is refused before anything
// is written (whatever is wrong with it, wherever in the digest), and a stored record of a format
// chipgate never writes is named by verify; a database without exactly one id is not verified.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/store.h"
#include "support/audit_entries.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
TEST_CASE("AFactsDigestOfAnyOtherFormIsRefusedBeforeAnyWrite", "[store][audit][backend]") {
  TempDir dir;
  const std::string db = TestDatabase(dir, "audit.db");
  auto s = Store::Open(db, StoreOptions{.create = true});
  REQUIRE(s.ok());
  REQUIRE(s->AppendAudit({PlainAuditEntry(1)}).ok());
  const std::string hex(64, '0');
  std::vector<std::string> bad = {"sha512:" + hex, "sha256:" + hex.substr(1), "sha256:" + hex + "0",
                                  "SHA256:" + hex};
  // A character outside [0-9a-f] (below '0', between '9' and 'a', upper case, above 'f') at
  // each of the first and the last eight positions of the hex part.
  for (char c : {'/', ':', 'A', 'g'}) {
    for (size_t at : {0, 1, 2, 3, 4, 5, 6, 7, 56, 57, 58, 59, 60, 61, 62, 63}) {
      std::string h = hex;
      h[at] = c;
      bad.push_back("sha256:" + h);
    }
  }
  for (const std::string& d : bad) {
    INFO(d);
    AuditEntry e = PlainAuditEntry(2);
    e.facts_digest = d;
    auto w = s->AppendAudit({PlainAuditEntry(2), e});
    REQUIRE_FALSE(w.ok());
    CHECK_THAT(w.status().message(),
               Catch::EndsWith("a record must name the facts it was decided from (facts_digest)"));
  }
  // Nothing of the refused appends was written; a good entry still is.
  AuditVerifyResult r = VerifyAuditLog(db);
  CHECK(r.ok);
  CHECK(r.records == 1);
  REQUIRE(s->AppendAudit({PlainAuditEntry(2)}).ok());
}

// SQLite only: a record of format 3 gets past the schema's CHECK only with SQLite's
// `PRAGMA ignore_check_constraints`, which anyone with write access to the file can set.
TEST_CASE("ARecordOfAFormatChipgateNeverWritesIsNamed", "[store][audit]") {
  TempDir dir;
  const std::string db = dir.path() + "/audit.db";
  {
    auto s = Store::Open(db, StoreOptions{.create = true});
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({PlainAuditEntry(1), PlainAuditEntry(2), PlainAuditEntry(3)}).ok());
  }
  Tamper(db, "PRAGMA ignore_check_constraints = ON; UPDATE audit_log SET format = 3 WHERE seq = 2");
  REQUIRE(RawScalar(db, "SELECT format FROM audit_log WHERE seq = 2") == "3");
  AuditVerifyResult r = VerifyAuditLog(db);
  CHECK_FALSE(r.ok);
  CHECK(r.kind == AuditProblem::kNotCanonical);
  CHECK(r.first_bad_seq == 2);
  CHECK(r.problem == "unknown record format 3");
}

// `log verify` matches audit-run records to the database by its one id (database_id): a database
// holding no id or two cannot be verified, and says which, rather than matching runs to either.
TEST_CASE("ADatabaseWithoutExactlyOneIdIsNotVerified", "[store][audit][backend]") {
  TempDir dir;
  const std::string db = TestDatabase(dir, "audit.db");
  {
    auto s = Store::Open(db, StoreOptions{.create = true});
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({PlainAuditEntry(1)}).ok());
  }
  auto verify = [&] {
    auto s = Store::Open(db, StoreOptions{.read_only = true});
    REQUIRE(s.ok());
    return s->VerifyAudit({});
  };
  REQUIRE(verify().ok());
  RawExec(db, "INSERT INTO database_id (id) VALUES ('" + std::string(32, 'f') + "')");
  auto two = verify();
  REQUIRE_FALSE(two.ok());
  CHECK_THAT(two.status().message(),
             Catch::Contains("the database has more than one id (database_id)"));
  RawExec(db, "DELETE FROM database_id");
  auto none = verify();
  REQUIRE_FALSE(none.ok());
  CHECK_THAT(none.status().message(), Catch::Contains("the database has no id (database_id)"));
}

}  // namespace chipgate::testing
