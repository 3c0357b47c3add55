// RFC 4180 records with locations (csv_records.h). One pass over the bytes; a record ends at a
// line break outside quotes.
#include "lists/csv_records.h"

namespace chipgate {
namespace {

class CsvScanner {
 public:
  CsvScanner(std::string_view text, size_t max_field) : text_(text), max_field_(max_field) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte-order mark
  }

  bool Run(std::vector<CsvRecord>& out, CsvSyntaxError& error) {
    while (pos_ < text_.size()) {
      if (AtLineBreak()) {  // a blank line between records
        SkipLineBreak();
        continue;
      }
      CsvRecord record;
      record.line = line_;
      if (!Record(record, error)) return false;
      out.push_back(std::move(record));
    }
    return true;
  }

 private:
  bool AtLineBreak() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }
  void SkipLineBreak() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
  int Col() const { return static_cast<int>(pos_ - line_start_) + 1; }

  // Fields up to the end of the line (or of the text).
  bool Record(CsvRecord& record, CsvSyntaxError& error) {
    for (;;) {
      CsvField field{"", line_, Col()};
      bool ok =
          pos_ < text_.size() && text_[pos_] == '"' ? Quoted(field, error) : Unquoted(field, error);
      if (!ok) return false;
      record.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return true;
      if (AtLineBreak()) {
        SkipLineBreak();
        return true;
      }
      ++pos_;  // the comma
    }
  }

  bool TooLong(const CsvField& field, CsvSyntaxError& error) const {
    if (field.text.size() <= max_field_) return false;
    error = {field.line, field.col, "field longer than " + std::to_string(max_field_) + " bytes"};
    return true;
  }

  bool Unquoted(CsvField& field, CsvSyntaxError& error) {
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      if (text_[pos_] == '"') {
        error = {line_, Col(), "quote inside an unquoted field"};
        return false;
      }
      field.text += text_[pos_++];
      if (TooLong(field, error)) return false;
    }
    return true;
  }

  // A quoted field: `""` is one quote; line breaks are kept as written (CRLF stays CRLF).
  bool Quoted(CsvField& field, CsvSyntaxError& error) {
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) {
        error = {field.line, field.col, "quoted field never closed"};
        return false;
      }
      char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.text += '"';
          pos_ += 2;
        } else {
          ++pos_;
          break;
        }
      } else if (c == '\n') {
        field.text += c;
        ++pos_;
        ++line_;
        line_start_ = pos_;
      } else {
        field.text += c;
        ++pos_;
      }
      if (TooLong(field, error)) return false;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      error = {line_, Col(), "text after a closing quote"};
      return false;
    }
    return true;
  }

  std::string_view text_;
  size_t max_field_;
  size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
};

}  // namespace

bool ReadCsvRecords(std::string_view text, size_t max_field_bytes, std::vector<CsvRecord>& out,
                    CsvSyntaxError& error) {
  return CsvScanner(text, max_field_bytes).Run(out, error);
}

}  // namespace chipgate
