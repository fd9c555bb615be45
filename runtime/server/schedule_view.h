#pragma once

// The schedules of the served bots as the API (schedule_routes.cc) and
// `travet schedules list` show them: each trigger with its key, whether it
// is paused, its last recorded fire and its next fire times.

#include <chrono>
#include <vector>

#include "runtime/core/result.h"
#include "runtime/core/value.h"
#include "runtime/lang/model.h"
#include "runtime/server/bot_catalog.h"
#include "runtime/store/store.h"

namespace travet::server {

// The most next fire times asked of one trigger, and how many by default.
inline constexpr int kMaxNextFires = 100;
inline constexpr int kDefaultNextFires = 5;

// Which fire times to show: the first `count` of each cron trigger strictly
// after `from`.
struct ScheduleWindow {
  std::chrono::sys_seconds from{};
  int count = kDefaultNextFires;
};

// Trigger `index` of `bot`: schedule::TriggerJson, plus `key` ("cron#1"),
// `index` (from 1), `paused` with `paused_by` and `paused_at` (null when not
// paused), `last_fire` (the latest recorded fire, RFC 3339 UTC; null when
// none) and `next`, the fire times in the trigger's local time, empty for a
// watch or webhook trigger and while the trigger is paused (they would not
// fire). `pauses` are the bot's (Store::ListTriggerPauses). Errors: the
// store's.
Result<Value> TriggerScheduleJson(store::Store& store, const lang::Bot& bot, size_t index,
                                  const ScheduleWindow& window,
                                  const std::vector<store::TriggerPause>& pauses);

// Bot `bot`'s schedule: {bot, file, triggers: [TriggerScheduleJson...]}.
Result<Value> BotScheduleJson(store::Store& store, const lang::Bot& bot,
                              const ScheduleWindow& window);

// {from, schedules: [BotScheduleJson...]}: every valid bot of `entries`
// that has triggers, in the catalog's order (by file name).
Result<Value> SchedulesJson(store::Store& store, const std::vector<CatalogEntry>& entries,
                            const ScheduleWindow& window);

// `from` as the API writes it: "2026-03-30T06:00:00+00:00".
std::string WindowStart(const ScheduleWindow& window);

}  // namespace travet::server
