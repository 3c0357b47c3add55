// Audit-log appends per second from 1, 4 and 16 threads, each append 1 or 100 records, durable
// (WAL, synchronous = FULL) on a real file: GroupCommitLog (calls waiting together share one
// transaction) against one transaction per append through one connection shared under a mutex
// (the baseline: what a server gets by serialising AppendAudit calls) and one transaction per
// append through a connection per thread (SQLite's busy handler serialising them, as concurrent
// `chipgate check` processes are). Same database settings for all; each benchmark starts a new
// database. Run by bench/run (CHIPGATE_BENCH_ONLY=group-commit), which reports per wall time.
// Usage: chipgate_bench_group_commit [benchmark flags] DIR (where the databases are made).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/group_commit.h"
#include "chipgate/store.h"

namespace chipgate {
namespace {

std::string g_dir;

std::vector<AuditEntry> Entries(int n) {
  std::vector<AuditEntry> out;
  for (int i = 0; i < n; ++i) {
    AuditEntry e;
    e.actor = "bench";
    e.command = "check";
    e.subject =
        "shipment B date 2025-06-01 line " + std::to_string(i + 1) + " part P" + std::to_string(i);
    e.input_digest = "sha256:" + std::string(64, 'a');
    e.decision = "license_required";
    e.classes = {"3A090.a", "3A090.a.1"};
    e.reasons = {{"ac-d5-macau", "license_required", "15 CFR 742.6(a)(6)(iii)",
                  "license required for the advanced-computing item to this destination"}};
    e.pack_digest = "sha256:" + std::string(64, 'b');
    e.facts_digest = "sha256:" + std::string(64, 'f');
    out.push_back(std::move(e));
  }
  return out;
}

// A new, empty database for one benchmark (its -wal and -shm files removed too).
std::string FreshDatabase(const std::string& name) {
  std::string path = g_dir + "/" + name + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto s = Store::Open(path, StoreOptions{.create = true});
  if (!s.ok()) {
    std::cerr << s.status().message() << "\n";
    std::exit(2);
  }
  return path;
}

// Thread 0 sets up before the loop and tears down after it; the loop's start and end are barriers
// for all threads (Google Benchmark), so the others never see a half-made log.
std::unique_ptr<GroupCommitLog> g_log;

void BM_GroupCommit(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  if (state.thread_index() == 0) {
    auto log = GroupCommitLog::Open(FreshDatabase("group-commit"));
    if (!log.ok()) {
      state.SkipWithError(log.status().message().c_str());
      return;
    }
    g_log = std::move(log.value());
  }
  const std::vector<AuditEntry> entries = Entries(n);
  for (auto _ : state) {
    auto r = g_log->Append(entries);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());  // appends (calls); records = appends x entries
  if (state.thread_index() == 0) {
    GroupCommitStats stats = g_log->stats();
    g_log.reset();
    state.counters["calls_per_transaction"] =
        stats.transactions > 0 ? static_cast<double>(stats.appends) / stats.transactions : 0;
    state.counters["largest_batch"] = static_cast<double>(stats.largest_batch);
  }
}

std::unique_ptr<Store> g_store;
std::mutex g_store_mu;

void BM_TransactionPerAppendShared(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  if (state.thread_index() == 0) {
    auto s = Store::Open(FreshDatabase("per-append-shared"));
    if (!s.ok()) {
      state.SkipWithError(s.status().message().c_str());
      return;
    }
    g_store = std::make_unique<Store>(std::move(s.value()));
  }
  const std::vector<AuditEntry> entries = Entries(n);
  for (auto _ : state) {
    std::lock_guard lock(g_store_mu);
    auto r = g_store->AppendAudit(entries);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) g_store.reset();
}

std::string g_own_path;

void BM_TransactionPerAppendOwnConnection(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  if (state.thread_index() == 0) g_own_path = FreshDatabase("per-append-own");
  const std::vector<AuditEntry> entries = Entries(n);
  std::optional<Store> store;
  for (auto _ : state) {
    if (!store) {  // inside the loop, after the barrier that follows thread 0's setup
      state.PauseTiming();
      auto s = Store::Open(g_own_path);
      state.ResumeTiming();
      if (!s.ok()) {
        state.SkipWithError(s.status().message().c_str());
        break;
      }
      store.emplace(std::move(s.value()));
    }
    auto r = store->AppendAudit(entries);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

void Args(benchmark::internal::Benchmark* b) {
  b->ArgName("entries")->Arg(1)->Arg(100);
  b->Threads(1)->Threads(4)->Threads(16);
  b->UseRealTime()->MinTime(1.0);
}

BENCHMARK(BM_GroupCommit)->Apply(Args);
BENCHMARK(BM_TransactionPerAppendShared)->Apply(Args);
BENCHMARK(BM_TransactionPerAppendOwnConnection)->Apply(Args);

}  // namespace
}  // namespace chipgate

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::cerr << "usage: chipgate_bench_group_commit [benchmark flags] DIR\n";
    return 2;
  }
  chipgate::g_dir = argv[1];
  std::filesystem::create_directories(chipgate::g_dir);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
