// PgBackend's audit tables: comparing the audit tables' triggers with the ones the migrations
// create, reading the head, writing and streaming records byte for byte, and audit runs with
// their findings.
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

#define CHIPGATE_PG_RECORD_COLUMNS                                                            \
  "seq, ts, actor, command, subject, input_digest, decision, classes, reasons, pack_digest, " \
  "prev_hash, hash, format, facts_digest, run"

void ReadStored(const pg::Rows& rows, int r, StoredAuditRecord& out) {
  out.seq = rows.Int(r, 0);
  out.ts = rows.Text(r, 1);
  out.actor = rows.Text(r, 2);
  out.command = rows.Text(r, 3);
  out.subject = rows.Text(r, 4);
  out.input_digest = rows.Text(r, 5);
  out.decision = rows.Text(r, 6);
  out.classes_json = rows.Text(r, 7);
  out.reasons_json = rows.Text(r, 8);
  out.pack_digest = rows.Text(r, 9);
  out.prev_hash = rows.Text(r, 10);
  out.hash = rows.Text(r, 11);
  out.format = static_cast<int>(rows.Int(r, 12));
  out.facts_digest = rows.TextOrNull(r, 13);
  out.run_json = rows.TextOrNull(r, 14);
}

// What can change what a write to the audit tables does (SchemaDifference), as migration 12
// creates it. The audit tables themselves: kind (an ordinary table, not a view), row security,
// columns (type, NOT NULL, default, identity), constraints and indexes, each as the signature
// query below writes it; tests/store/pg_store_test.cc checks these texts against a freshly
// migrated schema. Anywhere in the schema: exactly the three append-only triggers calling
// audit_log_append_only() with the body below, no rule (which can turn an INSERT into nothing)
// and no row-security policy; in the database: no event trigger.
struct TableSignature {
  const char* table;
  const char* signature;
};
constexpr TableSignature kAuditTables[] = {
    {"audit_findings",
     "r rls=f | run_id bigint not null, seq bigint not null, kind text not null, severity text not "
     "null, part_number text, shipment_id text, line bigint, declared text, computed text, "
     "reasons text not null, license text, facts_digest text | audit_findings_pkey PRIMARY KEY "
     "(run_id, seq); audit_findings_run_id_fkey FOREIGN KEY (run_id) REFERENCES audit_runs(id) "
     "ON DELETE CASCADE; audit_findings_seq_check CHECK ((seq > 0)); "
     "audit_findings_severity_check CHECK ((severity = ANY (ARRAY['high'::text, 'medium'::text, "
     "'low'::text]))) | audit_findings_kind unique=f keys=3; audit_findings_pkey unique=t "
     "keys=1 2"},
    {"audit_log",
     "r rls=f | seq bigint not null, ts text not null, actor text not null, command text not "
     "null, subject text not null, input_digest text not null, decision text not null, classes "
     "text not null, reasons text not null, pack_digest text not null, prev_hash text not null, "
     "hash text not null, format bigint not null default 1, facts_digest text, run text | "
     "audit_log_format_check CHECK ((format = ANY (ARRAY[(1)::bigint, (2)::bigint]))); "
     "audit_log_pkey PRIMARY KEY (seq) | audit_log_pkey unique=t keys=1"},
    {"audit_runs",
     "r rls=f | id bigint not null identity=d, started text not null, actor text not null, date "
     "text not null, compare_date text, pack_digest text not null, parts bigint not null, "
     "shipments bigint not null, findings bigint not null, findings_digest text | "
     "audit_runs_findings_check CHECK ((findings >= 0)); audit_runs_parts_check CHECK ((parts "
     ">= 0)); audit_runs_pkey PRIMARY KEY (id); audit_runs_shipments_check CHECK ((shipments >= "
     "0)) | audit_runs_pkey unique=t keys=1"},
};
struct GuardObject {
  const char* name;
  const char* table;
};
constexpr GuardObject kExpectedTriggers[] = {
    {"audit_log_no_delete", "audit_log"},
    {"audit_log_no_truncate", "audit_log"},
    {"audit_log_no_update", "audit_log"},
};
constexpr const char* kAppendOnlyBody =
    "\nBEGIN\n  RAISE EXCEPTION 'audit_log is append-only';\nEND;\n";

}  // namespace

