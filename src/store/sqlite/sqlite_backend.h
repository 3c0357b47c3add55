// SqliteBackend: the store backend over one SQLite connection. Statements are literals
// (sql::SqlText), prepared once per connection and reused. Its methods are split by role:
// opening and transactions (sqlite_backend.cc), inventory reads and import writes
// (sqlite_inventory.cc), the customer master (sqlite_parties.cc), the audit log and audit runs
// (sqlite_audit.cc), screening lists (sqlite_lists.cc), licenses (sqlite_licenses.cc), and what
// `ship` writes beyond an imported shipment (sqlite_shipments.cc).
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "store/backend.h"
#include "store/sqlite/db.h"

namespace chipgate {

class SqliteBackend final : public StoreBackend {
 public:
  SqliteBackend(sql::Db db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

  int schema_version() const override;
  Status InWriteTransaction(const std::function<Status()>& fn) override;
  Status InReadSnapshot(const std::function<Status()>& fn) override;
  bool DeferCheckpoints() override;
  int64_t LogPages() const override { return log_pages_.load(std::memory_order_relaxed); }
  Status Checkpoint() override;

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

  // PartyReader (sqlite_parties.cc)
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
  Result<int64_t> UpsertParty(const PartyImportRow& row) override;  // sqlite_parties.cc
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
  Result<int64_t> ClearImportTable(ImportTable table) override;  // sqlite_import.cc
  Result<int64_t> CountRows(ImportTable table) override;         // sqlite_import.cc
  bool TransactionLost() const override { return db_.TransactionLost(); }

  // AuditLogBackend
  Result<std::vector<SchemaDifference>> AuditSchemaDifferences() override;
  Result<std::optional<AuditHead>> ReadAuditHead() override;
  Status InsertAuditRecord(const StoredAuditRecord& record) override;
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

  // ScreeningListBackend (sqlite_lists.cc)
  Result<int64_t> InsertListVersion(std::string_view source_set,
                                    const ScreeningListVersion& version) override;
  Result<bool> DeleteListVersion(std::string_view digest) override;
  Status InsertListEntry(int64_t version, int64_t seq, const ScreeningListEntry& e) override;
  Status ForEachListVersion(
      const std::function<void(int64_t, const ScreeningListVersion&)>& fn) override;
  Status ForEachListEntry(int64_t version,
                          const std::function<void(ScreeningListEntry&&)>& fn) override;

  // LicenseBackend (sqlite_licenses.cc)
  Result<bool> LicenseExists(const std::string& number) override;
  Status InsertLicense(const License& license) override;
  Status ForEachLicense(Date as_of, const std::function<void(HeldLicense&&)>& fn) override;
  Status ForEachLicenseInForce(Date in_force_on, Date uses_as_of, const std::string& destination,
                               const std::function<void(HeldLicense&&)>& fn) override;
  Result<std::optional<HeldLicense>> ReadLicense(const std::string& number, Date as_of) override;

  // ShipmentWriter (sqlite_shipments.cc)
  Result<bool> ShipmentExists(const std::string& id) override;
  Status InsertLicenseUse(const LicenseUseInsert& use) override;

  // TableCopyBackend (sqlite_copy.cc)
  Status ForEachTableRow(CopyTable table, const std::function<bool(const CopyRow&)>& fn) override;
  Status InsertTableRow(CopyTable table, const CopyRow& row) override;
  Result<int64_t> CountTableRows(CopyTable table) override;
  Status WriteDatabaseId(const std::string& id) override;
  Status SyncGeneratedIds() override;

  sql::Db& db() { return db_; }

 private:
  // The party in the current row of a `SELECT <kPartyColumns> ...` statement.
  static StoredParty PartyOf(const sql::Stmt& stmt);
  Result<std::optional<StoredParty>> OneParty(sql::Stmt& stmt);

  // A prepared statement for `sql`, reset and ready to bind; prepared on first use. A statement
  // that is being stepped must not be asked for again until it is done (each caller's own).
  Result<sql::Stmt*> Cached(sql::SqlText sql);

  sql::Db db_;
  std::string path_;
  std::map<std::string, sql::Stmt, std::less<>> cache_;
  int snapshot_depth_ = 0;  // InReadSnapshot calls under way (SQLite has no nested BEGIN)
  bool in_write_ = false;   // inside InWriteTransaction: a snapshot joins it
  std::atomic<int64_t> log_pages_{0};  // pages in the WAL after the last commit (DeferCheckpoints)
  // The schema cookie at which AuditSchemaDifferences last found chipgate's schema.
  std::optional<int64_t> chipgate_schema_cookie_;
  // While ForEachPart streams (sqlite_inventory.cc): every bill of materials, read at its start
  // in the same snapshot, sorted by parent (ReadComponents answers from it), and the row being
  // handed out (ReadPart of that part answers from it).
  const std::vector<std::pair<std::string, std::vector<BomEdge>>>* stream_boms_ = nullptr;
  const ItemFacts* stream_row_ = nullptr;
  // Also while it streams: the rows of parts that are components, kept as they stream past until
  // as many reads as they have parents have been made (ReadPart answers from them), with those
  // reads still to come by part; a component read before it streamed past is not kept.
  std::unordered_map<std::string, int64_t>* stream_uses_ = nullptr;
  std::unordered_map<std::string, ItemFacts>* stream_kept_ = nullptr;

  // What PrefetchParts read (sqlite_inventory.cc): each part asked for and each part of their
  // bills of materials, as ReadPart and ReadComponents would read them (`found` false when the
  // part is not stored). Kept only inside the read snapshot it was read in: forgotten when the
  // snapshot ends and by the next PrefetchParts, and never read or used in a write transaction.
  struct PrefetchedPart {
    bool found = false;
    ItemFacts item;              // part, has_specs, specs and contents
    std::vector<BomEdge> edges;  // ordered by child
  };
  const PrefetchedPart* Prefetched(const std::string& part) const;
  Status PrefetchBatch(std::span<const std::string> parts, std::vector<std::string>& children);
  // One statement asks for at most kPrefetchBatch parts; one PrefetchParts reads at most
  // kPrefetchParts (the parts and their bills of materials). A part left out is read by itself
  // when asked for, so the bounds cost time, never an answer.
  static constexpr size_t kPrefetchBatch = 1024;
  static constexpr size_t kPrefetchParts = 20000;
  std::unordered_map<std::string, PrefetchedPart> prefetched_;
};

}  // namespace chipgate
