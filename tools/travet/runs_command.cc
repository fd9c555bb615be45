#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <tuple>

#include "runtime/actions/bot_loading.h"
#include "runtime/core/line_escape.h"
#include "runtime/engine/item_retry.h"
#include "runtime/engine/runner.h"
#include "runtime/store/run_json.h"
#include "runtime/store/store.h"
#include "tools/travet/command.h"
#include "tools/travet/run_output.h"
#include "tools/travet/scan_reader.h"
#include "tools/travet/time_bound.h"

namespace travet::cli {
namespace {

// One line per item: state, key, then why it failed or how it ended.
void PrintItems(const std::vector<store::WorkItem>& items) {
  // An item not started yet has no key: it is named by its place in the loop.
  auto name = [](const store::WorkItem& item) { return item.key.empty() ? item.Path() : item.key; };
  size_t width = 4;
  for (const auto& item : items)
    width = std::max(width, name(item).size() + 2);
  for (const auto& item : items) {
    std::string note = !item.error.empty() ? item.error : item.outcome;
    std::cout << "  " << std::left << std::setw(16) << store::ItemStateName(item.state)
              << std::setw(static_cast<int>(width)) << name(item)
              << (item.attempts > 1 ? std::to_string(item.attempts) + " attempts  " : "")
              << EscapeControls(note) << "\n";
  }
}

int Items(store::Store& store, const std::string& id, const std::string& state, bool json) {
  auto run = store.GetRun(id);
  if (!run) {
    std::cerr << "travet runs items: " << run.error().message() << "\n";
    return kExitInvalid;
  }
  store::ItemFilter filter;
  if (!state.empty()) {
    filter.state = store::ParseItemState(state);
    if (!filter.state) {
      std::cerr << "travet runs items: unknown state '" << state
                << "' (pending, running, waiting_review, succeeded, failed)\n";
      return kExitInvalid;
    }
  }
  auto items = store.ListWorkItems(id, filter);
  if (!items) {
    std::cerr << "travet runs items: " << items.error().message() << "\n";
    return kExitFailed;
  }
  if (json) {
    Value list = Value::array();
    for (const auto& item : *items)
      list.push_back(store::WorkItemJson(item));
    std::cout << list.dump(2) << "\n";
  } else {
    PrintItems(*items);
  }
  return kExitOk;
}

// One page of runs, newest first. There is always a limit, never a silent
// one: when more runs match, the page says how to get the next.
int List(store::Store& store, store::RunFilter filter, bool json) {
  int page = filter.limit;
  if (page > 0)
    filter.limit = page + 1;  // one more tells whether there is a next page
  auto runs = store.ListRuns(filter);
  if (!runs) {
    std::cerr << "travet runs list: " << runs.error().message() << "\n";
    return runs.error().code() == StatusCode::kNotFound ? kExitInvalid : kExitFailed;
  }
  bool more = page > 0 && runs->size() > static_cast<size_t>(page);
  if (more)
    runs->resize(page);
  Value next = more ? Value(runs->back().id) : Value();
  if (json) {
    Value list = Value::array();
    for (const auto& run : *runs)
      list.push_back(store::RunJson(run));
    std::cout << Value{{"runs", std::move(list)}, {"next_before", next}}.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& run : *runs) {
    std::cout << std::left << std::setw(26) << run.id << std::setw(16)
              << store::RunStateName(run.state) << std::setw(26) << run.created_at << run.bot
              << "\n";
  }
  if (more) {
    std::cerr << "(" << page << " shown, more match: add --before " << next.get<std::string>()
              << " for the next page, or --limit 0 for all)\n";
  }
  return kExitOk;
}

// The text of `travet runs show` for `run`, whose JSON (with steps) is `v`.
void PrintRun(const store::RunRecord& run, const Value& v,
              const std::vector<store::WorkItem>& items, const std::vector<store::Event>& events) {
  std::cout << "run      " << run.id << "\nbot      " << run.bot << " (" << run.bot_file
            << ")\nstate    " << store::RunStateName(run.state) << "\ncreated  " << run.created_at
            << "\nfinished " << run.finished_at << "\ninputs   " << run.inputs.dump() << "\n";
  if (!run.lease_owner.empty())
    std::cout << "lease    " << run.lease_owner << " until " << run.lease_until << "\n";
  if (!run.work_dir.empty())
    std::cout << "workdir  " << run.work_dir << "\n";
  if (!run.error.empty())
    std::cout << "error    " << EscapeControls(run.error) << "\n";
  std::cout << "\nsteps:\n";
  size_t width = 4;
  for (const auto& s : v["steps"])
    width = std::max(width, s["path"].get<std::string>().size() + 2);
  for (const auto& s : v["steps"]) {
    std::cout << "  " << std::left << std::setw(10) << s["status"].get<std::string>()
              << std::setw(static_cast<int>(width)) << s["path"].get<std::string>()
              << s["duration_ms"].get<long long>() << " ms"
              << (s["attempts"].get<int>() > 1 ? ", " + s["attempts"].dump() + " attempts" : "")
              << "\n";
  }
  if (!items.empty()) {
    std::map<std::string, int> counts;
    for (const auto& item : items)
      ++counts[std::string(store::ItemStateName(item.state))];
    std::cout << "\nitems:";
    for (const auto& [state, n] : counts)
      std::cout << " " << n << " " << state;
    std::cout << "\n";
    PrintItems(items);
  }
  std::cout << "\nlog:\n";
  for (const auto& e : events) {
    // Left-aligned here too: with no steps printed above, nothing has set it.
    std::cout << "  " << e.time << " " << std::left << std::setw(8) << e.level
              << (e.step_path.empty() ? "" : EscapeControls(e.step_path) + ": ")
              << EscapeControls(e.message) << "\n";
  }
}

int Show(store::Store& store, const std::string& id, bool json) {
  auto run = store.GetRun(id);
  if (!run) {
    std::cerr << "travet runs show: " << run.error().message() << "\n";
    return kExitFailed;
  }
  auto checkpoints = store.LoadCheckpoints(id);
  auto events = store.LoadEvents(id);
  auto items = store.ListWorkItems(id);
  for (const Status* failed :
       {checkpoints ? nullptr : &checkpoints.error(), events ? nullptr : &events.error(),
        items ? nullptr : &items.error()}) {
    if (failed) {
      std::cerr << "travet runs show: " << failed->message() << "\n";
      return kExitFailed;
    }
  }
  Value v = store::RunDetailJson(*run, *checkpoints, *items, *events);
  if (json)
    std::cout << v.dump(2) << "\n";
  else
    PrintRun(*run, v, *items, *events);
  return kExitOk;
}

struct ResumeArgs {
  std::string work_dir;  // empty: the folder recorded with the run
  std::string secrets_file;
  bool quiet = false;
  bool json = false;
};

// Continues run `id` with its own bot: `go` runs it (ResumeRun, RetryItems)
// and its outcome is printed. `command` names the CLI command in messages.
using Continue =
    std::function<Result<engine::RunOutcome>(const lang::Bot&, const engine::RunOptions&)>;
int ContinueRun(store::Store& store, const std::string& id, const ResumeArgs& args,
                const std::string& command, const Continue& go) {
  auto run = store.GetRun(id);
  if (!run) {
    std::cerr << command << ": " << run.error().message() << "\n";
    return kExitInvalid;
  }
  lang::LoadResult loaded = actions::LoadBot(run->bot_file);
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors)
      std::cerr << error << "\n";
    return kExitInvalid;
  }
  engine::RunOptions options;
  options.store = &store;
  options.ocr = &ScanReader();
  options.work_dir = args.work_dir;  // empty: the run's own
  if (!args.secrets_file.empty())
    options.secrets.file = args.secrets_file;
  options.log_sink = StderrSink(args.quiet);
  auto outcome = go(*loaded.bot, options);
  if (!outcome) {
    std::cerr << command << ": " << outcome.error().message() << "\n";
    switch (outcome.error().code()) {
      case StatusCode::kFailedPrecondition:
        return kExitConflict;  // executed by someone else, finished or cancelled
      case StatusCode::kNotFound:
      case StatusCode::kInvalidArgument:
        return kExitInvalid;  // no such item, nothing to retry
      default:
        return kExitFailed;
    }
  }
  return PrintOutcome(*outcome, args.json);
}

