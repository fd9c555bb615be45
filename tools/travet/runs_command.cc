#include <algorithm>
#include <iomanip>
#include <iostream>

#include "runtime/store/store.h"
#include "tools/travet/command.h"

namespace travet::cli {
namespace {

Value RunJson(const store::RunRecord& run) {
  return {{"id", run.id},
          {"bot", run.bot},
          {"bot_file", run.bot_file},
          {"state", std::string(store::RunStateName(run.state))},
          {"inputs", run.inputs},
          {"created_at", run.created_at},
          {"started_at", run.started_at},
          {"finished_at", run.finished_at},
          {"error", run.error},
          {"attempt", run.attempt}};
}

int List(store::Store& store, const store::RunFilter& filter, bool json) {
  auto runs = store.ListRuns(filter);
  if (!runs) {
    std::cerr << "travet runs list: " << runs.error().message() << "\n";
    return kExitFailed;
  }
  if (json) {
    Value list = Value::array();
    for (const auto& run : *runs) list.push_back(RunJson(run));
    std::cout << list.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& run : *runs) {
    std::cout << std::left << std::setw(26) << run.id << std::setw(16)
              << store::RunStateName(run.state) << std::setw(26) << run.created_at << run.bot
              << "\n";
  }
  return kExitOk;
}

int Show(store::Store& store, const std::string& id, bool json) {
  auto run = store.GetRun(id);
  if (!run) {
    std::cerr << "travet runs show: " << run.error().message() << "\n";
    return kExitFailed;
  }
  auto checkpoints = store.LoadCheckpoints(id);
  auto events = store.LoadEvents(id);
  if (!checkpoints || !events) {
    std::cerr << "travet runs show: " << (!checkpoints ? checkpoints.error() : events.error()).message() << "\n";
    return kExitFailed;
  }
  Value v = RunJson(*run);
  v["steps"] = Value::array();
  for (const auto& cp : *checkpoints) {
    v["steps"].push_back({{"path", cp.step_path},
                          {"status", std::string(store::StepStatusName(cp.status))},
                          {"attempts", cp.attempts},
                          {"duration_ms", cp.duration_ms},
                          {"output", cp.output},
                          {"error", cp.error}});
  }
  v["events"] = Value::array();
  for (const auto& e : *events) {
    v["events"].push_back({{"time", e.time}, {"level", e.level}, {"step", e.step_path}, {"message", e.message}});
  }
  if (json) {
    std::cout << v.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "run      " << run->id << "\nbot      " << run->bot << " (" << run->bot_file
            << ")\nstate    " << store::RunStateName(run->state) << "\ncreated  " << run->created_at
            << "\nfinished " << run->finished_at << "\ninputs   " << run->inputs.dump() << "\n";
  if (!run->error.empty()) std::cout << "error    " << run->error << "\n";
  std::cout << "\nsteps:\n";
  size_t width = 4;
  for (const auto& s : v["steps"]) width = std::max(width, s["path"].get<std::string>().size() + 2);
  for (const auto& s : v["steps"]) {
    std::cout << "  " << std::left << std::setw(10) << s["status"].get<std::string>()
              << std::setw(static_cast<int>(width))
              << s["path"].get<std::string>() << s["duration_ms"].get<long long>() << " ms"
              << (s["attempts"].get<int>() > 1 ? ", " + s["attempts"].dump() + " attempts" : "") << "\n";
  }
  std::cout << "\nlog:\n";
  for (const auto& e : *events) {
    std::cout << "  " << e.time << " " << std::setw(8) << e.level << (e.step_path.empty() ? "" : e.step_path + ": ")
              << e.message << "\n";
  }
  return kExitOk;
}

}  // namespace

std::function<int()> SetupRuns(CLI::App& cmd) {
  struct Args {
    StoreFlag store;
    bool json = false;
    std::string id;
    std::string bot;
    std::string state;
    int limit = 50;
  };
  auto args = std::make_shared<Args>();
  cmd.require_subcommand(1);
  CLI::App* list = cmd.add_subcommand("list", "List runs, newest first");
  CLI::App* show = cmd.add_subcommand("show", "Show a run: its steps and its log");
  for (CLI::App* sub : {list, show}) {
    args->store.Add(*sub);
    sub->add_flag("--json", args->json, "Print JSON");
  }
  list->add_option("--bot", args->bot, "Only runs of this bot");
  list->add_option("--state", args->state, "Only runs in this state (queued, running, waiting_review, succeeded, failed, cancelled)");
  list->add_option("--limit", args->limit, "At most this many runs")->capture_default_str();
  show->add_option("ID", args->id, "The run id")->required();
  return [args, list] {
    auto store = store::OpenStore(args->store.url);
    if (!store) {
      std::cerr << "travet runs: " << store.error().message() << "\n";
      return int(kExitFailed);
    }
    if (!list->parsed()) return Show(**store, args->id, args->json);
    store::RunFilter filter;
    filter.limit = args->limit;
    if (!args->bot.empty()) filter.bot = args->bot;
    if (!args->state.empty()) {
      filter.state = store::ParseRunState(args->state);
      if (!filter.state) {
        std::cerr << "travet runs list: unknown state '" << args->state << "'\n";
        return int(kExitInvalid);
      }
    }
    return List(**store, filter, args->json);
  };
}

}  // namespace travet::cli
