// The readers of each published list format, called by ParseScreeningList (list_reader.cc) once
// it has recognised the format. Each appends its entries and reports every problem it finds
// (list_fields.h codes), so one run names all the bad rows of a file.
#pragma once

#include <optional>
#include <vector>

#include "base/csv_reader.h"
#include "base/source_file.h"
#include "chipgate/screening_list.h"

namespace chipgate {

struct ListContents {
  std::vector<ScreeningListEntry> entries;
  std::optional<Date> file_date;  // the latest date the file gives for itself, if any
};

// CSL CSV: `records[0]` is the header (`_id,source,entity_number,type,programs,name,...`).
void ReadCslCsv(const SourceFile& file, const std::vector<CsvRecord>& records, ListContents& out,
                std::vector<Diagnostic>& diags);
// CSL JSON: `{"results": [...]}` (the API's shape, optionally with `sources_used`) or a bare array
// of entries with the same fields as the CSV.
void ReadCslJson(const SourceFile& file, ListContents& out, std::vector<Diagnostic>& diags);
// OpenSanctions targets.simple.csv: `id,schema,name,aliases,...,dataset,...,last_change`.
void ReadOpenSanctionsCsv(const SourceFile& file, const std::vector<CsvRecord>& records,
                          ListContents& out, std::vector<Diagnostic>& diags);

}  // namespace chipgate
