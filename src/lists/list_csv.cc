// RFC 4180 records with locations (list_csv.h). One pass over the bytes; a record ends at a
// line break outside quotes.
#include "lists/list_csv.h"

namespace chipgate {
namespace {

// Scans the text once, keeping the line and the byte where it starts, so every field knows its
// 1-based line and column without a second pass over the text.
class ListCsvScanner {
 public:
  ListCsvScanner(std::string_view text, size_t max_field) : text_(text), max_field_(max_field) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte-order mark
  }

  // All records, or false at the first syntax error (`error` says where): after a quoting error
  // the rest of the file cannot be split reliably, so nothing after it is reported.
  bool Run(std::vector<ListCsvRecord>& out, ListCsvError& error) {
    while (pos_ < text_.size()) {
      if (AtLineBreak()) {  // a blank line between records
        SkipLineBreak();
        continue;
      }
      ListCsvRecord record;
      record.line = line_;
      if (!Record(record, error)) return false;
      out.push_back(std::move(record));
    }
    return true;
  }

 private:
  // CR, LF and CRLF all end a line outside quotes (the CSL download has been published with
  // both endings).
  bool AtLineBreak() const { return text_[pos_] == '\n' || text_[pos_] == '\r'; }
  void SkipLineBreak() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }
  int Col() const { return static_cast<int>(pos_ - line_start_) + 1; }

  // Fields up to the end of the line (or of the text).
  bool Record(ListCsvRecord& record, ListCsvError& error) {
    for (;;) {
      ListCsvField field{"", line_, Col()};
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

  // Checked as the field grows, so a hostile file cannot make one field take all memory before
  // it is refused.
  bool TooLong(const ListCsvField& field, ListCsvError& error) const {
    if (field.text.size() <= max_field_) return false;
    error = {field.line, field.col, "field longer than " + std::to_string(max_field_) + " bytes"};
    return true;
  }

  // An unquoted field runs to the next comma or line break; a quote inside it is an error
  // (RFC 4180 allows quotes only around a whole field).
  bool Unquoted(ListCsvField& field, ListCsvError& error) {
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
  bool Quoted(ListCsvField& field, ListCsvError& error) {
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

bool ReadListCsv(std::string_view text, size_t max_field_bytes, std::vector<ListCsvRecord>& out,
                 ListCsvError& error) {
  return ListCsvScanner(text, max_field_bytes).Run(out, error);
}

}  // namespace chipgate
