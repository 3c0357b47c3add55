// Imported screening lists built in memory for tests: one CSV version of the Consolidated
// Screening List holding the given entries (ScreeningLists::Build, as an import would give it),
// and an entry with the three fields every test sets. The tests that need a file on disk or
// several versions build their ScreeningListFile themselves.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "chipgate/screening_list.h"

namespace chipgate::testing {

// An entry `id` on list `list` (EL, SDN, ...) named `name`, in force since always.
inline ScreeningListEntry CslEntry(std::string id, std::string list, std::string name) {
  ScreeningListEntry e;
  e.entry_id = std::move(id);
  e.list = std::move(list);
  e.name = std::move(name);
  return e;
}

// One version `csl.csv` of `file_date` (YYYY-MM-DD) with digest `digest` and `entries`.
inline ScreeningLists OneCslVersion(std::string digest, const char* file_date,
                                    std::vector<ScreeningListEntry> entries) {
  ScreeningListFile f;
  f.version.format = ListFormat::kCslCsv;
  f.version.file_name = "csl.csv";
  f.version.digest = std::move(digest);
  f.version.file_date = ParseDate(file_date);
  f.version.entries = static_cast<int64_t>(entries.size());
  f.entries = std::move(entries);
  std::vector<ScreeningListFile> files;
  files.push_back(std::move(f));
  return ScreeningLists::Build(std::move(files));
}

}  // namespace chipgate::testing
