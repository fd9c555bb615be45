#include "runtime/kpi/period.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <regex>

#include "runtime/core/clock.h"
#include "runtime/schedule/iso_time.h"

namespace travet::kpi {
namespace {

using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::year_month_day;

enum class End { kFirstDay, kLastDay };

// The years a period may name, as the expression library's dates. The store
// compares times as text, and a bound past 9999 ("10000-01-01T...") sorted
// before every run: a period up to 9999-12 counted nothing, silently.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;

// "2026-03-05" or "2026-03" (its first or last day); nullopt for anything else.
std::optional<year_month_day> ReadDay(std::string_view text, End end) {
  static const std::regex kDayOrMonth(R"((\d{4})-(\d{2})(-(\d{2}))?)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kDayOrMonth))
    return std::nullopt;
  std::chrono::year_month month{std::chrono::year(std::stoi(m[1])),
                                std::chrono::month(static_cast<unsigned>(std::stoi(m[2])))};
  if (!month.ok())
    return std::nullopt;
  if (!m[3].matched) {
    if (end == End::kFirstDay)
      return year_month_day(month / 1);
    return year_month_day(month / std::chrono::last);
  }
  year_month_day day(month / std::chrono::day(static_cast<unsigned>(std::stoi(m[4]))));
  if (!day.ok())
    return std::nullopt;
  return day;
}

std::string DayText(year_month_day day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

// The instant the day begins in kKpiTimeZone. Rome's clocks change at 02:00
// and 03:00, never at midnight, so the offset at the guess's answer is the
// offset of midnight itself.
Result<std::string> MidnightUtc(year_month_day day) {
  sys_seconds guess{sys_days(day)};
  Result<schedule::LocalTime> at_guess = schedule::ToLocalTime(guess, kKpiTimeZone);
  if (!at_guess)
    return at_guess.error();
  sys_seconds instant = guess - at_guess->offset;
  Result<schedule::LocalTime> at_instant = schedule::ToLocalTime(instant, kKpiTimeZone);
  if (!at_instant)
    return at_instant.error();
  return FormatRfc3339(TimePoint(guess - at_instant->offset));
}

Status OutOfRange(std::string_view name, year_month_day day) {
  return InvalidArgument(std::string(name) + ": " + DayText(day) + " is out of range (years " +
                         std::to_string(kFirstYear) + ".." + std::to_string(kLastYear) + ")");
}

bool InRange(year_month_day day) {
  return day.year() >= std::chrono::year(kFirstYear) && day.year() <= std::chrono::year(kLastYear);
}

Status NotADay(std::string_view name, std::string_view text) {
  return InvalidArgument(std::string(name) + ": '" + std::string(text.substr(0, 64)) +
                         "' is not a day or a month (use YYYY-MM-DD or YYYY-MM)");
}

}  // namespace

Result<KpiPeriod> ParseKpiPeriod(std::string_view since, std::string_view until) {
  KpiPeriod period;
  std::optional<year_month_day> first;
  std::optional<year_month_day> last;
  if (!since.empty()) {
    first = ReadDay(since, End::kFirstDay);
    if (!first)
      return NotADay("since", since);
    if (!InRange(*first))
      return OutOfRange("since", *first);
    period.since = DayText(*first);
    Result<std::string> from = MidnightUtc(*first);
    if (!from)
      return from.error();
    period.from_utc = *from;
  }
  if (!until.empty()) {
    last = ReadDay(until, End::kLastDay);
    if (!last)
      return NotADay("until", until);
    if (!InRange(*last))
      return OutOfRange("until", *last);
    period.until = DayText(*last);
    Result<std::string> to = MidnightUtc(year_month_day(sys_days(*last) + std::chrono::days(1)));
    if (!to)
      return to.error();
    period.to_utc = *to;
  }
  if (first && last && sys_days(*last) < sys_days(*first))
    return InvalidArgument("until " + period.until + " is before since " + period.since);
  return period;
}

Result<std::string> KpiMonth(std::string_view utc) {
  std::optional<TimePoint> time = ParseRfc3339(utc);
  if (!time)
    return InvalidArgument("'" + std::string(utc.substr(0, 64)) + "' is not a time of the store");
  Result<schedule::LocalTime> local = schedule::ToLocalTime(
      std::chrono::time_point_cast<std::chrono::seconds>(*time), kKpiTimeZone);
  if (!local)
    return local.error();
  year_month_day day{std::chrono::floor<std::chrono::days>(local->time)};
  return DayText(day).substr(0, 7);
}

}  // namespace travet::kpi
