#include "runtime/server/schedule_view.h"

#include <algorithm>

#include "runtime/schedule/iso_time.h"
#include "runtime/schedule/trigger_json.h"
#include "runtime/schedule/trigger_key.h"

namespace travet::server {
namespace {

Value OrNull(const std::string& text) {
  return text.empty() ? Value() : Value(text);
}

}  // namespace

Result<Value> TriggerScheduleJson(store::Store& store, const lang::Bot& bot, size_t index,
                                  const ScheduleWindow& window,
                                  const std::vector<store::TriggerPause>& pauses) {
  const lang::Trigger& trigger = bot.triggers.at(index);
  const std::string key = schedule::TriggerKey(trigger, index);
  auto last = store.LastFire(bot.name, key);
  if (!last) {
    return last.error();
  }
  const auto pause = std::find_if(pauses.begin(), pauses.end(), [&](const store::TriggerPause& p) {
    return p.bot == bot.name && p.trigger == key && p.resumed_at.empty();
  });
  const bool paused = pause != pauses.end();
  Value json = schedule::TriggerJson(bot, trigger, window.from, paused ? 0 : window.count);
  json["key"] = key;
  json["index"] = index + 1;
  json["paused"] = paused;
  json["paused_by"] = paused ? Value(pause->paused_by) : Value();
  json["paused_at"] = paused ? Value(pause->paused_at) : Value();
  json["last_fire"] = OrNull(*last);
  if (!json.contains("next")) {
    json["next"] = Value::array();
  }
  return json;
}

Result<Value> BotScheduleJson(store::Store& store, const lang::Bot& bot,
                              const ScheduleWindow& window) {
  auto pauses = store.ListTriggerPauses(bot.name);
  if (!pauses) {
    return pauses.error();
  }
  Value triggers = Value::array();
  for (size_t i = 0; i < bot.triggers.size(); ++i) {
    auto trigger = TriggerScheduleJson(store, bot, i, window, *pauses);
    if (!trigger) {
      return trigger.error();
    }
    triggers.push_back(std::move(*trigger));
  }
  return Value{{"bot", bot.name}, {"file", bot.file}, {"triggers", std::move(triggers)}};
}

Result<Value> SchedulesJson(store::Store& store, const std::vector<CatalogEntry>& entries,
                            const ScheduleWindow& window) {
  Value schedules = Value::array();
  for (const CatalogEntry& entry : entries) {
    if (!entry.bot || entry.bot->triggers.empty()) {
      continue;
    }
    auto schedule = BotScheduleJson(store, *entry.bot, window);
    if (!schedule) {
      return schedule.error();
    }
    schedules.push_back(std::move(*schedule));
  }
  return Value{{"from", WindowStart(window)}, {"schedules", std::move(schedules)}};
}

std::string WindowStart(const ScheduleWindow& window) {
  return schedule::FormatIso({std::chrono::local_seconds{window.from.time_since_epoch()}});
}

}  // namespace travet::server
