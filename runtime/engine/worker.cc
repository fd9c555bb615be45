#include "runtime/engine/worker.h"

#include <thread>

#include "runtime/actions/bot_loading.h"
#include "runtime/engine/runner.h"

namespace travet::engine {
namespace {

bool Stopping(const WorkerOptions& options) {
  return options.stop != nullptr && options.stop->load();
}

void Report(const WorkerOptions& options, const std::string& line, bool problem = false) {
  if (options.report)
    options.report(line, problem);
}

// Sleeps `duration`, waking early when the worker is stopped or, with a
// WorkSignal, notified since `seen` (read before the worker looked for work).
void Nap(const WorkerOptions& options, Millis duration, uint64_t seen) {
  if (options.wake != nullptr) {
    options.wake->Wait(seen, duration, options.stop);
    return;
  }
  auto until = std::chrono::steady_clock::now() + duration;
  while (!Stopping(options) && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(Millis(50));
}

std::string Describe(const store::RunRecord& run) {
  return "run " + run.id + " " + run.bot + " (attempt " + std::to_string(run.attempt) + ")";
}

std::string Ended(const store::RunRecord& run, const RunOutcome& outcome) {
  std::string line = Describe(run) + " " + std::string(store::RunStateName(outcome.state)) + ", " +
                     std::to_string(outcome.steps_run) + " steps run";
  if (!outcome.error.empty())
    line += ": " + outcome.error;
  if (!outcome.waiting_for.empty())
    line += ": " + outcome.waiting_for;
  return line;
}

RunOptions RunOptionsFor(const WorkerOptions& options, const std::string& lease_owner) {
  RunOptions run_options;
  run_options.store = options.store;
  if (!options.secrets_file.empty())
    run_options.secrets.file = options.secrets_file;
  run_options.log_sink = options.log_sink;
  run_options.lease = options.lease;
  run_options.lease_owner = lease_owner;
  run_options.stop = options.stop;
  run_options.ocr = options.ocr;
  run_options.observe = options.observe;
  return run_options;
}

// Executes one claimed run and reports one line about it.
void Process(const store::RunRecord& run, const WorkerOptions& options) {
  lang::LoadResult loaded = actions::LoadBot(run.bot_file);
  if (!loaded.ok()) {
    // The loader's errors name the file already.
    std::string error =
        "cannot load the bot: " + (loaded.errors.empty() ? run.bot_file : loaded.errors.front());
    Status failed =
        options.store->FinishAttempt(run.id, run.attempt, store::RunState::kFailed, error);
    Report(options, Describe(run) + " failed: " + error +
                        (failed.ok() ? "" : " (not recorded: " + failed.message() + ")"));
    return;
  }
  auto outcome = ExecuteClaimedRun(*loaded.bot, run, RunOptionsFor(options, run.lease_owner));
  if (!outcome) {
    Report(options, Describe(run) + " stopped: " + outcome.error().message());
    return;
  }
  Report(options, Ended(run, *outcome));
}

// Takes one work item of a run another process executes and runs it; false
// when none was claimable or it could not run (the worker then pauses).
bool HelpWithAnItem(const WorkerOptions& options, const std::string& owner) {
  auto claim = options.store->ClaimItem(
      {.owner = owner, .now = DefaultClock().Now(), .length = options.lease.length});
  if (!claim) {
    Report(options, claim.error().message(), /*problem=*/true);
    return false;
  }
  if (!*claim)
    return false;
  const store::ItemClaim& c = **claim;
  const std::string what = "item " + c.item.Path() + " of " + Describe(c.run);
  lang::LoadResult loaded = actions::LoadBot(c.run.bot_file);
  if (!loaded.ok()) {
    ReleaseItem(*options.store, c);
    Report(options, what + " left to its run: cannot load the bot");
    return false;
  }
  auto item = RunClaimedItem(*loaded.bot, c, RunOptionsFor(options, owner));
  if (!item) {
    Report(options, what + " left: " + item.error().message());
    return false;
  }
  Report(options, what + " " + std::string(store::ItemStateName(item->state)));
  return true;
}

// Escalates overdue review tasks and expires old ones (re-queueing their
// runs, which a worker then claims), as `travet review sweep` does.
bool Sweep(const WorkerOptions& options) {
  auto report = options.store->SweepTasks(DefaultClock().Now());
  if (!report) {
    Report(options, "review sweep: " + report.error().message(), /*problem=*/true);
    return false;
  }
  for (const auto& task : report->escalated)
    Report(options, "task " + task.id + " escalated in queue " + task.queue);
  for (const auto& task : report->expired)
    Report(options, "task " + task.id + " expired undecided");
  return true;
}

}  // namespace

bool RunWorker(const WorkerOptions& options) {
  const std::string owner = NewLeaseOwner();
  bool ok = true;
  bool swept = false;
  while (!Stopping(options)) {
    if (!swept) {
      ok = Sweep(options) && ok;
      swept = true;
    }
    const uint64_t seen = options.wake != nullptr ? options.wake->Generation() : 0;
    auto claimed =
        ClaimNextRun(*options.store, {owner, DefaultClock().Now(), options.lease.length});
    if (!claimed) {
      Report(options, claimed.error().message(), /*problem=*/true);
      ok = false;
    } else if (claimed->has_value()) {
      Process(**claimed, options);
      continue;
    } else if (HelpWithAnItem(options, owner)) {
      continue;
    }
    if (options.once)
      break;
    Nap(options, options.poll, seen);
    swept = false;
  }
  return ok;
}

}  // namespace travet::engine
