// Items evaluated on worker threads in chunks and handed back in the order they were added: the
// audit's parts pass classifies on several cores while its report and its recorded run stay,
// byte for byte, those of one thread (docs/inventory-audit.md, "Threads").
//
// The calling thread fills slots (Next, Add); a full chunk goes to whichever worker is free;
// finished chunks are applied on the calling thread, strictly in the order they were filled, as
// soon as the chunk at the head is done. At most a few chunks per worker are in flight, so memory
// stays bounded however long the stream. Slots are reused from chunk to chunk (filled by
// assignment, so their strings and vectors keep their capacity).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace chipgate {

template <class Slot>
class OrderedChunks {
 public:
  // evaluate(worker, slot) runs on worker thread `worker` (0 .. workers-1), one worker per slot,
  // and must touch nothing shared but what is safe to read concurrently; apply(slot) runs on the
  // thread that calls Add and Finish, in the order the slots were filled.
  using Evaluate = std::function<void(size_t worker, Slot&)>;
  using Apply = std::function<void(Slot&)>;

  OrderedChunks(size_t workers, size_t chunk_size, Evaluate evaluate, Apply apply)
      : chunk_size_(chunk_size ? chunk_size : 1),
        max_in_flight_(2 * workers + 2),
        evaluate_(std::move(evaluate)),
        apply_(std::move(apply)) {
    for (size_t w = 0; w < workers; ++w) threads_.emplace_back([this, w] { Work(w); });
  }
  OrderedChunks(const OrderedChunks&) = delete;
  OrderedChunks& operator=(const OrderedChunks&) = delete;

  // Stops the workers and waits for them; what was not applied yet is dropped (the caller stopped
  // early, e.g. on a store error).
  ~OrderedChunks() {
    {
      std::lock_guard lock(mu_);
      closing_ = true;
    }
    work_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  // The slot to fill next; Add hands it over.
  Slot& Next() {
    if (!filling_) filling_ = Fresh();
    return filling_->slots[filling_->size];
  }

  // Hands over the slot Next returned. A full chunk goes to the workers, and then every chunk done
  // at the head of the order is applied.
  void Add() {
    if (++filling_->size < chunk_size_) return;
    Submit();
    ApplyDone(false);
  }

  // Hands over the last partial chunk and applies everything, in order. A worker's exception is
  // rethrown here (or from Add).
  void Finish() {
    if (filling_ && filling_->size > 0) Submit();
    ApplyDone(true);
  }

 private:
  struct Chunk {
    std::vector<Slot> slots;
    size_t size = 0;
    bool done = false;
  };

  std::unique_ptr<Chunk> Fresh() {
    std::unique_ptr<Chunk> c;
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        c = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!c) {
      c = std::make_unique<Chunk>();
      c->slots.resize(chunk_size_);
    }
    c->size = 0;
    c->done = false;
    return c;
  }

  void Submit() {
    {
      std::lock_guard lock(mu_);
      todo_.push_back(filling_.get());
      in_flight_.push_back(std::move(filling_));
    }
    work_.notify_one();
  }

  // Applies the chunks done at the head of the order; waits for the head while too many chunks
  // are in flight, or for all of them when `all`.
  void ApplyDone(bool all) {
    std::unique_lock lock(mu_);
    for (;;) {
      if (failure_) std::rethrow_exception(failure_);
      if (in_flight_.empty()) return;
      if (!in_flight_.front()->done) {
        if (!all && in_flight_.size() < max_in_flight_) return;
        done_.wait(lock, [&] { return in_flight_.front()->done || failure_; });
        continue;
      }
      std::unique_ptr<Chunk> c = std::move(in_flight_.front());
      in_flight_.pop_front();
      lock.unlock();
      for (size_t i = 0; i < c->size; ++i) apply_(c->slots[i]);
      lock.lock();
      free_.push_back(std::move(c));
    }
  }

  void Work(size_t worker) {
    std::unique_lock lock(mu_);
    for (;;) {
      work_.wait(lock, [&] { return closing_ || !todo_.empty(); });
      if (closing_) return;
      Chunk* c = todo_.front();
      todo_.pop_front();
      lock.unlock();
      std::exception_ptr failed;
      try {
        for (size_t i = 0; i < c->size; ++i) evaluate_(worker, c->slots[i]);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      c->done = true;
      if (failed && !failure_) failure_ = failed;
      done_.notify_all();
    }
  }

  const size_t chunk_size_, max_in_flight_;
  const Evaluate evaluate_;
  const Apply apply_;
  std::unique_ptr<Chunk> filling_;  // the calling thread's own; not shared until Submit

  std::mutex mu_;  // guards everything below
  std::condition_variable work_, done_;
  std::deque<Chunk*> todo_;                       // submitted, not yet taken by a worker
  std::deque<std::unique_ptr<Chunk>> in_flight_;  // submitted, not yet applied, in order
  std::vector<std::unique_ptr<Chunk>> free_;      // applied, for reuse
  std::exception_ptr failure_;
  bool closing_ = false;
  std::vector<std::thread> threads_;  // last: started once everything above exists
};

}  // namespace chipgate
