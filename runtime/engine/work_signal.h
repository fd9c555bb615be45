#pragma once

// Wakes the idle workers of one process when that process has just queued
// work itself (a run started over HTTP, a review decided, a trigger fired),
// so that they claim it now instead of at their next poll. Work queued by
// other processes on the store is still found by polling.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "runtime/core/clock.h"

namespace travet::engine {

class WorkSignal {
 public:
  // How many times Notify was called: read before looking for work, and
  // given to Wait, so that work queued between the look and the wait is not
  // slept through.
  uint64_t Generation() const;

  // Tells every waiting worker there may be work.
  void Notify();

  // Returns when Notify has been called since `seen` was read, when `stop`
  // is set (checked every 50 ms), or after `timeout`.
  void Wait(uint64_t seen, Millis timeout, const std::atomic<bool>* stop);

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  uint64_t generation_ = 0;
};

}  // namespace travet::engine
