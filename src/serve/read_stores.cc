// The service's pooled read connections (read_stores.h).
#include "serve/read_stores.h"

namespace chipgate::serve {

Result<ReadStores::Lease> ReadStores::Take() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Store> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  // Opened outside the lock: an open reads the schema, and other requests need not wait for it.
  auto opened = Store::Open(db_, StoreOptions{.read_only = true});
  if (!opened.ok()) return opened.status();
  return Lease(this, std::make_unique<Store>(std::move(opened.value())));
}

void ReadStores::Lease::Keep() {
  if (!store_) return;
  std::unique_ptr<Store> store = std::move(store_);
  std::lock_guard<std::mutex> lock(owner_->mutex_);
  if (owner_->idle_.size() < owner_->keep_) owner_->idle_.push_back(std::move(store));
}

size_t ReadStores::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace chipgate::serve
