// Canonical JSON encoding and hashing of audit records, and the canonical-form checks `log verify`
// applies to stored JSON. Hand-written so the byte layout is fixed
// by this file and docs/audit-log.md, not by a JSON library's formatting choices.
#include <cstdio>
#include <utility>

#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  size_t plain = 0;  // characters that need no escape are appended in runs
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += '\\';
      out += static_cast<char>(c);
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

namespace {

void Str(std::string& out, std::string_view s) { AppendJsonString(out, s); }

void Key(std::string& out, const char* key) {
  if (out.back() != '{') out += ',';
  Str(out, key);
  out += ':';
}

void Reason(std::string& out, const AuditReason& r) {
  out += '{';
  Key(out, "cite");
  Str(out, r.cite);
  Key(out, "decision");
  Str(out, r.decision);
  Key(out, "message");
  Str(out, r.message);
  Key(out, "rule");
  Str(out, r.rule);
  out += '}';
}

void Classes(std::string& out, const std::vector<std::string>& classes) {
  out += '[';
  for (size_t i = 0; i < classes.size(); ++i) {
    if (i) out += ',';
    Str(out, classes[i]);
  }
  out += ']';
}

void Reasons(std::string& out, const std::vector<AuditReason>& reasons) {
  out += '[';
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i) out += ',';
    Reason(out, reasons[i]);
  }
  out += ']';
}

}  // namespace

std::string CanonicalClassesJson(const std::vector<std::string>& classes) {
  std::string out;
  Classes(out, classes);
  return out;
}

std::string CanonicalReasonsJson(const std::vector<AuditReason>& reasons) {
  std::string out;
  Reasons(out, reasons);
  return out;
}

namespace {

// The record's fields in key order; `classes` and `reasons` are appended as the JSON text given.
std::string Encode(int format, int64_t seq, std::string_view ts, std::string_view actor,
                   std::string_view command, std::string_view subject,
                   std::string_view input_digest, std::string_view decision,
                   std::string_view classes_json, std::string_view reasons_json,
                   std::string_view pack_digest, std::string_view facts_digest,
                   std::string_view prev_hash) {
  std::string out;
  out.reserve(512 + classes_json.size() + reasons_json.size());
  out += '{';
  Key(out, "actor");
  Str(out, actor);
  Key(out, "classes");
  out += classes_json;
  Key(out, "command");
  Str(out, command);
  Key(out, "decision");
  Str(out, decision);
  if (format >= kAuditFormat) {
    Key(out, "facts_digest");
    Str(out, facts_digest);
    Key(out, "format");
    out += std::to_string(format);
  }
  Key(out, "input_digest");
  Str(out, input_digest);
  Key(out, "pack_digest");
  Str(out, pack_digest);
  Key(out, "prev_hash");
  Str(out, prev_hash);
  Key(out, "reasons");
  out += reasons_json;
  Key(out, "seq");
  out += std::to_string(seq);
  Key(out, "subject");
  Str(out, subject);
  Key(out, "ts");
  Str(out, ts);
  out += '}';
  return out;
}

}  // namespace

std::string CanonicalAuditJson(const AuditRecord& rec) {
  const AuditEntry& e = rec.entry;
  return Encode(rec.format, rec.seq, rec.ts, e.actor, e.command, e.subject, e.input_digest,
                e.decision, CanonicalClassesJson(e.classes), CanonicalReasonsJson(e.reasons),
                e.pack_digest, e.facts_digest, rec.prev_hash);
}

std::string AuditRecordHash(const AuditRecord& rec) { return Sha256Hex(CanonicalAuditJson(rec)); }

std::string CanonicalAuditJson(const StoredAuditRecord& r) {
  return Encode(r.format, r.seq, r.ts, r.actor, r.command, r.subject, r.input_digest, r.decision,
                r.classes_json, r.reasons_json, r.pack_digest, r.facts_digest.value_or(""),
                r.prev_hash);
}

std::string AuditRecordHash(const StoredAuditRecord& r) { return Sha256Hex(CanonicalAuditJson(r)); }

bool IsCanonicalClassesJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return false;
  std::vector<std::string> classes;
  for (const auto& v : j) {
    if (!v.is_string()) return false;
    classes.push_back(v.get<std::string>());
  }
  return CanonicalClassesJson(classes) == text;
}

bool IsCanonicalReasonsJson(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return false;
  std::vector<AuditReason> reasons;
  for (const auto& v : j) {
    if (!v.is_object()) return false;
    AuditReason r;
    for (auto [key, field] : {std::pair{"rule", &r.rule},
                              {"decision", &r.decision},
                              {"cite", &r.cite},
                              {"message", &r.message}}) {
      auto it = v.find(key);
      if (it == v.end() || !it->is_string()) return false;
      *field = it->get<std::string>();
    }
    reasons.push_back(std::move(r));
  }
  // Re-encoding keeps only the four keys, once each, in order: anything else differs here.
  return CanonicalReasonsJson(reasons) == text;
}

}  // namespace chipgate
