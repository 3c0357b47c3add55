// PostgreSQL's audit-schema comparison (PgBackend::AuditSchemaDifferences) on the look-alikes of
// chipgate's append-only triggers: a trigger with an expected name on another table is foreign,
// one on the right table calling another function is changed, and the function gone is missing;
// each is named by verify and stops every append.
#include <catch2/catch.hpp>
#include <string>

#include "chipgate/store.h"
#include "support/audit_entries.h"
#include "support/raw_postgres.h"
#include "support/test_support.h"

namespace chipgate::testing {
TEST_CASE("PgLookAlikesOfTheAppendOnlyTriggersAreNamed", "[postgresql]") {
  struct LookAlike {
    const char* name;
    const char* sql;
    SchemaDifference::Kind kind;
    const char* type;
    const char* object;
    const char* table;
  };
  const LookAlike cases[] = {
      {"an append-only trigger's name on another table",
       "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_runs FOR EACH ROW EXECUTE "
       "FUNCTION audit_log_append_only()",
       SchemaDifference::Kind::kForeign, "trigger", "audit_log_no_delete", "audit_runs"},
      {"an append-only trigger calling another function",
       "CREATE FUNCTION let_it_be() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END "
       "$$; DROP TRIGGER audit_log_no_delete ON audit_log; CREATE TRIGGER audit_log_no_delete "
       "BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION let_it_be()",
       SchemaDifference::Kind::kChanged, "trigger", "audit_log_no_delete", "audit_log"},
      {"the append-only function dropped with its triggers",
       "DROP FUNCTION audit_log_append_only() CASCADE", SchemaDifference::Kind::kMissing,
       "function", "audit_log_append_only", ""},
  };
  for (const LookAlike& c : cases) {
    DYNAMIC_SECTION(c.name) {
      std::string pg = NewPgDatabase();
      {
        auto s = Store::Open(pg);
        REQUIRE(s.ok());
        REQUIRE(s->AppendAudit({PlainAuditEntry(1)}).ok());
      }
      PgExec(pg, c.sql);
      AuditVerifyResult v = VerifyAuditLog(pg);
      CHECK_FALSE(v.ok);
      bool named = false;
      for (const SchemaDifference& d : v.schema) {
        named = named ||
                (d.kind == c.kind && d.type == c.type && d.name == c.object && d.table == c.table);
      }
      CHECK(named);
      auto s = Store::Open(pg);
      REQUIRE(s.ok());
      auto w = s->AppendAudit({PlainAuditEntry(2)});
      REQUIRE_FALSE(w.ok());
      CHECK_THAT(w.status().message(), Catch::Contains("nothing was recorded"));
    }
  }
}

}  // namespace chipgate::testing
