// The audit log table: append in one immediate transaction after the current head, verify by
// recomputing the chain, export as JSON lines. Classes and reasons are stored in their canonical
// JSON form, so verification re-reads exactly what was hashed.
#include <nlohmann/json.hpp>

#include "store/store_impl.h"

namespace chipgate {
namespace {


bool ParseStored(const std::string& classes, const std::string& reasons, AuditEntry& e) {
  auto c = nlohmann::json::parse(classes, nullptr, false);
  auto r = nlohmann::json::parse(reasons, nullptr, false);
  if (c.is_discarded() || r.is_discarded() || !c.is_array() || !r.is_array()) return false;
  for (const auto& v : c) {
    if (!v.is_string()) return false;
    e.classes.push_back(v.get<std::string>());
  }
  for (const auto& v : r) {
    if (!v.is_object()) return false;
    e.reasons.push_back({v.value("rule", ""), v.value("decision", ""), v.value("cite", ""), v.value("message", "")});
  }
  return true;
}

constexpr char kSelectAll[] =
    "SELECT seq, ts, actor, command, subject, input_digest, decision, classes, reasons, pack_digest, prev_hash, hash "
    "FROM audit_log ORDER BY seq";

// Reads the current row of kSelectAll into `rec`; false when the stored JSON is unreadable.
bool ReadRecord(const sql::Stmt& st, AuditRecord& rec) {
  rec = AuditRecord{};
  rec.seq = st.Int(0);
  rec.ts = st.Text(1);
  rec.entry.actor = st.Text(2);
  rec.entry.command = st.Text(3);
  rec.entry.subject = st.Text(4);
  rec.entry.input_digest = st.Text(5);
  rec.entry.decision = st.Text(6);
  rec.entry.pack_digest = st.Text(9);
  rec.prev_hash = st.Text(10);
  rec.hash = st.Text(11);
  return ParseStored(st.Text(7), st.Text(8), rec.entry);
}

}  // namespace

Result<Store::AppendResult> Store::AppendAudit(const std::vector<AuditEntry>& entries) {
  AppendResult written;
  sql::Db& db = impl_->db;
  Status s = sql::InTransaction(db, [&]() -> Status {
    auto head = db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!head.ok()) return head.status();
    Status st;
    int64_t seq = 0;
    std::string prev = kGenesisHash;
    if (head->Step(st)) {
      seq = head->Int(0);
      prev = head->Text(1);
    }
    if (!st.ok()) return st;
    written = AppendResult{};
    written.prev_hash = prev;
    auto insert = db.Prepare(
        "INSERT INTO audit_log (seq, ts, actor, command, subject, input_digest, decision, classes, reasons, "
        "pack_digest, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!insert.ok()) return insert.status();
    std::string ts = AuditTimestamp();
    for (const AuditEntry& e : entries) {
      std::string hash = AuditRecordHash(++seq, ts, e, prev);
      insert->Bind(1, seq).Bind(2, ts).Bind(3, e.actor).Bind(4, e.command).Bind(5, e.subject);
      insert->Bind(6, e.input_digest).Bind(7, e.decision).Bind(8, CanonicalClassesJson(e.classes)).Bind(9, CanonicalReasonsJson(e.reasons));
      insert->Bind(10, e.pack_digest).Bind(11, prev).Bind(12, hash);
      if (Status r = insert->Run(); !r.ok()) return r;
      insert->Reset();
      prev = std::move(hash);
      if (written.first_seq == 0) written.first_seq = seq;
      written.last_seq = seq;
    }
    written.head = prev;
    return Status::Ok();
  });
  if (!s.ok()) return Status::Error("cannot write the audit log in `" + impl_->path + "`: " + s.message());
  return written;
}

Result<AuditVerifyResult> Store::VerifyAudit(const std::string& expect_head) const {
  AuditVerifyResult out;
  auto stmt = impl_->db.Prepare(kSelectAll);
  if (!stmt.ok()) return stmt.status();
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  Status s;
  AuditRecord rec;
  auto fail = [&](int64_t seq, std::string why) {
    out.ok = false;
    out.first_bad_seq = seq;
    out.problem = std::move(why);
  };
  while (out.ok && stmt->Step(s)) {
    ++out.records;
    bool readable = ReadRecord(stmt.value(), rec);
    if (rec.seq != expected_seq) {
      fail(rec.seq, "sequence number " + std::to_string(rec.seq) + " where " + std::to_string(expected_seq) +
                        " was expected (records deleted or inserted)");
    } else if (!readable) {
      fail(rec.seq, "stored classes or reasons are not valid JSON");
    } else if (rec.prev_hash != prev) {
      fail(rec.seq, "prev_hash does not match the hash of record " + std::to_string(rec.seq - 1) +
                        " (records removed, inserted or reordered)");
    } else if (AuditRecordHash(rec) != rec.hash) {
      fail(rec.seq, "hash does not match the record's contents (the record was edited)");
    }
    prev = rec.hash;
    ++expected_seq;
  }
  if (!s.ok()) return s;
  if (out.ok) out.head = out.records > 0 ? prev : "";
  if (out.ok && !expect_head.empty() && out.head != expect_head) {
    fail(out.records, "the log ends at " + (out.head.empty() ? std::string("(empty)") : out.head) + ", not at the expected head " +
                          expect_head + " (records cut from the end, or added)");
  }
  return out;
}

Status Store::ExportAudit(std::ostream& os) const {
  auto stmt = impl_->db.Prepare(kSelectAll);
  if (!stmt.ok()) return stmt.status();
  Status s;
  AuditRecord rec;
  while (stmt->Step(s)) {
    ReadRecord(stmt.value(), rec);
    std::string line = CanonicalAuditJson(rec);
    line.pop_back();  // re-open the object to append the stored hash
    os << line << ",\"hash\":\"" << rec.hash << "\"}\n";
  }
  return s;
}

}  // namespace chipgate
