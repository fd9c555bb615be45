#include "runtime/schedule/iso_time.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <regex>

#include "runtime/schedule/internal/time_zone.h"

namespace travet::schedule {
namespace {

// The parts of an ISO 8601 instant, as numbers; the offset in seconds.
struct IsoParts {
  int year = 0;
  unsigned month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  int offset = 0;
};

int Digits(const std::ssub_match& m) {
  return m.matched ? std::atoi(m.str().c_str()) : 0;
}

std::optional<IsoParts> SplitIso(const std::string& text) {
  static const std::regex kIso(
      R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)"
      R"((Z|([+-])(\d{2}):?(\d{2})))");
  std::smatch m;
  if (!std::regex_match(text, m, kIso))
    return std::nullopt;
  IsoParts p;
  p.year = Digits(m[1]);
  p.month = static_cast<unsigned>(Digits(m[2]));
  p.day = static_cast<unsigned>(Digits(m[3]));
  p.hour = Digits(m[4]);
  p.minute = Digits(m[5]);
  p.second = Digits(m[6]);
  if (m[8].matched) {
    int offset_hours = Digits(m[9]), offset_minutes = Digits(m[10]);
    if (offset_hours > 23 || offset_minutes > 59)
      return std::nullopt;
    p.offset = (m[8] == "-" ? -1 : 1) * (offset_hours * 3600 + offset_minutes * 60);
  }
  return p;
}

}  // namespace

Result<LocalTime> ToLocalTime(std::chrono::sys_seconds instant, const std::string& timezone) {
  auto zone = FindZone(timezone);
  if (!zone)
    return zone.error();
  const std::chrono::seconds offset = (*zone)->get_info(instant).offset;
  return LocalTime{std::chrono::local_seconds{(instant + offset).time_since_epoch()}, offset};
}

std::string FormatIso(const LocalTime& time) {
  using namespace std::chrono;
  const local_days day = floor<days>(time.time);
  const year_month_day date{day};
  const hh_mm_ss<seconds> clock{time.time - day};
  const int offset = static_cast<int>(time.offset.count());
  const int magnitude = offset < 0 ? -offset : offset;
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()), offset < 0 ? '-' : '+', magnitude / 3600,
                magnitude % 3600 / 60);
  return out;
}

Result<std::chrono::sys_seconds> ParseIsoInstant(std::string_view text) {
  using namespace std::chrono;
  auto bad = [&] {
    return InvalidArgument("'" + std::string(text.substr(0, 64)) +
                           "' is not a time with an offset or Z (use e.g. "
                           "2026-03-28T12:00:00+01:00 or 2026-03-28T11:00:00Z)");
  };
  auto parts = SplitIso(std::string(text));
  if (!parts)
    return bad();
  const year_month_day date{year(parts->year), month(parts->month), day(parts->day)};
  if (!date.ok() || parts->hour > 23 || parts->minute > 59 || parts->second > 59)
    return bad();
  return sys_days(date) + hours(parts->hour) + minutes(parts->minute) + seconds(parts->second) -
         seconds(parts->offset);
}

}  // namespace travet::schedule
