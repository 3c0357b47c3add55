// Audit records: one record per decision, in a hash chain that `log verify` checks. A record's
// hash is SHA-256 over its canonical JSON encoding, which includes the previous record's hash;
// the format is a contract, specified in docs/audit-log.md. Records are built by the functions
// of chipgate/audit_entry.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/facts.h"

namespace chipgate {

// Record formats (docs/audit-log.md, "Record formats"): 1 = the original encoding, 2 adds
// `facts_digest` and `format` to the hashed bytes. New records are always written in kAuditFormat.
constexpr int kAuditFormatV1 = 1;
constexpr int kAuditFormat = 2;

struct AuditReason {
  std::string rule, decision, cite, message;
};

// An inventory-audit run as its one audit-log record states it (docs/audit-log.md, "Audit-run
// records"): the audit_runs row, and the number and digest of its audit_findings rows. Stored as
// canonical JSON in the record's `run` column and hashed there, so a finding row changed, removed
// or added after the run was recorded no longer gives `findings_digest`.
struct AuditRunSummary {
  int64_t id = 0;                           // audit_runs.id in the audited database
  std::string database;                     // the audited database's id (32 lower-case hex)
  std::string started;                      // audit_runs.started (an audit timestamp)
  std::string date;                         // the audit date, YYYY-MM-DD
  std::optional<std::string> compare_date;  // --compare-date, when given
  int64_t parts = 0, shipments = 0, findings = 0;
  std::string findings_digest;  // FindingsDigest of the run's findings, "sha256:<hex>"
  bool operator==(const AuditRunSummary&) const = default;
};
// The canonical JSON of a run (keys in byte order, no whitespace, compare_date null when absent).
std::string CanonicalRunJson(const AuditRunSummary& run);
// The run `text` holds when it is exactly CanonicalRunJson of it; nullopt otherwise (not JSON, a
// key missing, extra or of another type, or another spelling of the same run).
std::optional<AuditRunSummary> ParseCanonicalRunJson(std::string_view text);

// One audit_findings row as stored (NULL columns are nullopt), in the form the findings digest
// covers (docs/audit-log.md, "Findings digest").
struct StoredFinding {
  int64_t seq = 0;
  std::string kind, severity;
  std::optional<std::string> part, shipment, license, declared, computed;
  std::optional<int64_t> line;
  std::string reasons_json;                 // the stored text, hashed as it is
  std::optional<std::string> facts_digest;  // NULL in rows written before schema version 12
};
std::string CanonicalFindingJson(const StoredFinding& finding);

// The findings digest of a run: `sha256:` and the SHA-256 of every finding's canonical JSON
// followed by a line feed, in seq order. Fed one row at a time, so a run of any size is digested
// without holding its rows.
class FindingsDigest {
 public:
  FindingsDigest();
  ~FindingsDigest();
  FindingsDigest(const FindingsDigest&) = delete;
  FindingsDigest& operator=(const FindingsDigest&) = delete;
  void Add(const StoredFinding& finding);
  int64_t count() const { return count_; }
  std::string Finish();  // "sha256:<hex>"; Add is not called after it

