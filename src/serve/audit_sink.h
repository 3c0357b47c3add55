// Where the service appends the audit records of a decision before answering (docs/serve.md,
// "Audit"): a 200 means the records are durable. The seam is this one call, so the connection
// behind it can be replaced (a group-committing log, which batches the appends of concurrent
// requests into one transaction) without touching the handlers.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chipgate/audit_entry.h"
#include "chipgate/store.h"

namespace chipgate::serve {

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  // Appends `entries` as one unit (all or none) and returns only once they are durable. Safe to
  // call from any number of request threads at once.
  virtual Result<Store::AppendResult> Append(std::vector<AuditEntry> entries) = 0;
};

// One writable Store connection, one transaction per call, calls serialised by a mutex.
class StoreAuditSink final : public AuditSink {
 public:
  static Result<std::unique_ptr<StoreAuditSink>> Open(const std::string& db_path);
  Result<Store::AppendResult> Append(std::vector<AuditEntry> entries) override;

 private:
  explicit StoreAuditSink(Store store) : store_(std::move(store)) {}
  std::mutex mutex_;
  Store store_;
};

}  // namespace chipgate::serve
