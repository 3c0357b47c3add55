// Store: one chipgate database (inventory of parts, bills of materials, parties, shipments, and
// the audit log), with a versioned schema applied by numbered migrations. The Store holds the
// logic that is the same for every database; a backend behind it does the data access (today
// SQLite only: docs/architecture.md, "Store interface"). Every statement is parameterised.
// A Store is a single connection: use one per thread; several processes may use the same SQLite
// file at once (WAL, busy timeout, immediate transactions).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/clock.h"
#include "chipgate/date.h"
#include "chipgate/diagnostic.h"
#include "chipgate/facts.h"
#include "chipgate/license.h"
#include "chipgate/screening_list.h"
#include "chipgate/status.h"

namespace chipgate {

// The schema version of a current SQLite database (its last migration, db/migrations/sqlite/).
constexpr int kSchemaVersion = 12;

struct StoreOptions {
  bool create = false;  // create the file and apply migrations if it does not exist
  bool read_only = false;
  int busy_timeout_ms = 15000;  // how long to wait for another writer
  // The time source of audit timestamps; null = SystemClock(). Must outlive the Store.
  const Clock* clock = nullptr;
};

// CSV files to import (docs/db-schema.md, "Importing CSV"); empty path = not given.
// Imported in the order parts, components, parties, ownership, licenses, shipments.
struct ImportFiles {
  std::string parts, components, parties, shipments;
  std::string ownership = {};  // last, so `{parts, components, parties, shipments}` still reads
  std::string licenses = {};   // docs/licenses.md, "The data"
};

// The tables an import writes, in the order it writes them (docs/db-schema.md, "Importing CSV").
// The shipments file writes two: its shipments (one per id) and their lines (one per row).
enum class ImportTable {
  kParts,
  kComponents,
  kParties,
  kOwnership,
  kLicenses,
  kShipments,
  kShipmentLines,
};
inline constexpr int kImportTableCount = 7;
// The table's name as the database and the import's report spell it (`parts`, `shipment_lines`).
std::string_view ImportTableName(ImportTable table);

// What an import did to one table. An incremental import compares each row of a file with the row
// stored under the same key (docs/db-schema.md, "Re-importing"): `added` were not stored,
// `updated` differed in some column, `unchanged` were stored exactly so. `removed`: the rows a
// `--replace` import cleared, and the lines a re-imported shipment no longer has.
struct ImportCounts {
  ImportTable table = ImportTable::kParts;
  int64_t added = 0, updated = 0, unchanged = 0, removed = 0;
  int64_t rows() const { return added + updated + unchanged; }
};

// How to import (`chipgate db import`; docs/db-schema.md, "Importing CSV").
struct ImportOptions {
  // Clear the table(s) of each file given before importing it, so each holds exactly the file's
  // rows; a table other stored rows refer to (shipment lines to parts, license uses to licenses
  // and shipments) cannot be cleared, and the import is refused (E607). Default: incremental.
  bool replace = false;
  // Column names to rename in every file's header before it is read, {name in the file, column}
  // (`--map 'Part No=part_number'`). A column no table has is an error (E608).
  std::vector<std::pair<std::string, std::string>> column_map = {};
  // Called as rows are read: the table of the file being read (its first table), the rows of that
  // file read so far and its number of rows. May be null; never called after Import returns.
  std::function<void(ImportTable table, int64_t done, int64_t total)> progress = {};
};

// What Import did: the diagnostics (sorted; any error means nothing was written) and, when it
// wrote, one entry per table of each file given, in import order.
struct ImportResult {
  std::vector<Diagnostic> diagnostics;
  std::vector<ImportCounts> tables;
};

struct StoredShipmentLine {
  int line = 0;
  std::string part;
  int64_t quantity = 0;
  std::string license;                 // license number, exception code, or empty
  std::optional<UsdCents> unit_value;  // the value of one unit; nullopt: not known
};

struct StoredShipment {
  std::string id;
  Date date;
  PartyFacts consignee, end_user;  // `id`: the party's customer-master id, when recorded
  std::string end_use;             // the declared end use, when recorded
  std::vector<StoredShipmentLine> lines;
};

// A part's catalogue row as people read it (`chipgate parts`): "" for a column left empty.
struct PartInfo {
  std::string part, description, declared_eccn;
  std::string source;                // where the catalogue's technical data came from (a URL)
  std::optional<bool> bom_complete;  // nullopt: the catalogue does not say
};

// One recorded shipment line of a part (`chipgate parts show`), with its shipment.
struct PartShipmentLine {
  std::string shipment;
  Date date;
  int line = 0;
  int64_t quantity = 0;
  PartyFacts consignee, end_user;  // name, country (and `id` when recorded)
  std::string license;             // the license number or exception code recorded, or ""
  // The line's decision as `chipgate ship` recorded it in the audit log (the last `ship` record
  // of the line); "" when the shipment was imported rather than shipped through chipgate.
  std::string decision;
};

// A part and a number of another part: the parts a part contains, or the parts containing it.
struct PartQuantity {
  std::string part;
  int64_t quantity = 0;
};

// An object of the database schema that is not as the migrations create it. Only the objects that
// can change what a write to the audit tables does are compared: everything on audit_log,
// audit_runs and audit_findings (tables, indexes, triggers), and every trigger and view.
struct SchemaDifference {
  enum class Kind { kForeign, kMissing, kChanged };
  Kind kind = Kind::kForeign;
  std::string type, name, table;  // as in sqlite_master
};
std::string DescribeSchemaDifference(const SchemaDifference& d);

// What is wrong with the first bad record (docs/audit-log.md, "Verifying").
enum class AuditProblem {
  kNone,
  kSequence,      // seq out of order: records deleted or inserted
  kNotCanonical,  // stored classes/reasons not in canonical form, or a bad format/facts_digest
  kPrevHash,      // the chain is broken: records removed, inserted or reordered
  kHash,          // the record's bytes do not give its hash: edited
  kTimestamp,     // not an audit timestamp, or earlier than the previous record's
  kAnchor,        // does not match an expected head or checkpoint, or the log ends before it
  // An audit-run record whose run does not match the audited database: the run row is missing or
  // differs, or its findings no longer give the recorded count and digest (a finding row changed,
  // deleted or added).
  kFindings,
  // An audit-run record whose findings could not be checked: they are in another database, which
  // was not given (or is another database than the record names). Never valid: fail closed.
  kFindingsNotChecked,
};

struct AuditVerifyResult {
  bool ok = true;
  int64_t records = 0;
  std::string head;  // hash of the last record ("" when empty)
  AuditProblem kind = AuditProblem::kNone;
  int64_t first_bad_seq = 0;  // the record the problem is at (0 when ok or not at a record)
  int64_t run_id = 0;         // kFindings, kFindingsNotChecked: the run the record is about
  int64_t runs_checked = 0;   // audit-run records whose findings were checked and match
  std::string problem;        // what is wrong with the first bad record
  std::vector<SchemaDifference> schema;  // foreign, missing or changed schema objects (ok is false)
};

// The entries of one append, handed out chunk by chunk (Store::AppendAuditChunks): each call
// gives the next chunk, or nullptr when there are no more; an error stops the append, which then
// writes nothing. A chunk is handed over: the append may move its entries out before the next
// call.
using AuditChunkSource = std::function<Result<std::vector<AuditEntry>*>()>;

class Store {
 public:
  // Opens the database at `path`: the path of a SQLite file, taken literally. A location with a
  // URL scheme (`postgresql://...`) names a backend; none but SQLite is built in, so it is refused
  // with an error, never read as a file name.
  static Result<Store> Open(const std::string& path, const StoreOptions& options = {});
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const;
  int schema_version() const;

