#pragma once

// A clock that can be set ahead and then runs on in real time, so that a
// scheduler can be brought a few milliseconds before a due time and left to
// reach it as it would on the wall clock.

#include <atomic>
#include <chrono>
#include <thread>

#include "runtime/core/clock.h"

namespace travet::bench {

class JumpClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::system_clock::now() + std::chrono::system_clock::duration(offset_.load());
  }
  void SleepFor(Millis duration) override { std::this_thread::sleep_for(duration); }

  // From now on Now() reads `t` and goes on from there at the wall clock's pace.
  void JumpTo(TimePoint t) { offset_ = (t - std::chrono::system_clock::now()).count(); }

 private:
  std::atomic<std::chrono::system_clock::rep> offset_{0};
};

}  // namespace travet::bench
