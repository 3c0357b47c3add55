// Shared field handling of the list readers (list_fields.h).
#include "lists/list_fields.h"

#include <algorithm>

namespace chipgate {

void AddListError(std::vector<Diagnostic>& diags, const char* code, const SourceFile& file,
                  int line, int col, std::string message) {
  diags.push_back({Severity::kError, code, file.At(line, col), std::move(message)});
}

ListCsvColumns::ListCsvColumns(const CsvRecord& header) : size_(header.fields.size()) {
  // A repeated column name keeps its first position; a real header has none.
  for (size_t i = 0; i < header.fields.size(); ++i) index_.emplace(header.fields[i].text, i);
}

bool ListCsvColumns::Require(const std::vector<std::string_view>& names, const SourceFile& file,
                             std::vector<Diagnostic>& diags) const {
  bool all = true;
  for (std::string_view n : names) {
    if (index_.count(std::string(n))) continue;
    AddListError(diags, kListMissing, file, 1, 1, "missing column `" + std::string(n) + "`");
    all = false;
  }
  return all;
}

const CsvField* ListCsvColumns::Get(const CsvRecord& record, std::string_view column) const {
  auto it = index_.find(std::string(column));
  if (it == index_.end() || it->second >= record.fields.size()) return nullptr;
  return &record.fields[it->second];
}

std::string ListCsvColumns::Text(const CsvRecord& record, std::string_view column) const {
  const CsvField* f = Get(record, column);
  return f ? f->text : std::string();
}

bool ListCsvColumns::WidthMatches(const CsvRecord& record, const SourceFile& file,
                                  std::vector<Diagnostic>& diags) const {
  if (record.fields.size() == size_) return true;
  AddListError(diags, kListSyntax, file, record.line, 1,
               "record has " + std::to_string(record.fields.size()) + " fields, the header " +
                   std::to_string(size_));
  return false;
}

// `start <= size` lets a trailing `;` end the loop after one empty (dropped) part.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(';', start), text.size());
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

// OpenSanctions and the CSL API write date-times (`2025-10-01T12:00:00-04:00`); only the date
// as written is kept, without converting the offset, since listings take effect by day.
std::optional<Date> ListDate(std::string_view text, bool& bad) {
  bad = false;
  if (text.empty()) return std::nullopt;
  std::string_view date = text.size() > 10 && text[10] == 'T' ? text.substr(0, 10) : text;
  auto d = ParseDate(date);
  bad = !d.has_value();
  return d;
}

// The abbreviation is the first parenthesised text; "NS-MBS List" keeps its first word, so the
// codes stay one token.
std::string CslListCode(std::string_view source) {
  size_t open = source.find('('), close = source.find(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open + 2)
    return "OTHER";
  std::string_view code = source.substr(open + 1, close - open - 1);
  return std::string(code.substr(0, code.find(' ')));
}

// Only datasets that are one U.S. list map to a code; everything else is OTHER, which is
// `review` (list_effect.cc), so an unknown dataset never clears a hit.
std::string OpenSanctionsListCode(const std::vector<std::string>& datasets) {
  static const std::pair<std::string_view, std::string_view> kDatasets[] = {
      {"us_ofac_sdn", "SDN"},
      {"us_bis_denied", "DPL"},
  };
  for (const auto& d : datasets)
    for (const auto& [name, code] : kDatasets)
      if (d == name) return std::string(code);
  return "OTHER";
}

// The CSL CSV writes each address as `street, city, state, postal code, country code`; a last
// part that is not two capital letters (a country name, an empty field) gives nothing.
std::vector<std::string> AddressCountries(std::string_view addresses) {
  std::vector<std::string> out;
  for (const std::string& a : SplitList(addresses)) {
    size_t comma = a.rfind(',');
    std::string_view last = std::string_view(a).substr(comma == std::string::npos ? 0 : comma + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    bool code = last.size() == 2 &&
                std::all_of(last.begin(), last.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (code && std::find(out.begin(), out.end(), last) == out.end()) out.emplace_back(last);
  }
  return out;
}

}  // namespace chipgate
