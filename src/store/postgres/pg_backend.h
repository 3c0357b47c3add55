// PgBackend: the store backend over one PostgreSQL connection (libpq). Statements are literals
// (sql::SqlText) with $n parameters, prepared once per connection. Its methods are split by role
// as the SQLite backend's are: opening, migrations and transactions (pg_backend.cc), inventory
// reads and import writes (pg_inventory.cc, pg_import.cc), the customer master (pg_parties.cc),
// the audit log and audit runs (pg_audit.cc), screening lists and licenses (pg_lists.cc,
// pg_licenses.cc), part look-ups and what `ship` writes (pg_part_catalog.cc).
// Writers serialise on one transaction-scoped advisory lock taken first in every write
// transaction, so the audit chain's head is read and extended by one writer at a time across
// processes and hosts, and license balances are read and drawn on under the same lock
// (docs/db-schema.md, "PostgreSQL").
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "store/backend.h"
#include "store/postgres/pg_conn.h"

namespace chipgate {

class PgBackend final : public StoreBackend {
 public:
  PgBackend(pg::Conn conn, std::string location)
      : conn_(std::move(conn)), location_(std::move(location)) {}

  int schema_version() const override;
  Status InWriteTransaction(const std::function<Status()>& fn) override;
  Status InReadSnapshot(const std::function<Status()>& fn) override;

