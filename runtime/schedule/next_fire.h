#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/lang/cron.h"
#include "runtime/lang/model.h"

namespace travet::schedule {

// Which days a cron trigger leaves out: with `skip`, the Italian national
// holidays (holidays.h) and the `local` days of the year.
struct HolidayRule {
  bool skip = false;
  std::vector<std::chrono::month_day> local;
};

// When a cron trigger fires: its fields read on the clocks of `timezone`,
// less the holidays it skips.
struct CronCalendar {
  lang::CronSpec cron;
  std::string timezone = "Europe/Rome";
  HolidayRule holidays;
};

// How far NextFire looks for a fire: 8 years, the longest gap between two
// 29 Februaries (2096 and 2104).
inline constexpr int kMaxSearchYears = 8;

// The calendar of a cron trigger of a loaded bot. InvalidArgument when its
// cron text does not parse (a bot the loader accepted always does).
Result<CronCalendar> CalendarOf(const lang::Trigger& trigger);

// The first fire of `calendar` strictly after `after`.
//
// A day fires when its month matches and its day of the month or its day of
// the week does; when one of the two fields starts with `*`, both must (as in
// Vixie cron). A skipped holiday does not fire at all. The fire times of a day
// are its local times the hour and minute fields name, each the instant its
// clocks show it, with two rules for the days the clocks change:
// - a time the change skips (02:30 when Rome moves from 02:00 to 03:00 in
//   March) fires at the instant of the change (03:00 local). All the times a
//   spec names in the skipped hour, and 03:00 itself, are that one instant,
//   so they fire once together; the times after it fire as usual
//   (`*/30 1-3 * * *`: 01:00, 01:30, 03:00, 03:30);
// - a time the change repeats (02:30 when Rome goes back from 03:00 to 02:00
//   in October) fires at its first occurrence only (02:30+02:00, not again at
//   02:30+01:00); this holds for every time of the repeated hour, also for
//   specs that fire every few minutes, which pause for that hour.
// Errors: InvalidArgument for a time zone the system does not have; NotFound
// when nothing fires within kMaxSearchYears of `after` (`0 0 30 2 *`, or a
// spec that only names holidays it skips). Thread-safe.
Result<std::chrono::sys_seconds> NextFire(const CronCalendar& calendar,
                                          std::chrono::sys_seconds after);

}  // namespace travet::schedule
