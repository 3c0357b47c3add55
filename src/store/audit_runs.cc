// audit_runs and audit_findings: the stored result of each `chipgate audit`, written in the same
// transaction as the run's audit-log records and after the same schema check, then read back.
// The same for every backend; the rows are written through AuditRunBackend.
#include "store/store_impl.h"

namespace chipgate {

Result<int64_t> Store::RecordAuditRun(const RunRow& run, const std::vector<FindingRow>& findings,
                                      const std::vector<AuditEntry>& entries) {
  // The run, its findings and its log records commit together or not at all: a report says
  // "recorded" only when all three are.
  int64_t run_id = 0;
  StoreBackend& backend = *impl_->backend;
  const auto count = static_cast<int64_t>(findings.size());
  Status s = backend.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(backend); !c.ok()) return c;
    auto id = backend.InsertAuditRun(run, count);
    if (!id.ok()) return id.status();
    run_id = id.value();
    int64_t seq = 0;
    for (const FindingRow& row : findings) {
      if (Status r = backend.InsertAuditFinding(run_id, ++seq, row); !r.ok()) return r;
    }
    // Read back: the run and exactly its findings.
    auto back = backend.CountAuditRun(run_id, count);
    if (!back.ok()) return back.status();
    if (back->runs != 1 || back->findings != count)
      return Status::Error("reading back the audit run did not give what was written");
    Store::AppendResult written;
    return AppendAuditInTransaction(backend, *impl_->clock, entries, written);
  });
  if (!s.ok())
    return Status::Error("cannot store the audit run in `" + impl_->path + "`: " + s.message());
  return run_id;
}

}  // namespace chipgate