int Resume(store::Store& store, const std::string& id, const ResumeArgs& args) {
  return ContinueRun(store, id, args, "travet runs resume",
                     [&](const lang::Bot& bot, const engine::RunOptions& options) {
                       return engine::ResumeRun(bot, id, options);
                     });
}

// Sends failed (or the named) work items back to work and continues the run.
int Retry(store::Store& store, const std::string& id, std::vector<std::string> keys,
          const ResumeArgs& args) {
  if (keys.size() == 1 && keys[0] == "failed")
    keys.clear();
  return ContinueRun(store, id, args, "travet runs retry",
                     [&](const lang::Bot& bot, const engine::RunOptions& options) {
                       return engine::RetryItems(bot, id, keys, options);
                     });
}

int Cancel(store::Store& store, const std::string& id) {
  auto run = store.GetRun(id);
  if (!run) {
    std::cerr << "travet runs cancel: " << run.error().message() << "\n";
    return kExitInvalid;
  }
  Status s =
      store.Transition(id, run->state, store::RunState::kCancelled, "cancelled by an operator");
  if (!s.ok()) {
    std::cerr << "travet runs cancel: " << s.message() << "\n";
    return kExitConflict;
  }
  std::cout << "run " << id << " cancelled\n";
  return kExitOk;
}

