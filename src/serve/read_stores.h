// The read connections of the service, kept open between requests. Opening a Store reads and
// checks the database's schema (Store::Open), which cost a 1-line request a third of its time
// when every request opened its own; a request now takes a connection that an earlier request
// opened and gave back. Each request still reads in a snapshot of its own (Store::InReadSnapshot),
// begun after it took the connection, so it sees every commit made before it started, as a fresh
// connection would; a connection whose read failed is closed, not given back.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chipgate/status.h"
#include "chipgate/store.h"

namespace chipgate::serve {

class ReadStores {
 public:
  // At most `keep` idle connections are kept (the service's request threads: more are never in
  // use at once); a connection given back beyond that is closed.
  ReadStores(std::string db, size_t keep) : db_(std::move(db)), keep_(keep) {}

  // A read-only connection used by this holder alone until it is given back or dropped.
  class Lease {
   public:
    Lease(ReadStores* owner, std::unique_ptr<Store> store)
        : owner_(owner), store_(std::move(store)) {}
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
  };

  // An idle connection, or a newly opened one (an error when the database cannot be opened).
  Result<Lease> Take();
  // Idle connections now (tests).
  size_t idle() const;

 private:
  const std::string db_;
  const size_t keep_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace chipgate::serve
