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

// Sleeps `duration`, waking early when the worker is stopped.
void Nap(const WorkerOptions& options, Millis duration) {
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
  RunOptions run_options;
  run_options.store = options.store;
  if (!options.secrets_file.empty())
    run_options.secrets.file = options.secrets_file;
  run_options.log_sink = options.log_sink;
  run_options.lease = options.lease;
  run_options.lease_owner = run.lease_owner;
  run_options.stop = options.stop;
  auto outcome = ExecuteClaimedRun(*loaded.bot, run, run_options);
  if (!outcome) {
    Report(options, Describe(run) + " stopped: " + outcome.error().message());
    return;
  }
  Report(options, Ended(run, *outcome));
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
    auto claimed =
        ClaimNextRun(*options.store, {owner, DefaultClock().Now(), options.lease.length});
    if (!claimed) {
      Report(options, claimed.error().message(), /*problem=*/true);
      ok = false;
    } else if (claimed->has_value()) {
      Process(**claimed, options);
      continue;
    }
    if (options.once)
      break;
    Nap(options, options.poll);
    swept = false;
  }
  return ok;
}

}  // namespace travet::engine
