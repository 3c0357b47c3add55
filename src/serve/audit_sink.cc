// The mutex-guarded audit sink (audit_sink.h).
#include "serve/audit_sink.h"

namespace chipgate::serve {

Result<std::unique_ptr<StoreAuditSink>> StoreAuditSink::Open(const std::string& db_path) {
  auto store = Store::Open(db_path, StoreOptions{});
  if (!store.ok()) return store.status();
  return std::unique_ptr<StoreAuditSink>(new StoreAuditSink(std::move(*store)));
}

Result<Store::AppendResult> StoreAuditSink::Append(std::vector<AuditEntry> entries) {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_.AppendAudit(entries);
}

}  // namespace chipgate::serve
