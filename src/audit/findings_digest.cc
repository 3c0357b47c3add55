// The canonical encodings behind an audit-run record (docs/audit-log.md, "Audit-run records"):
// the run summary the record hashes, and the findings digest that ties the run's audit_findings
// rows to it. Same escaping and key-order rules as the records themselves (audit_record.cc), so
// an auditor recomputes both from the stored rows with the same few lines of code.
#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate {
namespace {

// Appends `"key":`, with a comma unless it is the first key of the open object.
void Key(std::string& out, const char* key) {
  if (out.back() != '{') out += ',';
  AppendJsonString(out, key);
  out += ':';
}

void TextOrNull(std::string& out, const std::optional<std::string>& v) {
  if (v) {
    AppendJsonString(out, *v);
  } else {
    out += "null";
  }
}

}  // namespace

// Keys in byte order: compare_date, database, date, findings, findings_digest, id, parts,
// shipments, started.
std::string CanonicalRunJson(const AuditRunSummary& r) {
  std::string out = "{";
  Key(out, "compare_date");
  TextOrNull(out, r.compare_date);
  Key(out, "database");
  AppendJsonString(out, r.database);
  Key(out, "date");
  AppendJsonString(out, r.date);
  Key(out, "findings");
  out += std::to_string(r.findings);
  Key(out, "findings_digest");
  AppendJsonString(out, r.findings_digest);
  Key(out, "id");
  out += std::to_string(r.id);
  Key(out, "parts");
  out += std::to_string(r.parts);
  Key(out, "shipments");
  out += std::to_string(r.shipments);
  Key(out, "started");
  AppendJsonString(out, r.started);
  out += '}';
  return out;
}

// Parse, then re-encode and compare bytes: only the one canonical spelling of a run is accepted,
// so the stored text has one meaning.
std::optional<AuditRunSummary> ParseCanonicalRunJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  AuditRunSummary r;
  auto text_of = [&](const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  auto int_of = [&](const char* key, int64_t& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    out = it->get<int64_t>();
    return true;
  };
  auto compare = j.find("compare_date");
  if (compare == j.end() || !(compare->is_null() || compare->is_string())) return std::nullopt;
  if (compare->is_string()) r.compare_date = compare->get<std::string>();
  if (!text_of("database", r.database) || !text_of("date", r.date) ||
      !text_of("findings_digest", r.findings_digest) || !text_of("started", r.started) ||
      !int_of("findings", r.findings) || !int_of("id", r.id) || !int_of("parts", r.parts) ||
      !int_of("shipments", r.shipments)) {
    return std::nullopt;
  }
  if (CanonicalRunJson(r) != text) return std::nullopt;
  return r;
}

// Keys in byte order: computed, declared, facts_digest, kind, license, line, part, reasons, seq,
// severity, shipment. NULL columns are null (distinct from empty text); `reasons` is the stored
// text as it is, like a record's reasons.
std::string CanonicalFindingJson(const StoredFinding& f) {
  std::string out = "{";
  Key(out, "computed");
  TextOrNull(out, f.computed);
  Key(out, "declared");
  TextOrNull(out, f.declared);
  Key(out, "facts_digest");
  TextOrNull(out, f.facts_digest);
  Key(out, "kind");
  AppendJsonString(out, f.kind);
  Key(out, "license");
  TextOrNull(out, f.license);
  Key(out, "line");
  out += f.line ? std::to_string(*f.line) : "null";
  Key(out, "part");
  TextOrNull(out, f.part);
  Key(out, "reasons");
  out += f.reasons_json;
  Key(out, "seq");
  out += std::to_string(f.seq);
  Key(out, "severity");
  AppendJsonString(out, f.severity);
  Key(out, "shipment");
  TextOrNull(out, f.shipment);
  out += '}';
  return out;
}

struct FindingsDigest::Hasher {
  Sha256Stream sha;
};

FindingsDigest::FindingsDigest() : hasher_(std::make_unique<Hasher>()) {}
FindingsDigest::~FindingsDigest() = default;

void FindingsDigest::Add(const StoredFinding& f) {
  scratch_ = CanonicalFindingJson(f);
  scratch_ += '\n';
  hasher_->sha.Update(scratch_);
  ++count_;
}

std::string FindingsDigest::Finish() { return "sha256:" + hasher_->sha.FinishHex(); }

}  // namespace chipgate
