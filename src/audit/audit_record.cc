// Canonical JSON encoding and hashing of audit records, and the canonical-form checks `log verify`
// applies to stored JSON. Hand-written so the byte layout is fixed by this file and
// docs/audit-log.md ("Canonical encoding"), not by a JSON library's formatting choices.
//
// Contract: for a record, CanonicalAuditJson gives the exact bytes the record's `hash` covers, and
// AuditRecordHash their SHA-256 in lower-case hex. The encoding has no whitespace, keys in byte
// order, and the one string escaping of AppendJsonString. Because `prev_hash` is among the hashed
// keys, each hash commits to the whole chain before it. Changing any byte produced here changes
// every hash chipgate computes and makes every existing log fail verification: the layout is a
// published format, not an implementation detail.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate {

namespace {

// True when one of the eight bytes of `w` is `"`, `\` or below 0x20, the bytes AppendJsonString
// escapes (the has-zero-byte and has-byte-less-than word tests; exact as a yes/no for the word, in
// either byte order). Lets the scan skip plain text eight bytes at a time.
bool WordNeedsEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  const uint64_t hits =
      ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((w - kOnes * 0x20) & ~w);
  return (hits & kHigh) != 0;
}

}  // namespace

// Appends `s` as a JSON string: `"` and `\` get a backslash, bytes below 0x20 become \u00xx with
// lower-case hex, every other byte (DEL, UTF-8 sequences, even invalid UTF-8) is copied as is.
// Nothing else is escaped, so each string has exactly one encoding, which the hash relies on.
// Plain text is found a word at a time and appended in runs (the bytes are those of the byte-by-
// byte rule above; tests/audit/json_string_escape_test.cc compares the two on every byte value).
void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  const char* p = s.data();
  const size_t n = s.size();
  size_t plain = 0;  // start of the run of characters not yet appended
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (!WordNeedsEscape(w)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c != '"' && c != '\\' && c >= 0x20) {
      ++i;
      continue;
    }
    out.append(p + plain, i - plain);
    plain = i + 1;
    if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      out.append(esc, sizeof esc);
    } else {
      const char esc[2] = {'\\', static_cast<char>(c)};
      out.append(esc, sizeof esc);
    }
    ++i;
  }
  out.append(p + plain, n - plain);
  out += '"';
}

