// Store: the imported screening lists (chipgate/store.h, "screening lists"). An import adds a
// version of its source set in one transaction and reads the count back before committing, so a
// version is either wholly stored or not at all; the versions stored before stay.
#include <optional>
#include <string>

#include "store/store_impl.h"

namespace chipgate {

// The version's entry count is the file's, whatever the caller set; `imported_at` comes from the
// store's clock, the same time source as the audit log's timestamps.
Result<Store::ListImport> Store::ImportScreeningList(const ScreeningListFile& file) {
  ListImport out;
  out.version = file.version;
  ScreeningListVersion& version = out.version;
  version.entries = static_cast<int64_t>(file.entries.size());
  version.imported_at = FormatAuditTimestamp(impl_->clock->Now());
  StoreBackend& b = *impl_->backend;
  Status s = b.InWriteTransaction([&]() -> Status {
    // The same bytes are the same version: found inside the write lock, so two processes
    // importing one file store it once.
    Status r = b.ForEachListVersion([&](int64_t, const ScreeningListVersion& stored) {
      if (stored.digest != version.digest) return;
      version = stored;
      out.already_stored = true;
    });
    if (!r.ok() || out.already_stored) return r;
    auto id = b.InsertListVersion(ListSourceSet(version.format), version);
    if (!id.ok()) return id.status();
    int64_t seq = 0;
    for (const ScreeningListEntry& e : file.entries) {
      if (r = b.InsertListEntry(id.value(), ++seq, e); !r.ok())
        return Status::Error("entry `" + e.entry_id + "` (line " + std::to_string(e.line) +
                             "): " + r.message());
    }
    // Read back: the stored version holds exactly the file's entries.
    int64_t stored = 0;
    if (r = b.ForEachListEntry(id.value(), [&](ScreeningListEntry&&) { ++stored; }); !r.ok())
      return r;
    if (stored != version.entries)
      return Status::Error("read back " + std::to_string(stored) + " entries of " +
                           std::to_string(version.entries));
    return Status::Ok();
  });
  if (!s.ok()) return Status::Error("importing `" + version.file_name + "`: " + s.message());
  return out;
}

Result<ScreeningListVersion> Store::RemoveScreeningList(const std::string& digest) {
  std::optional<ScreeningListVersion> removed;
  StoreBackend& b = *impl_->backend;
  Status s = b.InWriteTransaction([&]() -> Status {
    Status r = b.ForEachListVersion([&](int64_t, const ScreeningListVersion& v) {
      if (v.digest == digest) removed = v;
    });
    if (!r.ok() || !removed) return r;
    auto deleted = b.DeleteListVersion(digest);
    if (!deleted.ok()) return deleted.status();
    return deleted.value() ? Status::Ok() : Status::Error("the version was not deleted");
  });
  if (!s.ok()) return Status::Error("removing `" + digest + "`: " + s.message());
  if (!removed) return Status::Error("no stored screening list has digest `" + digest + "`");
  return *removed;
}

Result<std::vector<ScreeningListVersion>> Store::ScreeningListVersions() const {
  std::vector<ScreeningListVersion> out;
  Status s = impl_->backend->ForEachListVersion(
      [&](int64_t, const ScreeningListVersion& v) { out.push_back(v); });
  if (!s.ok()) return s;
  return out;
}

// One snapshot: an import committing meanwhile cannot give a version with another's entries.
Result<std::vector<ScreeningListFile>> Store::ReadScreeningLists() const {
  std::vector<ScreeningListFile> out;
  StoreBackend& b = *impl_->backend;
  Status s = b.InReadSnapshot([&]() -> Status {
    std::vector<int64_t> ids;
    Status r = b.ForEachListVersion([&](int64_t id, const ScreeningListVersion& v) {
      ids.push_back(id);
      out.push_back({v, {}});
    });
    for (size_t i = 0; r.ok() && i < ids.size(); ++i) {
      r = b.ForEachListEntry(
          ids[i], [&](ScreeningListEntry&& e) { out[i].entries.push_back(std::move(e)); });
    }
    return r;
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace chipgate
