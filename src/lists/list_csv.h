// ListCsv: the records of a comma-separated file as the published screening lists write them
// (RFC 4180: quoted fields, `""` inside quotes, line breaks inside quoted fields, CRLF or LF),
// each field with the line and column it starts at, so every problem the list readers find can
// be named by file, line and column. A syntax error stops reading at its location.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

struct ListCsvField {
  std::string text;
  int line = 0, col = 0;  // 1-based; col counts bytes
};

struct ListCsvRecord {
  std::vector<ListCsvField> fields;
  int line = 0;  // the line the record starts on
};

struct ListCsvError {
  int line = 0, col = 0;
  std::string message;
};

// Splits `text` (a UTF-8 byte-order mark is skipped) into records. Blank lines between records
// are skipped. Returns false and fills `error` on an unterminated quote, text after a closing
// quote, a quote inside an unquoted field, or a field longer than `max_field_bytes`.
bool ReadListCsv(std::string_view text, size_t max_field_bytes, std::vector<ListCsvRecord>& out,
                 ListCsvError& error);

}  // namespace chipgate
