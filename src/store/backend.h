// The store's backend interface: data access in terms of the domain (parts with their attributes
// and bills of materials, parties, shipments, audit records, audit runs and findings), with no SQL
// dialect in it. The logic that does not depend on the database (completing manifest lines, the
// bill-of-materials DAG walk, the audit chain, canonical checks and read-back comparison) lives
// above it in src/store/*.cc; a backend implements only storage. SQLite is the one backend today
// (src/store/sqlite/); docs/architecture.md, "Store interface", describes the split.
//
// Cost: calls are per part looked up, per stored row written, or per stream; a streamed row
// reaches its consumer through one callback, never a virtual call per column. Two calls let a
// backend whose every statement is a round trip batch them: PrefetchParts (a manifest's parts) and
// InsertAuditRecords (an append's records).
// Thread-safety: a backend is one connection, used by one thread at a time (like Store).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/facts.h"
#include "chipgate/license.h"
#include "chipgate/screening_list.h"
#include "chipgate/status.h"
#include "chipgate/store.h"
#include "store/copy_tables.h"
#include "store/part_attributes.h"

namespace chipgate {

// One edge of a bill of materials: `parent` contains `quantity` of `child`.
struct BomEdge {
  std::string child;
  int64_t quantity = 0;
};

// One row of the streamed catalogue. References are valid during the callback only.
struct StoredPartRow {
  const std::string& part;
  const std::string& declared_eccn;  // "" when the catalogue gives none
  bool has_components;               // the part has bill-of-materials rows
  // The part's own row as ReadPart gives it; only when !has_components (a part with a bill of
  // materials is read again through ReadPart and ReadComponents by the consumer).
  const ItemFacts& item;
};

// Reads the inventory.
class InventoryReader {
 public:
  virtual ~InventoryReader() = default;
  // Reads the part's own row into `out` (part, has_specs, the attribute columns of
  // kPartAttributes as specs with NULL ones left out so they stay unknown, and contents kListed
  // when its bill of materials is declared complete, else kNotGiven). False when not stored.
  // Entries already in out.specs are overwritten in place, so a reused item allocates nothing.
  virtual Result<bool> ReadPart(const std::string& part, ItemFacts& out) = 0;
  // Replaces `out` with the part's bill-of-materials edges, ordered by child.
  virtual Status ReadComponents(const std::string& parent, std::vector<BomEdge>& out) = 0;
  // Says that ReadPart and ReadComponents of `parts` and of the parts of their bills of materials
  // follow. A backend whose every read is a round trip to a server may read them all now, in one
  // batch, and answer those reads from it while the current read snapshot or write transaction
  // lasts, so each gives what it would have read itself. A hint only: the default does nothing.
  virtual Status PrefetchParts(std::span<const std::string> parts) {
    (void)parts;
    return Status::Ok();
  }
  // Streams every part ordered by part number; stops when fn returns false. Other reads of this
  // interface may be made from inside fn.
  virtual Status ForEachPart(const std::function<bool(const StoredPartRow&)>& fn) = 0;
  // Streams every shipment with its lines, ordered by date, id and line number.
  virtual Status ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) = 0;
};

// A part row to import. Empty text is NULL; attributes are in kPartAttributes order.
struct PartImportRow {
  struct Cell {
    bool known = false;  // false: NULL (unknown)
    std::string text;    // AttributeKind::kText
    double number = 0;   // kNonNegative, kPositive
    bool flag = false;   // kFlag
  };
  std::string part_number, description, declared_eccn, source;
  std::optional<bool> bom_complete;
  std::array<Cell, kPartAttributeCount> attributes;
};

// Parties, ownership, shipments and shipment lines to import. Empty optional text is NULL.
struct PartyImportRow {
  std::string party_id, name, country, headquarters, parent, parent_headquarters, note;
  std::vector<std::string> aliases;  // as written; keyed with PartyKey like the name
};
// One side of an ownership row: a party of the master (its row) or a name not in the master.
struct PartyRef {
  int64_t row = 0;   // > 0: the party's row in the master
  std::string name;  // the master's name of that party, or the name as written when row == 0
                     // ("" on the owner side of a "none" row)
};
// `owner` holds `share` percent of `party` directly; no owner and no share: the party's owners
// are known and none is listed.
struct OwnershipImportRow {
  PartyRef party, owner;
  std::optional<double> share;
};
struct ShipmentImportRow {
  std::string id, date, consignee, consignee_country, end_user, end_user_country,
      end_user_headquarters, consignee_id, end_user_id, end_use;
};
struct ShipmentLineImportRow {
  std::string shipment_id;
  int64_t line = 0;
  std::string part_number;
  int64_t quantity = 0;
  std::string license;
  std::optional<UsdCents> unit_value;  // nullopt: not known (stored NULL)
};

