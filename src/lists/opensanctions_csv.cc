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

std::string Text(const ListCsvColumns& cols, const ListCsvRecord& r, std::string_view column) {
  const ListCsvField* f = cols.Get(r, column);
  return f ? f->text : std::string();
}

}  // namespace

void ReadOpenSanctionsCsv(const SourceFile& file, const std::vector<ListCsvRecord>& records,
                          ListContents& out, std::vector<Diagnostic>& diags) {
  ListCsvColumns cols(records[0]);
  if (!cols.Require(kRequired, file, diags)) return;
  for (size_t i = 1; i < records.size(); ++i) {
    const ListCsvRecord& r = records[i];
    if (r.fields.size() != cols.size()) {
      AddListError(diags, kListSyntax, file, r.line, 1,
                   "record has " + std::to_string(r.fields.size()) + " fields, the header " +
                       std::to_string(cols.size()));
      continue;
    }
    ScreeningListEntry e;
    e.line = r.line;
    e.entry_id = Text(cols, r, "id");
    e.type = Text(cols, r, "schema");
    e.name = Text(cols, r, "name");
    e.aliases = SplitList(Text(cols, r, "aliases"));
    for (std::string c : SplitList(Text(cols, r, "countries"))) {
      std::transform(c.begin(), c.end(), c.begin(), [](char ch) {
        return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
      });
      e.countries.push_back(std::move(c));
    }
    e.programs = Text(cols, r, "sanctions");
    e.source = Text(cols, r, "dataset");
    e.list = OpenSanctionsListCode(SplitList(e.source));
    if (const ListCsvField* f = cols.Get(r, "last_change")) {
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
