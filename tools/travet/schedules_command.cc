#include <cstdio>
#include <iostream>

#include "runtime/actions/bot_loading.h"
#include "runtime/schedule/iso_time.h"
#include "runtime/schedule/trigger_json.h"
#include "tools/travet/command.h"
#include "tools/travet/schedules_store.h"

namespace travet::cli {
namespace {

using std::chrono::sys_seconds;

struct SchedulesArgs {
  std::string file;
  std::string from;  // empty: now
  int count = 5;
  bool json = false;
};

std::string WeekdayName(const schedule::LocalTime& time) {
  static constexpr const char* kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  std::chrono::weekday day{std::chrono::floor<std::chrono::days>(time.time)};
  return kNames[day.c_encoding()];
}

std::string DurationText(Millis duration) {
  auto ms = duration.count();
  return ms % 1000 != 0 ? std::to_string(ms) + "ms" : std::to_string(ms / 1000) + "s";
}

// `cron "0 8 * * 1-5" Europe/Rome, skip holidays + 06-24, catch_up last`
std::string CronSummary(const lang::Trigger& trigger) {
  std::string text = "cron \"" + trigger.cron + "\" " + trigger.timezone;
  if (trigger.skip_holidays) {
    text += ", skip holidays";
    for (const auto& day : trigger.holidays)
      text += " + " + schedule::MonthDayText(day);
  }
  return text + ", catch_up " + std::string(lang::CatchUpName(trigger.catch_up));
}

// One line per fire, each starting with the trigger's number (#1, #2, ...).
bool PrintText(const lang::Bot& bot, sys_seconds from, int count) {
  bool ok = true;
  for (size_t i = 0; i < bot.triggers.size(); ++i) {
    const lang::Trigger& t = bot.triggers[i];
    const std::string label = "#" + std::to_string(i + 1) + " ";
    if (t.kind == lang::TriggerKind::kWatch) {
      std::cout << label << "fires on new files in " << schedule::WatchedFiles(t)
                << ", each once unchanged for " << DurationText(t.settle) << "\n";
      continue;
    }
    if (t.kind == lang::TriggerKind::kWebhook) {
      std::cout << label << "fires on POST " << schedule::WebhookPath(bot) << "\n";
      continue;
    }
    std::cout << label << CronSummary(t) << "\n";
    schedule::UpcomingFires fires = schedule::NextFires(t, from, count);
    for (const auto& time : fires.times)
      std::cout << label << schedule::FormatIso(time) << " " << WeekdayName(time) << "\n";
    if (!fires.error.empty()) {
      std::cerr << "travet schedules next: " << bot.file << ": trigger #" << i + 1 << ": "
                << fires.error << "\n";
      ok = false;
    }
  }
  if (bot.triggers.empty())
    std::cout << bot.file << " has no triggers: it runs only when started\n";
  return ok;
}

// {bot, from, triggers: [{index, kind, ...}]}; a cron trigger that cannot
// give `count` times has an `error`.
bool PrintJson(const lang::Bot& bot, sys_seconds from, int count) {
  bool ok = true;
  Value triggers = Value::array();
  for (size_t i = 0; i < bot.triggers.size(); ++i) {
    Value t = schedule::TriggerJson(bot, bot.triggers[i], from, count);
    ok = ok && !t.contains("error");
    t["index"] = i + 1;
    triggers.push_back(std::move(t));
  }
  Value out = {{"bot", bot.name},
               {"from", schedule::FormatIso({std::chrono::local_seconds{from.time_since_epoch()}})},
               {"triggers", triggers}};
  std::cout << out.dump(2) << "\n";
  return ok;
}

int Next(const SchedulesArgs& args) {
  lang::LoadResult loaded = actions::LoadBot(args.file);
  for (const auto& error : loaded.errors)
    std::cerr << error << "\n";
  if (!loaded.ok())
    return kExitInvalid;
  sys_seconds from = std::chrono::floor<std::chrono::seconds>(DefaultClock().Now());
  if (!args.from.empty()) {
    auto parsed = schedule::ParseIsoInstant(args.from);
    if (!parsed) {
      std::cerr << "travet schedules next: bad --from: " << parsed.error().message() << "\n";
      return kExitInvalid;
    }
    from = *parsed;
  }
  bool ok = args.json ? PrintJson(*loaded.bot, from, args.count)
                      : PrintText(*loaded.bot, from, args.count);
  return ok ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> SetupSchedules(CLI::App& cmd) {
  auto args = std::make_shared<SchedulesArgs>();
  cmd.require_subcommand(1);
  CLI::App* next =
      cmd.add_subcommand("next", "Print the next fire times of a bot's triggers, in local time");
  next->add_option("BOT", args->file, "Bot file (YAML)")->required();
  next->add_option("--from", args->from,
                   "Fire times after this instant: ISO 8601 with an offset or Z, e.g. "
                   "2026-03-28T12:00:00+01:00 (default: now)");
  next->add_option("--count", args->count, "Fire times per cron trigger (default 5)")
      ->check(CLI::Range(1, 1000));
  next->add_flag("--json", args->json, "Print JSON");
  next->footer(
      "A cron trigger fires in its time zone (default Europe/Rome): a time the clocks skip "
      "in spring fires once when they change (02:30 -> 03:00), a time they repeat in autumn "
      "fires once, the first time. Exit 1 when a cron trigger never fires.");
  std::function<int()> store_verbs = SetupScheduleStore(cmd);
  return [args, next, store_verbs] { return next->parsed() ? Next(*args) : store_verbs(); };
}

}  // namespace travet::cli
