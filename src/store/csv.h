// A strict RFC 4180 CSV reader: comma separated, double-quoted fields with "" escapes and
// embedded newlines, optional UTF-8 BOM, LF or CRLF line ends. Each record keeps the line it
// starts on, for diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chipgate {

struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
  // Where each field starts in the file: (line, byte column), both 1-based. A field after a quoted
  // field that spans lines starts on a later line than the record.
  std::vector<std::pair<int, int>> starts;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;
  int error_line = 0;  // 0 when the text parsed; otherwise where it broke
  std::string error;
};

CsvTable ParseCsv(std::string_view text);

}  // namespace chipgate
