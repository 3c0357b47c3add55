// RFC 4180 records with locations (csv_reader.h). One pass over the bytes; a record ends at a
// line break outside quotes.
#include "base/csv_reader.h"

#include <cstdio>

#include "base/utf8.h"

namespace chipgate {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Scans the text once, keeping the line and the byte where it starts, so every field knows its
// 1-based line and column without a second pass over the text.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, const CsvOptions& options) : text_(text), options_(options) {
    if (text_.substr(0, 3) == kByteOrderMark) pos_ = 3;
  }

  // All records, or false at the first error. The UTF-8 check comes first and covers the whole
  // text, so a file that is not UTF-8 is refused as such rather than at a quoting error its
  // stray bytes happen to cause.
  bool Run(std::vector<CsvRecord>& out, CsvError& error) {
    if (options_.require_utf8 && !Utf8(error)) return false;
    while (pos_ < text_.size()) {
      // A line with nothing on it is no record; a line holding only `""` is one (one empty
      // field), so a row of empty quoted values is still seen and checked by the caller.
      if (AtLineBreak()) {
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
  // The first byte that is not UTF-8, located by line and column (lines counted only up to it).
  bool Utf8(CsvError& error) const {
    size_t bad = FirstInvalidUtf8(text_, pos_);
    if (bad == std::string_view::npos) return true;
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < bad; ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(text_[bad])));
    error = {CsvErrorKind::kInvalidUtf8, line, static_cast<int>(bad - line_start) + 1, line,
             std::string("invalid UTF-8 (byte ") + byte + "); export the file as UTF-8"};
    return false;
  }

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

  // Every error names the record it is in too, for callers that report by record.
  void Fail(CsvError& error, CsvErrorKind kind, int line, int col, std::string message) const {
    error = {kind, line, col, record_line_, std::move(message)};
  }

  // Fields up to the end of the line (or of the text).
  bool Record(CsvRecord& record, CsvError& error) {
    record_line_ = record.line;
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

  // Checked after every byte appended, so no field grows past the limit before it is refused.
  bool TooLong(const CsvField& field, CsvError& error) const {
    if (field.text.size() <= options_.max_field_bytes) return false;
    Fail(error, CsvErrorKind::kFieldTooLong, field.line, field.col,
         "field longer than " + std::to_string(options_.max_field_bytes) + " bytes");
    return true;
  }

  // An unquoted field runs to the next comma or line break; a quote inside it is an error.
  bool Unquoted(CsvField& field, CsvError& error) {
    while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      if (text_[pos_] == '"') {
        Fail(error, CsvErrorKind::kQuoteInUnquoted, line_, Col(),
             "quote inside an unquoted field (quote the whole field and double inner quotes)");
        return false;
      }
      field.text += text_[pos_++];
      if (TooLong(field, error)) return false;
    }
    return true;
  }

  // A quoted field: `""` is one quote; line breaks are kept as written (CRLF stays CRLF), and
  // only LF advances the line, as in SourceFile's line index.
  bool Quoted(CsvField& field, CsvError& error) {
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) {
        Fail(error, CsvErrorKind::kUnclosedQuote, field.line, field.col,
             "quoted field never closed");
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
      } else {
        field.text += c;
        ++pos_;
        if (c == '\n') {
          ++line_;
          line_start_ = pos_;
        }
      }
      if (TooLong(field, error)) return false;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineBreak()) {
      Fail(error, CsvErrorKind::kTextAfterQuote, line_, Col(), "text after a closing quote");
      return false;
    }
    return true;
  }

  std::string_view text_;
  const CsvOptions& options_;  // the caller's, alive for the one ReadCsv call
  size_t pos_ = 0, line_start_ = 0;
  int line_ = 1, record_line_ = 1;
};

}  // namespace

bool ReadCsv(std::string_view text, const CsvOptions& options, std::vector<CsvRecord>& out,
             CsvError& error) {
  return CsvScanner(text, options).Run(out, error);
}

}  // namespace chipgate