// One statement per kind of object; the signature's text is built by the server so that what is
// compared is what the catalog holds.
Result<std::vector<SchemaDifference>> PgBackend::AuditSchemaDifferences() {
  std::vector<SchemaDifference> out;
  auto tables = conn_.Exec(
      "SELECT c.relname, c.relkind::text || ' rls=' || CASE WHEN c.relrowsecurity THEN 't' ELSE "
      "'f' END "
      "|| ' | ' || coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, "
      "a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || coalesce(' default "
      "' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attidentity <> '' THEN "
      "' identity=' || a.attidentity::text ELSE '' END, ', ' ORDER BY a.attnum) FROM pg_attribute "
      "a "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid "
      "= c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ' | ' || coalesce((SELECT "
      "string_agg(k.conname || ' ' || pg_get_constraintdef(k.oid), '; ' ORDER BY k.conname) FROM "
      "pg_constraint k WHERE k.conrelid = c.oid), '') || ' | ' || coalesce((SELECT "
      "string_agg(x.relname || ' unique=' || CASE WHEN i.indisunique THEN 't' ELSE 'f' END || "
      "' keys=' || i.indkey::text || coalesce(' where ' || pg_get_expr(i.indpred, i.indrelid), "
      "'') || coalesce(' expressions ' || pg_get_expr(i.indexprs, i.indrelid), ''), '; ' ORDER "
      "BY x.relname) FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE i.indrelid = "
      "c.oid), '') FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND "
      "c.relname IN ('audit_log', 'audit_runs', 'audit_findings') ORDER BY c.relname");
  if (!tables.ok()) return tables.status();
  for (const TableSignature& t : kAuditTables) {
    bool found = false;
    for (int i = 0; i < tables->size(); ++i) {
      if (tables->TextView(i, 0) != t.table) continue;
      found = true;
      if (tables->TextView(i, 1) != t.signature)
        out.push_back({SchemaDifference::Kind::kChanged, "table", t.table, t.table});
    }
    if (!found) out.push_back({SchemaDifference::Kind::kMissing, "table", t.table, t.table});
  }
  // Triggers on any table of the schema (one on the inventory can write to the audit tables),
  // rules and policies anywhere in it, and event triggers in the database.
  auto rows = conn_.Exec(
      "SELECT 'trigger', t.tgname, c.relname, p.proname FROM pg_trigger t "
      "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
      "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace "
      "UNION ALL SELECT 'rule', r.rulename, c.relname, '' FROM pg_rewrite r "
      "JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN' "
      "AND c.relnamespace = current_schema()::regnamespace "
      "UNION ALL SELECT 'policy', pol.polname, c.relname, '' FROM pg_policy pol "
      "JOIN pg_class c ON c.oid = pol.polrelid "
      "WHERE c.relnamespace = current_schema()::regnamespace "
      "UNION ALL SELECT 'event trigger', e.evtname, '', '' FROM pg_event_trigger e ORDER BY 1, 2");
  if (!rows.ok()) return rows.status();
  std::vector<bool> seen(std::size(kExpectedTriggers), false);
  for (int i = 0; i < rows->size(); ++i) {
    std::string type = rows->Text(i, 0), name = rows->Text(i, 1), table = rows->Text(i, 2);
    bool expected = false;
    for (size_t k = 0; k < std::size(kExpectedTriggers); ++k) {
      if (type == "trigger" && name == kExpectedTriggers[k].name &&
          table == kExpectedTriggers[k].table) {
        expected = true;
        seen[k] = true;
        if (rows->TextView(i, 3) != "audit_log_append_only")
          out.push_back({SchemaDifference::Kind::kChanged, type, name, table});
      }
    }
    if (!expected) out.push_back({SchemaDifference::Kind::kForeign, type, name, table});
  }
  for (size_t k = 0; k < std::size(kExpectedTriggers); ++k) {
    if (!seen[k]) {
      out.push_back({SchemaDifference::Kind::kMissing, "trigger", kExpectedTriggers[k].name,
                     kExpectedTriggers[k].table});
    }
  }
  auto body = conn_.Exec(
      "SELECT prosrc FROM pg_proc WHERE proname = 'audit_log_append_only' "
      "AND pronamespace = current_schema()::regnamespace");
  if (!body.ok()) return body.status();
  if (body->size() != 1) {
    out.push_back({SchemaDifference::Kind::kMissing, "function", "audit_log_append_only", ""});
  } else if (body->TextView(0, 0) != kAppendOnlyBody) {
    out.push_back({SchemaDifference::Kind::kChanged, "function", "audit_log_append_only", ""});
  }
  return out;
}

