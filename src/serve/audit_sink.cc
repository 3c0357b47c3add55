// The group-committing audit sink (audit_sink.h).
#include "serve/audit_sink.h"

namespace chipgate::serve {

// Default options: the writer commits whatever is waiting as soon as it is free, so a lone
// request waits for no batch, and requests arriving during a commit share the next one.
Result<std::unique_ptr<GroupCommitAuditSink>> GroupCommitAuditSink::Open(
    const std::string& db_path) {
  auto log = GroupCommitLog::Open(db_path);
  if (!log.ok()) return log.status();
  return std::unique_ptr<GroupCommitAuditSink>(new GroupCommitAuditSink(std::move(*log)));
}

Result<Store::AppendResult> GroupCommitAuditSink::Append(std::vector<AuditEntry> entries) {
  return log_->Append(std::move(entries));
}

}  // namespace chipgate::serve
