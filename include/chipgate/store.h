// Store: one chipgate SQLite database (inventory of parts, bills of materials, parties,
// shipments, and the audit log), with a versioned schema applied by numbered migrations.
// Every statement is parameterised. A Store is a single connection: use one per thread;
// several processes may use the same file at once (WAL, busy timeout, immediate transactions).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/date.h"
#include "chipgate/diagnostic.h"
#include "chipgate/facts.h"
#include "chipgate/status.h"

namespace chipgate {

constexpr int kSchemaVersion = 4;

struct StoreOptions {
  bool create = false;          // create the file and apply migrations if it does not exist
  bool read_only = false;
  int busy_timeout_ms = 15000;  // how long to wait for another writer
  // A 64 MiB page cache for this connection instead of SQLite's default (about 2 MiB): random
  // lookups into a large inventory (`check --db`) then read each page from disk once. It is a
  // bound, not an allocation; the streaming audit keeps the default to keep its memory flat.
  bool large_cache = false;
};

// CSV files to import (design section 8); empty path = not given.
struct ImportFiles {
  std::string parts, components, parties, shipments;
};

struct StoredShipmentLine {
  int line = 0;
  std::string part;
  int64_t quantity = 0;
  std::string license;  // license number, exception code, or empty
};

struct StoredShipment {
  std::string id;
  Date date;
  PartyFacts consignee, end_user;
  std::vector<StoredShipmentLine> lines;
};

struct AuditVerifyResult {
  bool ok = true;
  int64_t records = 0;
  std::string head;           // hash of the last record ("" when empty)
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // what is wrong with the first bad record
};

class Store {
 public:
  static Result<Store> Open(const std::string& path, const StoreOptions& options = {});
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const;
  int schema_version() const;

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
  // Imports CSV files in one transaction: on any bad row nothing is written and every problem is
  // returned with file, line and column.
  std::vector<Diagnostic> Import(const ImportFiles& files);
  // Streams every part with its attributes in one query (ordered by part number); parts with a
  // bill of materials get their components through LookupPart. Stops early when fn returns false.
  Status ForEachPartWithData(
      const std::function<bool(const std::string& part, const std::string& declared_eccn, const ItemFacts& item)>& fn) const;
  Status ForEachShipment(const std::function<bool(const StoredShipment&)>& fn) const;

  // --- inventory audit runs (chipgate audit) ---
  struct RunRow {
    std::string started, actor, date, compare_date, pack_digest;
    int64_t parts = 0, shipments = 0;
  };
  struct FindingRow {
    std::string kind, severity, part, shipment, declared, computed, reasons_json;
    int line = 0;
  };
  // Inserts the run and its findings in one transaction; returns the run id.
  Result<int64_t> RecordAuditRun(const RunRow& run, const std::vector<FindingRow>& findings);

  // --- audit log ---
  // What an append wrote: records first_seq..last_seq, chained after `prev_hash` (the head before
  // the append), ending at `head`. Only a summary: a 100,000-record append holds no copies.
  struct AppendResult {
    int64_t first_seq = 0, last_seq = 0;  // 0, 0 when nothing was appended
    std::string prev_hash, head;
    size_t count() const { return last_seq >= first_seq && first_seq > 0 ? static_cast<size_t>(last_seq - first_seq + 1) : 0; }
  };
  // Appends all entries in one immediate transaction after the current head. On failure nothing
  // is written.
  Result<AppendResult> AppendAudit(const std::vector<AuditEntry>& entries);
  // Recomputes the chain; with `expect_head`, also checks that the log ends at that hash.
  Result<AuditVerifyResult> VerifyAudit(const std::string& expect_head = "") const;
  // Writes every record as one JSON line (canonical encoding plus "hash").
  Status ExportAudit(std::ostream& out) const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chipgate