  // Runs `fn` with every read this Store makes inside it taken from one snapshot of the database,
  // which starts when this is called: a write another connection commits meanwhile (an import)
  // is not seen, so facts read by several calls (parts, the customer master, the lists) are all
  // from before it or all from after. Calls that read in their own snapshot join this one. `fn`
  // must not write. Returns fn's status, or the database's error.
  Status InReadSnapshot(const std::function<Status()>& fn) const;

  // --- inventory ---
  // The part with its attributes as specs and its bill of materials as components (recursively);
  // nullopt when the part is not in the database. Attribute columns that are NULL are left out,
  // so they stay unknown.
  Result<std::optional<ItemFacts>> LookupPart(const std::string& part_number) const;
  // Completes a manifest line from the inventory: a part found in the database takes its
  // attributes and bill of materials from there, with the line's own `specs` overriding single
  // attributes and its own `components` replacing the bill of materials. A part that is neither
  // in the database nor described on the line is returned without data and with a note, so it is
  // decided `review`. Components are completed the same way.
  Result<ItemFacts> Complete(const ItemFacts& line) const;
  // Completes many lines in one read transaction (one lock, one consistent snapshot).
  Status CompleteAll(std::vector<ItemFacts*>& lines) const;
  // Completes the consignee and the end user from the customer master, in one read snapshot
  // (docs/db-schema.md, "Completing a shipment"): each is found by `id` when given, else by its
  // name or an alias (PartyKey); what the shipment leaves out is filled (id, country,
  // headquarters, the ultimate parent's name and headquarters, the ownership graph); where both
  // state a value and they differ, the database's value is kept and a FactConflict names both
  // (`given_by` is the first source's name: "manifest", or "shipment" for a stored shipment).
  // An `id` the master does not have is an error: nothing is decided on an unknown party.
  Status CompleteShipment(ShipmentFacts& shipment, const std::string& given_by = "manifest") const;
  // Imports CSV files in one transaction: on any bad row nothing is written and every problem is
  // returned with file, line and column; else what was written to each table.
  ImportResult Import(const ImportFiles& files, const ImportOptions& options);
  // Import(files, {}).diagnostics: an incremental import without a report.
  std::vector<Diagnostic> Import(const ImportFiles& files);
  // The number of stored parts and of stored shipments, read in one snapshot (the totals a
  // progress display shows while an audit streams them).
  struct InventorySize {
    int64_t parts = 0, shipments = 0;
  };
  Result<InventorySize> CountInventory() const;
  // Streams every part with its attributes in one query (ordered by part number); parts with a
  // bill of materials get their components through LookupPart. Stops early when fn returns false.
  Status ForEachPartWithData(
      const std::function<bool(const std::string& part, const std::string& declared_eccn,
                               const ItemFacts& item)>& fn) const;
  Status ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) const;

