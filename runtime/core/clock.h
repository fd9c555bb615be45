#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace travet {

using TimePoint = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

// The seam between the runner and time: retries, leases and timeouts ask a
// Clock, so tests can use a fake one and never sleep.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  virtual void SleepFor(Millis duration) = 0;
};

// The wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
  void SleepFor(Millis duration) override;
};

// The process-wide SystemClock.
Clock& DefaultClock();

// UTC RFC 3339 with milliseconds, e.g. "2026-11-27T08:15:00.123Z".
std::string FormatRfc3339(TimePoint t);
// The time FormatRfc3339 wrote as `text` (exactly that form: UTC, with
// milliseconds, as the store keeps times); nullopt for any other text.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace travet
