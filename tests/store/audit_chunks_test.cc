// Store::AppendAuditChunks (the append `check` uses): the same records as AppendAudit of the same
// entries, whatever the chunks, and nothing written when a chunk after the first insert batch
// fails (a bad entry, or the source's own error).
#include <catch2/catch.hpp>
#include <sstream>

#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

struct StillClock final : Clock {
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(1764547200123));
  }
};

AuditEntry Entry(int i) {
  AuditEntry e;
  e.actor = "tester";
  e.command = "check";
  e.subject =
      "shipment S date 2025-12-01 line " + std::to_string(i) + " part P" + std::to_string(i % 7);
  e.input_digest = "sha256:" + std::string(64, 'a');
  e.decision = i % 3 ? "no_license_required" : "review";
  e.classes = {"3A090.a"};
  if (i % 2) e.classes.push_back("EAR99 \"quoted\"");
  e.reasons = {{"rule-" + std::to_string(i % 5), e.decision, "15 CFR 742.6", "line\n" + e.subject}};
  e.pack_digest = "sha256:" + std::string(64, 'b');
  e.facts_digest = "sha256:" + std::string(63, 'c') + std::to_string(i % 10);
  return e;
}

std::vector<AuditEntry> Entries(int n) {
  std::vector<AuditEntry> out;
  for (int i = 1; i <= n; ++i) out.push_back(Entry(i));
  return out;
}

// Hands out `entries` `size` at a time; when `fail_at` > 0, the chunk that would start at or
// after entry `fail_at` is an error instead.
AuditChunkSource Chunks(const std::vector<AuditEntry>& entries, size_t size, size_t fail_at = 0) {
  auto at = std::make_shared<size_t>(0);
  auto chunk = std::make_shared<std::vector<AuditEntry>>();
  return [&entries, size, fail_at, at, chunk]() -> Result<std::vector<AuditEntry>*> {
    if (*at >= entries.size()) return static_cast<std::vector<AuditEntry>*>(nullptr);
    if (fail_at > 0 && *at >= fail_at) return Status::Error("the source failed");
    size_t end = std::min(entries.size(), *at + size);
    chunk->assign(entries.begin() + static_cast<std::ptrdiff_t>(*at),
                  entries.begin() + static_cast<std::ptrdiff_t>(end));
    *at = end;
    return chunk.get();
  };
}

std::string Exported(const std::string& path) {
  auto s = Store::Open(path, StoreOptions{.read_only = true});
  REQUIRE(s.ok());
  std::ostringstream out;
  REQUIRE(s->ExportAudit(out).ok());
  return out.str();
}

}  // namespace

TEST_CASE("ChunkedAppendWritesTheRecordsOfOneAppend", "[store][audit]") {
  TempDir dir;
  StillClock clock;
  // More than two insert batches (1,000 records each), in chunks that straddle them, after a
  // record already in each log.
  const std::vector<AuditEntry> entries = Entries(2345);
  std::string whole = TestDatabase(dir, "whole.db"), chunked = TestDatabase(dir, "chunked.db");
  Store::AppendResult a, b;
  for (const std::string* path : {&whole, &chunked}) {
    auto s = Store::Open(*path, StoreOptions{.create = true, .clock = &clock});
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit({Entry(0)}).ok());
    auto w = path == &whole ? s->AppendAudit(entries) : s->AppendAuditChunks(Chunks(entries, 333));
    INFO(w.status().message());
    REQUIRE(w.ok());
    (path == &whole ? a : b) = w.value();
  }
  CHECK(b.first_seq == 2);
  CHECK(b.last_seq == 2346);
  CHECK(a.first_seq == b.first_seq);
  CHECK(a.last_seq == b.last_seq);
  CHECK(a.prev_hash == b.prev_hash);
  CHECK(a.head == b.head);
  CHECK(Exported(whole) == Exported(chunked));
  auto s = Store::Open(chunked, StoreOptions{.read_only = true});
  REQUIRE(s.ok());
  auto verified = s->VerifyAudit({{0, b.head, "test"}});
  REQUIRE(verified.ok());
  CHECK(verified->ok);
  CHECK(verified->records == 2346);
}

TEST_CASE("ChunkedAppendOfNoEntriesWritesNothing", "[store][audit]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "audit.db");
  auto s = Store::Open(path, StoreOptions{.create = true});
  REQUIRE(s.ok());
  const std::vector<AuditEntry> none;
  auto w = s->AppendAuditChunks(Chunks(none, 10));
  REQUIRE(w.ok());
  CHECK(w->count() == 0);
  CHECK(RawColumn(path, "SELECT seq FROM audit_log").empty());
}

TEST_CASE("AChunkFailingAfterTheFirstBatchWritesNothing", "[store][audit]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "audit.db");
  auto s = Store::Open(path, StoreOptions{.create = true});
  REQUIRE(s.ok());
  auto first = s->AppendAudit({Entry(0)});
  REQUIRE(first.ok());
  SECTION("a bad entry in a later chunk") {
    std::vector<AuditEntry> entries = Entries(2500);
    entries[2100].facts_digest.clear();  // a record must name its facts
    auto w = s->AppendAuditChunks(Chunks(entries, 700));
    REQUIRE_FALSE(w.ok());
    CHECK(w.status().message().find("facts_digest") != std::string::npos);
  }
  SECTION("the source's own error") {
    const std::vector<AuditEntry> entries = Entries(2500);
    auto w = s->AppendAuditChunks(Chunks(entries, 700, 2100));
    REQUIRE_FALSE(w.ok());
    CHECK(w.status().message().find("the source failed") != std::string::npos);
  }
  // The first record only: the 1,000-record batches inserted before the failure were rolled back.
  CHECK(RawColumn(path, "SELECT hash FROM audit_log") == std::vector<std::string>{first->head});
  auto again = s->AppendAudit({Entry(1)});
  REQUIRE(again.ok());
  CHECK(again->first_seq == 2);
}

}  // namespace chipgate::testing
