// Reading a published list file (chipgate/screening_list.h): recognise the format from the
// content, run its reader, then the checks every format shares (ids, names, dates, duplicates).
// Any error refuses the whole file: an import never keeps part of a list.
#include <unordered_map>

#include "base/sha256.h"
#include "lists/list_fields.h"
#include "lists/list_formats.h"

namespace chipgate {
namespace {

constexpr std::pair<ListFormat, std::string_view> kFormatNames[] = {
    {ListFormat::kCslCsv, "csl-csv"},
    {ListFormat::kCslJson, "csl-json"},
    {ListFormat::kOpenSanctionsCsv, "opensanctions-csv"},
};

// The first character that is not white space or a byte-order mark; 0 for a blank text.
char FirstSignificant(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  return 0;
}

// The CSV formats by their header; nullopt (after reporting why) for any other header.
std::optional<ListFormat> CsvFormat(const SourceFile& file, const CsvRecord& header,
                                    std::vector<Diagnostic>& diags) {
  const std::string& first = header.fields[0].text;
  if (header.fields.size() == 1) {
    for (char sep : {';', '\t', '|'}) {
      if (first.find(sep) == std::string::npos) continue;
      std::string shown = sep == '\t' ? "\\t" : std::string(1, sep);
      AddListError(
          diags, kListFileError, file, 1, 1,
          "the header is separated by `" + shown + "`, not by commas: not a published list file");
      return std::nullopt;
    }
  }
  if (first == "_id") return ListFormat::kCslCsv;
  if (first == "id" && header.fields.size() > 1 && header.fields[1].text == "schema")
    return ListFormat::kOpenSanctionsCsv;
  AddListError(diags, kListFileError, file, 1, 1,
               "not a known list format: a CSL CSV header starts `_id,source`, an OpenSanctions "
               "one `id,schema`, found `" +
                   first.substr(0, 40) + "`");
  return std::nullopt;
}

// What every format must give: an id unique in the file, a name, and dates in order.
void CheckEntries(const SourceFile& file, const std::vector<ScreeningListEntry>& entries,
                  std::vector<Diagnostic>& diags) {
  std::unordered_map<std::string_view, int> seen;  // entry id -> its line
  for (const ScreeningListEntry& e : entries) {
    if (e.entry_id.empty()) AddListError(diags, kListMissing, file, e.line, 1, "entry has no id");
    if (e.name.empty()) AddListError(diags, kListValue, file, e.line, 1, "entry has no `name`");
    if (e.start_date && e.end_date && *e.end_date < *e.start_date)
      AddListError(diags, kListValue, file, e.line, 1,
                   "`end_date` " + FormatDate(*e.end_date) + " is before `start_date` " +
                       FormatDate(*e.start_date));
    if (e.entry_id.empty()) continue;
    auto [it, fresh] = seen.emplace(e.entry_id, e.line);
    if (!fresh)
      AddListError(diags, kListDuplicate, file, e.line, 1,
                   "entry `" + e.entry_id + "` is also on line " + std::to_string(it->second));
  }
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string_view ListFormatName(ListFormat format) {
  for (const auto& [f, name] : kFormatNames)
    if (f == format) return name;
  return "unknown";
}

std::optional<ListFormat> ParseListFormat(std::string_view name) {
  for (const auto& [f, n] : kFormatNames)
    if (n == name) return f;
  return std::nullopt;
}

std::string_view ListSourceSet(ListFormat format) {
  return format == ListFormat::kOpenSanctionsCsv ? "opensanctions" : "csl";
}

std::string ScreeningListVersion::Label() const {
  std::string out = std::string(ListFormatName(format)) + " " + file_name + " " + digest;
  if (file_date) out += " of " + FormatDate(*file_date);
  return out;
}

// Recognise, read, check. Every reader reports all the bad rows it finds, so one run names them
// all; only a CSV syntax error stops early (the rows after it cannot be trusted).
ScreeningListRead ParseScreeningList(const std::string& path, std::string text) {
  ScreeningListRead out;
  SourceFile file(path, std::move(text));
  const std::string& t = file.text();
  ListContents contents;
  ListFormat format = ListFormat::kCslJson;
  char first = FirstSignificant(t);
  if (first == 0) {
    AddListError(out.diagnostics, kListFileError, file, 1, 1, "empty file: no list entries");
    return out;
  }
  if (first == '{' || first == '[') {
    ReadCslJson(file, contents, out.diagnostics);
  } else {
    std::vector<CsvRecord> records;
    CsvError error;
    if (!ReadCsv(t, {.max_field_bytes = kMaxListFieldBytes}, records, error)) {
      AddListError(out.diagnostics, kListSyntax, file, error.line, error.col, error.message);
      return out;
    }
    if (records.empty()) {  // only a byte-order mark and blank lines
      AddListError(out.diagnostics, kListFileError, file, 1, 1, "empty file: no list entries");
      return out;
    }
    auto csv_format = CsvFormat(file, records[0], out.diagnostics);
    if (!csv_format) return out;
    format = *csv_format;
    if (format == ListFormat::kCslCsv)
      ReadCslCsv(file, records, contents, out.diagnostics);
    else
      ReadOpenSanctionsCsv(file, records, contents, out.diagnostics);
  }
  CheckEntries(file, contents.entries, out.diagnostics);
  // A file without entries would replace a real list with nothing: refused, fail closed.
  if (contents.entries.empty() && !HasErrors(out.diagnostics))
    AddListError(out.diagnostics, kListFileError, file, 1, 1, "the file lists no entries");
  if (HasErrors(out.diagnostics)) {
    SortDiagnostics(out.diagnostics);
    return out;
  }
  ScreeningListFile f;
  f.version.format = format;
  f.version.file_name = BaseName(path);
  // The digest is of the bytes as read (byte-order mark included), so it matches `sha256sum`.
  f.version.digest = "sha256:" + Sha256Hex(t);
  f.version.file_date = contents.file_date;
  f.version.entries = static_cast<int64_t>(contents.entries.size());
  f.entries = std::move(contents.entries);
  out.file = std::move(f);
  return out;
}

// A file that cannot be read is E700 at 1:1, so the CLI reports every refusal the same way.
ScreeningListRead ReadScreeningList(const std::string& path) {
  auto text = ReadFileText(path, kMaxListFileBytes);
  if (!text.ok()) {
    ScreeningListRead out;
    SourceFile file(path, std::string());
    AddListError(out.diagnostics, kListFileError, file, 1, 1, text.status().message());
    return out;
  }
  return ParseScreeningList(path, std::move(text.value()));
}

}  // namespace chipgate
