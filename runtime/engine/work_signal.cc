#include "runtime/engine/work_signal.h"

#include <algorithm>
#include <chrono>

namespace travet::engine {

uint64_t WorkSignal::Generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

void WorkSignal::Notify() {
  {
    std::lock_guard lock(mu_);
    ++generation_;
  }
  changed_.notify_all();
}

void WorkSignal::Wait(uint64_t seen, Millis timeout, const std::atomic<bool>* stop) {
  constexpr Millis kStopCheck{50};
  const auto until = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mu_);
  while (generation_ == seen && (stop == nullptr || !stop->load())) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) {
      return;
    }
    changed_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(until - now, kStopCheck));
  }
}

}  // namespace travet::engine