struct RunsArgs {
  StoreFlag store;
  bool json = false;
  std::string id;
  std::string bot;
  std::string state;
  std::string since, until, before;
  int limit = 50;
  ResumeArgs resume;  // resume and retry
  std::vector<std::string> retry_keys;
};

// The options resume and retry share.
void AddContinueOptions(CLI::App& sub, RunsArgs& args) {
  sub.add_option("ID", args.id, "The run id")->required();
  sub.add_option("--workdir", args.resume.work_dir,
                 "Folder file actions work in (default: the run's own)");
  sub.add_option("--secrets", args.resume.secrets_file, "File of NAME=value secrets (mode 0600)");
  sub.add_flag("-q,--quiet", args.resume.quiet, "Only warnings and errors on stderr");
}

CLI::App* AddResume(CLI::App& cmd, RunsArgs& args) {
  CLI::App* resume = cmd.add_subcommand(
      "resume",
      "Continue a queued or waiting run, or take over a running one whose executor is gone");
  AddContinueOptions(*resume, args);
  resume->footer(
      "A running run is taken over once its lease lapsed, or at once when its lease holder is "
      "a process on this host that no longer exists.\nExit status: 0 succeeded, 1 failed, 2 "
      "unknown run or invalid bot, 3 waiting for review, 4 the run is executed by someone else "
      "or finished.");
  return resume;
}

CLI::App* AddRetry(CLI::App& cmd, RunsArgs& args) {
  CLI::App* retry = cmd.add_subcommand(
      "retry", "Send failed work items (or those named) back to work and continue the run");
  AddContinueOptions(*retry, args);
  retry->add_option("--items", args.retry_keys,
                    "failed (the default), or the keys of the items to do again");
  retry->footer(
      "The items run again from their first step, with new idempotency keys; the steps after "
      "their loop run again too. Works on a finished run as well.\nExit status: as runs resume; "
      "2 also for a key no item has or no failed item, 4 for a run being executed or cancelled.");
  return retry;
}

