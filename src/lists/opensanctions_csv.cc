// OpenSanctions `targets.simple.csv` (list_formats.h). Its published header is
// `id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,`
// `program_ids,dataset,first_seen,last_seen,last_change` (older exports lack `program_ids`);
// `aliases`, `countries` and `dataset` are `;`-separated, countries in lower case. It gives no
// listing dates: `first_seen` is when OpenSanctions first saw an entry, not when it was listed,
// so entries apply on every date, and the latest `last_change` is the file's own date.
#include <algorithm>

#include "lists/list_fields.h"
#include "lists/list_formats.h"

namespace chipgate {
namespace {

const std::vector<std::string_view> kRequired = {"id",        "schema",    "name",   "aliases",
                                                 "countries", "sanctions", "dataset"};

}  // namespace

void ReadOpenSanctionsCsv(const SourceFile& file, const std::vector<CsvRecord>& records,
                          ListContents& out, std::vector<Diagnostic>& diags) {
  ListCsvColumns cols(records[0]);
  if (!cols.Require(kRequired, file, diags)) return;
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& r = records[i];
    if (!cols.WidthMatches(r, file, diags)) continue;
    ScreeningListEntry e;
    e.line = r.line;
    e.entry_id = cols.Text(r, "id");
    e.type = cols.Text(r, "schema");
    e.name = cols.Text(r, "name");
    e.aliases = SplitList(cols.Text(r, "aliases"));
    for (std::string c : SplitList(cols.Text(r, "countries"))) {
      std::transform(c.begin(), c.end(), c.begin(), [](char ch) {
        return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
      });
      e.countries.push_back(std::move(c));
    }
    e.programs = cols.Text(r, "sanctions");
    e.source = cols.Text(r, "dataset");
    e.list = OpenSanctionsListCode(SplitList(e.source));
    if (const CsvField* f = cols.Get(r, "last_change")) {
      bool bad = false;
      auto d = ListDate(f->text, bad);
      if (bad)
        AddListError(diags, kListValue, file, f->line, f->col,
                     "`last_change` is not a date: `" + f->text + "`");
      if (d && (!out.file_date || *out.file_date < *d)) out.file_date = d;
    }
    out.entries.push_back(std::move(e));
  }
}

}  // namespace chipgate
