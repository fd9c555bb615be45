#include "runtime/core/clock.h"

#include <algorithm>
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

namespace {

// The number of `width` digits at `text[at]`, or -1.
int DigitsAt(std::string_view text, size_t at, size_t width) {
  int number = 0;
  for (size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return -1;
    number = number * 10 + (text[i] - '0');
  }
  return number;
}

}  // namespace

std::optional<TimePoint> ParseRfc3339(std::string_view text) {
  // "YYYY-MM-DDTHH:MM:SS.mmmZ": each separator at its place.
  constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (text.size() != kShape.size())
    return std::nullopt;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] != '0' && text[i] != kShape[i])
      return std::nullopt;
  }
  int year = DigitsAt(text, 0, 4), month = DigitsAt(text, 5, 2), day = DigitsAt(text, 8, 2);
  int hour = DigitsAt(text, 11, 2), minute = DigitsAt(text, 14, 2);
  int second = DigitsAt(text, 17, 2), millis = DigitsAt(text, 20, 3);
  if (std::min({year, month, day, hour, minute, second, millis}) < 0 || hour > 23 || minute > 59 ||
      second > 59) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(year),
                                   std::chrono::month(static_cast<unsigned>(month)),
                                   std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok())
    return std::nullopt;
  return TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second) + Millis(millis);
}

}  // namespace travet