namespace {

void Str(std::string& out, std::string_view s) { AppendJsonString(out, s); }

// Appends a key as it is encoded: `{"cite":` or `,"decision":` (the comma, quotes and colon
// written out in the literal; no key needs escaping). One append instead of a character at a time.
template <size_t N>
void Lit(std::string& out, const char (&text)[N]) {
  out.append(text, N - 1);
}

// One reason as `{"cite":…,"decision":…,"message":…,"rule":…}`: keys in byte order, always all
// four, even when a value is empty.
void Reason(std::string& out, const AuditReason& r) {
  Lit(out, "{\"cite\":");
  Str(out, r.cite);
  Lit(out, ",\"decision\":");
  Str(out, r.decision);
  Lit(out, ",\"message\":");
  Str(out, r.message);
  Lit(out, ",\"rule\":");
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

// The stored text of the `classes` column: the classes in the decision's order (not sorted; the
// order is part of what was decided and of the hash).
std::string CanonicalClassesJson(const std::vector<std::string>& classes) {
  std::string out;
  Classes(out, classes);
  return out;
}

// The stored text of the `reasons` column, and of `audit_findings.reasons`.
std::string CanonicalReasonsJson(const std::vector<AuditReason>& reasons) {
  std::string out;
  Reasons(out, reasons);
  return out;
}

namespace {

// Both record representations (AuditRecord, about to be written, and StoredAuditRecord, read
// back) go through this one function so a record hashes the same before and after storage.
// Format 1 records (written before schema version 5) hash the eleven keys without `facts_digest`
// and `format`; any later format adds both, in their byte-order places.
// The record's fields in key order; `classes` and `reasons` are appended as the JSON text given.
// An audit-run record (run_json not null) has one key more, `run`, whatever its format: the key's
// presence tells it from every other record, whose bytes are as they were before runs existed.
std::string Encode(int format, int64_t seq, std::string_view ts, std::string_view actor,
                   std::string_view command, std::string_view subject,
                   std::string_view input_digest, std::string_view decision,
                   std::string_view classes_json, std::string_view reasons_json,
                   std::string_view pack_digest, std::string_view facts_digest,
                   std::string_view prev_hash, const std::string* run_json) {
  std::string out;
  out.reserve(512 + actor.size() + subject.size() + classes_json.size() + reasons_json.size() +
              (run_json ? run_json->size() : 0));
  char number[24];
  auto append_number = [&](int64_t v) {
    std::to_chars_result r = std::to_chars(number, number + sizeof number, v);
    out.append(number, static_cast<size_t>(r.ptr - number));
  };
  Lit(out, "{\"actor\":");
  Str(out, actor);
  Lit(out, ",\"classes\":");
  out += classes_json;
  Lit(out, ",\"command\":");
  Str(out, command);
  Lit(out, ",\"decision\":");
  Str(out, decision);
  if (format >= kAuditFormat) {
    Lit(out, ",\"facts_digest\":");
    Str(out, facts_digest);
    Lit(out, ",\"format\":");
    append_number(format);
  }
  Lit(out, ",\"input_digest\":");
  Str(out, input_digest);
  Lit(out, ",\"pack_digest\":");
  Str(out, pack_digest);
  Lit(out, ",\"prev_hash\":");
  Str(out, prev_hash);
  Lit(out, ",\"reasons\":");
  out += reasons_json;
  if (run_json) {
    Lit(out, ",\"run\":");
    out += *run_json;
  }
  Lit(out, ",\"seq\":");
  append_number(seq);
  Lit(out, ",\"subject\":");
  Str(out, subject);
  Lit(out, ",\"ts\":");
  Str(out, ts);
  out += '}';
  return out;
}

}  // namespace

// The bytes to hash for a record about to be appended: classes and reasons are encoded here, and
// the same encodings are what the store writes into the columns.
std::string CanonicalAuditJson(const AuditRecord& rec) {
  const AuditEntry& e = rec.entry;
  std::optional<std::string> run;
  if (e.run) run = CanonicalRunJson(*e.run);
  return Encode(rec.format, rec.seq, rec.ts, e.actor, e.command, e.subject, e.input_digest,
                e.decision, CanonicalClassesJson(e.classes), CanonicalReasonsJson(e.reasons),
                e.pack_digest, e.facts_digest, rec.prev_hash, run ? &*run : nullptr);
}

std::string AuditRecordHash(const AuditRecord& rec) { return Sha256Hex(CanonicalAuditJson(rec)); }

// The bytes to hash for a record read back from the database. `classes_json` and `reasons_json`
// are the column text as stored, used unparsed: verification recomputes the hash over what a
// reader of the database sees. A NULL facts digest (format 1) encodes as nothing, since format 1
// leaves the key out; a format-2 record stored with NULL would hash `"facts_digest":""` and is
// refused by `log verify` through its format checks, not here.
std::string CanonicalAuditJson(const StoredAuditRecord& r) {
  return Encode(r.format, r.seq, r.ts, r.actor, r.command, r.subject, r.input_digest, r.decision,
                r.classes_json, r.reasons_json, r.pack_digest, r.facts_digest.value_or(""),
                r.prev_hash, r.run_json ? &*r.run_json : nullptr);
}

std::string AuditRecordHash(const StoredAuditRecord& r) { return Sha256Hex(CanonicalAuditJson(r)); }

// True when `text` is exactly what CanonicalClassesJson would write for the strings it holds:
// an array of strings and nothing else, with canonical escaping and no whitespace. Parse and
// re-encode, then compare bytes; any difference (spacing, `\/`, `\u0041`, upper-case hex) fails.
// A stored text that does not parse (including invalid UTF-8, which the parser rejects) fails too.
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

// True when `text` is exactly what CanonicalReasonsJson would write: an array of objects, each
// with the string keys cite, decision, message and rule. A missing or non-string key fails at
// once; a duplicate or extra key, or another key order, survives parsing but not the byte
// comparison at the end.
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
