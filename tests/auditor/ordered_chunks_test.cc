// OrderedChunks (src/auditor/ordered_chunks.h), the audit's parts pass on several threads: every
// slot is evaluated once, on a worker, and applied on the calling thread in the order it was
// filled, whatever the number of workers and however the chunks finish; a worker's exception
// reaches the caller; stopping early (the store failed mid-stream) joins the workers.
#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "auditor/ordered_chunks.h"

namespace chipgate {
namespace {

struct Slot {
  int value = 0;
  std::string text;  // reused from chunk to chunk: filled by assignment
  int evaluated = 0;
};

}  // namespace

TEST_CASE("OrderedChunksAppliesInTheOrderFilled", "[auditor][threads]") {
  for (size_t workers : {1, 2, 4, 7}) {
    for (size_t chunk : {1, 3, 64}) {
      INFO(workers << " workers, chunks of " << chunk);
      std::vector<int> applied;
      std::atomic<int> evaluations{0};
      const std::thread::id caller = std::this_thread::get_id();
      bool applied_on_caller = true;
      std::atomic<bool> bad_worker{false};
      {
        OrderedChunks<Slot> chunks(
            workers, chunk,
            [&](size_t worker, Slot& s) {  // no CHECK here: Catch2 is not thread-safe
              if (worker >= workers) bad_worker = true;
              // Uneven work, so later chunks often finish first.
              if (s.value % 5 == 0) std::this_thread::yield();
              s.text = "v" + std::to_string(s.value * 2);
              ++s.evaluated;
              ++evaluations;
            },
            [&](Slot& s) {
              applied_on_caller = applied_on_caller && std::this_thread::get_id() == caller;
              CHECK(s.evaluated == 1);
              CHECK(s.text == "v" + std::to_string(s.value * 2));
              applied.push_back(s.value);
            });
        for (int i = 0; i < 1000; ++i) {
          Slot& s = chunks.Next();
          s.value = i;
          s.evaluated = 0;
          chunks.Add();
        }
        chunks.Finish();
      }
      CHECK(applied_on_caller);
      CHECK(!bad_worker);
      CHECK(evaluations == 1000);
      REQUIRE(applied.size() == 1000);
      for (int i = 0; i < 1000; ++i) CHECK(applied[static_cast<size_t>(i)] == i);
    }
  }
}

TEST_CASE("OrderedChunksPassesAWorkersExceptionToTheCaller", "[auditor][threads]") {
  std::vector<int> applied;
  OrderedChunks<Slot> chunks(
      2, 4,
      [](size_t, Slot& s) {
        if (s.value == 10) throw std::runtime_error("worker failed");
      },
      [&](Slot& s) { applied.push_back(s.value); });
  auto fill = [&] {
    for (int i = 0; i < 100; ++i) {
      chunks.Next().value = i;
      chunks.Add();
    }
    chunks.Finish();
  };
  CHECK_THROWS_WITH(fill(), "worker failed");
  // Nothing at or after the failed chunk was applied.
  for (int v : applied) CHECK(v < 8);
}

TEST_CASE("OrderedChunksStoppedEarlyJoinsItsWorkers", "[auditor][threads]") {
  std::atomic<int> evaluations{0};
  int applied = 0;
  {
    OrderedChunks<Slot> chunks(
        3, 2, [&](size_t, Slot&) { ++evaluations; }, [&](Slot&) { ++applied; });
    for (int i = 0; i < 9; ++i) {
      chunks.Next().value = i;
      chunks.Add();
    }
    // No Finish: the caller stopped (a store error); the destructor must not hang or crash.
  }
  CHECK(applied <= 9);
  CHECK(evaluations <= 9);
}

}  // namespace chipgate
