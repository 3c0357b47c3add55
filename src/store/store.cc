// Store: opening a database through the backend its location names, and the Store's accessors.
// A plain path is a SQLite file; a location with a URL scheme names a backend: `postgresql://` or
// `postgres://` PostgreSQL (src/store/postgres/), any other is refused, never read as a file name.
// `file:` names stay file names, as they always were (docs/cli.md: never read as SQLite URIs).
#include <cstdlib>

#include "store/postgres/open.h"
#include "store/sqlite/open.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// The scheme of `location` ("postgresql" for `postgresql://host/db`), or "" for a file path
// (including `file://...`, a file of that name).
std::string SchemeOf(const std::string& location) {
  size_t colon = location.find("://");
  if (colon == std::string::npos || colon == 0) return "";
  for (size_t i = 0; i < colon; ++i) {
    char c = location[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return "";
  }
  std::string scheme = location.substr(0, colon);
  return scheme == "file" ? "" : scheme;
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::Open(const std::string& path, const StoreOptions& in) {
  auto impl = OpenStoreImpl(path, in);
  if (!impl.ok()) return impl.status();
  return Store(std::move(impl.value()));
}

Result<std::unique_ptr<Store::Impl>> OpenStoreImpl(const std::string& path,
                                                   const StoreOptions& in) {
  StoreOptions options = in;
  // Operators (and tests) may shorten or lengthen the wait for another writer.
  if (const char* ms = std::getenv("CHIPGATE_BUSY_TIMEOUT_MS"))
    options.busy_timeout_ms = std::atoi(ms);
  // Fail closed: a location meant for another backend must not become a SQLite file of that name.
  std::string scheme = SchemeOf(path);
  bool postgres = scheme == "postgresql" || scheme == "postgres";
  if (!scheme.empty() && !postgres) {
    return Status::Error("database `" + path + "`: no store backend for `" + scheme +
                         "://` locations is built into this chipgate; give the path of a SQLite "
                         "database file or a postgresql:// URI");
  }
  auto backend = postgres ? OpenPostgresBackend(path, options) : OpenSqliteBackend(path, options);
  if (!backend.ok()) return backend.status();
  auto impl = std::make_unique<Store::Impl>();
  impl->backend = std::move(backend.value());
  // Messages name the database; a URI's password never appears in them.
  impl->path = postgres ? RedactedLocation(path) : path;
  impl->clock = options.clock ? options.clock : &SystemClock();
  return impl;
}

const std::string& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->backend->schema_version(); }
const Clock& Store::clock() const { return *impl_->clock; }

Status Store::InReadSnapshot(const std::function<Status()>& fn) const {
  return impl_->backend->InReadSnapshot(fn);
}

}  // namespace chipgate
