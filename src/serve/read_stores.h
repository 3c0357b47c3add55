// The read connections of the service, kept open between requests. Opening a Store reads and
// checks the database's schema (Store::Open), which cost a 1-line request a third of its time
// when every request opened its own; a request now takes a connection that an earlier request
// opened and gave back. Each request still reads in a snapshot of its own (Store::InReadSnapshot),
// begun after it took the connection, so it sees every commit made before it started, as a fresh
// connection would; a connection whose read failed is closed, not given back. A kept connection
// is used only while the database's path still names the file it was opened on (device and inode,
// one stat per request): a database moved away or replaced is opened anew, or refused, as before.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/status.h"
#include "chipgate/store.h"

namespace chipgate::serve {

class ReadStores {
 public:
  // A file by device and inode: what the database's path names (CurrentFile). Absent when it
  // names none (a moved database, or a location that is not a file, such as a postgresql:// URI,
  // which is never checked).
  struct FileId {
    uint64_t device = 0, inode = 0;
    bool operator==(const FileId&) const = default;
  };

  // At most `keep` idle connections are kept (the service's request threads: more are never in
  // use at once); a connection given back beyond that is closed.
  ReadStores(std::string db, size_t keep) : db_(std::move(db)), keep_(keep) {}

  // A read-only connection used by this holder alone until it is given back or dropped.
  class Lease {
   public:
    Lease(ReadStores* owner, std::unique_ptr<Store> store, std::optional<FileId> file)
        : owner_(owner), store_(std::move(store)), file_(file) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    // Closes the connection unless Keep() was called: after a failed read it is not reused.
    ~Lease() = default;
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }
    // Gives the connection back for the next request (call it only after reads that succeeded).
    void Keep();

   private:
    ReadStores* owner_;
    std::unique_ptr<Store> store_;
    std::optional<FileId> file_;  // the file the path named when the connection was taken
  };

  // An idle connection, or a newly opened one (an error when the database cannot be opened).
  Result<Lease> Take();

 private:
  std::optional<FileId> CurrentFile() const;

  const std::string db_;
  const size_t keep_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Store>> idle_;
  std::optional<FileId> idle_file_;  // the file the idle connections were opened on
};

}  // namespace chipgate::serve
