// GroupCommitLog: appends to one database's audit log from many threads, grouping the calls that
// wait at the same time into one transaction (group commit), so that a server recording every
// decision before it answers pays one fsync per batch instead of one per request. One writer
// thread owns the database connection; callers block until their records are durable, and a call
// returns OK only for records that are committed (docs/audit-log.md, "Group commit").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/status.h"
#include "chipgate/store.h"

namespace chipgate {

struct GroupCommitOptions {
  // How the database is opened (create, busy timeout, clock); `read_only` is refused.
  StoreOptions store = {};
  // Most records in one transaction: calls are taken in arrival order while their entries fit.
  // A call with more entries than this is committed alone, never split.
  size_t max_batch_entries = 10000;
  // A batch is full at `max_batch_entries` records, or at `batch_calls` calls when that is not 0.
  size_t batch_calls = 0;
  // How long the writer, once free, waits for a batch that is not full to fill before committing
  // it. 0: commit at once what is waiting; calls that arrive during a commit form the next batch,
  // so batches grow with the load and a lone call is never delayed (leveldb's write group).
  std::chrono::microseconds max_wait{0};
  // SQLite's write-ahead log is checkpointed (copied into the database file) by a thread of its
  // own, on a connection of its own, each time a commit leaves at least this many pages in the
  // log: the calls of a batch are answered as soon as their COMMIT returns, never after a
  // checkpoint, and the writer goes on committing while one runs (past four times this many pages
  // the writer also checkpoints, after answering its batch, so the log stays bounded under a
  // load that never lets the checkpoint thread catch up). 0: the writer's connection
  // checkpoints inside its COMMITs, as any SQLite connection does by default (at 1,000 pages).
  // Either way a call returns only after its records are durable in the log. No effect on a
  // backend without a write-ahead log.
  int64_t checkpoint_pages = 1000;
  // For tests: called on the writer thread inside each transaction, after the batch's records are
  // written and read back and before COMMIT, with the number of calls in the batch; an error rolls
  // the transaction back and fails every call of the batch. Null in production.
  std::function<Status(size_t calls)> before_commit = {};
};

// Counts since Open.
struct GroupCommitStats {
  int64_t appends = 0;        // calls acknowledged (committed)
  int64_t transactions = 0;   // transactions committed
  int64_t entries = 0;        // records committed
  int64_t largest_batch = 0;  // most calls in one committed transaction
  int64_t failures = 0;       // calls that got an error (refused, or in a failed transaction)
  int64_t failed_transactions = 0;
  int64_t waiting = 0;      // now: calls queued, not yet taken into a transaction
  int64_t checkpoints = 0;  // checkpoints run outside COMMIT (checkpoint_pages > 0)
};

class GroupCommitLog {
 public:
  // Opens the database (Store::Open with options.store) and starts the writer thread.
  static Result<std::unique_ptr<GroupCommitLog>> Open(const std::string& db_path,
                                                      GroupCommitOptions options = {});
  // Thread-safe. Blocks until `entries` are committed durably in the audit chain (one contiguous
  // run of seqs for this call, in the order given) or the commit failed; never returns OK for
  // records that are not durable. All calls waiting when the writer starts a transaction share it
  // (up to a full batch), and a failed transaction fails every one of them; the next starts from
  // the log's real head. Entries that cannot be recorded (no facts digest) are refused at once
  // without touching the others' batch. An error does not always mean nothing was stored: a
  // COMMIT that fails in its last step (an fsync error) may leave the records in the file.
  Result<Store::AppendResult> Append(std::vector<AuditEntry> entries);
  GroupCommitStats stats() const;
  const std::string& path() const;
  // Drains: every accepted Append is committed or failed before it returns. Calls made after it
  // has started are refused. The calls must not still be starting when it returns (the object is
  // gone): stop the threads that call Append first.
  ~GroupCommitLog();

  GroupCommitLog(const GroupCommitLog&) = delete;
  GroupCommitLog& operator=(const GroupCommitLog&) = delete;

  struct Impl;

 private:
  explicit GroupCommitLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chipgate
