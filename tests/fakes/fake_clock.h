#pragma once

#include <mutex>
#include <vector>

#include "runtime/core/clock.h"

namespace travet::testing {

// A clock that only moves when told to. SleepFor advances it at once and
// records the duration, so tests can assert on backoff without waiting.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(std::chrono::hours(24 * 365 * 56)));
  TimePoint Now() const override;
  void SleepFor(Millis duration) override;
  void Advance(Millis duration);
  std::vector<Millis> sleeps() const;

 private:
  mutable std::mutex mu_;
  TimePoint now_;
  std::vector<Millis> sleeps_;
};

}  // namespace travet::testing
