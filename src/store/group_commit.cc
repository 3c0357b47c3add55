// GroupCommitLog: one writer thread owns the Store (a Store is one connection, used by one thread
// at a time); callers queue their entries and block on a condition variable of their own until
// the writer has committed or failed the transaction that carried them. The writer takes the
// waiting calls in arrival order while their entries fit the batch, appends them with
// AppendAuditGroupsMovedIn (Store::AppendAuditGroups without copying the entries: one immediate
// transaction, one fsync) and only then wakes them, so
// an OK is never given before COMMIT has returned. With options.checkpoint_pages, a second thread
// on a second connection checkpoints the write-ahead log when the writer's commits have grown it,
// so no caller waits for a checkpoint.
#include "chipgate/group_commit.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "store/store_impl.h"

namespace chipgate {

namespace {

// One call of Append, on its caller's stack; the writer fills `result` and sets `done` under the
// log's mutex.
struct PendingCall {
  std::vector<AuditEntry> entries;
  std::condition_variable wake;
  bool done = false;
  Result<Store::AppendResult> result = Status::Error("not committed");
};

}  // namespace

struct GroupCommitLog::Impl {
  Impl(std::unique_ptr<Store::Impl> s, GroupCommitOptions o)
      : store(std::move(s)), options(std::move(o)) {}

  std::unique_ptr<Store::Impl> store;  // the writer's connection: used by the writer thread only
  const GroupCommitOptions options;
  // The checkpoint thread's connection (checkpoint_pages > 0), used by that thread only.
  std::unique_ptr<Store::Impl> checkpointer;
  std::condition_variable checkpoint_wake;  // a checkpoint is wanted, or closing
  bool checkpoint_wanted = false;
  bool checkpointer_done = false;  // the writer has stopped: the checkpoint thread ends
  std::thread checkpoint_thread;
  // Held by whoever runs a checkpoint: the writer's own (below) waits for the thread's to end
  // rather than find the checkpoint lock taken (SQLITE_BUSY) and leave the log growing.
  std::mutex checkpoint_run;

  mutable std::mutex mu;
  std::condition_variable writer_wake;  // a call was queued, or closing
  std::condition_variable idle;         // no call is inside Append any more (closing)
  std::deque<PendingCall*> queue;       // accepted, not yet taken by the writer
  size_t queued_entries = 0;
  int inside = 0;  // calls inside Append (accepted and not yet returned)
  bool closing = false;
  GroupCommitStats stats;
  std::thread writer;