 private:
  struct Hasher;
  std::unique_ptr<Hasher> hasher_;
  int64_t count_ = 0;
  std::string scratch_;
};

// What the caller supplies (MakeCheckEntry, MakeFindingEntry); the log adds seq, ts, prev_hash
// and hash.
struct AuditEntry {
  std::string actor;    // who: --actor, or the operating-system user
  std::string command;  // "check" or "audit"
  // e.g. "shipment SO-1001 date 2024-06-01 line 2 part NV-H100-SXM5-80G"
  std::string subject;
  std::string input_digest;  // "sha256:<hex>" of the input the decision was made from
  std::string decision;
  std::vector<std::string> classes;
  std::vector<AuditReason> reasons;
  std::string pack_digest;   // the rule pack that decided
  std::string facts_digest;  // FactsDigest of the resolved facts the decision was made from
  // Set in an audit-run record only (MakeAuditRunEntry): the run it records. Hashed as the `run`
  // key, which other records do not have.
  std::optional<AuditRunSummary> run;
};

struct AuditRecord {
  int format = kAuditFormat;  // kAuditFormatV1 records have no facts_digest
  int64_t seq = 0;
  std::string ts;  // UTC, RFC 3339 with milliseconds
  AuditEntry entry;
  std::string prev_hash;  // hex; 64 zeros for the first record
  std::string hash;       // hex sha256 of CanonicalAuditJson(record)
};

inline const std::string kGenesisHash(64, '0');

// An anchor for `log verify`: record `seq` must exist and have `hash` (and the chain up to it must
// verify). seq 0 means "the last record" (the older `--expect-head HASH`).
struct AuditAnchor {
  int64_t seq = 0;
  std::string hash;    // 64 lower-case hex characters
  std::string source;  // where the anchor came from, for messages: `--expect-head`, `cp.txt:3`
};

// Canonical encoding: a JSON object with keys in byte order, no whitespace, strings escaped
// minimally (", \, control characters as \u00XX), integers in decimal. Excludes `hash`.
// The record's `format` selects the key set (format 1 has no facts_digest and no format key).
std::string CanonicalAuditJson(const AuditRecord& record);
std::string AuditRecordHash(const AuditRecord& record);
// The canonical encodings of the `classes` and `reasons` arrays alone (as stored in the log).
std::string CanonicalClassesJson(const std::vector<std::string>& classes);
std::string CanonicalReasonsJson(const std::vector<AuditReason>& reasons);

// A record exactly as stored: `classes` and `reasons` are the stored JSON text, hashed as they
// are (never parsed and re-encoded), so every stored byte is covered by the hash.
struct StoredAuditRecord {
  int format = kAuditFormat;
  int64_t seq = 0;
  std::string ts, actor, command, subject, input_digest, decision, classes_json, reasons_json,
      pack_digest;
  std::optional<std::string> facts_digest;  // NULL in format-1 records
  std::string prev_hash, hash;
  std::optional<std::string> run_json;  // an audit-run record's CanonicalRunJson; NULL otherwise
  bool operator==(const StoredAuditRecord&) const = default;
};
std::string CanonicalAuditJson(const StoredAuditRecord& record);
std::string AuditRecordHash(const StoredAuditRecord& record);
// Whether the stored `classes` / `reasons` text is exactly the canonical encoding of what it
// holds (no duplicate or extra keys, no other spacing, escaping or key order).
bool IsCanonicalClassesJson(std::string_view text);
bool IsCanonicalReasonsJson(std::string_view text);

// Audit timestamps: UTC, RFC 3339 with exactly three fraction digits and `Z`
// (`2026-11-29T12:34:56.789Z`), years 0001-9999. IsAuditTimestamp accepts exactly that format
// with a real calendar date and time (no leap second). Fixed width, so text order is time order.
std::string FormatAuditTimestamp(std::chrono::system_clock::time_point t);
bool IsAuditTimestamp(std::string_view ts);

// The facts a decision was made from, for `facts_digest` (encoding in docs/audit-log.md, "Facts
// digest"). Absent parts are left out of the encoding.
struct DecisionFacts {
  const ShipmentFacts* shipment = nullptr;   // null for a part classified on its own
  const ItemFacts* item = nullptr;           // the completed item: attributes and bill of materials
  std::optional<std::string> license;        // a stored shipment line's license column
  std::optional<std::string> declared_eccn;  // a stored part's declared ECCN (inventory audit)
  std::optional<Date> classified_on;         // the date a part was classified at (inventory audit)
};
std::string CanonicalFactsJson(const DecisionFacts& facts);
std::string FactsDigest(const DecisionFacts& facts);  // "sha256:<hex>" of CanonicalFactsJson
// A check record's digest, FactsDigest({shipment, item}), with the shipment's encoding given:
// `shipment_json` is CanonicalShipmentFactsJson(shipment), the `shipment` value of
// CanonicalFactsJson, so a manifest's lines share one encoding of their shipment.
std::string CanonicalShipmentFactsJson(const ShipmentFacts& shipment);
std::string CheckFactsDigest(const ItemFacts& item, std::string_view shipment_json);

}  // namespace chipgate
