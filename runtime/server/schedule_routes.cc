// Schedules: every served bot's triggers with their next fire times, one
// bot's, and pausing and resuming one trigger.
#include "runtime/schedule/iso_time.h"
#include "runtime/schedule/trigger_key.h"
#include "runtime/server/routes.h"
#include "runtime/server/schedule_view.h"
#include "runtime/server/server_context.h"

namespace travet::server {
namespace {

// `?from=` (an ISO 8601 instant; default now) and `?count=` of a request.
Result<ScheduleWindow> WindowOf(const ApiRequest& request, Clock& clock) {
  ScheduleWindow window;
  window.from = std::chrono::floor<std::chrono::seconds>(
      std::chrono::sys_time<TimePoint::duration>(clock.Now().time_since_epoch()));
  if (const std::string from = request.Query("from"); !from.empty()) {
    auto parsed = schedule::ParseIsoInstant(from);
    if (!parsed) {
      return InvalidArgument("from: " + parsed.error().message());
    }
    window.from = *parsed;
  }
  auto count = QueryCount(request, "count", kDefaultNextFires, kMaxNextFires);
  if (!count) {
    return count.error();
  }
  window.count = *count;
  return window;
}

ApiResponse NoBot(const std::string& name) {
  return Problem(404, "not-found", "No such bot", "no valid bot named '" + name + "' is served");
}

// Pauses (`pause`) or resumes the trigger the request names, as its caller;
// answers the trigger as it now is. Both are idempotent: pausing a paused
// trigger keeps who paused it and when.
ApiResponse ChangePause(const ApiRequest& request, ServerContext& context, bool pause) {
  const std::string& name = request.params.at("bot");
  const auto bot = context.bots.Find(name);
  if (!bot) {
    return NoBot(name);
  }
  const std::string& text = request.params.at("trigger");
  const auto index = schedule::FindTrigger(*bot, text);
  if (!index) {
    return Problem(404, "not-found", "No such trigger",
                   "bot " + name + " has no trigger '" + text + "' (a key such as cron#1, " +
                       "written cron%231 in a URL, or its number)");
  }
  const store::TriggerChange change{name, schedule::TriggerKey(bot->triggers[*index], *index),
                                    request.caller.user, context.clock.Now()};
  auto changed = pause ? context.store.PauseTrigger(change) : context.store.ResumeTrigger(change);
  if (!changed) {
    return ProblemOf(changed.error());
  }
  auto pauses = context.store.ListTriggerPauses(name);
  if (!pauses) {
    return ProblemOf(pauses.error());
  }
  auto window = WindowOf(request, context.clock);
  if (!window) {
    return ProblemOf(window.error());
  }
  auto trigger = TriggerScheduleJson(context.store, *bot, *index, *window, *pauses);
  return trigger ? JsonResponse(200, *trigger) : ProblemOf(trigger.error());
}

}  // namespace

ApiResponse ListSchedules(const ApiRequest& request, ServerContext& context) {
  auto window = WindowOf(request, context.clock);
  if (!window) {
    return ProblemOf(window.error());
  }
  auto schedules = SchedulesJson(context.store, *context.bots.Entries(), *window);
  return schedules ? JsonResponse(200, *schedules) : ProblemOf(schedules.error());
}

ApiResponse ShowSchedule(const ApiRequest& request, ServerContext& context) {
  const std::string& name = request.params.at("bot");
  const auto bot = context.bots.Find(name);
  if (!bot) {
    return NoBot(name);
  }
  auto window = WindowOf(request, context.clock);
  if (!window) {
    return ProblemOf(window.error());
  }
  auto schedule = BotScheduleJson(context.store, *bot, *window);
  if (!schedule) {
    return ProblemOf(schedule.error());
  }
  (*schedule)["from"] = WindowStart(*window);
  return JsonResponse(200, *schedule);
}

ApiResponse PauseSchedule(const ApiRequest& request, ServerContext& context) {
  return ChangePause(request, context, true);
}

ApiResponse ResumeSchedule(const ApiRequest& request, ServerContext& context) {
  return ChangePause(request, context, false);
}

}  // namespace travet::server
