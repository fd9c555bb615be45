#include "runtime/core/clock.h"

#include <cstdio>
#include <ctime>
#include <thread>

namespace travet {

TimePoint SystemClock::Now() const {
  return std::chrono::system_clock::now();
}

void SystemClock::SleepFor(Millis duration) {
  std::this_thread::sleep_for(duration);
}

Clock& DefaultClock() {
  static SystemClock clock;
  return clock;
}

std::string FormatRfc3339(TimePoint t) {
  auto ms = std::chrono::duration_cast<Millis>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace travet
