// PgBackend: the screening-list role over list_versions and list_entries; aliases and countries
// are stored `;`-joined, as in the SQLite backend (store/joined_list.h).
#include "chipgate/date.h"
#include "store/joined_list.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {
namespace {

std::string DateText(const std::optional<Date>& d) { return d ? FormatDate(*d) : ""; }

}  // namespace

Result<int64_t> PgBackend::InsertListVersion(std::string_view source_set,
                                             const ScreeningListVersion& v) {
  pg::Params p;
  p.Text(source_set).Text(ListFormatName(v.format)).Text(v.file_name).Text(v.digest);
  p.TextOrNull(DateText(v.file_date)).Text(v.imported_at).Int(v.entries);
  auto rows = conn_.Exec(
      "INSERT INTO list_versions (source_set, format, file_name, digest, file_date, "
      "imported_at, entries) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      p);
  if (!rows.ok()) return rows.status();
  if (rows->size() != 1) return Status::Error("the list version was not written");
  return rows->Int(0, 0);
}

Result<bool> PgBackend::DeleteListVersion(std::string_view digest) {
  auto rows = conn_.Exec("DELETE FROM list_versions WHERE digest = $1", pg::Params().Text(digest));
  if (!rows.ok()) return rows.status();
  return rows->affected() > 0;
}

Status PgBackend::InsertListEntry(int64_t version, int64_t seq, const ScreeningListEntry& e) {
  pg::Params p;
  p.Int(version).Int(seq).Text(e.entry_id).Text(e.list).Text(e.source).Text(e.type).Text(e.name);
  p.Text(JoinList(e.aliases)).Text(JoinList(e.countries)).Text(e.programs);
  p.Text(e.federal_register_notice).TextOrNull(DateText(e.start_date));
  p.TextOrNull(DateText(e.end_date)).Text(e.license_requirement).Text(e.license_policy);
  p.Int(e.line);
  auto r = conn_.Exec(
      "INSERT INTO list_entries (version, seq, entry_id, list, source, type, name, aliases, "
      "countries, programs, federal_register_notice, start_date, end_date, "
      "license_requirement, license_policy, line) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, $13, $14, $15, $16)",
      p);
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::ForEachListVersion(
    const std::function<void(int64_t, const ScreeningListVersion&)>& fn) {
  auto rows = conn_.Exec(
      "SELECT id, format, file_name, digest, coalesce(file_date, ''), imported_at, entries FROM "
      "list_versions ORDER BY source_set, id");
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) {
    ScreeningListVersion v;
    v.format = ParseListFormat(rows->Text(i, 1)).value_or(ListFormat::kCslCsv);
    v.file_name = rows->Text(i, 2);
    v.digest = rows->Text(i, 3);
    v.file_date = ParseDate(rows->Text(i, 4));
    v.imported_at = rows->Text(i, 5);
    v.entries = rows->Int(i, 6);
    fn(rows->Int(i, 0), v);
  }
  return Status::Ok();
}

Status PgBackend::ForEachListEntry(int64_t version,
                                   const std::function<void(ScreeningListEntry&&)>& fn) {
  static const Cursor kEntries = CHIPGATE_PG_CURSOR(
      "chipgate_list_entries",
      "SELECT entry_id, list, source, type, name, aliases, countries, programs, "
      "federal_register_notice, coalesce(start_date, ''), coalesce(end_date, ''), "
      "license_requirement, license_policy, line FROM list_entries WHERE version = $1 ORDER BY "
      "seq");
  return Stream(kEntries, pg::Params().Int(version), [&](const pg::Rows& rows, int r) {
    ScreeningListEntry e;
    e.entry_id = rows.Text(r, 0);
    e.list = rows.Text(r, 1);
    e.source = rows.Text(r, 2);
    e.type = rows.Text(r, 3);
    e.name = rows.Text(r, 4);
    e.aliases = SplitList(rows.TextView(r, 5));
    e.countries = SplitList(rows.TextView(r, 6));
    e.programs = rows.Text(r, 7);
    e.federal_register_notice = rows.Text(r, 8);
    e.start_date = ParseDate(rows.Text(r, 9));
    e.end_date = ParseDate(rows.Text(r, 10));
    e.license_requirement = rows.Text(r, 11);
    e.license_policy = rows.Text(r, 12);
    e.line = static_cast<int>(rows.Int(r, 13));
    fn(std::move(e));
    return true;
  });
}

}  // namespace chipgate
