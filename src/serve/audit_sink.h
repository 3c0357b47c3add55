// Where the service appends the audit records of a decision before answering (docs/serve.md,
// "Audit"): a 200 means the records are durable. The seam is this one call: the service appends
// through a group-committing log (GroupCommitLog, chipgate/group_commit.h), which writes the
// appends of the requests waiting together in one transaction; tests put a failing sink here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chipgate/audit_entry.h"
#include "chipgate/group_commit.h"
#include "chipgate/store.h"

namespace chipgate::serve {

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  // Appends `entries` as one unit (all or none) and returns only once they are durable. Safe to
  // call from any number of request threads at once.
  virtual Result<Store::AppendResult> Append(std::vector<AuditEntry> entries) = 0;
};

// The appends of concurrent requests grouped into shared transactions by one writer thread
// (GroupCommitLog): each call returns after the COMMIT that holds its records. Destroy it only
// after the request threads have stopped (Server::Impl declares the HTTP server after it).
class GroupCommitAuditSink final : public AuditSink {
 public:
  static Result<std::unique_ptr<GroupCommitAuditSink>> Open(const std::string& db_path);
  Result<Store::AppendResult> Append(std::vector<AuditEntry> entries) override;
  GroupCommitStats stats() const { return log_->stats(); }

 private:
  explicit GroupCommitAuditSink(std::unique_ptr<GroupCommitLog> log) : log_(std::move(log)) {}
  std::unique_ptr<GroupCommitLog> log_;
};

}  // namespace chipgate::serve