  bool Full() const {
    return queued_entries >= options.max_batch_entries ||
           (options.batch_calls > 0 && queue.size() >= options.batch_calls);
  }
  void Run();
  void RunCheckpoints();
};

// Checkpoints whenever the writer asks, until the writer has stopped. A failed checkpoint is not
// a failed append (the records are durable in the log): the next request tries again.
void GroupCommitLog::Impl::RunCheckpoints() {
  std::unique_lock lock(mu);
  for (;;) {
    checkpoint_wake.wait(lock, [&] { return checkpoint_wanted || checkpointer_done; });
    if (checkpointer_done) return;
    checkpoint_wanted = false;
    lock.unlock();
    Status s;
    {
      std::lock_guard running(checkpoint_run);
      s = checkpointer->backend->Checkpoint();
    }
    lock.lock();
    if (s.ok()) ++stats.checkpoints;
  }
}

// Runs until closing with nothing queued: the destructor sets `closing` and joins, so every call
// accepted before it is committed or failed (drained).
void GroupCommitLog::Impl::Run() {
  std::vector<PendingCall*> batch;
  std::vector<std::vector<AuditEntry>*> groups;
  std::unique_lock lock(mu);
  for (;;) {
    writer_wake.wait(lock, [&] { return !queue.empty() || closing; });
    if (queue.empty()) return;  // closing, and drained
    if (options.max_wait.count() > 0 && !closing && !Full()) {
      writer_wake.wait_for(lock, options.max_wait, [&] { return closing || Full(); });
    }
    // The calls waiting now, in arrival order, while their entries fit (at least one call).
    batch.clear();
    size_t entries = 0;
    while (!queue.empty()) {
      PendingCall* next = queue.front();
      size_t n = next->entries.size();
      if (!batch.empty() && (entries + n > options.max_batch_entries ||
                             (options.batch_calls > 0 && batch.size() >= options.batch_calls)))
        break;
      batch.push_back(next);
      entries += n;
      queue.pop_front();
    }
    queued_entries -= entries;
    lock.unlock();

    groups.clear();
    for (PendingCall* call : batch) groups.push_back(&call->entries);
    std::function<Status()> fault;
    if (options.before_commit) {
      fault = [&, calls = batch.size()] { return options.before_commit(calls); };
    }
    // The calls' entries are the writer's until it answers them: moved into the records.
    auto written = AppendAuditGroupsMovedIn(*store, groups, fault);
    const int64_t log_pages = checkpointer ? store->backend->LogPages() : 0;
    bool checkpoint = checkpointer && log_pages >= options.checkpoint_pages;

    lock.lock();
    if (written.ok()) {
      ++stats.transactions;
      stats.appends += static_cast<int64_t>(batch.size());
      stats.entries += static_cast<int64_t>(entries);
      stats.largest_batch = std::max(stats.largest_batch, static_cast<int64_t>(batch.size()));
    } else {
      ++stats.failed_transactions;
      stats.failures += static_cast<int64_t>(batch.size());
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      PendingCall* call = batch[i];
      if (written.ok()) {
        call->result = std::move(written.value()[i]);
      } else {
        call->result = Status::Error(
            written.status().message() + " (one transaction for " + std::to_string(batch.size()) +
            (batch.size() == 1 ? " call" : " calls") + ": none of them was acknowledged)");
      }
      call->done = true;
      // Notified under the lock: the caller cannot see `done`, return and destroy its call (and
      // this condition variable) before the lock is released.
      call->wake.notify_one();
    }
    if (checkpoint && !checkpoint_wanted) {
      checkpoint_wanted = true;
      checkpoint_wake.notify_one();
    }
    // The log restarts from its beginning only at a commit that finds all of it checkpointed,
    // which a checkpoint running beside back-to-back commits may never give: past four times the
    // limit the writer checkpoints itself, after answering its batch and while it commits
    // nothing, so the log stays bounded (as with SQLite's own checkpoints, a reader still using
    // the log's end can hold it back).
    if (checkpointer && log_pages >= 4 * options.checkpoint_pages) {
      lock.unlock();
      Status s;
      {
        std::lock_guard running(checkpoint_run);
        s = store->backend->Checkpoint();
      }
      lock.lock();
      if (s.ok()) ++stats.checkpoints;
    }
  }
}

GroupCommitLog::GroupCommitLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<GroupCommitLog>> GroupCommitLog::Open(const std::string& db_path,
                                                             GroupCommitOptions options) {
  if (options.store.read_only)
    return Status::Error("the audit log of `" + db_path + "` cannot be appended to read-only");
  if (options.max_batch_entries == 0)
    return Status::Error("a group commit's max_batch_entries must be at least 1");
  if (options.checkpoint_pages < 0)
    return Status::Error("a group commit's checkpoint_pages must not be negative");
  auto store = OpenStoreImpl(db_path, options.store);
  if (!store.ok()) return store.status();
  std::unique_ptr<Store::Impl> checkpointer;
  if (options.checkpoint_pages > 0 && store.value()->backend->DeferCheckpoints()) {
    auto second = OpenStoreImpl(db_path, options.store);
    if (!second.ok()) return second.status();
    checkpointer = std::move(second.value());
  }
  auto impl = std::make_unique<Impl>(std::move(store.value()), std::move(options));
  impl->checkpointer = std::move(checkpointer);
  std::unique_ptr<GroupCommitLog> log(new GroupCommitLog(std::move(impl)));
  Impl* raw = log->impl_.get();
  raw->writer = std::thread([raw] { raw->Run(); });
  if (raw->checkpointer) raw->checkpoint_thread = std::thread([raw] { raw->RunCheckpoints(); });
  return log;
}

Result<Store::AppendResult> GroupCommitLog::Append(std::vector<AuditEntry> entries) {
  Impl& d = *impl_;
  // Refused alone: bad entries in a batch would fail every call in it.
  if (Status c = CheckAuditEntries(entries); !c.ok()) {
    std::lock_guard lock(d.mu);
    ++d.stats.failures;
    return Status::Error("cannot write the audit log in `" + d.store->path + "`: " + c.message());
  }
  PendingCall call;
  call.entries = std::move(entries);
  std::unique_lock lock(d.mu);
  if (d.closing) {
    ++d.stats.failures;
    return Status::Error("the audit log of `" + d.store->path +
                         "` is closing: nothing was recorded");
  }
  ++d.inside;
  d.queue.push_back(&call);
  d.queued_entries += call.entries.size();
  d.writer_wake.notify_one();
  call.wake.wait(lock, [&] { return call.done; });
  if (--d.inside == 0 && d.closing) d.idle.notify_all();
  return std::move(call.result);
}

GroupCommitStats GroupCommitLog::stats() const {
  std::lock_guard lock(impl_->mu);
  GroupCommitStats s = impl_->stats;
  s.waiting = static_cast<int64_t>(impl_->queue.size());
  return s;
}

const std::string& GroupCommitLog::path() const { return impl_->store->path; }

GroupCommitLog::~GroupCommitLog() {
  Impl& d = *impl_;
  {
    std::lock_guard lock(d.mu);
    d.closing = true;
  }
  d.writer_wake.notify_one();
  d.writer.join();
  if (d.checkpoint_thread.joinable()) {
    {
      std::lock_guard lock(d.mu);
      d.checkpointer_done = true;
    }
    d.checkpoint_wake.notify_one();
    d.checkpoint_thread.join();
  }
  // Every accepted call is done; wait until each has left Append (they need the mutex to).
  std::unique_lock lock(d.mu);
  d.idle.wait(lock, [&] { return d.inside == 0; });
}

}  // namespace chipgate
