// Per-thread working arrays that are never cleared: each slot remembers the pass that last wrote
// it, and a slot of an older pass reads as unused. Screening one name touches few slots of
// arrays as large as the list or its vocabulary; clearing them for every name would cost time in
// proportion to the list instead of the name. The index (party_index.cc) and the screener
// (party_screen.cc) keep theirs in thread-local storage.
#pragma once

#include <cstdint>
#include <vector>

namespace chipgate {

// A slot belongs to the current pass when its stamp equals the pass's stamp. Passes are numbered
// by the owner from 1 up, never reused; stamp 0 is "never used".
template <typename T>
struct Stamped {
  struct Slot {
    uint64_t pass = 0;
    T value{};
  };
  std::vector<Slot> slots;
  std::vector<int> touched;  // slots in order of first use in a pass; the owner clears it

  // Grows the array to `n` slots (a screener with a larger list may run on this thread next).
  void Fit(size_t n) {
    if (slots.size() < n) slots.resize(n);
  }
  // The slot of `i` in pass `p`, reset to `init` on its first use in the pass.
  T& At(int i, uint64_t p, T init) {
    Slot& s = slots[i];
    if (s.pass != p) {
      s.pass = p;
      s.value = init;
      touched.push_back(i);
    }
    return s.value;
  }
  // Asks the processor to fetch the slot of `i`, which will be used soon (a hint only).
  void Prefetch(int i) const { __builtin_prefetch(&slots[static_cast<size_t>(i)], 1); }
  // The value of `i` in pass `p`, or nullptr when it was not used in that pass.
  const T* Find(int i, uint64_t p) const { return slots[i].pass == p ? &slots[i].value : nullptr; }
  // The value of `i` as last written; only meaningful for a slot touched in the current pass.
  T& operator[](int i) { return slots[i].value; }
};

}  // namespace chipgate
