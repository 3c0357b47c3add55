// MigrateDatabase (chipgate/store_migration.h): copying a whole database into an empty one, on
// any backend (`chipgate db migrate`; docs/db-schema.md, "Moving a database"). The rows go through
// TableCopyBackend, table by table in copy_tables.h's order, inside one write transaction of the
// target that commits only after the copy was checked against the source.
#include <cstring>

#include "chipgate/store_migration.h"

#include "base/sha256.h"
#include "store/copy_tables.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// An order-independent digest of a table's rows: the sum (mod 2^64) of the first 8 bytes of each
// row's SHA-256 over an unambiguous encoding of its cells (kind, then length-prefixed text or the
// exact integer or double bits). Two backends may stream a table in different orders where its
// key has NULLs (ownership); the rows themselves must be equal, cell for cell.
class RowsDigest {
 public:
  void Add(const CopyRow& row) {
    buf_.clear();
    for (const Cell& c : row) {
      if (c.null) {
        buf_ += "N;";
        continue;
      }
      buf_ += 'I';
      buf_ += std::to_string(c.i);
      buf_ += ";R";
      uint64_t bits = 0;
      std::memcpy(&bits, &c.d, sizeof bits);
      buf_ += std::to_string(bits);
      buf_ += ";T";
      buf_ += std::to_string(c.t.size());
      buf_ += ':';
      buf_ += c.t;
    }
    std::string hex = Sha256Hex(buf_);
    sum_ += std::stoull(hex.substr(0, 16), nullptr, 16);
    ++rows_;
  }
  uint64_t sum() const { return sum_; }
  int64_t rows() const { return rows_; }

 private:
  std::string buf_;
  uint64_t sum_ = 0;
  int64_t rows_ = 0;
};

// The audit_log column holding a record's hash (CopyColumns(kAuditLog)).
size_t AuditHashColumn() {
  std::span<const CopyColumn> cols = CopyColumns(CopyTable::kAuditLog);
  for (size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name == "hash") return i;
  return cols.size();
}

std::string VerifyProblem(const AuditVerifyResult& v) {
  if (!v.schema.empty()) return DescribeSchemaDifference(v.schema.front());
  if (v.first_bad_seq > 0) return "record " + std::to_string(v.first_bad_seq) + ": " + v.problem;
  return v.problem;
}

}  // namespace

Result<MigrationResult> MigrateDatabase(const std::string& from_location,
                                        const std::string& to_location,
                                        const MigrationProgress& progress) {
  auto source = OpenStoreImpl(from_location, StoreOptions{.read_only = true});
  if (!source.ok()) return source.status();
  auto target = OpenStoreImpl(to_location, StoreOptions{.create = true});
  if (!target.ok()) return target.status();
  MigrationResult out;
  out.from = source.value()->path;
  out.to = target.value()->path;
  // The source first: a log that does not verify is not copied (a copy would carry its damage
  // into a database whose own verify then fails, or hide where it came from).
  auto source_log = VerifyAuditIn(*source.value(), {}, nullptr);
  if (!source_log.ok()) return source_log.status();
  if (!source_log->ok) {
    out.refused = MigrationRefusal::kSourceLog;
    out.problem = "the audit log of `" + out.from + "` does not verify (" +
                  VerifyProblem(source_log.value()) + "); run `chipgate log verify` on it";
    return out;
  }
  StoreBackend& from = *source.value()->backend;
  StoreBackend& to = *target.value()->backend;
  const size_t hash_column = AuditHashColumn();
  Status s = to.InWriteTransaction([&]() -> Status {
    for (CopyTable t : kCopyTables) {
      auto n = to.CountTableRows(t);
      if (!n.ok()) return n.status();
      if (n.value() > 0) {
        out.refused = MigrationRefusal::kTargetNotEmpty;
        out.problem = "`" + out.to + "` is not empty (" + std::string(CopyTableName(t)) + " has " +
                      std::to_string(n.value()) +
                      " rows): a database is migrated into an empty one only";
        return Status::Ok();
      }
    }
    std::vector<RowsDigest> digests(kCopyTableCount);
    std::string last_hash;
    // Every table from one snapshot of the source: a write committed there meanwhile is in the
    // copy entirely or not at all.
    Status copied = from.InReadSnapshot([&]() -> Status {
      for (CopyTable t : kCopyTables) {
        RowsDigest& digest = digests[static_cast<size_t>(t)];
        Status written;
        Status read = from.ForEachTableRow(t, [&](const CopyRow& row) {
          written = to.InsertTableRow(t, row);
          if (!written.ok()) return false;
          digest.Add(row);
          if (t == CopyTable::kAuditLog && hash_column < row.size()) last_hash = row[hash_column].t;
          return true;
        });
        if (!read.ok()) return read;
        if (!written.ok())
          return Status::Error("writing " + std::string(CopyTableName(t)) + " into `" + out.to +
                               "`: " + written.message());
        if (progress) {
          if (Status p = progress(CopyTableName(t), digest.rows()); !p.ok()) return p;
        }
      }
      auto id = from.ReadDatabaseId();
      if (!id.ok()) return id.status();
      out.database_id = id.value();
      return Status::Ok();
    });
    if (!copied.ok()) return copied;
    if (Status w = to.WriteDatabaseId(out.database_id); !w.ok()) return w;
    if (Status g = to.SyncGeneratedIds(); !g.ok()) return g;
    // The copy read back inside the transaction: the same rows, and a log that verifies.
    for (CopyTable t : kCopyTables) {
      const RowsDigest& want = digests[static_cast<size_t>(t)];
      RowsDigest have;
      if (Status r = to.ForEachTableRow(t,
                                        [&](const CopyRow& row) {
                                          have.Add(row);
                                          return true;
                                        });
          !r.ok())
        return r;
      if (have.rows() != want.rows() || have.sum() != want.sum())
        return Status::Error("the copy of " + std::string(CopyTableName(t)) + " in `" + out.to +
                             "` has " + std::to_string(have.rows()) + " rows, the source " +
                             std::to_string(want.rows()) +
                             (have.rows() == want.rows() ? ", with other contents" : ""));
      out.tables.push_back({CopyTableName(t), have.rows()});
    }
    auto copy_log = VerifyAuditIn(*target.value(), {}, nullptr);
    if (!copy_log.ok()) return copy_log.status();
    if (!copy_log->ok)
      return Status::Error("the copied audit log does not verify in `" + out.to +
                           "`: " + VerifyProblem(copy_log.value()));
    int64_t records = digests[static_cast<size_t>(CopyTable::kAuditLog)].rows();
    if (copy_log->records != records || copy_log->head != last_hash)
      return Status::Error("the copied audit log has " + std::to_string(copy_log->records) +
                           " records ending at " + copy_log->head + ", the source " +
                           std::to_string(records) + " ending at " + last_hash);
    out.records = records;
    out.head = copy_log->head;
    out.runs_checked = copy_log->runs_checked;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (out.refused != MigrationRefusal::kNone) out.tables.clear();
  return out;
}

}  // namespace chipgate
