#pragma once

// What a bot's triggers are and when its cron triggers fire next, as
// `travet schedules next`, `travet schedules list` and the schedules API
// show it.

#include <chrono>
#include <string>
#include <vector>

#include "runtime/core/value.h"
#include "runtime/lang/model.h"
#include "runtime/schedule/iso_time.h"

namespace travet::schedule {

// The fire times of a cron trigger, in its local time, and why there are no
// more when there are fewer than asked for.
struct UpcomingFires {
  std::vector<LocalTime> times;
  std::string error;  // empty when all were found
};

// The first `count` fire times of cron trigger `trigger` strictly after
// `from` (NextFire, one after the other).
UpcomingFires NextFires(const lang::Trigger& trigger, std::chrono::sys_seconds from, int count);

// "06-24".
std::string MonthDayText(std::chrono::month_day day);

// The files a watch trigger takes: "inbox/*.pdf".
std::string WatchedFiles(const lang::Trigger& trigger);

// Where a webhook starts `bot`: "/api/v1/hooks/NAME".
std::string WebhookPath(const lang::Bot& bot);

// A trigger as JSON: its `kind` ("cron", "watch", "webhook") and settings
// (cron: cron, timezone, skip, holidays, catch_up and `next`, the first
// `count` fire times after `from` as FormatIso writes them, with `error`
// when it has fewer; watch: path, pattern, settle_ms, input; webhook: method,
// path).
Value TriggerJson(const lang::Bot& bot, const lang::Trigger& trigger, std::chrono::sys_seconds from,
                  int count);

}  // namespace travet::schedule
