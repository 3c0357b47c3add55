// SqliteBackend's audit tables: comparing the audit tables' schema with the one the migrations
// create, reading the head, writing and streaming records byte for byte, and audit runs with
// their findings.
#include <map>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {
namespace {

// The tables whose every index and trigger is compared; triggers and views are compared
// wherever they are, since one on any table can write to the audit tables.
constexpr const char* kAuditTables[] = {"audit_log", "audit_runs", "audit_findings"};

// Objects that can change what a write to the audit tables does (SchemaDifference).
bool Guarded(const SchemaObject& o) {
  if (o.type == "trigger" || o.type == "view") return true;
  for (const char* t : kAuditTables) {
    if (o.table == t || o.name == t) return true;
  }
  return false;
}

// sqlite_master against MigratedSchema(), by (type, name) and then by SQL text: anything extra is
// foreign, anything absent missing, any other text changed.
Result<std::vector<SchemaDifference>> SchemaDifferences(sql::Db& db) {
  auto actual = ReadSchema(db);
  if (!actual.ok()) return actual.status();
  const std::vector<SchemaObject>& expected = MigratedSchema();
  if (expected.empty()) return Status::Error("cannot build the expected schema to compare with");
  std::map<std::pair<std::string, std::string>, const SchemaObject*> want, have;
  for (const auto& o : expected) {
    if (Guarded(o)) want[{o.type, o.name}] = &o;
  }
  for (const auto& o : actual.value()) {
    if (Guarded(o)) have[{o.type, o.name}] = &o;
  }
  std::vector<SchemaDifference> out;
  for (const auto& [key, o] : have) {
    auto it = want.find(key);
    if (it == want.end()) {
      out.push_back({SchemaDifference::Kind::kForeign, o->type, o->name, o->table});
    } else if (!(*it->second == *o)) {
      out.push_back({SchemaDifference::Kind::kChanged, o->type, o->name, o->table});
    }
  }
  for (const auto& [key, o] : want) {
    if (!have.count(key))
      out.push_back({SchemaDifference::Kind::kMissing, o->type, o->name, o->table});
  }
  return out;
}

// Every column of a record, in the order ReadStored reads them. kSelectAll has no WHERE, so
// `log verify` also sees records a forger gave a seq below 1.
constexpr char kSelectAll[] =
    "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
    "pack_digest, prev_hash, hash, format, facts_digest, run FROM audit_log ORDER BY seq";
constexpr char kSelectFrom[] =
    "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
    "pack_digest, prev_hash, hash, format, facts_digest, run FROM audit_log WHERE seq >= ?1 "
    "ORDER BY seq";

// Sets `to` to the text of column `col`, NULL as nullopt, reusing the string's storage.
void AssignTextOrNull(const sql::Stmt& st, int col, std::optional<std::string>& to) {
  if (st.IsNull(col)) {
    to.reset();
  } else if (to) {
    to->assign(st.TextView(col));
  } else {
    to.emplace(st.TextView(col));
  }
}

// The current row of kSelectAll / kSelectFrom, byte for byte. Assigned into `r`'s strings, whose
// storage a walk over many rows (a read-back, `log verify`) reuses from row to row.
void ReadStored(const sql::Stmt& st, StoredAuditRecord& r) {
  r.seq = st.Int(0);
  r.ts.assign(st.TextView(1));
  r.actor.assign(st.TextView(2));
  r.command.assign(st.TextView(3));
  r.subject.assign(st.TextView(4));
  r.input_digest.assign(st.TextView(5));
  r.decision.assign(st.TextView(6));
  r.classes_json.assign(st.TextView(7));
  r.reasons_json.assign(st.TextView(8));
  r.pack_digest.assign(st.TextView(9));
  r.prev_hash.assign(st.TextView(10));
  r.hash.assign(st.TextView(11));
  r.format = static_cast<int>(st.Int(12));
  AssignTextOrNull(st, 13, r.facts_digest);
  AssignTextOrNull(st, 14, r.run_json);
}

// A nullable text column: NULL is nullopt, distinct from empty text.
std::optional<std::string> TextOrNull(const sql::Stmt& st, int col) {
  return st.IsNull(col) ? std::nullopt : std::optional<std::string>(st.Text(col));
}

}  // namespace

