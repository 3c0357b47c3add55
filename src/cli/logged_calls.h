// The library calls several commands make, each with the log lines a person debugging a run
// wants around it (docs/cli.md, "Logs"): which pack was loaded and how long it took, which
// database was opened. The library does not log; these wrappers say what its results show.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/store.h"
#include "cli/logging.h"

namespace chipgate::cli {

// Engine::LoadStack, logged: info with the stack, its name, version, digest, layer count and
// time taken; debug per layer (name, version, digest); a failure at info (the caller prints the
// error itself) with its error count.
LoadResult LoadPackLogged(const std::vector<std::string>& dirs, LogComponent component);

// Store::Open, logged: debug with the path and options before, info with the schema version
// and time taken after; a failure at info (the caller prints the error itself).
Result<Store> OpenStoreLogged(const std::string& path, const StoreOptions& options,
                              LogComponent component);

// The *.yaml files under `dir` outside its tests/ directory (the files Engine::Load reads), for
// lint's file count; 0 when `dir` is not a directory.
int64_t CountPackFiles(const std::string& dir);

// The records of a CSV file: line ends outside quoted fields, the header included (RFC 4180 as
// the importer reads it; an unreadable file is -1). Only for the import's log line: the library
// reports no counts, and this is no CSV reader (fields are not split).
int64_t CountCsvRecords(const std::string& path);

}  // namespace chipgate::cli
