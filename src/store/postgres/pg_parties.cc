// PgBackend's customer master: parties by id, by name or alias key and by row, their direct
// owners, and the import writes of parties and ownership rows. Keys are computed in C++
// (base/string_key.h) and bound, as in the SQLite backend.
#include "base/string_key.h"
#include "store/postgres/pg_backend.h"

namespace chipgate {

#define CHIPGATE_PG_PARTY_COLUMNS                                                          \
  "p.id, p.party_id, p.name, p.country, coalesce(p.headquarters, ''), coalesce(p.parent, " \
  "''), coalesce(p.parent_headquarters, '')"

StoredParty PgBackend::PartyOf(const pg::Rows& rows, int r) {
  return {rows.Int(r, 0),  rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3),
          rows.Text(r, 4), rows.Text(r, 5), rows.Text(r, 6)};
}

namespace {

Result<std::optional<StoredParty>> First(Result<pg::Rows> rows,
                                         StoredParty (*of)(const pg::Rows&, int)) {
  if (!rows.ok()) return rows.status();
  if (rows->size() == 0) return std::optional<StoredParty>();
  return std::optional<StoredParty>(of(rows.value(), 0));
}

}  // namespace

Result<std::optional<StoredParty>> PgBackend::ReadPartyById(const std::string& party_id) {
  return First(
      conn_.Exec("SELECT " CHIPGATE_PG_PARTY_COLUMNS " FROM parties p WHERE p.party_id = $1",
                 pg::Params().Text(party_id)),
      &PgBackend::PartyOf);
}

Result<std::optional<StoredParty>> PgBackend::ReadPartyByKey(const std::string& key) {
  return First(conn_.Exec("SELECT " CHIPGATE_PG_PARTY_COLUMNS
                          " FROM party_names n JOIN parties p ON p.id = n.party WHERE n.key = $1",
                          pg::Params().Text(key)),
               &PgBackend::PartyOf);
}

Result<std::optional<StoredParty>> PgBackend::ReadPartyRow(int64_t row) {
  return First(conn_.Exec("SELECT " CHIPGATE_PG_PARTY_COLUMNS " FROM parties p WHERE p.id = $1",
                          pg::Params().Int(row)),
               &PgBackend::PartyOf);
}

// Ordered as the SQLite backend orders them; owner names compare by bytes (COLLATE "C").
Status PgBackend::ReadOwners(int64_t row, const std::string& key, std::vector<StoredOwner>& out) {
  out.clear();
  auto rows = conn_.Exec(
      "SELECT coalesce(owner, 0), coalesce(owner_name, ''), share FROM ownership "
      "WHERE ($1 > 0 AND party = $1) OR party_key = $2 "
      "ORDER BY coalesce(owner, 0), coalesce(owner_name, ''), share",
      pg::Params().Int(row).Text(key));
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) {
    StoredOwner o{rows->Int(i, 0), rows->Text(i, 1), std::nullopt};
    if (!rows->IsNull(i, 2)) o.share = rows->Double(i, 2);
    out.push_back(std::move(o));
  }
  return Status::Ok();
}

Result<int64_t> PgBackend::UpsertParty(const PartyImportRow& row) {
  pg::Params p;
  p.Text(row.party_id).Text(row.name).Text(row.country).TextOrNull(row.headquarters);
  p.TextOrNull(row.parent).TextOrNull(row.parent_headquarters).TextOrNull(row.note);
  auto up = conn_.Exec(
      "INSERT INTO parties (party_id, name, country, headquarters, parent, parent_headquarters, "
      "note) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (party_id) DO UPDATE SET name = "
      "excluded.name, country = excluded.country, headquarters = excluded.headquarters, parent = "
      "excluded.parent, parent_headquarters = excluded.parent_headquarters, note = excluded.note "
      "RETURNING id",
      p);
  if (!up.ok()) return up.status();
  if (up->size() != 1) return Status::Error("the party row was not written");
  int64_t id = up->Int(0, 0);
  auto clear = conn_.Exec("DELETE FROM party_names WHERE party = $1", pg::Params().Int(id));
  if (!clear.ok()) return clear.status();
  for (size_t i = 0; i <= row.aliases.size(); ++i) {
    const std::string& name = i == 0 ? row.name : row.aliases[i - 1];
    std::string key = NameKey(name);
    if (key.empty()) continue;
    auto in = conn_.Exec(
        "INSERT INTO party_names (key, party, name, alias) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (key) DO NOTHING",
        pg::Params().Text(key).Int(id).Text(name).Int(i > 0 ? 1 : 0));
    if (!in.ok()) return in.status();
  }
  return id;
}

Status PgBackend::DeleteOwnership(const PartyRef& party) {
  auto r = conn_.Exec("DELETE FROM ownership WHERE ($1 > 0 AND party = $1) OR party_key = $2",
                      pg::Params().Int(party.row).Text(NameKey(party.name)));
  return r.ok() ? Status::Ok() : r.status();
}

Status PgBackend::InsertOwnership(const OwnershipImportRow& row) {
  pg::Params p;
  if (row.party.row > 0) {
    p.Int(row.party.row).Null().Null();
  } else {
    p.Null().Text(row.party.name).Text(NameKey(row.party.name));
  }
  row.owner.row > 0 ? p.Int(row.owner.row) : p.Null();
  p.TextOrNull(row.owner.row > 0 ? "" : row.owner.name);
  row.share ? p.Double(*row.share) : p.Null();
  auto r = conn_.Exec(
      "INSERT INTO ownership (party, party_name, party_key, owner, owner_name, share) VALUES "
      "($1, $2, $3, $4, $5, $6)",
      p);
  return r.ok() ? Status::Ok() : r.status();
}

#undef CHIPGATE_PG_PARTY_COLUMNS

}  // namespace chipgate
