// SqliteBackend: the screening-list role (store/backend.h, ScreeningListBackend) over the
// list_versions and list_entries tables (migrations 7 and 9). Aliases and countries are stored
// `;`-joined (no published alias or country code holds a `;`: the files themselves separate
// them with it).
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/joined_list.h"
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {
namespace {

std::string DateText(const std::optional<Date>& d) { return d ? FormatDate(*d) : ""; }

}  // namespace

// Called inside the import's write transaction. The UNIQUE digest (migration 9) refuses a file
// stored already; the store checks for it first and never gets here with one.
Result<int64_t> SqliteBackend::InsertListVersion(std::string_view source_set,
                                                 const ScreeningListVersion& v) {
  auto ins = Cached(
      "INSERT INTO list_versions (source_set, format, file_name, digest, file_date, "
      "imported_at, entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!ins.ok()) return ins.status();
  sql::Stmt& st = *ins.value();
  st.Bind(1, source_set).Bind(2, ListFormatName(v.format)).Bind(3, v.file_name);
  st.Bind(4, v.digest).BindTextOrNull(5, DateText(v.file_date)).Bind(6, v.imported_at);
  st.Bind(7, v.entries);
  if (Status r = st.Run(); !r.ok()) return r;
  return sqlite3_last_insert_rowid(db_.raw());
}

// The delete cascades to the version's entries (list_entries.version ON DELETE CASCADE; every
// connection sets foreign_keys = ON).
Result<bool> SqliteBackend::DeleteListVersion(std::string_view digest) {
  auto del = Cached("DELETE FROM list_versions WHERE digest = ?1");
  if (!del.ok()) return del.status();
  del.value()->Bind(1, digest);
  if (Status r = del.value()->Run(); !r.ok()) return r;
  return sqlite3_changes(db_.raw()) > 0;
}

Status SqliteBackend::InsertListEntry(int64_t version, int64_t seq, const ScreeningListEntry& e) {
  auto cached = Cached(
      "INSERT INTO list_entries (version, seq, entry_id, list, source, type, name, aliases, "
      "countries, programs, federal_register_notice, start_date, end_date, "
      "license_requirement, license_policy, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, version).Bind(2, seq).Bind(3, e.entry_id).Bind(4, e.list).Bind(5, e.source);
  st.Bind(6, e.type).Bind(7, e.name).Bind(8, JoinList(e.aliases)).Bind(9, JoinList(e.countries));
  st.Bind(10, e.programs).Bind(11, e.federal_register_notice);
  st.BindTextOrNull(12, DateText(e.start_date)).BindTextOrNull(13, DateText(e.end_date));
  st.Bind(14, e.license_requirement).Bind(15, e.license_policy);
  st.Bind(16, static_cast<int64_t>(e.line));
  return st.Run();
}

Status SqliteBackend::ForEachListVersion(
    const std::function<void(int64_t, const ScreeningListVersion&)>& fn) {
  // Cached: the service asks for the versions on every request (ScreeningListsCache). No
  // caller's fn reads the versions again while they are stepped.
  auto cached = Cached(
      "SELECT id, format, file_name, digest, coalesce(file_date, ''), imported_at, entries FROM "
      "list_versions ORDER BY source_set, id");
  if (!cached.ok()) return cached.status();
  sql::Stmt& stmt = *cached.value();
  Status s;
  while (stmt.Step(s)) {
    ScreeningListVersion v;
    // The table's CHECK admits only known format names.
    v.format = ParseListFormat(stmt.Text(1)).value_or(ListFormat::kCslCsv);
    v.file_name = stmt.Text(2);
    v.digest = stmt.Text(3);
    v.file_date = ParseDate(stmt.Text(4));
    v.imported_at = stmt.Text(5);
    v.entries = stmt.Int(6);
    fn(stmt.Int(0), v);
  }
  stmt.Reset();
  return s;
}

// Dates were written by FormatDate, so ParseDate of a stored date never fails; NULL reads as ""
// and so as no date.
Status SqliteBackend::ForEachListEntry(int64_t version,
                                       const std::function<void(ScreeningListEntry&&)>& fn) {
  auto stmt = db_.Prepare(
      "SELECT entry_id, list, source, type, name, aliases, countries, programs, "
      "federal_register_notice, coalesce(start_date, ''), coalesce(end_date, ''), "
      "license_requirement, license_policy, line FROM list_entries WHERE version = ?1 ORDER BY "
      "seq");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, version);
  Status s;
  while (stmt->Step(s)) {
    ScreeningListEntry e;
    e.entry_id = stmt->Text(0);
    e.list = stmt->Text(1);
    e.source = stmt->Text(2);
    e.type = stmt->Text(3);
    e.name = stmt->Text(4);
    e.aliases = SplitList(stmt->TextView(5));
    e.countries = SplitList(stmt->TextView(6));
    e.programs = stmt->Text(7);
    e.federal_register_notice = stmt->Text(8);
    e.start_date = ParseDate(stmt->Text(9));
    e.end_date = ParseDate(stmt->Text(10));
    e.license_requirement = stmt->Text(11);
    e.license_policy = stmt->Text(12);
    e.line = static_cast<int>(stmt->Int(13));
    fn(std::move(e));
  }
  return s;
}

}  // namespace chipgate