  // PartCatalogReader
  Result<bool> ReadPartInfo(const std::string& part, PartInfo& out) override;
  Status ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) override;
  Status ReadParents(const std::string& child, std::vector<BomEdge>& out) override;
  Status ReadShipmentLinesOf(const std::string& part, std::vector<PartShipmentLine>& out) override;
  Result<std::string> ReadShipDecision(const std::string& subject) override;
  // InventoryReader
  Result<bool> ReadPart(const std::string& part, ItemFacts& out) override;
  Status ReadComponents(const std::string& parent, std::vector<BomEdge>& out) override;
  Status PrefetchParts(std::span<const std::string> parts) override;
  Status ForEachPart(const std::function<bool(const StoredPartRow&)>& fn) override;
  Status ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) override;

  // PartyReader (pg_parties.cc)
  Result<std::optional<StoredParty>> ReadPartyById(const std::string& party_id) override;
  Result<std::optional<StoredParty>> ReadPartyByKey(const std::string& key) override;
  Result<std::optional<StoredParty>> ReadPartyRow(int64_t row) override;
  Status ReadOwners(int64_t row, const std::string& key, std::vector<StoredOwner>& out) override;

  // ImportSink
  Result<bool> PartExists(const std::string& part) override;
  Status UpsertPart(const PartImportRow& row) override;
  Status UpsertComponent(const std::string& parent, const std::string& child,
                         int64_t quantity) override;
  Status ForEachComponentEdge(
      const std::function<void(const std::string&, const std::string&)>& fn) override;
  Result<int64_t> UpsertParty(const PartyImportRow& row) override;  // pg_parties.cc
  Status DeleteOwnership(const PartyRef& party) override;
  Status InsertOwnership(const OwnershipImportRow& row) override;
  Status InsertShipment(const ShipmentImportRow& row) override;
  Status InsertShipmentLine(const ShipmentLineImportRow& row) override;
  Status UpsertShipment(const ShipmentImportRow& row) override;
  Status UpsertShipmentLine(const ShipmentLineImportRow& row) override;
  Result<int64_t> DeleteShipmentLinesAfter(const std::string& shipment_id,
                                           int64_t last_line) override;
  Result<int64_t> CountLicenseUses(const std::string& shipment_id) override;
  Result<std::optional<std::string>> ReadImportedRow(ImportTable table, const std::string& key,
                                                     const std::string& second) override;
  Result<int64_t> ClearImportTable(ImportTable table) override;  // pg_import.cc
  Result<int64_t> CountRows(ImportTable table) override;         // pg_import.cc
  bool TransactionLost() const override { return conn_.InFailedTransaction(); }

  // AuditLogBackend
  Result<std::vector<SchemaDifference>> AuditSchemaDifferences() override;
  Result<std::optional<AuditHead>> ReadAuditHead() override;
  Status InsertAuditRecord(const StoredAuditRecord& record) override;
  Status InsertAuditRecords(std::span<const StoredAuditRecord> records) override;
  Status ForEachAuditRecord(int64_t from_seq,
                            const std::function<bool(const StoredAuditRecord&)>& fn) override;

  // AuditRunBackend
  Result<int64_t> InsertAuditRun(const Store::RunRow& run, int64_t findings,
                                 const std::string& findings_digest) override;
  Status InsertAuditFinding(int64_t run_id, int64_t seq, const Store::FindingRow& row) override;
  Result<RunCounts> CountAuditRun(int64_t run_id, int64_t findings) override;
  Result<std::string> ReadDatabaseId() override;
  Result<std::optional<AuditRunSummary>> ReadAuditRun(int64_t run_id) override;
  Status ForEachAuditFinding(int64_t run_id,
                             const std::function<void(const StoredFinding&)>& fn) override;

  // ScreeningListBackend (pg_lists.cc)
  Result<int64_t> InsertListVersion(std::string_view source_set,
                                    const ScreeningListVersion& version) override;
  Result<bool> DeleteListVersion(std::string_view digest) override;
  Status InsertListEntry(int64_t version, int64_t seq, const ScreeningListEntry& e) override;
  Status ForEachListVersion(
      const std::function<void(int64_t, const ScreeningListVersion&)>& fn) override;
  Status ForEachListEntry(int64_t version,
                          const std::function<void(ScreeningListEntry&&)>& fn) override;

  // LicenseBackend (pg_licenses.cc)
  Result<bool> LicenseExists(const std::string& number) override;
  Status InsertLicense(const License& license) override;
  Status ForEachLicense(Date as_of, const std::function<void(HeldLicense&&)>& fn) override;
  Status ForEachLicenseInForce(Date in_force_on, Date uses_as_of, const std::string& destination,
                               const std::function<void(HeldLicense&&)>& fn) override;
  Result<std::optional<HeldLicense>> ReadLicense(const std::string& number, Date as_of) override;

  // ShipmentWriter (pg_shipments.cc)
  Result<bool> ShipmentExists(const std::string& id) override;
  Status InsertLicenseUse(const LicenseUseInsert& use) override;

  // TableCopyBackend (pg_copy.cc)
  Status ForEachTableRow(CopyTable table, const std::function<bool(const CopyRow&)>& fn) override;
  Status InsertTableRow(CopyTable table, const CopyRow& row) override;
  Result<int64_t> CountTableRows(CopyTable table) override;
  Status WriteDatabaseId(const std::string& id) override;
  Status SyncGeneratedIds() override;

  pg::Conn& conn() { return conn_; }

  // A query streamed through a server-side cursor, `kFetchRows` rows per round trip, inside the
  // current transaction or, outside one, a read-only snapshot opened for it. Between fetches the
  // connection is free, so `fn` may run other statements (ForEachPart's consumer reads bills of
  // materials). `fn` gets the rows of one fetch and a row index; returning false stops.
  struct Cursor {
    sql::SqlText declare, fetch, close;
  };
  static constexpr int kFetchRows = 1024;
  Status Stream(const Cursor& cursor, const pg::Params& params,
                const std::function<bool(const pg::Rows&, int)>& fn);

 private:
  static StoredParty PartyOf(const pg::Rows& rows, int row);

  // A part PrefetchParts read: its row of the batch (`rows` null when the part is not stored) and
  // its whole bill of materials. Used only inside the transaction it was read in: forgotten when
  // a read snapshot or write transaction ends and when a write changes parts or components.
  struct PrefetchedPart {
    std::shared_ptr<const pg::Rows> rows;
    int row = 0;
    std::vector<BomEdge> edges;
  };
  const PrefetchedPart* Prefetched(const std::string& part) const;
  void ForgetPrefetched() { prefetched_.clear(); }
  // One statement of PrefetchParts asks for at most kPrefetchBatch parts and reads at most
  // kPrefetchParts (they and their bills of materials); at most about kPrefetchKept are kept. A
  // part left out is read by itself when asked for, so the bounds cost time, never an answer.
  static constexpr size_t kPrefetchBatch = 10000;
  static constexpr int kPrefetchParts = 100000;
  static constexpr size_t kPrefetchKept = 300000;
  Status PrefetchBatch(std::span<const std::string> parts);

  pg::Conn conn_;
  std::string location_;
  int snapshot_depth_ = 0;  // InReadSnapshot calls under way
  bool in_write_ = false;   // inside InWriteTransaction
  std::unordered_map<std::string, PrefetchedPart> prefetched_;
};

// The three statements of a cursor named `name` over `query` (literals, so each stays a SqlText).
#define CHIPGATE_PG_CURSOR(name, query)                                                            \
  PgBackend::Cursor {                                                                              \
    "DECLARE " name " NO SCROLL CURSOR FOR " query, "FETCH FORWARD 1024 FROM " name, "CLOSE " name \
  }

}  // namespace chipgate
