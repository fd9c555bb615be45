#include "tests/fakes/fake_clock.h"

namespace travet::testing {

FakeClock::FakeClock(TimePoint start) : now_(start) {}

TimePoint FakeClock::Now() const {
  std::lock_guard lock(mu_);
  return now_;
}

void FakeClock::SleepFor(Millis duration) {
  std::lock_guard lock(mu_);
  sleeps_.push_back(duration);
  now_ += duration;
}

void FakeClock::Advance(Millis duration) {
  std::lock_guard lock(mu_);
  now_ += duration;
}

std::vector<Millis> FakeClock::sleeps() const {
  std::lock_guard lock(mu_);
  return sleeps_;
}

}  // namespace travet::testing
