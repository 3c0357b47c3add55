// Opening a PostgreSQL database as a store backend: the one entry into src/store/postgres/ for the
// backend-independent store (Store::Open). Declares no libpq type.
#pragma once

#include <memory>
#include <string>

#include "chipgate/store.h"
#include "store/backend.h"

namespace chipgate {

// Connects to the database `uri` names (postgresql://... or postgres://...) and brings it to the
// newest schema (db/migrations/postgresql/), all pending migrations in one transaction under an
// advisory lock, so concurrent first opens create it once and a reader never sees half a schema.
// Refuses a database of a newer chipgate, one with tables but no chipgate schema, and (read-only)
// one that needs migrating. `options.create` is not needed: a PostgreSQL database is created by
// its administrator (createdb), and chipgate creates its tables in it.
Result<std::unique_ptr<StoreBackend>> OpenPostgresBackend(const std::string& uri,
                                                          const StoreOptions& options);

// The location with any password removed, for messages (`postgresql://u:secret@h/db` becomes
// `postgresql://u@h/db`; a `password=` query parameter is dropped).
std::string RedactedLocation(const std::string& uri);

}  // namespace chipgate
