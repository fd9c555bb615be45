#include "runtime/schedule/next_fire.h"

#include <optional>

#include "runtime/schedule/holidays.h"
#include "runtime/schedule/internal/time_zone.h"
#include "runtime/schedule/iso_time.h"

namespace travet::schedule {
namespace {

using std::chrono::sys_seconds;

// Every day of kMaxSearchYears, however many of them are leap years.
constexpr int kSearchDays = 366 * kMaxSearchYears;

// Whether the day fields of `cron` name `date`: its month, and its day of the
// month or of the week (both when either field starts with `*`, as in Vixie
// cron).
bool CronNamesDay(const lang::CronSpec& cron, std::chrono::year_month_day date) {
  if (!cron.months.test(static_cast<unsigned>(date.month())))
    return false;
  const bool by_day = cron.days.test(static_cast<unsigned>(date.day()));
  const bool by_weekday =
      cron.weekdays.test(std::chrono::weekday(std::chrono::sys_days(date)).c_encoding());
  if (cron.any_day || cron.any_weekday)
    return by_day && by_weekday;
  return by_day || by_weekday;
}

bool FiresOn(const CronCalendar& calendar, date::local_days day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{day.time_since_epoch()}};
  if (!CronNamesDay(calendar.cron, date))
    return false;
  return !calendar.holidays.skip || !IsHoliday(date, calendar.holidays.local);
}

// The instant at which a local time fires: the instant the zone's clocks show
// it; for a time a change of the clocks skips, the instant of the change; for
// one a change repeats, its first occurrence. Later local times never give
// earlier instants, which lets the search below skip whole hours.
sys_seconds FireInstant(const date::time_zone& zone, date::local_seconds local) {
  const date::local_info info = zone.get_info(local);
  if (info.result == date::local_info::nonexistent)
    return info.first.end;
  return sys_seconds{local.time_since_epoch()} - info.first.offset;
}

// The first fire of `cron` on local day `day` that is after `after`.
std::optional<sys_seconds> FirstFireOn(const date::time_zone& zone, const lang::CronSpec& cron,
                                       date::local_days day, sys_seconds after) {
  for (int h = 0; h < 24; ++h) {
    if (!cron.hours.test(static_cast<size_t>(h)))
      continue;
    const date::local_seconds hour = day + std::chrono::hours{h};
    if (FireInstant(zone, hour + std::chrono::minutes{59}) <= after)
      continue;  // nothing in this hour is after `after`
    for (int m = 0; m < 60; ++m) {
      if (!cron.minutes.test(static_cast<size_t>(m)))
        continue;
      const sys_seconds fire = FireInstant(zone, hour + std::chrono::minutes{m});
      if (fire > after)
        return fire;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<CronCalendar> CalendarOf(const lang::Trigger& trigger) {
  auto cron = lang::ParseCron(trigger.cron);
  if (!cron)
    return cron.error();
  return CronCalendar{*cron, trigger.timezone, {trigger.skip_holidays, trigger.holidays}};
}

Result<sys_seconds> NextFire(const CronCalendar& calendar, sys_seconds after) {
  auto zone = FindZone(calendar.timezone);
  if (!zone)
    return zone.error();
  // A local time before that of `after` never fires after it (FireInstant),
  // so the search starts on the local day of `after`.
  const date::local_days first = date::floor<date::days>((*zone)->to_local(after));
  for (int i = 0; i <= kSearchDays; ++i) {
    const date::local_days day = first + date::days{i};
    if (!FiresOn(calendar, day))
      continue;
    if (auto fire = FirstFireOn(**zone, calendar.cron, day, after))
      return *fire;
  }
  auto local = ToLocalTime(after, calendar.timezone);
  return NotFound("no fire time in the " + std::to_string(kMaxSearchYears) + " years after " +
                  (local ? FormatIso(*local) : std::string("then")));
}

}  // namespace travet::schedule