CLI::App* AddList(CLI::App& cmd, RunsArgs& args) {
  CLI::App* list = cmd.add_subcommand("list", "List runs, newest first");
  list->add_option("--bot", args.bot, "Only runs of this bot");
  list->add_option(
      "--state", args.state,
      "Only runs in this state (queued, running, waiting_review, succeeded, failed, cancelled)");
  list->add_option("--since", args.since, "Only runs created from this date or time on");
  list->add_option("--until", args.until,
                   "Only runs created before this time, or up to this date included");
  list->add_option("--before", args.before, "The next page: runs listed after this run");
  list->add_option("--limit", args.limit, "At most this many runs per page (0: all)")
      ->capture_default_str();
  list->footer(
      "Dates are YYYY-MM-DD or 2026-11-27T08:15:00Z (UTC). When more runs match than "
      "a page holds, stderr says how to get the next page; --json gives its "
      "next_before.");
  return list;
}

// The filter of `runs list`, or the message of a bad state or date.
Result<store::RunFilter> ListFilter(const RunsArgs& args) {
  store::RunFilter filter;
  filter.limit = args.limit;
  if (!args.bot.empty())
    filter.bot = args.bot;
  if (!args.state.empty()) {
    filter.state = store::ParseRunState(args.state);
    if (!filter.state)
      return InvalidArgument("unknown state '" + args.state + "'");
  }
  for (auto [text, bound, name, field] :
       {std::tuple{&args.since, Bound::kFrom, "--since", &filter.since},
        std::tuple{&args.until, Bound::kUntil, "--until", &filter.until}}) {
    if (text->empty())
      continue;
    *field = StoreTimeBound(*text, bound);
    if (!*field)
      return InvalidArgument(std::string(name) + " '" + *text +
                             "' is not a date: " + std::string(kTimeBoundHint));
  }
  if (!args.before.empty())
    filter.before = args.before;
  return filter;
}

int ListRuns(store::Store& store, const RunsArgs& args) {
  auto filter = ListFilter(args);
  if (!filter) {
    std::cerr << "travet runs list: " << filter.error().message() << "\n";
    return kExitInvalid;
  }
  return List(store, *filter, args.json);
}

}  // namespace

std::function<int()> SetupRuns(CLI::App& cmd) {
  auto args = std::make_shared<RunsArgs>();
  cmd.require_subcommand(1);
  CLI::App* list = AddList(cmd, *args);
  CLI::App* show = cmd.add_subcommand("show", "Show a run: its steps and its log");
  show->add_option("ID", args->id, "The run id")->required();
  CLI::App* resume = AddResume(cmd, *args);
  CLI::App* cancel = cmd.add_subcommand("cancel", "Cancel a queued or waiting run");
  cancel->add_option("ID", args->id, "The run id")->required();
  CLI::App* retry = AddRetry(cmd, *args);
  CLI::App* items = cmd.add_subcommand(
      "items", "List the work items of a run (loops with items: true): state, key, error");
  items->add_option("ID", args->id, "The run id")->required();
  items->add_option("--state", args->state,
                    "Only items in this state (pending, running, waiting_review, succeeded, "
                    "failed)");
  for (CLI::App* sub : {list, show, resume, cancel, items, retry}) {
    args->store.Add(*sub);
    sub->add_flag("--json", args->json, "Print JSON");
  }
  return [args, list, resume, cancel, items, retry] {
    bool writes = resume->parsed() || cancel->parsed() || retry->parsed();
    auto store = store::OpenStore(args->store.url,
                                  writes ? store::StoreAccess::kWrite : store::StoreAccess::kRead);
    if (!store) {
      std::cerr << "travet runs: " << store.error().message() << "\n";
      return int(kExitFailed);
    }
    args->resume.json = args->json;
    if (resume->parsed())
      return Resume(**store, args->id, args->resume);
    if (cancel->parsed())
      return Cancel(**store, args->id);
    if (items->parsed())
      return Items(**store, args->id, args->state, args->json);
    if (retry->parsed())
      return Retry(**store, args->id, args->retry_keys, args->resume);
    if (list->parsed())
      return ListRuns(**store, *args);
    return Show(**store, args->id, args->json);
  };
}

}  // namespace travet::cli
