// The canonical record encoding byte for byte (docs/audit-log.md, "Canonical encoding"), against
// references written here character by character: the string escaping on every byte value and at
// every position of a word (AppendJsonString scans plain text eight bytes at a time), and a
// format-2 record with every key, a `run` and characters that need escaping. A change that moved
// one byte would change every hash chipgate computes.
#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <string>

#include "audit/canonical_json.h"
#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate::testing {
namespace {

// The escaping rule as docs/audit-log.md states it, one byte at a time.
std::string ReferenceJsonString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string Escaped(std::string_view s) {
  std::string out = "prefix:";  // appended to, never replaced
  AppendJsonString(out, s);
  return out.substr(7);
}

}  // namespace

TEST_CASE("JsonStringEscapesEveryByteAsTheByteRuleDoes", "[audit]") {
  // Each byte value alone, and at every position of strings of 1 to 24 plain bytes (so in every
  // lane of a word and in the tail after the last whole word).
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    REQUIRE(Escaped(std::string(1, c)) == ReferenceJsonString(std::string(1, c)));
    for (size_t len = 1; len <= 24; ++len) {
      for (size_t at = 0; at < len; ++at) {
        std::string s(len, 'a');
        s[at] = c;
        INFO("byte " << b << " at " << at << " of " << len);
        REQUIRE(Escaped(s) == ReferenceJsonString(s));
      }
    }
  }
  CHECK(Escaped("") == "\"\"");
  CHECK(Escaped("say \"hi\"\\\n\x1f\x7f") == "\"say \\\"hi\\\"\\\\\\u000a\\u001f\x7f\"");
  // Random strings over all bytes, biased towards the escaped ones, up to 100 bytes long.
  std::mt19937 rng(20261208);
  for (int i = 0; i < 5000; ++i) {
    std::string s(rng() % 101, ' ');
    for (char& c : s) {
      unsigned pick = rng() % 8;
      c = pick == 0   ? '"'
          : pick == 1 ? '\\'
          : pick == 2 ? static_cast<char>(rng() % 0x20)
                      : static_cast<char>(rng() % 256);
    }
    REQUIRE(Escaped(s) == ReferenceJsonString(s));
  }
}

TEST_CASE("FormatTwoRecordEncodingIsPinnedByteForByte", "[audit]") {
  StoredAuditRecord r;
  r.format = kAuditFormat;
  r.seq = 1234567;
  r.ts = "2026-12-08T00:01:02.003Z";
  r.actor = "tok\"en";
  r.command = "audit";
  r.subject = "shipment S date 2025-06-01 line 3 part P\\1";
  r.input_digest = "sha256:" + std::string(64, 'a');
  r.decision = "review";
  r.classes_json = "[\"3A090.a\"]";
  r.reasons_json = "[{\"cite\":\"c\",\"decision\":\"review\",\"message\":\"m\",\"rule\":\"r\"}]";
  r.pack_digest = "sha256:" + std::string(64, 'b');
  r.facts_digest = "sha256:" + std::string(64, 'f');
  r.prev_hash = std::string(64, '0');
  r.run_json = "{\"findings\":0}";
  const std::string expected =
      "{\"actor\":\"tok\\\"en\",\"classes\":[\"3A090.a\"],\"command\":\"audit\",\"decision\":"
      "\"review\",\"facts_digest\":\"sha256:" +
      std::string(64, 'f') + "\",\"format\":" + std::to_string(kAuditFormat) +
      ",\"input_digest\":\"sha256:" + std::string(64, 'a') +
      "\",\"pack_digest\":\"sha256:" + std::string(64, 'b') + "\",\"prev_hash\":\"" +
      std::string(64, '0') +
      "\",\"reasons\":[{\"cite\":\"c\",\"decision\":\"review\",\"message\":\"m\",\"rule\":\"r\"}]"
      ",\"run\":{\"findings\":0},\"seq\":1234567,\"subject\":\"shipment S date 2025-06-01 line 3 "
      "part P\\\\1\",\"ts\":\"2026-12-08T00:01:02.003Z\"}";
  CHECK(CanonicalAuditJson(r) == expected);
  CHECK(AuditRecordHash(r) == Sha256Hex(expected));
  // Without a run the key is absent; a negative seq (a forged record) encodes its sign.
  r.run_json.reset();
  r.seq = -5;
  std::string no_run = CanonicalAuditJson(r);
  CHECK(no_run.find("\"run\"") == std::string::npos);
  CHECK(no_run.find(",\"seq\":-5,\"subject\":") != std::string::npos);
}

TEST_CASE("CanonicalReasonsJsonEscapesEachField", "[audit]") {
  std::vector<AuditReason> reasons = {{"r\"1", "review", "15 CFR\n", "line\\two"},
                                      {"", "", "", ""}};
  CHECK(CanonicalReasonsJson(reasons) ==
        "[{\"cite\":\"15 CFR\\u000a\",\"decision\":\"review\",\"message\":\"line\\\\two\","
        "\"rule\":\"r\\\"1\"},{\"cite\":\"\",\"decision\":\"\",\"message\":\"\",\"rule\":\"\"}]");
  CHECK(IsCanonicalReasonsJson(CanonicalReasonsJson(reasons)));
  CHECK(CanonicalClassesJson({"a\"", "b"}) == "[\"a\\\"\",\"b\"]");
}

}  // namespace chipgate::testing
