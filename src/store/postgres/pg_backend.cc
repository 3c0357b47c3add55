// PgBackend: connecting, the migration runner (db/migrations/postgresql/, one transaction under
// an advisory lock), the table check, transactions, and streaming through cursors.
#include "store/postgres/pg_backend.h"

#include "store/migration.h"
#include "store/part_attributes.h"
#include "store/postgres/open.h"

namespace chipgate {
namespace {

// Advisory locks (two int4 keys): the first names the lock, "chip" + 'm' for schema migrations,
// "chip" + 'w' for the lock every write transaction takes first; the second is the schema's
// hashed name, so chipgate databases kept as schemas of one PostgreSQL database (search_path)
// do not wait for each other (advisory locks are per database, not per schema). A collision of
// two schemas' hashes only serialises their writers, never lets two writers of one schema in.
constexpr int64_t kMigrationLock = 0x6368696d;  // "chim"
constexpr int64_t kWriteLock = 0x63686977;      // "chiw"

// The tables of the schema (as SQLite's migrations.cc lists them), each checked to exist.
constexpr const char* kTables[] = {
    "parts",         "part_components", "parties",   "party_names",  "ownership",
    "shipments",     "shipment_lines",  "audit_log", "audit_runs",   "audit_findings",
    "list_versions", "list_entries",    "licenses",  "license_uses", "license_destinations",
    "database_id"};

struct SchemaState {
  int64_t version = 0, tables = 0;
};

// The version table is read only once it exists (a statement naming a missing table fails
// when it is planned, whatever its CASE would pick). Another process migrating meanwhile is
// harmless: the migration re-reads both under its lock.
Result<SchemaState> ReadSchemaState(pg::Conn& c) {
  auto r = c.Exec(
      "SELECT to_regclass('chipgate_schema') IS NOT NULL, "
      "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())");
  if (!r.ok()) return r.status();
  SchemaState st{0, r->Int(0, 1)};
  if (r->TextView(0, 0) == "t") {
    auto v = c.Exec("SELECT coalesce(max(version), 0) FROM chipgate_schema");
    if (!v.ok()) return v.status();
    st.version = v->Int(0, 0);
  }
  return st;
}

Status CheckSchemaState(const SchemaState& st, const std::string& where) {
  if (st.version > kSchemaVersion) {
    return Status::Error("database `" + where + "` has schema version " +
                         std::to_string(st.version) + ", newer than this chipgate supports (" +
                         std::to_string(kSchemaVersion) + "); use a newer chipgate");
  }
  if (st.version == 0 && st.tables > 0) {
    return Status::Error("`" + where +
                         "` is not a chipgate database (its schema has tables but no chipgate "
                         "schema version)");
  }
  return Status::Ok();
}

Status CheckTables(pg::Conn& c, const std::string& where) {
  std::string missing;
  for (const char* t : kTables) {
    auto r = c.Exec("SELECT to_regclass($1) IS NOT NULL", pg::Params().Text(t));
    if (!r.ok()) return r.status();
    if (r->TextView(0, 0) != "t") missing += (missing.empty() ? "" : ", ") + std::string(t);
  }
  if (!missing.empty()) {
    return Status::Error("database `" + where + "` is missing table(s) " + missing +
                         "; it is damaged or was changed by hand");
  }
  // The `parts` columns must be exactly the ones chipgate reads (CheckPartColumns,
  // part_attributes.h).
  auto cols = c.Exec(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND table_name = 'parts' ORDER BY ordinal_position");
  if (!cols.ok()) return cols.status();
  std::vector<std::string> have;
  for (int i = 0; i < cols->size(); ++i) have.push_back(cols->Text(i, 0));
  return CheckPartColumns(have, where);
}

// Runs `fn` between BEGIN and COMMIT, rolling back when it fails.
template <typename Fn>
Status InTransaction(pg::Conn& c, sql::SqlText begin, Fn&& fn) {
  if (Status b = c.Script(begin); !b.ok()) return b;
  Status s = fn();
  if (s.ok() && c.InFailedTransaction())
    s = Status::Error(
        "an earlier statement failed and PostgreSQL aborted the transaction; "
        "nothing was written");
  if (!s.ok()) {
    (void)c.Script("ROLLBACK");
    return s;
  }
  if (Status e = c.Script("COMMIT"); !e.ok()) {
    (void)c.Script("ROLLBACK");
    return e;
  }
  return Status::Ok();
}

Status ApplyMigrations(pg::Conn& c, const std::string& where, bool read_only) {
  auto state = ReadSchemaState(c);
  if (!state.ok())
    return Status::Error("cannot read the schema of `" + where + "`: " + state.status().message());
  if (Status s = CheckSchemaState(state.value(), where); !s.ok()) return s;
  if (state->version == kSchemaVersion) return CheckTables(c, where);
  if (read_only) {
    return Status::Error("database `" + where + "` has schema version " +
                         std::to_string(state->version) +
                         " and needs upgrading; open it writable (e.g. `chipgate db init`)");
  }
  // DDL is transactional in PostgreSQL: every pending migration and the version commit together,
  // and a second process waits on the lock, then finds the work done.
  Status s = InTransaction(c, "BEGIN", [&]() -> Status {
    auto lock = c.Exec("SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))",
                       pg::Params().Int(kMigrationLock));
    if (!lock.ok()) return lock.status();
    auto now = ReadSchemaState(c);
    if (!now.ok()) return now.status();
    if (Status cs = CheckSchemaState(now.value(), where); !cs.ok()) return cs;
    if (Status t = c.Script("CREATE TABLE IF NOT EXISTS chipgate_schema (version bigint NOT NULL)");
        !t.ok())
      return t;
    for (const Migration& m : PostgresqlMigrations()) {
      if (m.version <= now->version) continue;
      // The migration scripts are compiled into the binary: the only SQL not written as a literal.
      if (Status r = c.Script(sql::SqlText::Trusted(m.sql, {})); !r.ok())
        return Status::Error("migration " + std::string(m.name) + ": " + r.message());
    }
    if (Status d = c.Script("DELETE FROM chipgate_schema"); !d.ok()) return d;
    auto v = c.Exec("INSERT INTO chipgate_schema (version) VALUES ($1)",
                    pg::Params().Int(kSchemaVersion));
    return v.ok() ? Status::Ok() : v.status();
  });
  if (!s.ok()) return Status::Error("migrating `" + where + "` failed: " + s.message());
  return CheckTables(c, where);
}

}  // namespace

std::string RedactedLocation(const std::string& uri) {
  std::string out = uri;
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = out.find_first_of("/?", start);
    size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // A password given as a query parameter: the parameter and its `&` go.
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=")) {
    size_t end = out.find('&', p);
    out.erase(p, end == std::string::npos ? std::string::npos : end - p + 1);
  }
  if (!out.empty() && (out.back() == '?' || out.back() == '&')) out.pop_back();
  return out;
}

Result<std::unique_ptr<StoreBackend>> OpenPostgresBackend(const std::string& uri,
                                                          const StoreOptions& options) {
  std::string where = RedactedLocation(uri);
  auto conn = pg::Conn::Connect(uri);
  if (!conn.ok()) return Status::Error("database `" + where + "`: " + conn.status().message());
  // A writer waits for another (the advisory lock, row locks) at most this long, as SQLite's busy
  // timeout bounds the wait for its write lock.
  if (options.busy_timeout_ms > 0) {
    auto t = conn->Exec("SELECT set_config('lock_timeout', $1, false)",
                        pg::Params().Text(std::to_string(options.busy_timeout_ms) + "ms"));
    if (!t.ok()) return Status::Error("database `" + where + "`: " + t.status().message());
  }
  // No JIT compilation: chipgate's statements are key look-ups, batches of them and cursors, and
  // a statement whose estimate crosses jit_above_cost paid 30-90 ms compiling each time it ran
  // (the generic plan of the batched part read did, once per cursor fetch of an audit).
  if (auto jit = conn->Exec("SELECT set_config('jit', 'off', false)"); !jit.ok())
    return Status::Error("database `" + where + "`: " + jit.status().message());
  if (Status s = ApplyMigrations(conn.value(), where, options.read_only); !s.ok()) return s;
  if (options.read_only) {
    if (Status s = conn->Script("SET default_transaction_read_only = on"); !s.ok()) return s;
  }
  return std::unique_ptr<StoreBackend>(new PgBackend(std::move(conn.value()), where));
}

int PgBackend::schema_version() const { return kSchemaVersion; }

// Every write transaction first takes the write lock: one writer at a time across every process
// and host, as SQLite's BEGIN IMMEDIATE gives on one file. READ COMMITTED then shows each
// statement everything committed before the lock was granted, so the audit head read next is the
// real one.
Status PgBackend::InWriteTransaction(const std::function<Status()>& fn) {
  in_write_ = true;
  Status s = InTransaction(conn_, "BEGIN ISOLATION LEVEL READ COMMITTED", [&]() -> Status {
    auto lock = conn_.Exec("SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))",
                           pg::Params().Int(kWriteLock));
    if (!lock.ok()) return lock.status();
    return fn();
  });
  in_write_ = false;
  ForgetPrefetched();
  return s;
}

// REPEATABLE READ takes its snapshot at the first statement, which runs at once.
Status PgBackend::InReadSnapshot(const std::function<Status()>& fn) {
  struct Depth {
    int& n;
    explicit Depth(int& d) : n(++d) {}
    ~Depth() { --n; }
  };
  if (snapshot_depth_ > 0 || in_write_) {
    Depth inner(snapshot_depth_);
    return fn();
  }
  Depth outer(snapshot_depth_);
  Status s = InTransaction(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1", fn);
  ForgetPrefetched();
  return s;
}

Status PgBackend::Stream(const Cursor& cursor, const pg::Params& params,
                         const std::function<bool(const pg::Rows&, int)>& fn) {
  auto run = [&]() -> Status {
    auto declared = conn_.ExecOnce(cursor.declare, params);
    if (!declared.ok()) return declared.status();
    Status s;
    bool more = true;
    while (more) {
      auto rows = conn_.Exec(cursor.fetch);
      if (!rows.ok()) {
        s = rows.status();
        break;
      }
      for (int i = 0; i < rows->size() && more; ++i) more = fn(rows.value(), i);
      if (rows->size() < kFetchRows) break;
    }
    if (!conn_.InFailedTransaction()) {
      if (auto closed = conn_.Exec(cursor.close); !closed.ok() && s.ok()) s = closed.status();
    }
    return s;
  };
  if (conn_.InTransaction()) return run();
  return InReadSnapshot(run);
}

}  // namespace chipgate
