// audit_runs and audit_findings: the stored result of each `chipgate audit`, written in the same
// transaction as the run's audit-log records and after the same schema check.
#include "store/store_impl.h"

namespace chipgate {

Result<int64_t> Store::RecordAuditRun(const RunRow& run, const std::vector<FindingRow>& findings,
                                      const std::vector<AuditEntry>& entries) {
  int64_t run_id = 0;
  sql::Db& db = impl_->db;
  Status s = sql::InTransaction(db, [&]() -> Status {
    if (Status c = CheckAuditSchema(*impl_); !c.ok()) return c;
    auto ins = db.Prepare(
        "INSERT INTO audit_runs (started, actor, date, compare_date, pack_digest, parts, "
        "shipments, findings) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!ins.ok()) return ins.status();
    ins->Bind(1, run.started)
        .Bind(2, run.actor)
        .Bind(3, run.date)
        .BindTextOrNull(4, run.compare_date);
    ins->Bind(5, run.pack_digest)
        .Bind(6, run.parts)
        .Bind(7, run.shipments)
        .Bind(8, static_cast<int64_t>(findings.size()));
    if (Status r = ins->Run(); !r.ok()) return r;
    if (sqlite3_changes(db.raw()) != 1) return Status::Error("the audit run was not written");
    run_id = sqlite3_last_insert_rowid(db.raw());
    auto f = db.Prepare(
        "INSERT INTO audit_findings (run_id, seq, kind, severity, part_number, shipment_id, line, "
        "declared, computed, "
        "reasons) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!f.ok()) return f.status();
    int64_t seq = 0;
    for (const FindingRow& row : findings) {
      f->Bind(1, run_id)
          .Bind(2, ++seq)
          .Bind(3, row.kind)
          .Bind(4, row.severity)
          .BindTextOrNull(5, row.part);
      f->BindTextOrNull(6, row.shipment);
      row.line > 0 ? f->Bind(7, int64_t{row.line}) : f->BindNull(7);
      f->BindTextOrNull(8, row.declared).BindTextOrNull(9, row.computed).Bind(10, row.reasons_json);
      if (Status r = f->Run(); !r.ok()) return r;
      f->Reset();
    }
    // Read back: the run and exactly its findings.
    auto check = db.Prepare(
        "SELECT (SELECT count(*) FROM audit_runs WHERE id = ?1 AND findings = ?2), "
        "(SELECT count(*) FROM audit_findings WHERE run_id = ?1)");
    if (!check.ok()) return check.status();
    check->Bind(1, run_id).Bind(2, static_cast<int64_t>(findings.size()));
    Status st;
    if (!check->Step(st) || check->Int(0) != 1 ||
        check->Int(1) != static_cast<int64_t>(findings.size())) {
      return st.ok() ? Status::Error("reading back the audit run did not give what was written")
                     : st;
    }
    Store::AppendResult written;
    return AppendAuditInTransaction(*impl_, entries, written);
  });
  if (!s.ok())
    return Status::Error("cannot store the audit run in `" + impl_->path + "`: " + s.message());
  return run_id;
}

}  // namespace chipgate
