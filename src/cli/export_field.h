// Writing one CSV field (the CSV the command line writes: `audit --format csv`, `parts list
// --format csv`). Reading CSV is src/base's reader.
#pragma once

#include <string>
#include <string_view>

namespace chipgate::cli {

// One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote, a
// carriage return or a line feed, or when it was guarded. Guarded against formula injection
// (these files are opened in spreadsheets): a value starting with =, +, -, @, a tab or a carriage
// return, which a spreadsheet would run as a formula, gets a leading ' and is quoted (the
// spreadsheet shows the text as written, the ' hidden).
std::string CsvField(std::string_view value);

}  // namespace chipgate::cli
