// audit_runs and audit_findings: the stored result of each `chipgate audit`, written in the same
// transaction as the run's one audit-log record and after the same schema check, then read back.
// The same for every backend; the rows are written through AuditRunBackend.
#include "chipgate/audit_entry.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// The finding as the backend stores it (empty text NULL, line NULL unless > 0), which is what
// `log verify` reads back and digests.
StoredFinding AsStored(int64_t seq, const Store::FindingRow& row) {
  auto text = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  StoredFinding f;
  f.seq = seq;
  f.kind = row.kind;
  f.severity = row.severity;
  f.part = text(row.part);
  f.shipment = text(row.shipment);
  f.license = text(row.license);
  f.line = row.line > 0 ? std::optional<int64_t>(row.line) : std::nullopt;
  f.declared = text(row.declared);
  f.computed = text(row.computed);
  f.reasons_json = row.reasons_json;
  f.facts_digest = row.facts_digest;
  return f;
}

}  // namespace

Result<std::string> Store::DatabaseId() const {
  StoreBackend& backend = *impl_->backend;
  return backend.ReadDatabaseId();
}

Result<Store::RecordedRun> Store::RecordAuditRun(const RunRow& run,
                                                 const std::vector<FindingRow>& findings,
                                                 Store* log_elsewhere) {
  for (const FindingRow& row : findings) {
    if (!IsSha256Digest(row.facts_digest))
      return Status::Error("a finding must name the facts it was made from (facts_digest)");
  }
  // The same database under another path (`./inv.db`, a link) is this log: appending to it from
  // inside this transaction would wait for this transaction's own lock.
  if (log_elsewhere) {
    auto here = DatabaseId(), there = log_elsewhere->DatabaseId();
    if (!here.ok()) return here.status();
    if (!there.ok()) return there.status();
    if (here.value() == there.value()) log_elsewhere = nullptr;
  }
  // The run, its findings and its log record commit together or not at all: a report says
  // "recorded" only when all three are.
  RecordedRun out;
  StoreBackend& backend = *impl_->backend;
  const auto count = static_cast<int64_t>(findings.size());
  FindingsDigest digest;
  int64_t seq = 0;
  for (const FindingRow& row : findings) digest.Add(AsStored(++seq, row));
  AuditRunSummary& summary = out.run;
  summary.findings_digest = digest.Finish();
  summary.findings = count;
  summary.started = run.started;
  summary.date = run.date;
  if (!run.compare_date.empty()) summary.compare_date = run.compare_date;
  summary.parts = run.parts;
  summary.shipments = run.shipments;
  Status s = backend.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(backend); !c.ok()) return c;
    auto db_id = backend.ReadDatabaseId();
    if (!db_id.ok()) return db_id.status();
    summary.database = db_id.value();
    auto id = backend.InsertAuditRun(run, count, summary.findings_digest);
    if (!id.ok()) return id.status();
    out.run_id = summary.id = id.value();
    int64_t n = 0;
    for (const FindingRow& row : findings) {
      if (Status r = backend.InsertAuditFinding(out.run_id, ++n, row); !r.ok()) return r;
    }
    // Read back: the run, exactly its findings, and the rows giving the digest the record states.
    auto back = backend.CountAuditRun(out.run_id, count);
    if (!back.ok()) return back.status();
    if (back->runs != 1 || back->findings != count)
      return Status::Error("reading back the audit run did not give what was written");
    FindingsDigest reread;
    if (Status r =
            backend.ForEachAuditFinding(out.run_id, [&](const StoredFinding& f) { reread.Add(f); });
        !r.ok()) {
      return r;
    }
    if (reread.Finish() != summary.findings_digest)
      return Status::Error("reading back the audit findings did not give what was written");
    std::vector<AuditEntry> entries{MakeAuditRunEntry(run.actor, run.pack_digest, summary)};
    if (log_elsewhere) {
      auto appended = log_elsewhere->AppendAudit(entries);
      if (!appended.ok()) return appended.status();
      out.record = appended.value();
      return Status::Ok();
    }
    return AppendAuditInTransaction(backend, *impl_->clock, entries, out.record);
  });
  if (!s.ok())
    return Status::Error("cannot store the audit run in `" + impl_->path + "`: " + s.message());
  return out;
}

}  // namespace chipgate
