// Canonical JSON encoding and hashing of audit records. Hand-written so the byte layout is fixed
// by this file and docs/audit-log.md, not by a JSON library's formatting choices.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate {
namespace {

void Str(std::string& out, std::string_view s) {
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

std::string CanonicalAuditJson(const AuditRecord& rec) { return CanonicalAuditJson(rec.seq, rec.ts, rec.entry, rec.prev_hash); }

std::string CanonicalAuditJson(int64_t seq, std::string_view ts, const AuditEntry& e, std::string_view prev_hash) {
  std::string out;
  out.reserve(512);
  out += '{';
  Key(out, "actor");
  Str(out, e.actor);
  Key(out, "classes");
  Classes(out, e.classes);
  Key(out, "command");
  Str(out, e.command);
  Key(out, "decision");
  Str(out, e.decision);
  Key(out, "input_digest");
  Str(out, e.input_digest);
  Key(out, "pack_digest");
  Str(out, e.pack_digest);
  Key(out, "prev_hash");
  Str(out, prev_hash);
  Key(out, "reasons");
  Reasons(out, e.reasons);
  Key(out, "seq");
  out += std::to_string(seq);
  Key(out, "subject");
  Str(out, e.subject);
  Key(out, "ts");
  Str(out, ts);
  out += '}';
  return out;
}

std::string AuditRecordHash(const AuditRecord& rec) { return Sha256Hex(CanonicalAuditJson(rec)); }

std::string AuditRecordHash(int64_t seq, std::string_view ts, const AuditEntry& e, std::string_view prev_hash) {
  return Sha256Hex(CanonicalAuditJson(seq, ts, e, prev_hash));
}

std::string AuditTimestamp() {
  if (const char* fixed = std::getenv("CHIPGATE_FIXED_TIME")) return fixed;
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t secs = system_clock::to_time_t(now);
  int ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

}  // namespace chipgate
