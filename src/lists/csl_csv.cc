// The CSL CSV download (list_formats.h). The published header has 29 columns, from `_id`,
// `source`, `entity_number`, `type`, `programs`, `name` to `source_information_url`, `ids`; the
// reader needs the ones it keeps and ignores the rest, so a column added by trade.gov does not
// break an import.
#include "lists/list_fields.h"
#include "lists/list_formats.h"

namespace chipgate {
namespace {

const std::vector<std::string_view> kRequired = {
    "_id",        "source",   "entity_number",       "type",
    "programs",   "name",     "addresses",           "federal_register_notice",
    "start_date", "end_date", "license_requirement", "license_policy",
    "alt_names"};

// A dated column of `r`; a bad value is reported at its field.
std::optional<Date> DateField(const SourceFile& file, const ListCsvColumns& cols,
                              const CsvRecord& r, std::string_view column,
                              std::vector<Diagnostic>& diags) {
  const CsvField* f = cols.Get(r, column);
  if (!f) return std::nullopt;
  bool bad = false;
  auto d = ListDate(f->text, bad);
  if (bad)
    AddListError(diags, kListValue, file, f->line, f->col,
                 "`" + std::string(column) + "` is not a date (YYYY-MM-DD): `" + f->text + "`");
  return d;
}

}  // namespace

// A record whose field count differs from the header's is reported and skipped: its fields
// cannot be matched to columns.
void ReadCslCsv(const SourceFile& file, const std::vector<CsvRecord>& records, ListContents& out,
                std::vector<Diagnostic>& diags) {
  ListCsvColumns cols(records[0]);
  if (!cols.Require(kRequired, file, diags)) return;
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    if (!cols.WidthMatches(r, file, diags)) continue;
    ScreeningListEntry e;
    e.line = r.line;
    e.entry_id = cols.Text(r, "_id");
    if (e.entry_id.empty()) e.entry_id = cols.Text(r, "entity_number");
    e.source = cols.Text(r, "source");
    e.list = CslListCode(e.source);
    e.type = cols.Text(r, "type");
    e.name = cols.Text(r, "name");
    e.aliases = SplitList(cols.Text(r, "alt_names"));
    e.countries = AddressCountries(cols.Text(r, "addresses"));
    e.programs = cols.Text(r, "programs");
    e.federal_register_notice = cols.Text(r, "federal_register_notice");
    e.start_date = DateField(file, cols, r, "start_date", diags);
    e.end_date = DateField(file, cols, r, "end_date", diags);
    e.license_requirement = cols.Text(r, "license_requirement");
    e.license_policy = cols.Text(r, "license_policy");
    out.entries.push_back(std::move(e));
  }
}

}  // namespace chipgate