// Writes validated import rows (src/store/importer.cc validates them), inside the caller's write
// transaction. An error is the database refusing the row (a constraint, a full disk).
class ImportSink {
 public:
  virtual ~ImportSink() = default;
  virtual Result<bool> PartExists(const std::string& part) = 0;
  virtual Status UpsertPart(const PartImportRow& row) = 0;  // by part number
  virtual Status UpsertComponent(const std::string& parent, const std::string& child,
                                 int64_t quantity) = 0;  // by (parent, child)
  // Every stored bill-of-materials edge (the rows of this import included), for cycle checks.
  virtual Status ForEachComponentEdge(
      const std::function<void(const std::string& parent, const std::string& child)>& fn) = 0;
  // By party_id; the party's names and aliases replace the ones stored for it. Returns its row.
  virtual Result<int64_t> UpsertParty(const PartyImportRow& row) = 0;
  // Removes every ownership row of `party` (before the rows of an import replace them).
  virtual Status DeleteOwnership(const PartyRef& party) = 0;
  virtual Status InsertOwnership(const OwnershipImportRow& row) = 0;
  virtual Status InsertShipment(const ShipmentImportRow& row) = 0;  // an existing id is an error
  virtual Status InsertShipmentLine(const ShipmentLineImportRow& row) = 0;
  // A re-import's writes: by id, and by (shipment id, line).
  virtual Status UpsertShipment(const ShipmentImportRow& row) = 0;
  virtual Status UpsertShipmentLine(const ShipmentLineImportRow& row) = 0;
  // Deletes the lines of `shipment_id` numbered after `last_line`; returns how many. A line a
  // license use refers to is not deleted: an error.
  virtual Result<int64_t> DeleteShipmentLinesAfter(const std::string& shipment_id,
                                                   int64_t last_line) = 0;
  // The license uses `chipgate ship` recorded for the shipment's lines.
  virtual Result<int64_t> CountLicenseUses(const std::string& shipment_id) = 0;
  // The stored row under a key as one text, so the importer can tell an added row (nullopt
  // before the write), an updated one (the text changed) and an unchanged one. Keys: kParts the
  // part number; kComponents parent and child; kParties the party_id (its names and aliases are
  // in the text); kShipments the id; kShipmentLines the shipment id and the line number.
  // Other tables: an error.
  virtual Result<std::optional<std::string>> ReadImportedRow(ImportTable table,
                                                             const std::string& key,
                                                             const std::string& second = "") = 0;
  // Deletes every row of the table (`--replace`); returns how many. Fails, deleting nothing, when
  // stored rows of another table refer to them.
  virtual Result<int64_t> ClearImportTable(ImportTable table) = 0;
  // The number of rows of the table (progress totals, the counts of a replace).
  virtual Result<int64_t> CountRows(ImportTable table) = 0;
  // Whether the database abandoned the transaction after an error: nothing more can be written.
  virtual bool TransactionLost() const = 0;
};

// A party of the customer master as stored.
struct StoredParty {
  int64_t row = 0;
  std::string party_id, name, country, headquarters, parent, parent_headquarters;
};

// One direct owner of a party: a party of the master (owner_row > 0) or a name, with its share;
// no share: the "none listed" row.
struct StoredOwner {
  int64_t owner_row = 0;
  std::string owner_name;
  std::optional<double> share;
};

// Reads the customer master (src/store/party_master.cc completes shipments with it).
class PartyReader {
 public:
  virtual ~PartyReader() = default;
  virtual Result<std::optional<StoredParty>> ReadPartyById(const std::string& party_id) = 0;
  // The party with this name or alias key (PartyKey).
  virtual Result<std::optional<StoredParty>> ReadPartyByKey(const std::string& key) = 0;
  virtual Result<std::optional<StoredParty>> ReadPartyRow(int64_t row) = 0;
  // Replaces `out` with the direct owners of a party of the master (`row` > 0; rows stored under
  // `key`, its name's key, count too) or of a name not in the master (row 0, by `key`).
  virtual Status ReadOwners(int64_t row, const std::string& key, std::vector<StoredOwner>& out) = 0;
};

// The last record of the audit log.
struct AuditHead {
  int64_t seq = 0;
  std::string hash, ts;
};

// ForEachAuditRecord's from_seq for every stored record, whatever its seq.
inline constexpr int64_t kAllAuditRecords = std::numeric_limits<int64_t>::min();

