// SqliteBackend's customer master: parties by id, by name or alias key (party_names) and by row,
// their direct owners (ownership), and the import writes of parties and ownership rows. Keys are
// computed in C++ (base/string_key.h) and bound; the SQL function of the same name serves only
// migration 6.
#include "base/string_key.h"
#include "store/sqlite/sqlite_backend.h"

namespace chipgate {

// Every party read selects these columns, in this order (PartyOf reads them).
#define CHIPGATE_PARTY_COLUMNS                                                             \
  "p.id, p.party_id, p.name, p.country, coalesce(p.headquarters, ''), coalesce(p.parent, " \
  "''), coalesce(p.parent_headquarters, '')"

StoredParty SqliteBackend::PartyOf(const sql::Stmt& stmt) {
  return {stmt.Int(0),  stmt.Text(1), stmt.Text(2), stmt.Text(3),
          stmt.Text(4), stmt.Text(5), stmt.Text(6)};
}

// Steps a bound party query once: the party, or nullopt when there is none.
Result<std::optional<StoredParty>> SqliteBackend::OneParty(sql::Stmt& stmt) {
  Status s;
  std::optional<StoredParty> out;
  if (stmt.Step(s)) out = PartyOf(stmt);
  stmt.Reset();
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<StoredParty>> SqliteBackend::ReadPartyById(const std::string& party_id) {
  auto stmt = Cached("SELECT " CHIPGATE_PARTY_COLUMNS " FROM parties p WHERE p.party_id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, party_id);
  return OneParty(*stmt.value());
}

Result<std::optional<StoredParty>> SqliteBackend::ReadPartyByKey(const std::string& key) {
  auto stmt = Cached("SELECT " CHIPGATE_PARTY_COLUMNS
                     " FROM party_names n JOIN parties p ON p.id = n.party WHERE n.key = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, key);
  return OneParty(*stmt.value());
}

Result<std::optional<StoredParty>> SqliteBackend::ReadPartyRow(int64_t row) {
  auto stmt = Cached("SELECT " CHIPGATE_PARTY_COLUMNS " FROM parties p WHERE p.id = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt.value()->Bind(1, row);
  return OneParty(*stmt.value());
}

// In a fixed order (owner row, then name), so a graph is built the same way every time. A party
// of the master also owns the rows stored under its name's key: they were imported when the
// party was not yet in the master.
Status SqliteBackend::ReadOwners(int64_t row, const std::string& key,
                                 std::vector<StoredOwner>& out) {
  out.clear();
  auto stmt = Cached(
      "SELECT coalesce(owner, 0), coalesce(owner_name, ''), share FROM ownership "
      "WHERE (?1 > 0 AND party = ?1) OR party_key = ?2 "
      "ORDER BY coalesce(owner, 0), coalesce(owner_name, ''), share");
  if (!stmt.ok()) return stmt.status();
  sql::Stmt& st = *stmt.value();
  st.Bind(1, row).Bind(2, key);
  Status s;
  while (st.Step(s)) {
    StoredOwner o{st.Int(0), st.Text(1), std::nullopt};
    if (!st.IsNull(2)) o.share = st.Double(2);
    out.push_back(std::move(o));
  }
  st.Reset();
  return s;
}

// ---- import ----

// An upsert by party_id (the row keeps its id, so ownership rows stay linked), then the party's
// names replaced: its name and every alias under their keys. A key another party holds makes
// the insert fail; the importer checks that first and reports it at the cell.
Result<int64_t> SqliteBackend::UpsertParty(const PartyImportRow& row) {
  auto cached = Cached(
      "INSERT INTO parties (party_id, name, country, headquarters, parent, parent_headquarters, "
      "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(party_id) DO UPDATE SET name = "
      "excluded.name, country = excluded.country, headquarters = excluded.headquarters, parent = "
      "excluded.parent, parent_headquarters = excluded.parent_headquarters, note = excluded.note "
      "RETURNING id");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  st.Bind(1, row.party_id).Bind(2, row.name).Bind(3, row.country);
  st.BindTextOrNull(4, row.headquarters).BindTextOrNull(5, row.parent);
  st.BindTextOrNull(6, row.parent_headquarters).BindTextOrNull(7, row.note);
  Status s;
  if (!st.Step(s)) return s.ok() ? Status::Error("the party row was not written") : s;
  int64_t id = st.Int(0);
  st.Reset();
  auto clear = Cached("DELETE FROM party_names WHERE party = ?1");
  if (!clear.ok()) return clear.status();
  if (Status c = clear.value()->Bind(1, id).Run(); !c.ok()) return c;
  auto insert = Cached(
      "INSERT INTO party_names (key, party, name, alias) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(key) DO NOTHING");  // an alias that repeats the name (or another alias)
  if (!insert.ok()) return insert.status();
  for (size_t i = 0; i <= row.aliases.size(); ++i) {
    const std::string& name = i == 0 ? row.name : row.aliases[i - 1];
    std::string key = NameKey(name);
    if (key.empty()) continue;
    sql::Stmt& in = *insert.value();
    in.Reset();
    if (Status w = in.Bind(1, key).Bind(2, id).Bind(3, name).Bind(4, int64_t{i > 0}).Run(); !w.ok())
      return w;
  }
  return id;
}

Status SqliteBackend::DeleteOwnership(const PartyRef& party) {
  // As ReadOwners reads them: a party of the master also by its name's key.
  auto stmt = Cached("DELETE FROM ownership WHERE (?1 > 0 AND party = ?1) OR party_key = ?2");
  if (!stmt.ok()) return stmt.status();
  return stmt.value()->Bind(1, party.row).Bind(2, NameKey(party.name)).Run();
}

Status SqliteBackend::InsertOwnership(const OwnershipImportRow& row) {
  auto cached = Cached(
      "INSERT INTO ownership (party, party_name, party_key, owner, owner_name, share) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6)");
  if (!cached.ok()) return cached.status();
  sql::Stmt& st = *cached.value();
  if (row.party.row > 0) {
    st.Bind(1, row.party.row).BindNull(2).BindNull(3);
  } else {
    st.BindNull(1).Bind(2, row.party.name).Bind(3, NameKey(row.party.name));
  }
  row.owner.row > 0 ? st.Bind(4, row.owner.row) : st.BindNull(4);
  st.BindTextOrNull(5, row.owner.row > 0 ? "" : row.owner.name);
  row.share ? st.BindDouble(6, *row.share) : st.BindNull(6);
  return st.Run();
}

#undef CHIPGATE_PARTY_COLUMNS

}  // namespace chipgate
