// travet schedules list|pause|resume: what `travet serve` shows and changes
// at /api/v1/schedules, from the command line.
#include "tools/travet/schedules_store.h"

#include <iomanip>
#include <iostream>
#include <memory>

#include "runtime/schedule/iso_time.h"
#include "runtime/schedule/trigger_key.h"
#include "runtime/server/bot_catalog.h"
#include "runtime/server/schedule_view.h"
#include "tools/travet/command.h"
#include "tools/travet/operator_name.h"

namespace travet::cli {
namespace {

struct StoreVerbArgs {
  StoreFlag store;
  std::string verb;
  std::string bots_dir;
  std::string bot, trigger, as, from;
  int count = server::kDefaultNextFires;
  bool json = false;
};

int ScheduleFail(const std::string& verb, const Status& status) {
  std::cerr << "travet schedules " << verb << ": " << status.message() << "\n";
  return status.code() == StatusCode::kInvalidArgument ? kExitInvalid : kExitFailed;
}

Result<server::ScheduleWindow> CliWindow(const StoreVerbArgs& a) {
  server::ScheduleWindow window{std::chrono::floor<std::chrono::seconds>(DefaultClock().Now()),
                                a.count};
  if (!a.from.empty()) {
    auto from = schedule::ParseIsoInstant(a.from);
    if (!from)
      return InvalidArgument("bad --from: " + from.error().message());
    window.from = *from;
  }
  return window;
}

// One line per trigger: bot, key, state, last fire, first next fire.
void PrintTriggerTable(const Value& schedules) {
  for (const Value& bot : schedules["schedules"]) {
    for (const Value& t : bot["triggers"]) {
      const std::string state =
          t["paused"].get<bool>() ? "paused by " + t["paused_by"].get<std::string>() : "active";
      std::cout << std::left << std::setw(24) << bot["bot"].get<std::string>() << std::setw(11)
                << t["key"].get<std::string>() << std::setw(22) << state << std::setw(26)
                << (t["last_fire"].is_string() ? t["last_fire"].get<std::string>() : "-")
                << (t["next"].empty() ? "-" : t["next"][0].get<std::string>()) << "\n";
    }
  }
}

int ListTriggers(store::Store& store, const StoreVerbArgs& a) {
  server::BotCatalog bots(a.bots_dir);
  if (Status read = bots.Reload(); !read.ok())
    return ScheduleFail("list", read);
  for (const server::CatalogEntry& entry : *bots.Entries()) {
    for (const std::string& error : entry.errors)
      std::cerr << "bot not scheduled: " << error << "\n";
  }
  auto window = CliWindow(a);
  if (!window)
    return ScheduleFail("list", window.error());
  auto schedules = server::SchedulesJson(store, *bots.Entries(), *window);
  if (!schedules)
    return ScheduleFail("list", schedules.error());
  if (a.json)
    std::cout << schedules->dump(2) << "\n";
  else
    PrintTriggerTable(*schedules);
  return kExitOk;
}

int PauseOrResume(store::Store& store, const StoreVerbArgs& a) {
  const bool pause = a.verb == "pause";
  const store::TriggerChange change{a.bot, a.trigger, OperatorName(a.as), DefaultClock().Now()};
  auto changed = pause ? store.PauseTrigger(change) : store.ResumeTrigger(change);
  if (!changed)
    return ScheduleFail(a.verb, changed.error());
  std::cout << "trigger " << a.trigger << " of " << a.bot
            << (*changed ? (pause ? " paused" : " resumed")
                         : (pause ? " was paused already" : " was not paused"))
            << "\n";
  return kExitOk;
}

int RunScheduleVerb(const StoreVerbArgs& a) {
  if (a.verb != "list") {
    if (Status key = schedule::CheckTriggerKey(a.trigger); !key.ok())
      return ScheduleFail(a.verb, key);
  }
  auto opened = store::OpenStore(
      a.store.url, a.verb == "list" ? store::StoreAccess::kRead : store::StoreAccess::kWrite);
  if (!opened)
    return ScheduleFail(a.verb, opened.error());
  return a.verb == "list" ? ListTriggers(**opened, a) : PauseOrResume(**opened, a);
}

}  // namespace

std::function<int()> SetupScheduleStore(CLI::App& cmd) {
  auto a = std::make_shared<StoreVerbArgs>();
  CLI::App* list = cmd.add_subcommand(
      "list", "List the triggers of the bots of a folder: paused or not, last and next fire");
  list->add_option("--bots", a->bots_dir, "The bots folder `travet serve` serves")->required();
  list->add_option("--from", a->from, "Fire times after this instant (default: now)");
  list->add_option("--count", a->count, "Fire times per cron trigger in --json (default 5)")
      ->check(CLI::Range(1, server::kMaxNextFires));
  list->add_flag("--json", a->json, "Print JSON, as GET /api/v1/schedules answers");
  list->callback([a] { a->verb = "list"; });
  a->store.Add(*list);
  for (const char* verb : {"pause", "resume"}) {
    CLI::App* sub =
        cmd.add_subcommand(verb, std::string(verb == std::string("pause") ? "Pause" : "Resume") +
                                     " a trigger of a bot for every server on the store");
    sub->add_option("BOT", a->bot, "The bot's name")->required();
    sub->add_option("TRIGGER", a->trigger, "The trigger's key: cron#1, watch#2, webhook#3")
        ->required();
    sub->add_option("--as", a->as, "Who does it (default: the logged-in user)");
    a->store.Add(*sub);
    sub->callback([a, verb] { a->verb = verb; });
  }
  cmd.footer(
      "A paused trigger does not fire on any server on the store until resumed; the fire "
      "times that pass meanwhile are not caught up.");
  return [a] { return RunScheduleVerb(*a); };
}

}  // namespace travet::cli