// Stores audit-log records; chaining, hashing and checking them is done above (audit_store.cc).
class AuditLogBackend {
 public:
  virtual ~AuditLogBackend() = default;
  // The objects that can change what a write to the audit tables does (SchemaDifference) and
  // are not exactly as this backend's migrations create them; empty when all are.
  virtual Result<std::vector<SchemaDifference>> AuditSchemaDifferences() = 0;
  virtual Result<std::optional<AuditHead>> ReadAuditHead() = 0;
  // Writes one record as given; an error unless exactly one record was written.
  virtual Status InsertAuditRecord(const StoredAuditRecord& record) = 0;
  // Writes the records as given, in order, as InsertAuditRecord of each would; an error unless
  // every one was written. A backend may write them in one statement (the default: one by one).
  virtual Status InsertAuditRecords(std::span<const StoredAuditRecord> records) {
    for (const StoredAuditRecord& r : records)
      if (Status s = InsertAuditRecord(r); !s.ok()) return s;
    return Status::Ok();
  }
  // Streams the stored records with seq >= from_seq in seq order, byte for byte as stored; the
  // record passed to fn is reused from row to row.
  virtual Status ForEachAuditRecord(int64_t from_seq,
                                    const std::function<bool(const StoredAuditRecord&)>& fn) = 0;
};

// Stores inventory-audit runs and their findings.
class AuditRunBackend {
 public:
  virtual ~AuditRunBackend() = default;
  // Writes the run row (with the number and digest of its findings); returns the new run id.
  virtual Result<int64_t> InsertAuditRun(const Store::RunRow& run, int64_t findings,
                                         const std::string& findings_digest) = 0;
  // Writes finding number `seq` (from 1) of the run.
  virtual Status InsertAuditFinding(int64_t run_id, int64_t seq,
                                    const Store::FindingRow& finding) = 0;
  // Reads back: the number of runs with this id and `findings` findings recorded on the row
  // (1 when written as asked), and the number of finding rows of the run.
  struct RunCounts {
    int64_t runs = 0, findings = 0;
  };
  virtual Result<RunCounts> CountAuditRun(int64_t run_id, int64_t findings) = 0;
  // The database's id (database_id), which an audit-run record names.
  virtual Result<std::string> ReadDatabaseId() = 0;
  // The run row as stored, `database` left empty and `findings_digest` "" when NULL (a run
  // recorded before schema version 12); nullopt when there is no run with this id.
  virtual Result<std::optional<AuditRunSummary>> ReadAuditRun(int64_t run_id) = 0;
  // The run's finding rows in seq order, byte for byte as stored; the row passed to fn is reused.
  virtual Status ForEachAuditFinding(int64_t run_id,
                                     const std::function<void(const StoredFinding&)>& fn) = 0;
};

// Imported screening lists (chipgate/screening_list.h): every imported version of every source
// set, each file once (by digest), its entries numbered from 1 in file order.
class ScreeningListBackend {
 public:
  virtual ~ScreeningListBackend() = default;
  // Inserts `version` (with its `imported_at`) as a version of `source_set`; returns its id. The
  // versions already stored stay.
  virtual Result<int64_t> InsertListVersion(std::string_view source_set,
                                            const ScreeningListVersion& version) = 0;
  virtual Status InsertListEntry(int64_t version, int64_t seq, const ScreeningListEntry& e) = 0;
  // Deletes the version with `digest` and its entries; false when none is stored.
  virtual Result<bool> DeleteListVersion(std::string_view digest) = 0;
  // Every stored version, by source set, then in import order.
  virtual Status ForEachListVersion(
      const std::function<void(int64_t id, const ScreeningListVersion&)>& fn) = 0;
  // The entries of one version, in seq order.
  virtual Status ForEachListEntry(int64_t version,
                                  const std::function<void(ScreeningListEntry&&)>& fn) = 0;
};

// Licenses the exporter holds (chipgate/license.h) with their used balances. The importer
// validates a license before InsertLicense; the use of a license as of a date is the sum of its
// recorded uses on or before that date.
class LicenseBackend {
 public:
  virtual ~LicenseBackend() = default;
  virtual Result<bool> LicenseExists(const std::string& number) = 0;
  // Inside the caller's write transaction; an existing number is an error.
  virtual Status InsertLicense(const License& license) = 0;
  // Every license, by number, with its use as of `as_of`.
  virtual Status ForEachLicense(Date as_of, const std::function<void(HeldLicense&&)>& fn) = 0;
  // The licenses in force on `in_force_on` (valid_from <= it <= valid_until) with `destination`
  // among their destinations, by number, with their use as of `uses_as_of` (check: the ship date;
  // ship: every use recorded); found through an index on the destination, not by reading every
  // license.
  virtual Status ForEachLicenseInForce(Date in_force_on, Date uses_as_of,
                                       const std::string& destination,
                                       const std::function<void(HeldLicense&&)>& fn) = 0;
  // One license by number with its use as of `as_of`; nullopt when not stored.
  virtual Result<std::optional<HeldLicense>> ReadLicense(const std::string& number, Date as_of) = 0;
};