// Inside the append's write transaction, after its lock: no other writer moves the head.
Result<std::optional<AuditHead>> PgBackend::ReadAuditHead() {
  auto rows = conn_.Exec("SELECT seq, hash, ts FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return std::optional<AuditHead>();
  return std::optional<AuditHead>(AuditHead{rows->Int(0, 0), rows->Text(0, 1), rows->Text(0, 2)});
}

Status PgBackend::InsertAuditRecord(const StoredAuditRecord& r) {
  pg::Params p;
  p.Int(r.seq).Text(r.ts).Text(r.actor).Text(r.command).Text(r.subject).Text(r.input_digest);
  p.Text(r.decision).Text(r.classes_json).Text(r.reasons_json).Text(r.pack_digest);
  p.Text(r.prev_hash).Text(r.hash).Int(r.format);
  r.facts_digest ? p.Text(*r.facts_digest) : p.Null();
  r.run_json ? p.Text(*r.run_json) : p.Null();
  auto rows = conn_.Exec("INSERT INTO audit_log (" CHIPGATE_PG_RECORD_COLUMNS
                         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                         "$14, $15)",
                         p);
  if (!rows.ok()) return rows.status();
  // A trigger returning NULL or a rule makes an insert succeed without writing anything.
  if (rows->affected() != 1)
    return Status::Error("the insert of record " + std::to_string(r.seq) + " wrote nothing");
  return Status::Ok();
}

// One statement for the batch: each column an array parameter, unnest pairing them up row by row.
Status PgBackend::InsertAuditRecords(std::span<const StoredAuditRecord> records) {
  if (records.size() <= 1) return records.empty() ? Status::Ok() : InsertAuditRecord(records[0]);
  pg::ArrayText col[15];
  for (const StoredAuditRecord& r : records) {
    col[0].Add(r.seq);
    col[1].Add(r.ts);
    col[2].Add(r.actor);
    col[3].Add(r.command);
    col[4].Add(r.subject);
    col[5].Add(r.input_digest);
    col[6].Add(r.decision);
    col[7].Add(r.classes_json);
    col[8].Add(r.reasons_json);
    col[9].Add(r.pack_digest);
    col[10].Add(r.prev_hash);
    col[11].Add(r.hash);
    col[12].Add(static_cast<int64_t>(r.format));
    col[13].AddOrNull(r.facts_digest);
    col[14].AddOrNull(r.run_json);
  }
  pg::Params p;
  for (const pg::ArrayText& c : col) p.Text(c.Text());
  auto rows = conn_.Exec("INSERT INTO audit_log (" CHIPGATE_PG_RECORD_COLUMNS
                         ") SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], "
                         "$4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], "
                         "$10::text[], $11::text[], $12::text[], $13::bigint[], $14::text[], "
                         "$15::text[])",
                         p);
  if (!rows.ok()) return rows.status();
  // A trigger returning NULL or a rule makes an insert succeed without writing (all of) it.
  if (rows->affected() != static_cast<int64_t>(records.size())) {
    return Status::Error("the insert of records " + std::to_string(records.front().seq) + " to " +
                         std::to_string(records.back().seq) + " wrote " +
                         std::to_string(rows->affected()) + " of them");
  }
  return Status::Ok();
}

Status PgBackend::ForEachAuditRecord(int64_t from_seq,
                                     const std::function<bool(const StoredAuditRecord&)>& fn) {
  static const Cursor kAll = CHIPGATE_PG_CURSOR(
      "chipgate_records", "SELECT " CHIPGATE_PG_RECORD_COLUMNS " FROM audit_log ORDER BY seq");
  static const Cursor kFrom =
      CHIPGATE_PG_CURSOR("chipgate_records_from", "SELECT " CHIPGATE_PG_RECORD_COLUMNS
                                                  " FROM audit_log WHERE seq >= $1 ORDER BY seq");
  StoredAuditRecord rec;
  auto each = [&](const pg::Rows& rows, int r) {
    ReadStored(rows, r, rec);
    return fn(rec);
  };
  if (from_seq == kAllAuditRecords) return Stream(kAll, {}, each);
  return Stream(kFrom, pg::Params().Int(from_seq), each);
}

Result<int64_t> PgBackend::InsertAuditRun(const Store::RunRow& run, int64_t findings,
                                          const std::string& findings_digest) {
  pg::Params p;
  p.Text(run.started).Text(run.actor).Text(run.date).TextOrNull(run.compare_date);
  p.Text(run.pack_digest).Int(run.parts).Int(run.shipments).Int(findings).Text(findings_digest);
  auto rows = conn_.Exec(
      "INSERT INTO audit_runs (started, actor, date, compare_date, pack_digest, parts, "
      "shipments, findings, findings_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      p);
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1) return Status::Error("the audit run was not written");
  return rows->Int(0, 0);
}

Status PgBackend::InsertAuditFinding(int64_t run_id, int64_t seq, const Store::FindingRow& row) {
  pg::Params p;
  p.Int(run_id).Int(seq).Text(row.kind).Text(row.severity).TextOrNull(row.part);
  p.TextOrNull(row.shipment);
  row.line > 0 ? p.Int(row.line) : p.Null();
  p.TextOrNull(row.declared).TextOrNull(row.computed).Text(row.reasons_json);
  p.TextOrNull(row.license).Text(row.facts_digest);
  auto r = conn_.Exec(
      "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, shipment_id, line, "
      "declared, computed, reasons, license, facts_digest) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      p);
  return r.ok() ? Status::Ok() : r.status();
}

Result<AuditRunBackend::RunCounts> PgBackend::CountAuditRun(int64_t run_id, int64_t findings) {
  auto rows = conn_.Exec(
      "SELECT (SELECT count(*) FROM audit_runs WHERE id = $1 AND findings = $2), "
      "(SELECT count(*) FROM audit_findings WHERE run_id = $1)",
      pg::Params().Int(run_id).Int(findings));
  if (!rows.ok()) return rows.status();
  return RunCounts{rows->Int(0, 0), rows->Int(0, 1)};
}

Result<std::string> PgBackend::ReadDatabaseId() {
  auto rows = conn_.Exec("SELECT id FROM database_id");
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return Status::Error("the database has no id (database_id)");
  if (rows->size() > 1) return Status::Error("the database has more than one id (database_id)");
  return rows->Text(0, 0);
}

Result<std::optional<AuditRunSummary>> PgBackend::ReadAuditRun(int64_t run_id) {
  auto rows = conn_.Exec(
      "SELECT started, date, compare_date, parts, shipments, findings, findings_digest "
      "FROM audit_runs WHERE id = $1",
      pg::Params().Int(run_id));
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return std::optional<AuditRunSummary>();
  AuditRunSummary r;
  r.id = run_id;
  r.started = rows->Text(0, 0);
  r.date = rows->Text(0, 1);
  r.compare_date = rows->TextOrNull(0, 2);
  r.parts = rows->Int(0, 3);
  r.shipments = rows->Int(0, 4);
  r.findings = rows->Int(0, 5);
  r.findings_digest = rows->TextOrNull(0, 6).value_or("");
  return std::optional<AuditRunSummary>(std::move(r));
}

Status PgBackend::ForEachAuditFinding(int64_t run_id,
                                      const std::function<void(const StoredFinding&)>& fn) {
  static const Cursor kFindings = CHIPGATE_PG_CURSOR(
      "chipgate_findings",
      "SELECT seq, kind, severity, part_number, shipment_id, license, line, declared, computed, "
      "reasons, facts_digest FROM audit_findings WHERE run_id = $1 ORDER BY seq");
  StoredFinding f;
  return Stream(kFindings, pg::Params().Int(run_id), [&](const pg::Rows& rows, int r) {
    f.seq = rows.Int(r, 0);
    f.kind = rows.Text(r, 1);
    f.severity = rows.Text(r, 2);
    f.part = rows.TextOrNull(r, 3);
    f.shipment = rows.TextOrNull(r, 4);
    f.license = rows.TextOrNull(r, 5);
    f.line = rows.IsNull(r, 6) ? std::nullopt : std::optional<int64_t>(rows.Int(r, 6));
    f.declared = rows.TextOrNull(r, 7);
    f.computed = rows.TextOrNull(r, 8);
    f.reasons_json = rows.Text(r, 9);
    f.facts_digest = rows.TextOrNull(r, 10);
    fn(f);
    return true;
  });
}

#undef CHIPGATE_PG_RECORD_COLUMNS

}  // namespace chipgate
