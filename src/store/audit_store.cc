// The audit log table: append in one immediate transaction after the current head (checking the
// schema first and reading the records back before committing), verify by recomputing the chain
// from the stored bytes, export as JSON lines. Classes and reasons are stored in their canonical
// JSON form and hashed exactly as stored.
#include <map>

#include "audit/canonical_json.h"
#include "store/migrations.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

constexpr const char* kAuditTables[] = {"audit_log", "audit_runs", "audit_findings"};

// Objects that can change what a write to the audit tables does (SchemaDifference).
bool Guarded(const SchemaObject& o) {
  if (o.type == "trigger" || o.type == "view") return true;
  for (const char* t : kAuditTables) {
    if (o.table == t || o.name == t) return true;
  }
  return false;
}

Result<std::vector<SchemaDifference>> AuditSchemaDifferences(sql::Db& db) {
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

bool IsDigest(const std::optional<std::string>& d) {
  if (!d || d->size() != 7 + 64 || d->compare(0, 7, "sha256:") != 0) return false;
  return std::all_of(d->begin() + 7, d->end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

constexpr char kSelectAll[] =
    "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
    "pack_digest, prev_hash, hash, "
    "format, facts_digest FROM audit_log ORDER BY seq";
constexpr char kSelectFrom[] =
    "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
    "pack_digest, prev_hash, hash, "
    "format, facts_digest FROM audit_log WHERE seq >= ?1 ORDER BY seq";

// The current row of kSelectAll / kSelectFrom, byte for byte.
void ReadStored(const sql::Stmt& st, StoredAuditRecord& r) {
  r.seq = st.Int(0);
  r.ts = st.Text(1);
  r.actor = st.Text(2);
  r.command = st.Text(3);
  r.subject = st.Text(4);
  r.input_digest = st.Text(5);
  r.decision = st.Text(6);
  r.classes_json = st.Text(7);
  r.reasons_json = st.Text(8);
  r.pack_digest = st.Text(9);
  r.prev_hash = st.Text(10);
  r.hash = st.Text(11);
  r.format = static_cast<int>(st.Int(12));
  r.facts_digest = st.IsNull(13) ? std::nullopt : std::optional<std::string>(st.Text(13));
}

// The record `entry` becomes at `seq` (hash left empty).
StoredAuditRecord ToStored(int64_t seq, const std::string& ts, const AuditEntry& e,
                           const std::string& prev) {
  return {kAuditFormat,
          seq,
          ts,
          e.actor,
          e.command,
          e.subject,
          e.input_digest,
          e.decision,
          CanonicalClassesJson(e.classes),
          CanonicalReasonsJson(e.reasons),
          e.pack_digest,
          e.facts_digest,
          prev,
          ""};
}

// Why the stored record is not in a form `log verify` accepts, or "" (format, facts digest and
// the canonical form of the JSON columns; `previous_format` is the format of the record before).
std::string FormProblem(const StoredAuditRecord& r, int previous_format) {
  if (r.format != kAuditFormatV1 && r.format != kAuditFormat)
    return "unknown record format " + std::to_string(r.format);
  if (r.format < previous_format) {
    return "record format " + std::to_string(r.format) + " after a format " +
           std::to_string(previous_format) + " record (formats never go back)";
  }
  if (r.format == kAuditFormatV1 && r.facts_digest) return "a format 1 record with a facts_digest";
  if (r.format == kAuditFormat && !IsDigest(r.facts_digest))
    return "facts_digest is not `sha256:` and 64 hex characters";
  if (!IsCanonicalClassesJson(r.classes_json))
    return "stored classes are not in canonical form (docs/audit-log.md)";
  if (!IsCanonicalReasonsJson(r.reasons_json))
    return "stored reasons are not in canonical form (docs/audit-log.md)";
  return "";
}

}  // namespace

std::string DescribeSchemaDifference(const SchemaDifference& d) {
  std::string what = d.type + " `" + d.name + "`" +
                     (d.table.empty() || d.table == d.name ? "" : " on `" + d.table + "`");
  switch (d.kind) {
    case SchemaDifference::Kind::kForeign:
      return "foreign " + what + ": not created by chipgate";
    case SchemaDifference::Kind::kMissing:
      return "missing " + what;
    case SchemaDifference::Kind::kChanged:
      return "changed " + what + ": its definition is not the one chipgate creates";
  }
  return what;
}

Status CheckAuditSchema(Store::Impl& impl) {
  auto diffs = AuditSchemaDifferences(impl.db);
  if (!diffs.ok()) return diffs.status();
  if (diffs->empty()) return Status::Ok();
  std::string list;
  for (const auto& d : diffs.value())
    list += (list.empty() ? "" : "; ") + DescribeSchemaDifference(d);
  return Status::Error("the audit tables' schema is not chipgate's (" + list +
                       "); nothing was recorded");
}

Status AppendAuditInTransaction(Store::Impl& impl, const std::vector<AuditEntry>& entries,
                                Store::AppendResult& written) {
  sql::Db& db = impl.db;
  for (const AuditEntry& e : entries) {
    if (!IsDigest(e.facts_digest))
      return Status::Error("a record must name the facts it was decided from (facts_digest)");
  }
  auto head = db.Prepare("SELECT seq, hash, ts FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!head.ok()) return head.status();
  Status st;
  int64_t seq = 0;
  std::string prev = kGenesisHash, ts = FormatAuditTimestamp(impl.clock->Now());
  if (!IsAuditTimestamp(ts))
    return Status::Error("the clock gives `" + ts + "`, not a time the audit log can hold");
  if (head->Step(st)) {
    seq = head->Int(0);
    prev = head->Text(1);
    // Times never go backwards in the log: a clock set back takes the previous record's time.
    if (std::string last = head->Text(2); IsAuditTimestamp(last) && last > ts) ts = last;
  }
  if (!st.ok()) return st;
  written = Store::AppendResult{};
  written.prev_hash = prev;
  auto insert = db.Prepare(
      "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, classes, "
      "reasons, "
      "pack_digest, prev_hash, hash, format, facts_digest) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!insert.ok()) return insert.status();
  std::vector<std::string> hashes;
  hashes.reserve(entries.size());
  for (const AuditEntry& e : entries) {
    StoredAuditRecord r = ToStored(++seq, ts, e, prev);
    r.hash = AuditRecordHash(r);
    insert->Bind(1, r.seq).Bind(2, r.ts).Bind(3, r.actor).Bind(4, r.command).Bind(5, r.subject);
    insert->Bind(6, r.input_digest)
        .Bind(7, r.decision)
        .Bind(8, r.classes_json)
        .Bind(9, r.reasons_json);
    insert->Bind(10, r.pack_digest)
        .Bind(11, r.prev_hash)
        .Bind(12, r.hash)
        .Bind(13, int64_t{r.format});
    insert->Bind(14, *r.facts_digest);
    if (Status res = insert->Run(); !res.ok()) return res;
    insert->Reset();
    if (sqlite3_changes(db.raw()) != 1)
      return Status::Error("the insert of record " + std::to_string(seq) + " wrote nothing");
    prev = r.hash;
    hashes.push_back(std::move(r.hash));
    if (written.first_seq == 0) written.first_seq = seq;
    written.last_seq = seq;
  }
  written.head = prev;
  if (entries.empty()) return Status::Ok();
  // Read back everything from the first new record on: exactly our records, byte for byte, and
  // nothing after them. Whatever slipped past the schema check cannot make a lost or altered
  // record look written.
  auto back = db.Prepare(kSelectFrom);
  if (!back.ok()) return back.status();
  back->Bind(1, written.first_seq);
  StoredAuditRecord got;
  std::string chain = written.prev_hash;
  size_t i = 0;
  while (back->Step(st)) {
    ReadStored(back.value(), got);
    if (i >= entries.size())
      return Status::Error("reading back found record " + std::to_string(got.seq) +
                           ", which was not written");
    StoredAuditRecord want =
        ToStored(written.first_seq + static_cast<int64_t>(i), ts, entries[i], chain);
    want.hash = hashes[i];
    if (!(got == want)) {
      return Status::Error("reading back record " + std::to_string(want.seq) +
                           " did not give what was written");
    }
    chain = hashes[i++];
  }
  if (!st.ok()) return st;
  if (i != entries.size()) {
    return Status::Error("reading back found " + std::to_string(i) + " of the " +
                         std::to_string(entries.size()) + " records written");
  }
  return Status::Ok();
}

Result<Store::AppendResult> Store::AppendAudit(const std::vector<AuditEntry>& entries) {
  AppendResult written;
  Status s = sql::InTransaction(impl_->db, [&]() -> Status {
    if (Status c = CheckAuditSchema(*impl_); !c.ok()) return c;
    return AppendAuditInTransaction(*impl_, entries, written);
  });
  if (!s.ok())
    return Status::Error("cannot write the audit log in `" + impl_->path + "`: " + s.message());
  return written;
}

Result<AuditVerifyResult> Store::VerifyAudit(const std::vector<AuditAnchor>& anchors) const {
  AuditVerifyResult out;
  std::multimap<int64_t, const AuditAnchor*> at;  // anchors by the seq they name (0 = the last)
  for (const auto& a : anchors) at.emplace(a.seq, &a);
  sql::Db& db = impl_->db;
  if (Status b = db.Exec("BEGIN"); !b.ok())
    return b;  // one snapshot for the schema and the records
  auto done = [&](Status s) -> Status {
    db.Exec("COMMIT");
    return s;
  };
  auto schema = AuditSchemaDifferences(db);
  if (!schema.ok()) return done(schema.status());
  out.schema = std::move(schema.value());
  auto stmt = db.Prepare(kSelectAll);
  if (!stmt.ok()) return done(stmt.status());
  std::string prev = kGenesisHash, prev_ts;
  int previous_format = kAuditFormatV1;
  int64_t expected_seq = 1;
  Status s;
  StoredAuditRecord rec;
  bool broken = false;
  auto fail = [&](AuditProblem kind, int64_t seq, std::string why) {
    broken = true;
    out.kind = kind;
    out.first_bad_seq = seq;
    out.problem = std::move(why);
  };
  while (!broken && stmt->Step(s)) {
    ++out.records;
    ReadStored(stmt.value(), rec);
    std::string form = rec.seq == expected_seq ? FormProblem(rec, previous_format) : "";
    if (rec.seq != expected_seq) {
      fail(AuditProblem::kSequence, rec.seq,
           "sequence number " + std::to_string(rec.seq) + " where " + std::to_string(expected_seq) +
               " was expected (records deleted or inserted)");
    } else if (!form.empty()) {
      fail(AuditProblem::kNotCanonical, rec.seq, form);
    } else if (rec.prev_hash != prev) {
      fail(AuditProblem::kPrevHash, rec.seq,
           "prev_hash does not match the hash of record " + std::to_string(rec.seq - 1) +
               " (records removed, inserted or reordered)");
    } else if (AuditRecordHash(rec) != rec.hash) {
      fail(AuditProblem::kHash, rec.seq,
           "hash does not match the record's contents (the record was edited)");
    } else if (!IsAuditTimestamp(rec.ts)) {
      fail(AuditProblem::kTimestamp, rec.seq,
           "timestamp `" + rec.ts + "` is not a UTC RFC 3339 time as chipgate writes it");
    } else if (rec.ts < prev_ts) {
      fail(AuditProblem::kTimestamp, rec.seq,
           "timestamp " + rec.ts + " is earlier than record " + std::to_string(rec.seq - 1) +
               "'s (" + prev_ts + ")");
    }
    for (auto [it, end] = at.equal_range(rec.seq); !broken && it != end; ++it) {
      if (it->second->hash != rec.hash) {
        fail(AuditProblem::kAnchor, rec.seq,
             "record " + std::to_string(rec.seq) + " has hash " + rec.hash + ", not " +
                 it->second->hash + " as " + it->second->source + " says (the log was rewritten)");
      }
    }
    prev = rec.hash;
    prev_ts = rec.ts;
    previous_format = rec.format;
    ++expected_seq;
  }
  if (!s.ok()) return done(s);
  if (!broken) {
    out.head = out.records > 0 ? prev : "";
    for (const auto& [seq, a] : at) {
      if (broken) break;
      if (seq == 0 && a->hash != out.head) {
        fail(AuditProblem::kAnchor, out.records,
             "the log ends at " + (out.head.empty() ? std::string("(empty)") : out.head) +
                 ", not at the expected head " + a->hash + " from " + a->source +
                 " (records cut from the end, or added)");
      } else if (seq > out.records) {
        fail(AuditProblem::kAnchor, out.records,
             "the log ends at record " + std::to_string(out.records) + ", before record " +
                 std::to_string(seq) + " named by " + a->source + " (records cut from the end)");
      }
    }
  }
  out.ok = !broken && out.schema.empty();
  if (broken) out.head.clear();
  db.Exec("COMMIT");
  return out;
}

Status Store::ExportAudit(std::ostream& os) const {
  auto stmt = impl_->db.Prepare(kSelectAll);
  if (!stmt.ok()) return stmt.status();
  Status s;
  StoredAuditRecord rec;
  while (stmt->Step(s)) {
    ReadStored(stmt.value(), rec);
    std::string line = CanonicalAuditJson(rec);
    line.pop_back();  // re-open the object to append the stored hash
    line += ",\"hash\":";
    AppendJsonString(line, rec.hash);
    os << line << "}\n";
  }
  return s;
}

}  // namespace chipgate