// One shipment line's draw on a license, as `chipgate ship` records it (license_uses).
struct LicenseUseInsert {
  std::string license;  // the license number (stored)
  std::string shipment_id;
  int64_t line = 0;
  Date date;  // the shipment's date
  int64_t quantity = 0;
  std::optional<UsdCents> value;  // nullopt: the line's value is not known
};

// Records shipments (src/store/shipments.cc decides what, in the caller's write transaction;
// the shipment and its lines are written with ImportSink's InsertShipment and
// InsertShipmentLine, as imported ones are).
class ShipmentWriter {
 public:
  virtual ~ShipmentWriter() = default;
  virtual Result<bool> ShipmentExists(const std::string& id) = 0;
  // An error unless exactly one row was written (the license is stored, the line is not drawn
  // on a license already).
  virtual Status InsertLicenseUse(const LicenseUseInsert& use) = 0;
};

// Looks parts up for people (`chipgate parts`): the catalogue's descriptive columns, where a part
// is used, and the shipment lines that carried it. Read only; never on a decision's path.
class PartCatalogReader {
 public:
  virtual ~PartCatalogReader() = default;
  // The part's catalogue row; false when the part is not stored.
  virtual Result<bool> ReadPartInfo(const std::string& part, PartInfo& out) = 0;
  // Every part's catalogue row, ordered by part number; stops when fn returns false.
  virtual Status ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) = 0;
  // The parts whose bill of materials lists `child`, ordered by parent (`child` is the edge's
  // parent here: the part that contains it).
  virtual Status ReadParents(const std::string& child, std::vector<BomEdge>& out) = 0;
  // The recorded shipment lines of `part` with their shipments, by date, shipment id and line.
  virtual Status ReadShipmentLinesOf(const std::string& part,
                                     std::vector<PartShipmentLine>& out) = 0;
  // The decision of the last `ship` audit record with `subject`; "" when there is none.
  virtual Result<std::string> ReadShipDecision(const std::string& subject) = 0;
};

// Copies whole tables from one database to another (`chipgate db migrate`: MigrateDatabase),
// row by row with every column of CopyColumns(table), ids included, so a copy is the same data on
// any backend: the audit log byte for byte, audit runs under their ids (which audit-run records
// name), every screening-list version.
class TableCopyBackend {
 public:
  virtual ~TableCopyBackend() = default;
  // Streams every row of the table in its key order; the row passed to fn is reused. Other reads
  // and writes (on other connections) may be made from inside fn.
  virtual Status ForEachTableRow(CopyTable table,
                                 const std::function<bool(const CopyRow&)>& fn) = 0;
  // Writes one row as given, ids included, inside the caller's write transaction; an error unless
  // exactly one row was written.
  virtual Status InsertTableRow(CopyTable table, const CopyRow& row) = 0;
  virtual Result<int64_t> CountTableRows(CopyTable table) = 0;
  // Replaces the database's id (database_id, which the migrations made) with `id`, so audit-run
  // records copied from another database name this one.
  virtual Status WriteDatabaseId(const std::string& id) = 0;
  // After rows were written with their ids: the next id a table generates follows the largest one
  // stored (PostgreSQL's identity sequences do not follow explicit ids by themselves).
  virtual Status SyncGeneratedIds() = 0;
};

// One open database: every role above on one connection, and its transactions.
class StoreBackend : public InventoryReader,
                     public PartCatalogReader,
                     public PartyReader,
                     public ImportSink,
                     public AuditLogBackend,
                     public AuditRunBackend,
                     public ScreeningListBackend,
                     public LicenseBackend,
                     public ShipmentWriter,
                     public TableCopyBackend {
 public:
  // The schema version of the opened database (after migrations).
  virtual int schema_version() const = 0;
  // Runs fn in one write transaction that waits for other writers: committed when fn succeeds,
  // otherwise (or when the database abandoned the transaction) nothing is written.
  virtual Status InWriteTransaction(const std::function<Status()>& fn) = 0;
  // Runs fn with all its reads in one consistent snapshot, taken when it is called; called inside
  // fn, it joins the snapshot already open (Store::InReadSnapshot).
  virtual Status InReadSnapshot(const std::function<Status()>& fn) = 0;
  // Write-ahead-log checkpoints (SQLite; a backend without them does nothing). By default the
  // connection that commits also checkpoints, inside its COMMIT, once the log has grown past
  // SQLite's limit. DeferCheckpoints stops that on this connection: its commits then only count
  // the pages in the log (LogPages, readable from any thread), and another connection copies them
  // into the database with Checkpoint (passive: it never blocks a writer or a reader). A commit is
  // durable in the log either way; a checkpoint only moves it. False: the backend has no such log
  // (nothing changed).
  virtual bool DeferCheckpoints() { return false; }
  virtual int64_t LogPages() const { return 0; }
  virtual Status Checkpoint() { return Status::Ok(); }
};

}  // namespace chipgate
