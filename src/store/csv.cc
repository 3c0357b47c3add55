// CSV parsing as a small state machine over the text.
#include "store/csv.h"

#include <algorithm>
#include <cstdio>

#include "base/utf8.h"

namespace chipgate {

CsvTable ParseCsv(std::string_view text) {
  CsvTable t;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // Not UTF-8 (a Latin-1 or UTF-16 export): refused at its line, never stored as given.
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    t.error_line = 1 + static_cast<int>(std::count(
                           text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    t.error = std::string("invalid UTF-8 (byte ") + byte + "); export the file as UTF-8";
    return t;
  }
  std::vector<CsvRecord> records;
  CsvRecord rec{1, {}, {}};
  std::string field;
  int line = 1;
  size_t line_start = 0;               // offset of the current line's first byte
  std::pair<int, int> field_at{1, 1};  // where the current field starts
  bool quoted = false, field_started = false;
  auto end_field = [&] {
    rec.starts.push_back(field_at);
    rec.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) records.push_back(std::move(rec));
    rec = CsvRecord{line, {}, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') {
          ++line;
          line_start = i + 1;
        }
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      end_field();
      field_at = {line, static_cast<int>(i + 1 - line_start) + 1};
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
      line_start = i + 1;
      field_at = {line, 1};
    } else if (c == '"') {
      t.error_line = line;
      t.error = "a quote inside an unquoted field (quote the whole field and double inner quotes)";
      return t;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    t.error_line = rec.line;
    t.error = "a quoted field is never closed";
    return t;
  }
  if (field_started || !rec.fields.empty()) end_record();
  if (records.empty()) {
    t.error_line = 1;
    t.error = "the file is empty; a header row is required";
    return t;
  }
  t.header = std::move(records.front().fields);
  records.erase(records.begin());
  t.rows = std::move(records);
  return t;
}

}  // namespace chipgate
