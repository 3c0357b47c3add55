// Opening a SQLite database as a store backend: the one entry into src/store/sqlite/ for the
// backend-independent store (Store::Open). Declares no SQLite type.
#pragma once

#include <memory>
#include <string>

#include "chipgate/store.h"
#include "store/backend.h"

namespace chipgate {

// Opens (creating when options.create) the SQLite file `path`, taken literally, and brings it to
// the newest schema (db/migrations/sqlite/). Refuses a missing file unless creating, a file that
// is not a chipgate database or is from a newer chipgate, and one whose tables or `parts` columns
// are not chipgate's.
Result<std::unique_ptr<StoreBackend>> OpenSqliteBackend(const std::string& path,
                                                        const StoreOptions& options);

}  // namespace chipgate