// The whole schema is compared again only when it changed: SQLite's schema cookie
// (PRAGMA schema_version) changes with every CREATE, DROP and ALTER committed by any connection,
// and it is read here inside the caller's write transaction, so a cookie equal to the one of the
// last comparison that found chipgate's schema is that same schema (a long-lived writer, the
// group commit of `chipgate serve`, appends many times a second). A difference is never
// remembered: a schema that is not chipgate's is compared, and refused, on every call. (An edit
// of sqlite_master under `PRAGMA writable_schema` that leaves the cookie alone is not reloaded by
// this connection either, so it cannot act on its writes; the read-back of every append stays.)
Result<std::vector<SchemaDifference>> SqliteBackend::AuditSchemaDifferences() {
  auto cookie = Cached("PRAGMA schema_version");
  if (!cookie.ok()) return cookie.status();
  Status st;
  if (!cookie.value()->Step(st)) return st.ok() ? Status::Error("no schema_version") : st;
  int64_t now = cookie.value()->Int(0);
  cookie.value()->Reset();
  if (chipgate_schema_cookie_ == now) return std::vector<SchemaDifference>();
  auto diffs = SchemaDifferences(db_);
  if (diffs.ok() && diffs->empty())
    chipgate_schema_cookie_ = now;
  else
    chipgate_schema_cookie_.reset();
  return diffs;
}

