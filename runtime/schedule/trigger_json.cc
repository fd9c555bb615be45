#include "runtime/schedule/trigger_json.h"

#include <cstdio>

#include "runtime/schedule/next_fire.h"

namespace travet::schedule {
namespace {

using std::chrono::sys_seconds;

Value CronJson(const lang::Trigger& t, sys_seconds from, int count) {
  Value holidays = Value::array();
  for (const auto& day : t.holidays) {
    holidays.push_back(MonthDayText(day));
  }
  UpcomingFires fires = NextFires(t, from, count);
  Value next = Value::array();
  for (const auto& time : fires.times) {
    next.push_back(FormatIso(time));
  }
  Value json = {{"kind", "cron"},
                {"cron", t.cron},
                {"timezone", t.timezone},
                {"skip", t.skip_holidays ? Value("holidays") : Value()},
                {"holidays", holidays},
                {"catch_up", std::string(lang::CatchUpName(t.catch_up))},
                {"next", next}};
  if (!fires.error.empty()) {
    json["error"] = fires.error;
  }
  return json;
}

}  // namespace

UpcomingFires NextFires(const lang::Trigger& trigger, sys_seconds from, int count) {
  UpcomingFires fires;
  auto calendar = CalendarOf(trigger);
  if (!calendar) {
    fires.error = calendar.error().message();
    return fires;
  }
  for (sys_seconds after = from; static_cast<int>(fires.times.size()) < count;) {
    auto fire = NextFire(*calendar, after);
    if (!fire) {
      fires.error = fire.error().message();
      break;
    }
    auto local = ToLocalTime(*fire, trigger.timezone);
    if (!local) {
      fires.error = local.error().message();
      break;
    }
    fires.times.push_back(*local);
    after = *fire;
  }
  return fires;
}

std::string MonthDayText(std::chrono::month_day day) {
  char out[8];
  std::snprintf(out, sizeof out, "%02u-%02u", static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return out;
}

std::string WatchedFiles(const lang::Trigger& trigger) {
  const std::string& path = trigger.watch_path;
  return path.empty() || path.back() == '/' ? path + trigger.pattern : path + "/" + trigger.pattern;
}

std::string WebhookPath(const lang::Bot& bot) {
  return "/api/v1/hooks/" + bot.name;
}

Value TriggerJson(const lang::Bot& bot, const lang::Trigger& trigger, sys_seconds from, int count) {
  switch (trigger.kind) {
    case lang::TriggerKind::kCron:
      return CronJson(trigger, from, count);
    case lang::TriggerKind::kWatch:
      return {{"kind", "watch"},
              {"path", trigger.watch_path},
              {"pattern", trigger.pattern},
              {"settle_ms", trigger.settle.count()},
              {"input", trigger.input}};
    case lang::TriggerKind::kWebhook:
      return {{"kind", "webhook"}, {"method", "POST"}, {"path", WebhookPath(bot)}};
  }
  return Value::object();
}

}  // namespace travet::schedule
