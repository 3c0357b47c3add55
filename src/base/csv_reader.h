// ReadCsv: the one reader of comma-separated files (RFC 4180: quoted fields, `""` inside quotes,
// line breaks inside quoted fields, CR, LF or CRLF line ends, a leading UTF-8 byte-order mark
// skipped). The store's CSV import (src/store/importer.cc) and the screening-list readers
// (src/lists) both read through it. Each field keeps the line and column it starts at, so every
// problem a caller finds can be named by file, line and column. A syntax error stops reading.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

struct CsvField {
  std::string text;
  int line = 0, col = 0;  // 1-based; col counts bytes of the text as given (a BOM included)
};

struct CsvRecord {
  std::vector<CsvField> fields;
  int line = 0;  // the line the record starts on
};

// Why reading stopped. Callers choose their diagnostic (code, location) from the kind, never
// from the message.
enum class CsvErrorKind {
  kInvalidUtf8,      // only with CsvOptions::require_utf8
  kUnclosedQuote,    // a quoted field runs to the end of the text
  kTextAfterQuote,   // `"a"b`: RFC 4180 allows quotes only around a whole field
  kQuoteInUnquoted,  // `a"b`
  kFieldTooLong,     // longer than CsvOptions::max_field_bytes
};

struct CsvError {
  CsvErrorKind kind = CsvErrorKind::kUnclosedQuote;
  int line = 0, col = 0;  // where the trouble is (for an unclosed quote, where its field starts)
  int record_line = 0;    // the line the record holding it starts on
  std::string message;    // lowercase, for people
};

struct CsvOptions {
  // Checked as a field grows, so a hostile file cannot make one field take all memory.
  size_t max_field_bytes = std::numeric_limits<size_t>::max();
  // Refuse text that is not UTF-8 (a Latin-1 or UTF-16 export) before splitting it.
  bool require_utf8 = false;
};

// Splits `text` into records; blank lines between records are skipped. Returns false and fills
// `error` at the first problem (after a quoting error the rest cannot be split reliably, so
// nothing after it is reported); `out` then holds the records read before it.
bool ReadCsv(std::string_view text, const CsvOptions& options, std::vector<CsvRecord>& out,
             CsvError& error);

}  // namespace chipgate
