#include "tools/travet/time_bound.h"

#include <chrono>
#include <cstdio>
#include <regex>

namespace travet::cli {

std::optional<std::string> StoreTimeBound(const std::string& text, Bound bound) {
  static const std::regex kDateOrTime(
      R"((\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z)?)");
  std::smatch m;
  if (!std::regex_match(text, m, kDateOrTime))
    return std::nullopt;
  using namespace std::chrono;
  year_month_day day{year(std::stoi(m[1])), month(std::stoul(m[2])),
                     std::chrono::day(std::stoul(m[3]))};
  if (!day.ok())
    return std::nullopt;
  if (m[4].matched) {
    std::string time = text;
    if (!m[5].matched)
      time.insert(time.size() - 1, ":00.000");  // ...T08:15Z
    else if (!m[6].matched)
      time.insert(time.size() - 1, ".000");  // ...T08:15:00Z
    return time;
  }
  if (bound == Bound::kUntil) {
    if (day == year_month_day(year(9999) / December / 31))
      return "9999-12-31T23:59:59.999Z";  // "10000-01-01..." would sort before every time
    day = year_month_day(sys_days(day) + days(1));
  }
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT00:00:00.000Z", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return out;
}

}  // namespace travet::cli
