// The one CSV reader (base/csv_reader.h), used by the store's import and the list readers:
// records and the location of every field, and each way a file is refused, by kind and place.
#include "base/csv_reader.h"

#include <catch2/catch.hpp>

namespace chipgate {
namespace {

// Each record as `line:` then its fields as `text@line:col`, separated by `|`.
std::string Dump(const std::vector<CsvRecord>& records) {
  std::string out;
  for (const CsvRecord& r : records) {
    out += std::to_string(r.line) + ":";
    for (const CsvField& f : r.fields)
      out += f.text + "@" + std::to_string(f.line) + ":" + std::to_string(f.col) + "|";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("CsvRecordsKeepWhereEachFieldStarts", "[base][csv]") {
  struct Case {
    const char* what;
    std::string text, dump;
  };
  const std::vector<Case> cases = {
      {"plain", "a,b\nc,d\n", "1:a@1:1|b@1:3|\n2:c@2:1|d@2:3|\n"},
      {"no final line break", "a,b\nc,d", "1:a@1:1|b@1:3|\n2:c@2:1|d@2:3|\n"},
      {"CRLF and a lone CR", "a,b\r\nc\rd\n", "1:a@1:1|b@1:3|\n2:c@2:1|\n3:d@3:1|\n"},
      {"blank lines are skipped", "\n\na\n\n\nb\n", "3:a@3:1|\n6:b@6:1|\n"},
      {"empty fields", ",\n", "1:@1:1|@1:2|\n"},
      {"quotes, commas and doubled quotes", "\"x, \"\"y\"\"\",z\n", "1:x, \"y\"@1:1|z@1:12|\n"},
      {"a line break inside quotes", "\"two\nlines\",after\nnext\n",
       "1:two\nlines@1:1|after@2:8|\n3:next@3:1|\n"},
      {"CRLF inside quotes is kept", "\"a\r\nb\"\n", "1:a\r\nb@1:1|\n"},
      // Columns count the bytes of the text as given, so a caret drawn under the source line
      // (which keeps the mark) points at the field.
      {"a byte-order mark is skipped", "\xEF\xBB\xBFh1,h2\nv\n", "1:h1@1:4|h2@1:7|\n2:v@2:1|\n"},
      {"only a byte-order mark", "\xEF\xBB\xBF", ""},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::vector<CsvRecord> records;
    CsvError error;
    REQUIRE(ReadCsv(c.text, {}, records, error));
    CHECK(Dump(records) == c.dump);
  }
}

TEST_CASE("CsvErrorsSayWhatAndWhere", "[base][csv]") {
  struct Case {
    const char* what;
    std::string text;
    CsvOptions options;
    CsvErrorKind kind;
    int line, col, record_line;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"unclosed quote at its field",
       "a\nb,\"x\ny\n",
       {},
       CsvErrorKind::kUnclosedQuote,
       2,
       3,
       2,
       "quoted field never closed"},
      {"unclosed quote after a multi-line field",
       "\"p\nq\",\"r\n",
       {},
       CsvErrorKind::kUnclosedQuote,
       2,
       4,
       1,
       "quoted field never closed"},
      {"text after a closing quote",
       "\"ab\"c,d\n",
       {},
       CsvErrorKind::kTextAfterQuote,
       1,
       5,
       1,
       "text after a closing quote"},
      {"a quote inside an unquoted field",
       "h\nab\"c\n",
       {},
       CsvErrorKind::kQuoteInUnquoted,
       2,
       3,
       2,
       "quote inside an unquoted field (quote the whole field and double inner quotes)"},
      {"a field over the limit",
       "ok,abcdef\n",
       {.max_field_bytes = 5},
       CsvErrorKind::kFieldTooLong,
       1,
       4,
       1,
       "field longer than 5 bytes"},
      {"a quoted field over the limit",
       "\"abcdef\"\n",
       {.max_field_bytes = 5},
       CsvErrorKind::kFieldTooLong,
       1,
       1,
       1,
       "field longer than 5 bytes"},
      {"Latin-1 when UTF-8 is required",
       "h\nok\nCAF\xC9\n",
       {.require_utf8 = true},
       CsvErrorKind::kInvalidUtf8,
       3,
       4,
       3,
       "invalid UTF-8 (byte 0xC9); export the file as UTF-8"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::vector<CsvRecord> records;
    CsvError error;
    REQUIRE_FALSE(ReadCsv(c.text, c.options, records, error));
    CHECK(error.kind == c.kind);
    CHECK(error.line == c.line);
    CHECK(error.col == c.col);
    CHECK(error.record_line == c.record_line);
    CHECK(error.message == c.message);
  }
}

// Without require_utf8 the bytes are passed through as they are (the list readers' choice).
TEST_CASE("CsvBytesThatAreNotUtf8PassWhenNotChecked", "[base][csv]") {
  std::vector<CsvRecord> records;
  CsvError error;
  REQUIRE(ReadCsv("CAF\xC9\n", {}, records, error));
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields[0].text == "CAF\xC9");
}

}  // namespace chipgate
