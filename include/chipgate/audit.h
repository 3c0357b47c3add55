// Audit records (design section 9, a contract for `log verify`): one record per decision, in a
// hash chain. A record's hash is SHA-256 over its canonical JSON encoding, which includes the
// previous record's hash; the format is specified in docs/audit-log.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

struct AuditReason {
  std::string rule, decision, cite, message;
};

// What the caller supplies; the log adds seq, ts, prev_hash and hash.
struct AuditEntry {
  std::string actor;         // who: --actor, or the operating-system user
  std::string command;       // e.g. "check", "audit"
  std::string subject;       // e.g. "shipment SO-1001 line 2 part NV-H100-SXM5-80G"
  std::string input_digest;  // sha256 of the input the decision was made from
  std::string decision;
  std::vector<std::string> classes;
  std::vector<AuditReason> reasons;
  std::string pack_digest;   // the rule pack that decided
};

struct AuditRecord {
  int64_t seq = 0;
  std::string ts;  // UTC, RFC 3339 with milliseconds
  AuditEntry entry;
  std::string prev_hash;  // hex; 64 zeros for the first record
  std::string hash;       // hex sha256 of CanonicalAuditJson(record)
};

inline const std::string kGenesisHash(64, '0');

// Canonical encoding: a JSON object with keys in byte order, no whitespace, strings escaped
// minimally (", \, control characters as \u00XX), integers in decimal. Excludes `hash`.
std::string CanonicalAuditJson(const AuditRecord& record);
std::string AuditRecordHash(const AuditRecord& record);
// The same for a record given by its parts (no AuditRecord copy of the entry needed).
std::string CanonicalAuditJson(int64_t seq, std::string_view ts, const AuditEntry& entry, std::string_view prev_hash);
std::string AuditRecordHash(int64_t seq, std::string_view ts, const AuditEntry& entry, std::string_view prev_hash);
// The canonical encodings of the `classes` and `reasons` arrays alone (as stored in the log).
std::string CanonicalClassesJson(const std::vector<std::string>& classes);
std::string CanonicalReasonsJson(const std::vector<AuditReason>& reasons);

// Current UTC time as RFC 3339 with milliseconds, or $CHIPGATE_FIXED_TIME when set (tests).
std::string AuditTimestamp();

}  // namespace chipgate