// Inside the append's immediate transaction, so no other writer can move the head meanwhile.
Result<std::optional<AuditHead>> SqliteBackend::ReadAuditHead() {
  auto cached = Cached("SELECT seq, hash, ts FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!cached.ok()) return cached.status();
  sql::Stmt& head = *cached.value();
  Status st;
  std::optional<AuditHead> out;
  if (head.Step(st)) out = AuditHead{head.Int(0), head.Text(1), head.Text(2)};
  head.Reset();  // a cached statement is left reset, not holding its read
  if (!st.ok()) return st;
  return out;
}

Status SqliteBackend::InsertAuditRecord(const StoredAuditRecord& r) {
  auto cached = Cached(
      "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, classes, "
      "reasons, pack_digest, prev_hash, hash, format, facts_digest, run) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& insert = *cached.value();
  insert.Bind(1, r.seq).Bind(2, r.ts).Bind(3, r.actor).Bind(4, r.command).Bind(5, r.subject);
  insert.Bind(6, r.input_digest).Bind(7, r.decision).Bind(8, r.classes_json);
  insert.Bind(9, r.reasons_json).Bind(10, r.pack_digest).Bind(11, r.prev_hash).Bind(12, r.hash);
  insert.Bind(13, int64_t{r.format});
  r.facts_digest ? insert.Bind(14, *r.facts_digest) : insert.BindNull(14);
  r.run_json ? insert.Bind(15, *r.run_json) : insert.BindNull(15);
  if (Status res = insert.Run(); !res.ok()) return res;
  // A trigger with RAISE(IGNORE) makes an insert succeed without writing anything.
  if (db_.Changes() != 1)
    return Status::Error("the insert of record " + std::to_string(r.seq) + " wrote nothing");
  CrashPoint("audit-append");
  return Status::Ok();
}

// Prepared per call (not cached): it is stepped while fn runs, and a cached statement handed
// out again meanwhile would be reset under it.
Status SqliteBackend::ForEachAuditRecord(int64_t from_seq,
                                         const std::function<bool(const StoredAuditRecord&)>& fn) {
  auto stmt = from_seq == kAllAuditRecords ? db_.Prepare(kSelectAll) : db_.Prepare(kSelectFrom);
  if (!stmt.ok()) return stmt.status();
  if (from_seq != kAllAuditRecords) stmt->Bind(1, from_seq);
  Status s;
  StoredAuditRecord rec;
  while (stmt->Step(s)) {
    ReadStored(stmt.value(), rec);
    if (!fn(rec)) return Status::Ok();
  }
  return s;
}

// The run id is SQLite's rowid of the new row; a trigger that swallowed the insert (zero
// changes) is an error, not a run id of some other row.
Result<int64_t> SqliteBackend::InsertAuditRun(const Store::RunRow& run, int64_t findings,
                                              const std::string& findings_digest) {
  auto ins = db_.Prepare(
      "INSERT INTO audit_runs (started, actor, date, compare_date, pack_digest, parts, "
      "shipments, findings, findings_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, run.started).Bind(2, run.actor).Bind(3, run.date);
  ins->BindTextOrNull(4, run.compare_date).Bind(5, run.pack_digest);
  ins->Bind(6, run.parts).Bind(7, run.shipments).Bind(8, findings).Bind(9, findings_digest);
  if (Status r = ins->Run(); !r.ok()) return r;
  if (db_.Changes() != 1) return Status::Error("the audit run was not written");
  return sqlite3_last_insert_rowid(db_.raw());
}

Status SqliteBackend::InsertAuditFinding(int64_t run_id, int64_t seq,
                                         const Store::FindingRow& row) {
  auto cached = Cached(
      "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, shipment_id, line, "
      "declared, computed, reasons, license, facts_digest) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& f = *cached.value();
  f.Bind(1, run_id).Bind(2, seq).Bind(3, row.kind).Bind(4, row.severity);
  f.BindTextOrNull(5, row.part).BindTextOrNull(6, row.shipment);
  row.line > 0 ? f.Bind(7, int64_t{row.line}) : f.BindNull(7);
  f.BindTextOrNull(8, row.declared).BindTextOrNull(9, row.computed).Bind(10, row.reasons_json);
  f.BindTextOrNull(11, row.license).Bind(12, row.facts_digest);
  return f.Run();
}

// Counted in one statement, so both numbers come from the same state of the transaction.
Result<AuditRunBackend::RunCounts> SqliteBackend::CountAuditRun(int64_t run_id, int64_t findings) {
  auto check = db_.Prepare(
      "SELECT (SELECT count(*) FROM audit_runs WHERE id = ?1 AND findings = ?2), "
      "(SELECT count(*) FROM audit_findings WHERE run_id = ?1)");
  if (!check.ok()) return check.status();
  check->Bind(1, run_id).Bind(2, findings);
  Status st;
  if (!check->Step(st)) return st.ok() ? Status::Error("no result") : st;
  return RunCounts{check->Int(0), check->Int(1)};
}

Result<std::string> SqliteBackend::ReadDatabaseId() {
  auto q = db_.Prepare("SELECT id FROM database_id");
  if (!q.ok()) return q.status();
  Status st;
  if (!q->Step(st)) return st.ok() ? Status::Error("the database has no id (database_id)") : st;
  std::string id = q->Text(0);
  if (q->Step(st)) return Status::Error("the database has more than one id (database_id)");
  if (!st.ok()) return st;
  return id;
}

Result<std::optional<AuditRunSummary>> SqliteBackend::ReadAuditRun(int64_t run_id) {
  auto q = db_.Prepare(
      "SELECT started, date, compare_date, parts, shipments, findings, findings_digest "
      "FROM audit_runs WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, run_id);
  Status st;
  if (!q->Step(st)) {
    if (!st.ok()) return st;
    return std::optional<AuditRunSummary>();
  }
  AuditRunSummary r;
  r.id = run_id;
  r.started = q->Text(0);
  r.date = q->Text(1);
  r.compare_date = TextOrNull(q.value(), 2);
  r.parts = q->Int(3);
  r.shipments = q->Int(4);
  r.findings = q->Int(5);
  r.findings_digest = TextOrNull(q.value(), 6).value_or("");
  return std::optional<AuditRunSummary>(std::move(r));
}

// Prepared per call, like ForEachAuditRecord: fn may run other statements meanwhile.
Status SqliteBackend::ForEachAuditFinding(int64_t run_id,
                                          const std::function<void(const StoredFinding&)>& fn) {
  auto q = db_.Prepare(
      "SELECT seq, kind, severity, part_number, shipment_id, license, line, declared, computed, "
      "reasons, facts_digest FROM audit_findings WHERE run_id = ?1 ORDER BY seq");
  if (!q.ok()) return q.status();
  q->Bind(1, run_id);
  Status st;
  StoredFinding f;
  while (q->Step(st)) {
    const sql::Stmt& row = q.value();
    f.seq = row.Int(0);
    f.kind = row.Text(1);
    f.severity = row.Text(2);
    f.part = TextOrNull(row, 3);
    f.shipment = TextOrNull(row, 4);
    f.license = TextOrNull(row, 5);
    f.line = row.IsNull(6) ? std::nullopt : std::optional<int64_t>(row.Int(6));
    f.declared = TextOrNull(row, 7);
    f.computed = TextOrNull(row, 8);
    f.reasons_json = row.Text(9);
    f.facts_digest = TextOrNull(row, 10);
    fn(f);
  }
  return st;
}

}  // namespace chipgate