  // --- looking parts up (chipgate parts; docs/cli.md, "Parts") ---
  // The part's catalogue row; nullopt when it is not stored.
  Result<std::optional<PartInfo>> ReadPartInfo(const std::string& part) const;
  // Every part's catalogue row, by part number; stops early when fn returns false.
  Status ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) const;
  // The parts whose bill of materials lists `part` directly, each with how many it contains.
  Result<std::vector<PartQuantity>> ReadUsedIn(const std::string& part) const;
  // The recorded shipment lines that carried `part`, by date, shipment and line.
  Result<std::vector<PartShipmentLine>> ReadShipmentLinesOf(const std::string& part) const;

  // --- screening lists (chipgate lists; docs/screening.md, "Imported lists") ---
  // Stores a list read by ReadScreeningList in one transaction, as a new version of its source
  // set (ListSourceSet): the versions stored before stay, and each shipment is screened against
  // the one in force on its date (VersionsInForce). A file whose digest is stored already is not
  // stored again: the result is the stored version with `already_stored` set. Else the version as
  // stored (with `imported_at` from the store's clock). On failure nothing is written.
  struct ListImport {
    ScreeningListVersion version;
    bool already_stored = false;
  };
  Result<ListImport> ImportScreeningList(const ScreeningListFile& file);
  // Deletes the stored version with `digest` ("sha256:<hex>") and its entries; returns it. An
  // error when no version has that digest.
  Result<ScreeningListVersion> RemoveScreeningList(const std::string& digest);
  // The stored versions (by source set, then in import order), without entries.
  Result<std::vector<ScreeningListVersion>> ScreeningListVersions() const;
  // Every stored version with its entries, read in one snapshot, for ScreeningLists::Build.
  Result<std::vector<ScreeningListFile>> ReadScreeningLists() const;

  // --- licenses (chipgate license; docs/licenses.md) ---
  // Every stored license, by number, with its use as of `as_of` (the uses recorded on or before
  // that date), read in one snapshot.
  Result<std::vector<HeldLicense>> ReadLicenses(Date as_of) const;
  // The licenses a shipment to `destination` on `date` may be matched to, read in one snapshot:
  // those in force on the date with the destination among theirs, and those numbered in `named`
  // (the lines' named licenses, in force or not, so a refusal can say why), each once, by number,
  // with their use as of the date. Matching the shipment's lines against these gives exactly what
  // matching them against ReadLicenses(date) gives (docs/licenses.md, "Matching"), from far fewer
  // licenses read.
  Result<std::vector<HeldLicense>> ReadLicensesFor(Date date, const std::string& destination,
                                                   const std::vector<std::string>& named) const;
  // One license by number with its use as of `as_of`; nullopt when it is not stored.
  Result<std::optional<HeldLicense>> ReadLicense(const std::string& number, Date as_of) const;

  // --- inventory audit runs (chipgate audit) ---
  struct RunRow {
    std::string started, actor, date, compare_date, pack_digest;
    int64_t parts = 0, shipments = 0;
  };
  // Empty text is stored NULL.
  struct FindingRow {
    std::string kind, severity, part, shipment, declared, computed, reasons_json;
    int line = 0;
    std::string license = {};       // the license a license finding is about
    std::string facts_digest = {};  // FactsDigest of what the finding was made from (required)
  };
  // (RecordAuditRun is declared below, after AppendResult, which its result holds.)

  // --- audit log ---
  // What an append wrote: records first_seq..last_seq, chained after `prev_hash` (the head before
  // the append), ending at `head`. Only a summary: a 100,000-record append holds no copies.
  struct AppendResult {
    int64_t first_seq = 0, last_seq = 0;  // 0, 0 when nothing was appended
    std::string prev_hash, head;
    size_t count() const {
      return last_seq >= first_seq && first_seq > 0 ? static_cast<size_t>(last_seq - first_seq + 1)
                                                    : 0;
    }
  };
  // What RecordAuditRun wrote.
  struct RecordedRun {
    int64_t run_id = 0;
    AuditRunSummary run;  // as its audit-log record states it
    AppendResult record;  // the one audit-log record (in this database or in `log_elsewhere`)
  };
  // Inserts the run and its findings (each must name its facts digest) and appends ONE audit-log
  // record for the run (MakeAuditRunEntry with the run's findings digest), in one transaction,
  // after checking the audit tables' schema and before committing reading back what was written.
  // With `log_elsewhere` (another database: `audit --audit FILE`) the record is appended there,
  // inside this database's transaction, which commits only after the append has: should this
  // commit still fail, the other log names a run this database lacks, which `log verify` reports.
  // On failure nothing is written here.
  Result<RecordedRun> RecordAuditRun(const RunRow& run, const std::vector<FindingRow>& findings,
                                     Store* log_elsewhere = nullptr);
  // This database's id (made once by migration 12), named by audit-run records.
  Result<std::string> DatabaseId() const;

  // Appends all entries in one immediate transaction after the current head, in the current record
  // format, time-stamped by the store's clock (never earlier than the previous record). Refuses
  // (writing nothing) when the audit tables' schema is not exactly the migrations' (a foreign
  // trigger could swallow or alter records), and when reading back the written records inside the
  // transaction does not give exactly them.
  Result<AppendResult> AppendAudit(const std::vector<AuditEntry>& entries);
  // AppendAudit of the entries `chunks` hands out, in order, as one append (one transaction, the
  // same records and checks), built while they are written: only one chunk of entries and one
  // batch of records are held at a time, whatever the number of entries.
  Result<AppendResult> AppendAuditChunks(const AuditChunkSource& chunks);
  // Appends several callers' groups of entries in ONE such transaction (group commit:
  // GroupCommitLog): each group after the one before it, the first after the current head, with
  // one timestamp, so the records are exactly those AppendAudit would write for each group in turn
  // at that time. Returns each group's AppendResult, in order (an empty group: seqs 0 and the head
  // it follows). All or nothing, with AppendAudit's checks; `before_commit`, when given, runs
  // inside the transaction after the read-back, and an error from it rolls everything back (tests
  // inject faults through it). An error means no group is acknowledged.
  Result<std::vector<AppendResult>> AppendAuditGroups(
      std::span<const std::vector<AuditEntry>* const> groups,
      const std::function<Status()>& before_commit = {});
  // Recomputes the chain from the stored bytes and checks canonical form, record formats,
  // timestamps, the schema, and every anchor (`--expect-head`, checkpoints). Then, for every
  // audit-run record, recomputes the run's findings digest from the audited database's
  // audit_findings and compares the run row: this database when the record names it, else
  // `audited` when given and the record names it; a record whose database is neither is
  // kFindingsNotChecked. Chain problems come first; then the first run record that fails.
  Result<AuditVerifyResult> VerifyAudit(const std::vector<AuditAnchor>& anchors = {},
                                        const Store* audited = nullptr) const;
  // Writes every record as one JSON line: the exact bytes its hash covers, plus "hash".
  Status ExportAudit(std::ostream& out) const;
  // --- shipping (chipgate ship; docs/licenses.md, "Ship") ---
  // One shipment line's draw on a license: `quantity` units and, when the line's value is known,
  // `value` cents.
  struct LicenseUseRow {
    int line = 0;
    std::string license;  // the license number
    int64_t quantity = 0;
    std::optional<UsdCents> value;
  };
  // What a shipment whose every line may ship records: the shipment and its lines (each line's
  // `license`: the license number or exception code it ships under, empty when it needs none),
  // and one use per line shipped under a license.
  struct ShipmentRecord {
    StoredShipment shipment;
    std::vector<LicenseUseRow> uses;
  };
  // The decision RecordShipment's callback makes: the shipment to record (set exactly when every
  // line may ship) and the decision's audit records, written whether it ships or not.
  struct ShipDecision {
    std::optional<ShipmentRecord> ship;
    std::vector<AuditEntry> entries;
  };
  // Decides from the licenses held with every use recorded so far (whatever its date), as read
  // inside the write transaction. An error ends the transaction with nothing written.
  using ShipDecider = std::function<Result<ShipDecision>(std::vector<HeldLicense>&& licenses)>;
  // Which licenses the decider needs: those in force on `date` to `destination` (the end user's
  // country) and the `named` numbers (whatever their dates), as ReadLicensesFor picks them.
  struct LicenseScope {
    Date date;
    std::string destination;
    std::vector<std::string> named;
  };
  struct ShipResult {
    bool shipped = false;  // the shipment, its lines and its license uses were written
    AppendResult audit;    // the audit records written (shipped or not)
  };
  // Ships `shipment_id` in one immediate write transaction (other writers wait): refuses an id
  // that is already recorded; reads the licenses and their uses (those of `scope` when given, as
  // ReadLicensesFor picks them, else every license); calls `decide` with them; then
  // writes the shipment, its lines and its license uses when it ships, and its audit records in
  // any case. Before committing, no license used may be beyond its quantity or value limit
  // (counting every use, whatever its date) and the records are read back. All or nothing: on
  // any error nothing is written.
  Result<ShipResult> RecordShipment(const std::string& shipment_id, const ShipDecider& decide,
                                    const std::optional<LicenseScope>& scope = std::nullopt);

  const Clock& clock() const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chipgate
