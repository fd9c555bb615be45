#pragma once

#include <bitset>
#include <string_view>

#include "runtime/core/result.h"

namespace travet::lang {

// A parsed 5-field cron expression (minute hour day-of-month month
// day-of-week), with names (jan..dec, sun..sat), ranges, steps, lists and the
// macros @hourly @daily @weekly @monthly @yearly. Day-of-week 7 is Sunday.
struct CronSpec {
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;     // 1..31
  std::bitset<13> months;   // 1..12
  std::bitset<7> weekdays;  // 0 = Sunday
  // Whether the day-of-month (day-of-week) field starts with `*` (`*`,
  // `*/2`). A day fires when it matches both day fields if either of these is
  // set, and when it matches either field otherwise, as in Vixie cron.
  bool any_day = false;
  bool any_weekday = false;
};

// Parses `text`; errors say which field is wrong and why, e.g.
// "bad cron expression '61 * * * *': minute 61 is out of range 0-59".
Result<CronSpec> ParseCron(std::string_view text);

}  // namespace travet::lang
