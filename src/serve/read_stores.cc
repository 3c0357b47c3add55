// The service's pooled read connections (read_stores.h).
#include "serve/read_stores.h"

#include <sys/stat.h>

namespace chipgate::serve {

std::optional<ReadStores::FileId> ReadStores::CurrentFile() const {
  struct stat st {};
  if (::stat(db_.c_str(), &st) != 0) return std::nullopt;
  return FileId{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

// The path is looked at before the connection: stat first, then open (or reuse one opened on the
// same file), so a database moved away after the stat is found by the open or the next request.
Result<ReadStores::Lease> ReadStores::Take() {
  std::optional<FileId> file = CurrentFile();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_file_ != file) idle_.clear();  // the path names another file (or none) now
    if (!idle_.empty()) {
      std::unique_ptr<Store> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store), file);
    }
  }
  // Opened outside the lock: an open reads the schema, and other requests need not wait for it.
  auto opened = Store::Open(db_, StoreOptions{.read_only = true});
  if (!opened.ok()) return opened.status();
  return Lease(this, std::make_unique<Store>(std::move(opened.value())), file);
}

void ReadStores::Lease::Keep() {
  if (!store_) return;
  std::unique_ptr<Store> store = std::move(store_);
  std::lock_guard<std::mutex> lock(owner_->mutex_);
  if (owner_->idle_.empty()) owner_->idle_file_ = file_;
  if (owner_->idle_file_ == file_ && owner_->idle_.size() < owner_->keep_)
    owner_->idle_.push_back(std::move(store));
}

}  // namespace chipgate::serve
